package reports

import (
	"cmp"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	postfmt "github.com/alphanode/postscore/features/post" // this package has a type post of its own
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

// Breakdown is posts grouped by one meta column. When Approximate (more
// distinct values than groupCapacity), Posts of a group is at most its
// Overcount above the truth, and More and OtherPosts are lower bounds.
type Breakdown struct {
	By          string  `json:"by"`
	Groups      []Group `json:"groups"` // the largest groups, at most maxGroups
	More        int     `json:"more_groups"`
	OtherPosts  int     `json:"other_posts"` // posts in the groups not shown
	None        int     `json:"posts_without"`
	Approximate bool    `json:"approximate"`
}

// Group is one value of a breakdown.
type Group struct {
	Key           string   `json:"key"`
	Posts         int      `json:"posts"`
	MeanQuality   *float64 `json:"mean_quality"`
	MeanFreshness *float64 `json:"mean_freshness"`
	MeanDepth     *float64 `json:"mean_depth"`
	MeanClarity   *float64 `json:"mean_clarity"`
	// Overcount is the most Posts may exceed the truth by (0: exact); the
	// means are then over the last Posts − Overcount posts or more.
	Overcount int `json:"posts_overcount"`
	sums      [4]float64
	counts    [4]int
	slot      int // in groupCounter's heap
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
// histogram edges that make sense for each, and their value in a row.
var distSpecs = [...]struct {
	name  string
	step  float64 // values are counted rounded to this step (0: exact)
	edges []float64
	of    func(r *pipeline.Row) optFloat
}{
	{"repetition_ratio", 1e-4, []float64{0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1}, func(r *pipeline.Row) optFloat { return optFloat{r.RepetitionRatio, true} }},
	{"image_density", 1e-2, []float64{0, 2, 4, 6, 8, 12, 16, 24, 32, 50}, func(r *pipeline.Row) optFloat { return opt64(r.ImageDensity) }},
	{"paragraph_count", 0, []float64{0, 2, 4, 6, 8, 12, 16, 24, 32, 50}, func(r *pipeline.Row) optFloat { return optFloat{float64(r.ParagraphCount), true} }},
	{"days_since_review", 0, []float64{0, 30, 90, 180, 365, 540, 730, 1095}, func(r *pipeline.Row) optFloat { return opt32(r.DaysSinceReview) }},
}

func scoreEdges() []float64 { return []float64{0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100} }

func rangeLabel(lo, hi float64) string { return formatNum(lo) + "–" + formatNum(hi) }

// Summarize computes the summary of the run in out, from its files.
func Summarize(out string) (*Summary, error) {
	man, err := openRun(out)
	if err != nil {
		return nil, err
	}
	z := newSummarizer(man.HalfLifeDays)
	cols := []string{"post_id", "doc_path", "title", "topic", "difficulty", "stack", "warnings",
		"paragraph_gap", "reading_time_ratio", "image_source_gap", "last_reviewed", "quality_components"}
	for _, n := range scoreNames {
		cols = append(cols, n, "claimed_"+n)
	}
	for _, d := range distSpecs {
		cols = append(cols, d.name)
	}
	var p post
	err = scanColumns(filepath.Join(out, pipeline.ScoresName), cols, func(b *batch) error {
		// The columns read on every row, looked up once a batch rather
		// than by name on every row.
		var scoreCols, claimedCols [4]arrow.Array
		for k, n := range scoreNames {
			scoreCols[k], claimedCols[k] = b.col(n), b.col("claimed_"+n)
		}
		var distCols [len(distSpecs)]arrow.Array
		for k, d := range distSpecs {
			distCols[k] = b.col(d.name)
		}
		row := 0
		p.components = func() []component { return b.components("quality_components", row) }
		for i := range b.rows() {
			row = i
			for k := range scoreNames {
				p.score[k] = arrowFloat(scoreCols[k], i)
				p.claimed[k] = arrowFloat(claimedCols[k], i)
			}
			for k := range distSpecs {
				p.dist[k] = arrowFloat(distCols[k], i)
			}
			p.topic, _ = b.str("topic", i)
			p.difficulty, _ = b.str("difficulty", i)
			p.stack, p.warnings = b.strs("stack", i), b.strs("warnings", i)
			p.postID, _ = b.str("post_id", i)
			p.title, _ = b.str("title", i)
			p.docPath, _ = b.str("doc_path", i)
			p.lastReviewed = arrowFloat(b.col("last_reviewed"), i)
			p.paragraphGap = arrowFloat(b.col("paragraph_gap"), i)
			p.readingTimeRatio = arrowFloat(b.col("reading_time_ratio"), i)
			p.imageSourceGap = arrowFloat(b.col("image_source_gap"), i)
			z.add(&p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	errs, err := errorKinds(filepath.Join(out, pipeline.ErrorsName))
	if err != nil {
		return nil, err
	}
	return z.finish(man, errs), nil
}

// optFloat is a number that may be null.
type optFloat struct {
	v  float64
	ok bool
}

func arrowFloat(a arrow.Array, i int) optFloat {
	v, ok := floatAt(a, i)
	return optFloat{v, ok}
}

// ptr is the number as a pointer, nil for null.
func (o optFloat) ptr() *float64 {
	if !o.ok {
		return nil
	}
	return &o.v
}

func opt64(p *float64) optFloat {
	if p == nil {
		return optFloat{}
	}
	return optFloat{*p, true}
}

func opt32(p *int32) optFloat {
	if p == nil {
		return optFloat{}
	}
	return optFloat{float64(*p), true}
}

// post is what a summary reads of one row of scores.parquet. Its strings
// may point into a buffer the caller reuses: what the summary keeps, it
// copies.
type post struct {
	postID, docPath, title string
	topic, difficulty      string // "": null or empty, no group
	stack, warnings        []string
	score, claimed         [4]optFloat // scoreNames order
	dist                   [len(distSpecs)]optFloat
	lastReviewed           optFloat
	paragraphGap           optFloat
	readingTimeRatio       optFloat
	imageSourceGap         optFloat
	// components returns quality's components; called only for a post that
	// may be among the weakest.
	components func() []component
}

// summarizer accumulates a summary one post at a time, in row order, in
// memory bounded by the distinct values it counts, not by the posts.
type summarizer struct {
	s         Summary
	scoreVals [4]*valueCounts
	claims    [4]*claimsAcc
	distVals  [len(distSpecs)]*valueCounts
	groups    [3]*groupCounter // by topic, difficulty, stack
	noneBy    [3]int
	warnings  map[string]int
	weak      *topN[WeakPost]
	stale     *topN[StalePost]
	untrue    *topN[UntruePost]
	seq       int
}

var breakdownBy = [3]string{"topic", "difficulty", "stack"}

func newSummarizer(halfLifeDays float64) *summarizer {
	if halfLifeDays <= 0 {
		halfLifeDays = 180
	}
	z := &summarizer{warnings: map[string]int{}, weak: newTopN(listSize, weakerFirst),
		stale: newTopN(listSize, staler), untrue: newTopN(listSize, lessTrue)}
	z.s.Stale.ThresholdDays = 2 * halfLifeDays
	for k := range scoreNames {
		z.scoreVals[k] = newValueCounts(0) // scores are integers
		z.claims[k] = newClaimsAcc()
	}
	for k, d := range distSpecs {
		z.distVals[k] = newValueCounts(d.step)
	}
	for k := range z.groups {
		z.groups[k] = newGroupCounter()
	}
	return z
}

// add counts one post.
func (z *summarizer) add(p *post) {
	z.seq++
	s := &z.s
	for k := range scoreNames {
		if !p.score[k].ok {
			z.scoreVals[k].nulls++
			continue
		}
		z.scoreVals[k].add(p.score[k].v)
		if p.claimed[k].ok {
			z.claims[k].add(p.claimed[k].v, p.score[k].v)
		}
	}
	for k := range distSpecs {
		if p.dist[k].ok {
			z.distVals[k].add(p.dist[k].v)
		} else {
			z.distVals[k].nulls++
		}
	}
	// Breakdowns.
	if p.topic != "" {
		z.group(0, p.topic, p)
	} else {
		z.noneBy[0]++
	}
	if p.difficulty != "" {
		z.group(1, p.difficulty, p)
	} else {
		z.noneBy[1]++
	}
	if len(p.stack) > 0 {
		for _, v := range p.stack {
			z.group(2, v, p)
		}
	} else {
		z.noneBy[2]++
	}
	for _, w := range p.warnings {
		k := postfmt.WarningKind(w)
		if _, ok := z.warnings[k]; !ok {
			k = strings.Clone(k)
		}
		z.warnings[k]++
	}
	// Weakest by quality.
	if q := p.score[0]; q.ok {
		wp := WeakPost{Quality: q.v, seq: z.seq}
		if z.weak.wants(wp) {
			wp.PostID, wp.Title, wp.DocPath = strings.Clone(p.postID), strings.Clone(p.title), strings.Clone(p.docPath)
			if c := p.claimed[0]; c.ok {
				wp.ClaimedQuality = &c.v
			}
			wp.Reasons = topReasons(p.components(), 3)
			z.weak.add(wp)
		}
	}
	// Stale.
	if d := p.dist[daysSinceReview]; d.ok {
		if d.v > s.Stale.ThresholdDays {
			s.Stale.Count++
			sp := StalePost{Days: d.v, Freshness: p.score[1].v, seq: z.seq}
			if z.stale.wants(sp) {
				sp.PostID, sp.Title = strings.Clone(p.postID), strings.Clone(p.title)
				sp.LastReviewed = postfmt.Date(p.lastReviewed.v).String()
				z.stale.add(sp)
			}
		}
	} else {
		s.Stale.Undated++
	}
	// Meta that does not tell the truth.
	gap, ratio, srcGap := p.paragraphGap, p.readingTimeRatio, p.imageSourceGap
	up, bad := UntruePost{seq: z.seq}, false
	if gap.ok && gap.v != 0 {
		s.Untruthful.ParagraphGap++
		up.badness += math.Abs(gap.v)
		bad = true
	}
	if ratio.ok && ratio.v > 2 {
		s.Untruthful.ReadingTime++
		up.badness += ratio.v
		bad = true
	}
	if srcGap.ok && srcGap.v != 0 {
		s.Untruthful.ImageSourceGap++
		up.badness += math.Abs(srcGap.v)
		bad = true
	}
	if bad {
		s.Untruthful.Posts++
		if z.untrue.wants(up) {
			up.PostID, up.Title = strings.Clone(p.postID), strings.Clone(p.title)
			up.ParagraphGap, up.ReadingTimeRatio, up.ImageSourceGap = gap.ptr(), ratio.ptr(), srcGap.ptr()
			z.untrue.add(up)
		}
	}
}

// daysSinceReview is the index of days_since_review in distSpecs.
const daysSinceReview = 3

// group counts p in the group key of breakdown k.
func (z *summarizer) group(k int, key string, p *post) { z.groups[k].add(key, p) }

// finish returns the summary of the posts added, with the run's manifest
// and its error rows, counted by kind.
func (z *summarizer) finish(man *pipeline.Manifest, errs []KindCount) *Summary {
	s := z.s
	s.Run = runOf(man)
	for k, n := range scoreNames {
		s.Scores = append(s.Scores, ScoreSummary{Name: n, Dist: describe(z.scoreVals[k], scoreEdges(), rangeLabel), Claims: z.claims[k].result()})
	}
	for k, d := range distSpecs {
		s.Distributions = append(s.Distributions, NamedDist{Name: d.name, Dist: describe(z.distVals[k], d.edges, rangeLabel)})
	}
	for k, by := range breakdownBy {
		s.Breakdowns = append(s.Breakdowns, breakdown(by, z.groups[k], z.noneBy[k]))
	}
	s.Weakest = z.weak.list()
	s.Stale.Oldest = z.stale.list()
	s.Untruthful.Worst = z.untrue.list()
	s.Warnings = kindCounts(z.warnings)
	s.Errors = errs
	return &s
}

// Live summarises a run from its rows as the run writes them (Add, in row
// order), so that its reports need not read scores.parquet back.
type Live struct {
	z            *summarizer
	rows, errors int64
	errs         errorAcc
	p            post
	r            *pipeline.Row
}

// NewLive returns a Live for a run whose model has this half-life.
func NewLive(halfLifeDays float64) *Live {
	l := &Live{z: newSummarizer(halfLifeDays), errs: errorAcc{}}
	l.p.components = func() []component {
		cs := make([]component, len(l.r.QualityComponents))
		for k, c := range l.r.QualityComponents {
			cs[k] = component{Feature: c.Feature, Value: c.Value, Points: c.Points, Lost: c.Lost}
		}
		return cs
	}
	return l
}

// Add counts one row of the run.
func (l *Live) Add(r *pipeline.Row) {
	l.rows++
	p := &l.p
	l.r = r
	p.postID, p.docPath, p.title = r.PostID, r.DocPath, r.Title
	p.topic, p.difficulty = str(r.Topic), str(r.Difficulty)
	p.stack, p.warnings = r.Stack, r.Warnings
	p.score = [4]optFloat{opt32(r.Quality), opt32(r.Freshness), opt32(r.Depth), opt32(r.Clarity)}
	p.claimed = [4]optFloat{opt32(r.ClaimedQuality), opt32(r.ClaimedFreshness), opt32(r.ClaimedDepth), opt32(r.ClaimedClarity)}
	for k, d := range distSpecs {
		p.dist[k] = d.of(r)
	}
	p.lastReviewed = opt32(r.LastReviewed)
	p.paragraphGap, p.readingTimeRatio, p.imageSourceGap = opt32(r.ParagraphGap), opt64(r.ReadingTimeRatio), opt32(r.ImageSourceGap)
	l.z.add(p)
	l.r = nil
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// AddError counts one error row of the run.
func (l *Live) AddError(e *pipeline.ErrorRow) {
	l.errors++
	l.errs.add(e.DocPath, e.Stage, e.Kind, e.Reason)
}

// SawAll reports whether every row and error row of the run whose manifest
// is man was added (not so when a resumed run wrote the first ones).
func (l *Live) SawAll(man *pipeline.Manifest) bool {
	return l.rows == man.Rows && l.errors == man.Errors
}

// Summary returns the summary of the run in out, whose manifest is man:
// from the rows added when it saw them all (SawAll), from out's files
// otherwise.
func (l *Live) Summary(out string, man *pipeline.Manifest) (*Summary, error) {
	if !l.SawAll(man) {
		return Summarize(out)
	}
	return l.z.finish(man, l.errs.list()), nil
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

func breakdown(by string, c *groupCounter, none int) Breakdown {
	gs := make([]Group, 0, len(c.heap))
	for _, g := range c.heap {
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
	b := Breakdown{By: by, None: none, Approximate: c.reused}
	if len(gs) > maxGroups {
		b.More = len(gs) - maxGroups
		gs = gs[:maxGroups]
	}
	b.Groups = gs
	b.OtherPosts = c.total
	for _, g := range gs {
		b.OtherPosts -= g.Posts
	}
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

// errorAcc counts error rows by kind, keeping each kind's stage and, as its
// example, its first row's path and the first line of its reason.
type errorAcc map[string]*errorKind

type errorKind struct {
	stage, example string
	n              int
}

func (a errorAcc) add(docPath, stage, kind, reason string) {
	e := a[kind]
	if e == nil {
		if nl := strings.IndexByte(reason, '\n'); nl >= 0 {
			reason = reason[:nl]
		}
		e = &errorKind{stage: strings.Clone(stage), example: docPath + ": " + reason}
		a[strings.Clone(kind)] = e
	}
	e.n++
}

// list is the kinds, the most frequent first.
func (a errorAcc) list() []KindCount {
	out := make([]KindCount, 0, len(a))
	for k, e := range a {
		out = append(out, KindCount{Kind: k, Stage: e.stage, Count: e.n, Example: e.example})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// errorKinds counts the error rows of the errors.parquet at path.
func errorKinds(path string) ([]KindCount, error) {
	acc := errorAcc{}
	err := scanColumns(path, []string{"doc_path", "stage", "kind", "reason"}, func(b *batch) error {
		for i := range b.rows() {
			k, _ := b.str("kind", i)
			st, _ := b.str("stage", i)
			p, _ := b.str("doc_path", i)
			r, _ := b.str("reason", i)
			acc.add(p, st, k, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return acc.list(), nil
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
