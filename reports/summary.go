package reports

import (
	"cmp"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	postfmt "github.com/alphanode/postscore/features/post" // this package has a type post of its own
	"github.com/alphanode/postscore/pipeline"
	"github.com/alphanode/postscore/scoring"
	"github.com/apache/arrow/go/v17/arrow"
)

// Summary is everything a run's report says, computed from OUT's Parquet
// files and manifest alone.
type Summary struct {
	Run           Run                 `json:"run"`
	Scores        []ScoreSummary      `json:"scores"`
	Distributions []NamedDist         `json:"distributions"`
	Breakdowns    []Breakdown         `json:"breakdowns"`
	Weakest       []WeakPost          `json:"weakest"`
	Stale         StaleSection        `json:"stale"`
	Untruthful    UntruthfulSection   `json:"untruthful"`
	Readability   *ReadabilitySection `json:"readability"` // null: a run written before readability_checks, which records no checks (not that none failed)
	Duplicates    *DuplicatesSection  `json:"duplicates"`  // null: a run made before duplicates.parquet, which records no clusters (not zero)
	Errors        []KindCount         `json:"errors_by_kind"`
	Warnings      []KindCount         `json:"warnings_by_kind"`
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
	sums      [scoring.NumScores]float64
	counts    [scoring.NumScores]int
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

// Reason is a component that cost points. Value is null when the feature
// was: the component then counted the model's missing value (an unknown
// review date counts as a stale one).
type Reason struct {
	Feature string   `json:"feature"`
	Value   *float64 `json:"value"`
	Lost    float64  `json:"points_lost"`
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

// distSpecs are the features whose distributions a report shows, with the
// histogram edges that make sense for each.
var distSpecs = [...]struct {
	name  string
	step  float64 // values are counted rounded to this step (0: exact)
	edges []float64
}{
	{"repetition_ratio", 1e-4, []float64{0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1}},
	{"image_density", 1e-2, []float64{0, 2, 4, 6, 8, 12, 16, 24, 32, 50}},
	{"paragraph_count", 0, []float64{0, 2, 4, 6, 8, 12, 16, 24, 32, 50}},
	{"days_since_review", 0, []float64{0, 30, 90, 180, 365, 540, 730, 1095}},
}

// daysSinceReview is the index in distSpecs of days_since_review, which
// also decides which posts are stale.
var daysSinceReview = distIndex("days_since_review")

func distIndex(name string) int {
	for k, d := range distSpecs {
		if d.name == name {
			return k
		}
	}
	panic("reports: no distribution of " + name)
}

func scoreEdges() []float64 { return []float64{0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100} }

func rangeLabel(lo, hi float64) string { return formatNum(lo) + "–" + formatNum(hi) }

// Summarize computes the summary of the run in out, from its files. The
// clusters are read first, so that the scan of scores.parquet finds their
// canonical posts' titles on the way.
func Summarize(out string) (*Summary, error) {
	man, err := openRun(out)
	if err != nil {
		return nil, err
	}
	dups, err := readDuplicates(out)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(out, pipeline.ScoresName)
	names, err := columnNames(path)
	if err != nil {
		return nil, err
	}
	z := newSummarizer(man.HalfLifeDays)
	z.titles = titlesWanted(dups)
	hasChecks := names[readabilityChecks] // a run written before the column lacks it
	if hasChecks {
		z.readability = newReadabilityAcc()
	}
	qualityComponents := pipeline.ScoreColumns(scoring.Quality).Components
	var p post
	fileRow := 0
	err = scanColumns(path, summaryColumns(qualityComponents, hasChecks), func(b *batch) error {
		cols := lookUpColumns(b, hasChecks)
		row := 0
		p.components = func() []component { return b.components(qualityComponents, row) }
		for i := range b.rows() {
			row = i
			cols.read(b, i, &p)
			if err := z.add(&p); err != nil {
				return fmt.Errorf("%s, row %d: %v; "+notPostscore, path, fileRow, err, "file")
			}
			fileRow++
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
	s := z.finish(man, errs)
	z.titles.fill(dups)
	s.Duplicates = dups
	return s, nil
}

// summaryColumns are the columns of scores.parquet that Summarize reads.
func summaryColumns(qualityComponents string, hasChecks bool) []string {
	cols := []string{"post_id", "doc_path", "title", "topic", "difficulty", "stack", "warnings",
		"paragraph_gap", "reading_time_ratio", "image_source_gap", "last_reviewed", qualityComponents}
	for k := range scoring.NumScores {
		sc := pipeline.ScoreColumns(k)
		cols = append(cols, sc.Value, sc.Claimed)
	}
	for _, d := range distSpecs {
		cols = append(cols, d.name)
	}
	if hasChecks {
		cols = append(cols, readabilityChecks)
	}
	return cols
}

// batchColumns are the columns Summarize reads on every row, looked up
// once a batch rather than by name on every row.
type batchColumns struct {
	score, claimed [scoring.NumScores]arrow.Array
	dist           [len(distSpecs)]arrow.Array
	checks         checksColumn
	hasChecks      bool
}

func lookUpColumns(b *batch, hasChecks bool) *batchColumns {
	c := &batchColumns{hasChecks: hasChecks}
	for k := range scoring.NumScores {
		sc := pipeline.ScoreColumns(k)
		c.score[k], c.claimed[k] = b.col(sc.Value), b.col(sc.Claimed)
	}
	for k, d := range distSpecs {
		c.dist[k] = b.col(d.name)
	}
	if hasChecks {
		c.checks = b.checks(readabilityChecks)
	}
	return c
}

// read reads row i of batch b into p.
func (c *batchColumns) read(b *batch, i int, p *post) {
	for k := range scoring.NumScores {
		p.score[k] = arrowFloat(c.score[k], i)
		p.claimed[k] = arrowFloat(c.claimed[k], i)
	}
	for k := range distSpecs {
		p.dist[k] = arrowFloat(c.dist[k], i)
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
	if c.hasChecks {
		p.checks = c.checks.at(i, p.checks)
	}
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
	score, claimed         [scoring.NumScores]optFloat
	dist                   [len(distSpecs)]optFloat
	lastReviewed           optFloat
	paragraphGap           optFloat
	readingTimeRatio       optFloat
	imageSourceGap         optFloat
	checks                 []checkLight // readability_checks, when the run has them
	// components returns quality's components; called only for a post that
	// may be among the weakest.
	components func() []component
}

// summarizer accumulates a summary one post at a time, in row order, in
// memory bounded by the distinct values it counts, not by the posts.
type summarizer struct {
	s         Summary
	scoreVals [scoring.NumScores]*valueCounts
	claims    [scoring.NumScores]*claimsAcc
	distVals  [len(distSpecs)]*valueCounts
	groups    [numBreakdowns]*groupCounter
	noneBy    [numBreakdowns]int
	warnings  map[string]int
	weak      *topN[WeakPost]
	stale     *topN[StalePost]
	untrue    *topN[UntruePost]
	titles    canonicalTitles // the clusters' canonical posts, when they are known before the rows
	// readability counts the readability checks; nil for a run written
	// before them.
	readability *readabilityAcc
	seq         int
}

// The breakdowns, by the meta column whose values group the posts.
const (
	byTopic = iota
	byDifficulty
	byStack
	numBreakdowns
)

var breakdownBy = [numBreakdowns]string{byTopic: "topic", byDifficulty: "difficulty", byStack: "stack"}

func newSummarizer(halfLifeDays float64) *summarizer {
	if halfLifeDays <= 0 {
		halfLifeDays = 180
	}
	z := &summarizer{warnings: map[string]int{}, weak: newTopN(listSize, weakerFirst),
		stale: newTopN(listSize, staler), untrue: newTopN(listSize, lessTrue)}
	z.s.Stale.ThresholdDays = 2 * halfLifeDays
	for k := range scoring.NumScores {
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

// add counts one post. An error says how its readability checks are not
// what postscore writes.
func (z *summarizer) add(p *post) error {
	z.seq++
	z.addDistributions(p)
	z.addBreakdowns(p)
	for _, w := range p.warnings {
		k := postfmt.WarningKind(w)
		if _, ok := z.warnings[k]; !ok {
			k = strings.Clone(k)
		}
		z.warnings[k]++
	}
	z.addWeak(p)
	z.addStale(p)
	z.addUntrue(p)
	if len(z.titles) > 0 {
		z.titles.note(p.docPath, p.title)
	}
	if z.readability != nil {
		return z.readability.add(p.checks, p.docPath, p.title, z.seq)
	}
	return nil
}

// addDistributions counts p's scores, claims and features.
func (z *summarizer) addDistributions(p *post) {
	for k := range scoring.NumScores {
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
}

// addBreakdowns counts p in its topic, its difficulty and each of its stack.
func (z *summarizer) addBreakdowns(p *post) {
	if p.topic != "" {
		z.group(byTopic, p.topic, p)
	} else {
		z.noneBy[byTopic]++
	}
	if p.difficulty != "" {
		z.group(byDifficulty, p.difficulty, p)
	} else {
		z.noneBy[byDifficulty]++
	}
	if len(p.stack) > 0 {
		for _, v := range p.stack {
			z.group(byStack, v, p)
		}
	} else {
		z.noneBy[byStack]++
	}
}

// addWeak offers p to the weakest posts by quality.
func (z *summarizer) addWeak(p *post) {
	q := p.score[scoring.Quality]
	if !q.ok {
		return
	}
	wp := WeakPost{Quality: q.v, seq: z.seq}
	if !z.weak.wants(wp) {
		return
	}
	wp.PostID, wp.Title, wp.DocPath = strings.Clone(p.postID), strings.Clone(p.title), strings.Clone(p.docPath)
	if c := p.claimed[scoring.Quality]; c.ok {
		wp.ClaimedQuality = &c.v
	}
	wp.Reasons = topReasons(p.components(), 3)
	z.weak.add(wp)
}

// addStale counts p when it was reviewed too long ago, or never.
func (z *summarizer) addStale(p *post) {
	st := &z.s.Stale
	d := p.dist[daysSinceReview]
	if !d.ok {
		st.Undated++
		return
	}
	if d.v > st.ThresholdDays {
		st.Count++
		sp := StalePost{Days: d.v, Freshness: p.score[scoring.Freshness].v, seq: z.seq}
		if z.stale.wants(sp) {
			sp.PostID, sp.Title = strings.Clone(p.postID), strings.Clone(p.title)
			sp.LastReviewed = postfmt.Date(p.lastReviewed.v).String()
			z.stale.add(sp)
		}
	}
}

// addUntrue counts p when its meta does not tell the truth.
func (z *summarizer) addUntrue(p *post) {
	u := &z.s.Untruthful
	gap, ratio, srcGap := p.paragraphGap, p.readingTimeRatio, p.imageSourceGap
	up, bad := UntruePost{seq: z.seq}, false
	if gap.ok && gap.v != 0 {
		u.ParagraphGap++
		up.badness += math.Abs(gap.v)
		bad = true
	}
	if ratio.ok && ratio.v > 2 {
		u.ReadingTime++
		up.badness += ratio.v
		bad = true
	}
	if srcGap.ok && srcGap.v != 0 {
		u.ImageSourceGap++
		up.badness += math.Abs(srcGap.v)
		bad = true
	}
	if !bad {
		return
	}
	u.Posts++
	if z.untrue.wants(up) {
		up.PostID, up.Title = strings.Clone(p.postID), strings.Clone(p.title)
		up.ParagraphGap, up.ReadingTimeRatio, up.ImageSourceGap = gap.ptr(), ratio.ptr(), srcGap.ptr()
		z.untrue.add(up)
	}
}

// group counts p in the group key of breakdown k.
func (z *summarizer) group(k int, key string, p *post) { z.groups[k].add(key, p) }

// finish returns the summary of the posts added, with the run's manifest
// and its error rows, counted by kind.
func (z *summarizer) finish(man *pipeline.Manifest, errs []KindCount) *Summary {
	s := z.s
	s.Run = runOf(man)
	for k := range scoring.NumScores {
		s.Scores = append(s.Scores, ScoreSummary{Name: k.String(), Dist: describe(z.scoreVals[k], scoreEdges(), rangeLabel), Claims: z.claims[k].result()})
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
	if z.readability != nil {
		s.Readability = z.readability.finish()
	}
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
	err          error // the first row whose readability checks are not postscore's
}

// NewLive returns a Live for a run whose model has this half-life.
func NewLive(halfLifeDays float64) *Live {
	l := &Live{z: newSummarizer(halfLifeDays), errs: errorAcc{}}
	l.z.readability = newReadabilityAcc() // a run's rows have their checks
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
	for k := range scoring.NumScores {
		p.score[k] = rowNumber(rowReaders.score[k], r)
		p.claimed[k] = rowNumber(rowReaders.claimed[k], r)
	}
	for k, read := range rowReaders.dist {
		p.dist[k] = rowNumber(read, r)
	}
	p.lastReviewed = opt32(r.LastReviewed)
	p.paragraphGap, p.readingTimeRatio, p.imageSourceGap = opt32(r.ParagraphGap), opt64(r.ReadingTimeRatio), opt32(r.ImageSourceGap)
	p.checks = rowChecks(r.ReadabilityChecks, p.checks)
	if err := l.z.add(p); err != nil && l.err == nil {
		l.err = fmt.Errorf("row %d (%s): %w", l.rows-1, r.DocPath, err)
	}
	l.r = nil
}

// numberReaders read of a row the numeric columns Summarize reads of
// scores.parquet, by the same names.
type numberReaders struct {
	score, claimed [scoring.NumScores]func(r *pipeline.Row) (float64, bool)
	dist           [len(distSpecs)]func(r *pipeline.Row) (float64, bool)
}

var rowReaders = newNumberReaders()

func newNumberReaders() (rr numberReaders) {
	for k := range scoring.NumScores {
		sc := pipeline.ScoreColumns(k)
		rr.score[k], rr.claimed[k] = mustRowNumber(sc.Value), mustRowNumber(sc.Claimed)
	}
	for k, d := range distSpecs {
		rr.dist[k] = mustRowNumber(d.name)
	}
	return rr
}

func mustRowNumber(name string) func(r *pipeline.Row) (float64, bool) {
	read, ok := pipeline.RowNumber(name)
	if !ok {
		panic("reports: scores.parquet has no numeric column " + name)
	}
	return read
}

// rowNumber is what read reads of r.
func rowNumber(read func(r *pipeline.Row) (float64, bool), r *pipeline.Row) optFloat {
	v, ok := read(r)
	return optFloat{v, ok}
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
// from the rows added when it saw them all (SawAll), with the clusters of
// out's duplicates.parquet (and their canonical posts' titles, read from
// the doc_path and title of out's scores.parquet); from out's files
// otherwise.
func (l *Live) Summary(out string, man *pipeline.Manifest) (*Summary, error) {
	if !l.SawAll(man) {
		return Summarize(out)
	}
	if l.err != nil {
		return nil, l.err
	}
	dups, err := readDuplicates(out)
	if err != nil {
		return nil, err
	}
	titles := titlesWanted(dups)
	if err := titles.read(out); err != nil {
		return nil, err
	}
	titles.fill(dups)
	s := l.z.finish(man, l.errs.list())
	s.Duplicates = dups
	return s, nil
}

// topReasons are the n components of cs that cost the most points (half a
// point or more), a component that counted its missing value included.
func topReasons(cs []component, n int) []Reason {
	var rs []Reason
	for _, c := range cs {
		if c.Lost >= 0.5 {
			rs = append(rs, Reason{Feature: c.Feature, Value: c.Value, Lost: c.Lost})
		}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Lost > rs[j].Lost })
	return rs[:min(len(rs), n)]
}

func breakdown(by string, c *groupCounter, none int) Breakdown {
	gs := make([]Group, 0, len(c.heap))
	for _, g := range c.heap {
		mean := func(k scoring.ScoreIndex) *float64 {
			if g.counts[k] == 0 {
				return nil
			}
			v := g.sums[k] / float64(g.counts[k])
			return &v
		}
		g.MeanQuality, g.MeanFreshness = mean(scoring.Quality), mean(scoring.Freshness)
		g.MeanDepth, g.MeanClarity = mean(scoring.Depth), mean(scoring.Clarity)
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
	return sortKinds(out)
}

// sortKinds sorts kinds the most frequent first, then by name.
func sortKinds(out []KindCount) []KindCount {
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
	return sortKinds(out)
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
