package reports

import (
	"cmp"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/pipeline"
	"github.com/apache/arrow/go/v17/arrow"
)

// Summary is everything a run's report says, computed from OUT's Parquet
// files and manifest alone.
type Summary struct {
	Run           Run               `json:"run"`
	Scores        []ScoreSummary    `json:"scores"`
	Distributions []NamedDist       `json:"distributions"`
	Breakdowns    []Breakdown       `json:"breakdowns"`
	Weakest       []WeakPost        `json:"weakest"`
	Stale         StaleSection      `json:"stale"`
	Untruthful    UntruthfulSection `json:"untruthful"`
	Errors        []KindCount       `json:"errors_by_kind"`
	Warnings      []KindCount       `json:"warnings_by_kind"`
}

// Run is the run's provenance and counts, from the manifest.
type Run struct {
	AsOf             string  `json:"as_of"`
	ModelName        string  `json:"model_name"`
	ModelVersion     string  `json:"model_version"`
	ModelHash        string  `json:"model_hash"`
	HalfLifeDays     float64 `json:"model_half_life_days"`
	PostscoreVersion string  `json:"postscore_version"`
	Inputs           int64   `json:"inputs"`
	Rows             int64   `json:"rows"`
	Errors           int64   `json:"errors"`
	DurationSeconds  float64 `json:"duration_seconds"`
	PostsPerSecond   float64 `json:"posts_per_second"`
	Start            string  `json:"start"`
	Corpus           string  `json:"corpus"`
}

// ScoreSummary summarises one score and how its claims compare.
type ScoreSummary struct {
	Name   string `json:"name"`
	Dist   Dist   `json:"distribution"`
	Claims Claims `json:"claimed_vs_recomputed"`
}

// NamedDist is the distribution of one feature.
type NamedDist struct {
	Name string `json:"name"`
	Dist Dist   `json:"distribution"`
}

// Breakdown is posts grouped by one meta column.
type Breakdown struct {
	By     string  `json:"by"`
	Groups []Group `json:"groups"` // the largest groups, at most maxGroups
	More   int     `json:"more_groups"`
	None   int     `json:"posts_without"`
}

// Group is one value of a breakdown.
type Group struct {
	Key           string   `json:"key"`
	Posts         int      `json:"posts"`
	MeanQuality   *float64 `json:"mean_quality"`
	MeanFreshness *float64 `json:"mean_freshness"`
	MeanDepth     *float64 `json:"mean_depth"`
	MeanClarity   *float64 `json:"mean_clarity"`
	sums          [4]float64
	counts        [4]int
}

// WeakPost is one of the weakest posts with its main reasons.
type WeakPost struct {
	PostID         string   `json:"post_id"`
	DocPath        string   `json:"doc_path"`
	Title          string   `json:"title"`
	Quality        float64  `json:"quality"`
	ClaimedQuality *float64 `json:"claimed_quality"`
	Reasons        []Reason `json:"reasons"`
	seq            int
}

// Reason is a component that cost points.
type Reason struct {
	Feature string  `json:"feature"`
	Value   float64 `json:"value"`
	Lost    float64 `json:"points_lost"`
}

// StaleSection lists posts not reviewed for more than two half-lives.
type StaleSection struct {
	ThresholdDays float64     `json:"threshold_days"`
	Count         int         `json:"count"`
	Undated       int         `json:"posts_without_review_date"`
	Oldest        []StalePost `json:"oldest"`
}

// StalePost is one stale post.
type StalePost struct {
	PostID       string  `json:"post_id"`
	Title        string  `json:"title"`
	LastReviewed string  `json:"last_reviewed"`
	Days         float64 `json:"days_since_review"`
	Freshness    float64 `json:"freshness"`
	seq          int
}

// UntruthfulSection lists posts whose meta does not tell the truth.
type UntruthfulSection struct {
	ParagraphGap   int          `json:"paragraph_gap"`
	ReadingTime    int          `json:"reading_time_ratio_over_2"`
	ImageSourceGap int          `json:"image_source_gap"`
	Posts          int          `json:"posts"`
	Worst          []UntruePost `json:"worst"`
}

// UntruePost is one post whose meta misleads.
type UntruePost struct {
	PostID           string   `json:"post_id"`
	Title            string   `json:"title"`
	ParagraphGap     *float64 `json:"paragraph_gap"`
	ReadingTimeRatio *float64 `json:"reading_time_ratio"`
	ImageSourceGap   *float64 `json:"image_source_gap"`
	badness          float64
	seq              int
}

// KindCount counts one kind of error or warning.
type KindCount struct {
	Kind    string `json:"kind"`
	Stage   string `json:"stage,omitempty"`
	Count   int    `json:"count"`
	Example string `json:"example,omitempty"`
}

const (
	listSize  = 20
	maxGroups = 20
)

var scoreNames = []string{"quality", "freshness", "depth", "clarity"}

// distSpecs are the features whose distributions a report shows, with the
// histogram edges that make sense for each.
var distSpecs = []struct {
	name  string
	step  float64 // values are counted rounded to this step (0: exact)
	edges []float64
}{
	{"repetition_ratio", 1e-4, []float64{0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1}},
	{"image_density", 1e-2, []float64{0, 2, 4, 6, 8, 12, 16, 24, 32, 50}},
	{"paragraph_count", 0, []float64{0, 2, 4, 6, 8, 12, 16, 24, 32, 50}},
	{"days_since_review", 0, []float64{0, 30, 90, 180, 365, 540, 730, 1095}},
}

func scoreEdges() []float64 { return []float64{0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100} }

func rangeLabel(lo, hi float64) string { return formatNum(lo) + "–" + formatNum(hi) }

// Summarize computes the summary of the run in out.
func Summarize(out string) (*Summary, error) {
	man, err := pipeline.ReadManifest(out)
	if err != nil {
		return nil, err
	}
	s := &Summary{Run: runOf(man)}
	halfLife := man.HalfLifeDays
	if halfLife <= 0 {
		halfLife = 180
	}
	s.Stale.ThresholdDays = 2 * halfLife

	cols := []string{"post_id", "doc_path", "title", "topic", "difficulty", "stack", "warnings",
		"paragraph_gap", "reading_time_ratio", "image_source_gap", "last_reviewed", "quality_components"}
	for _, n := range scoreNames {
		cols = append(cols, n, "claimed_"+n)
	}
	for _, d := range distSpecs {
		cols = append(cols, d.name)
	}
	values := map[string]*valueCounts{}
	claimed := map[string]*claimsAcc{}
	for _, n := range scoreNames {
		values[n] = newValueCounts(0) // scores are integers
		claimed[n] = newClaimsAcc(man.Rows)
	}
	for _, d := range distSpecs {
		values[d.name] = newValueCounts(d.step)
	}
	groups := map[string]map[string]*Group{"topic": {}, "difficulty": {}, "stack": {}}
	noneBy := map[string]int{}
	warnings := map[string]int{}
	weak := newTopN(listSize, weakerFirst)
	stale := newTopN(listSize, staler)
	untrue := newTopN(listSize, lessTrue)
	seq := 0
	// The columns read on every row, and their accumulators, looked up
	// once rather than by name on every row.
	var scoreVals [4]*valueCounts
	var claimedAcc [4]*claimsAcc
	for k, n := range scoreNames {
		scoreVals[k], claimedAcc[k] = values[n], claimed[n]
	}
	distVals := make([]*valueCounts, len(distSpecs))
	for k, d := range distSpecs {
		distVals[k] = values[d.name]
	}
	err = scanColumns(filepath.Join(out, pipeline.ScoresName), cols, func(b *batch) error {
		var scoreCols, claimedCols [4]arrow.Array
		for k, n := range scoreNames {
			scoreCols[k], claimedCols[k] = b.col(n), b.col("claimed_"+n)
		}
		distCols := make([]arrow.Array, len(distSpecs))
		for k, d := range distSpecs {
			distCols[k] = b.col(d.name)
		}
		for i := range b.rows() {
			seq++
			var sc [4]float64
			var has [4]bool
			for k := range scoreNames {
				v, ok := floatAt(scoreCols[k], i)
				sc[k], has[k] = v, ok
				if !ok {
					scoreVals[k].nulls++
					continue
				}
				scoreVals[k].add(v)
				if c, ok := floatAt(claimedCols[k], i); ok {
					claimedAcc[k].add(c, v)
				}
			}
			for k := range distSpecs {
				if v, ok := floatAt(distCols[k], i); ok {
					distVals[k].add(v)
				} else {
					distVals[k].nulls++
				}
			}
			// Breakdowns.
			add := func(by, key string) {
				g := groups[by][key]
				if g == nil {
					g = &Group{Key: key}
					groups[by][key] = g
				}
				g.Posts++
				for k := range sc {
					if has[k] {
						g.sums[k] += sc[k]
						g.counts[k]++
					}
				}
			}
			for _, by := range []string{"topic", "difficulty"} {
				if v, ok := b.str(by, i); ok && v != "" {
					add(by, v)
				} else {
					noneBy[by]++
				}
			}
			if st := b.strs("stack", i); len(st) > 0 {
				for _, v := range st {
					add("stack", v)
				}
			} else {
				noneBy["stack"]++
			}
			for _, w := range b.strs("warnings", i) {
				warnings[features.WarningKind(w)]++
			}
			postID, _ := b.str("post_id", i)
			title, _ := b.str("title", i)
			// Weakest by quality.
			if has[0] {
				wp := WeakPost{PostID: postID, Title: title, Quality: sc[0], seq: seq}
				if weak.wants(wp) {
					wp.DocPath, _ = b.str("doc_path", i)
					if c, ok := b.float("claimed_quality", i); ok {
						wp.ClaimedQuality = &c
					}
					wp.Reasons = topReasons(b.components("quality_components", i), 3)
					weak.add(wp)
				}
			}
			// Stale.
			if d, ok := b.float("days_since_review", i); ok {
				if d > s.Stale.ThresholdDays {
					s.Stale.Count++
					lr, _ := b.float("last_reviewed", i)
					stale.add(StalePost{PostID: postID, Title: title, Days: d, Freshness: sc[1], LastReviewed: features.Date(lr).String(), seq: seq})
				}
			} else {
				s.Stale.Undated++
			}
			// Meta that does not tell the truth.
			up := UntruePost{PostID: postID, Title: title, seq: seq}
			bad := false
			if v, ok := b.float("paragraph_gap", i); ok {
				up.ParagraphGap = &v
				if v != 0 {
					s.Untruthful.ParagraphGap++
					up.badness += math.Abs(v)
					bad = true
				}
			}
			if v, ok := b.float("reading_time_ratio", i); ok {
				up.ReadingTimeRatio = &v
				if v > 2 {
					s.Untruthful.ReadingTime++
					up.badness += v
					bad = true
				}
			}
			if v, ok := b.float("image_source_gap", i); ok {
				up.ImageSourceGap = &v
				if v != 0 {
					s.Untruthful.ImageSourceGap++
					up.badness += math.Abs(v)
					bad = true
				}
			}
			if bad {
				s.Untruthful.Posts++
				untrue.add(up)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	for _, n := range scoreNames {
		s.Scores = append(s.Scores, ScoreSummary{Name: n, Dist: describe(values[n], scoreEdges(), rangeLabel), Claims: claimed[n].result()})
	}
	for _, d := range distSpecs {
		s.Distributions = append(s.Distributions, NamedDist{Name: d.name, Dist: describe(values[d.name], d.edges, rangeLabel)})
	}
	for _, by := range []string{"topic", "difficulty", "stack"} {
		s.Breakdowns = append(s.Breakdowns, breakdown(by, groups[by], noneBy[by]))
	}
	s.Weakest = weak.list()
	s.Stale.Oldest = stale.list()
	s.Untruthful.Worst = untrue.list()
	s.Warnings = kindCounts(warnings)
	s.Errors, err = errorKinds(filepath.Join(out, pipeline.ErrorsName))
	if err != nil {
		return nil, err
	}
	return s, nil
}

func topReasons(cs []component, n int) []Reason {
	var rs []Reason
	for _, c := range cs {
		if c.Value != nil && c.Lost >= 0.5 {
			rs = append(rs, Reason{Feature: c.Feature, Value: *c.Value, Lost: c.Lost})
		}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Lost > rs[j].Lost })
	if len(rs) > n {
		rs = rs[:n]
	}
	return rs
}

func breakdown(by string, m map[string]*Group, none int) Breakdown {
	gs := make([]Group, 0, len(m))
	for _, g := range m {
		mean := func(k int) *float64 {
			if g.counts[k] == 0 {
				return nil
			}
			v := g.sums[k] / float64(g.counts[k])
			return &v
		}
		g.MeanQuality, g.MeanFreshness, g.MeanDepth, g.MeanClarity = mean(0), mean(1), mean(2), mean(3)
		gs = append(gs, *g)
	}
	sort.Slice(gs, func(i, j int) bool {
		if gs[i].Posts != gs[j].Posts {
			return gs[i].Posts > gs[j].Posts
		}
		return gs[i].Key < gs[j].Key
	})
	b := Breakdown{By: by, None: none}
	if len(gs) > maxGroups {
		b.More = len(gs) - maxGroups
		gs = gs[:maxGroups]
	}
	b.Groups = gs
	return b
}

func kindCounts(m map[string]int) []KindCount {
	out := make([]KindCount, 0, len(m))
	for k, n := range m {
		out = append(out, KindCount{Kind: k, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

func errorKinds(path string) ([]KindCount, error) {
	type agg struct {
		stage, example string
		n              int
	}
	m := map[string]*agg{}
	err := scanColumns(path, []string{"doc_path", "stage", "kind", "reason"}, func(b *batch) error {
		for i := range b.rows() {
			k, _ := b.str("kind", i)
			a := m[k]
			if a == nil {
				st, _ := b.str("stage", i)
				p, _ := b.str("doc_path", i)
				r, _ := b.str("reason", i)
				if nl := strings.IndexByte(r, '\n'); nl >= 0 {
					r = r[:nl]
				}
				a = &agg{stage: st, example: fmt.Sprintf("%s: %s", p, r)}
				m[k] = a
			}
			a.n++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]KindCount, 0, len(m))
	for k, a := range m {
		out = append(out, KindCount{Kind: k, Stage: a.stage, Count: a.n, Example: a.example})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Kind < out[j].Kind
	})
	return out, nil
}

// topN keeps the n first items by cmp of all it is offered, in bounded
// memory: it sorts and trims when it holds 4n, and after a trim it refuses
// at once anything that sorts after the n-th item kept.
type topN[T any] struct {
	n      int
	cmp    func(a, b T) int
	items  []T
	cutoff *T
}

func newTopN[T any](n int, cmp func(a, b T) int) *topN[T] { return &topN[T]{n: n, cmp: cmp} }

// wants reports whether x could still make the list.
func (t *topN[T]) wants(x T) bool { return t.cutoff == nil || t.cmp(x, *t.cutoff) < 0 }

func (t *topN[T]) add(x T) {
	if !t.wants(x) {
		return
	}
	t.items = append(t.items, x)
	if len(t.items) >= 4*t.n {
		t.trim()
	}
}

func (t *topN[T]) trim() {
	slices.SortStableFunc(t.items, t.cmp)
	if len(t.items) >= t.n {
		t.items = t.items[:t.n]
		last := t.items[t.n-1]
		t.cutoff = &last
	}
}

// list returns the kept items, in order.
func (t *topN[T]) list() []T {
	t.trim()
	return t.items
}

// Orders of the lists: lowest quality, oldest review, worst meta; the
// earlier post first on a tie.
func weakerFirst(a, b WeakPost) int {
	if c := cmp.Compare(a.Quality, b.Quality); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

func staler(a, b StalePost) int {
	if c := cmp.Compare(b.Days, a.Days); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

func lessTrue(a, b UntruePost) int {
	if c := cmp.Compare(b.badness, a.badness); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}
