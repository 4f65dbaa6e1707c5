package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/pipeline"
	"github.com/alphanode/postscore/scoring"
)

// CompareRow is one post of compare.parquet.
type CompareRow struct {
	PostID             string   `parquet:"post_id"`
	Status             string   `parquet:"status"` // both, added, removed
	OldRevisionVersion *string  `parquet:"old_revision_version,optional"`
	NewRevisionVersion *string  `parquet:"new_revision_version,optional"`
	OldQuality         *int32   `parquet:"old_quality,optional"`
	NewQuality         *int32   `parquet:"new_quality,optional"`
	DeltaQuality       *int32   `parquet:"delta_quality,optional"`
	OldFreshness       *int32   `parquet:"old_freshness,optional"`
	NewFreshness       *int32   `parquet:"new_freshness,optional"`
	DeltaFreshness     *int32   `parquet:"delta_freshness,optional"`
	OldDepth           *int32   `parquet:"old_depth,optional"`
	NewDepth           *int32   `parquet:"new_depth,optional"`
	DeltaDepth         *int32   `parquet:"delta_depth,optional"`
	OldClarity         *int32   `parquet:"old_clarity,optional"`
	NewClarity         *int32   `parquet:"new_clarity,optional"`
	DeltaClarity       *int32   `parquet:"delta_clarity,optional"`
	BodyChanged        *bool    `parquet:"body_changed,optional"` // null: on one side only, or a run lacks body_sha256
	MetaChanged        *bool    `parquet:"meta_changed,optional"` // the input changed, its body did not
	ModelChanged       *bool    `parquet:"model_changed,optional"`
	AsOfChanged        *bool    `parquet:"as_of_changed,optional"`
	Cause              *string  `parquet:"cause,optional,dict"` // one of CauseKinds; null: no score moved
	CauseDetail        *string  `parquet:"cause_detail,optional"`
	OldDocPath         *string  `parquet:"old_doc_path,optional"`
	NewDocPath         *string  `parquet:"new_doc_path,optional"`
	QualityExactDelta  *float64 `parquet:"delta_quality_exact,optional"`
}

// CompareName is the comparison's Parquet file in its output directory.
const CompareName = "compare.parquet"

// entry is one post of one run: the row with its highest revision.
type entry struct {
	row     int // row index in scores.parquet
	rev     string
	sha     string
	bodySHA string // "" when the run has no body_sha256
	model   string
	asOf    float64
	docPath string
	scores  [scoring.NumScores]float64
	has     [scoring.NumScores]bool
	qexact  float64
	hasQ    bool
	meta    metaFacts // the title among them
}

// loadedRun is what compare reads of one run.
type loadedRun struct {
	posts      map[string]*entry // by post_id
	man        *pipeline.Manifest
	hasBodySHA bool         // its scores.parquet has body_sha256 (older runs lack it)
	clusters   *runClusters // nil: it has no duplicates.parquet (older runs lack it)
}

// bodySHA256 is the column that tells a body change from a metadata-only
// one.
const bodySHA256 = "body_sha256"

// loadRun reads the columns compare needs, keeping per post_id the row with
// the highest revision_version (the first such row on a tie).
func loadRun(out string) (*loadedRun, error) {
	man, err := openRun(out)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(out, pipeline.ScoresName)
	names, err := columnNames(path)
	if err != nil {
		return nil, err
	}
	r := &loadedRun{posts: map[string]*entry{}, man: man, hasBodySHA: names[bodySHA256]}
	cols := []string{"post_id", "revision_version", "content_sha256", "model_hash", "as_of", "doc_path", "title",
		pipeline.ScoreColumns(scoring.Quality).Exact, "last_reviewed", "tags", "warnings"}
	for k := range scoring.NumScores {
		cols = append(cols, pipeline.ScoreColumns(k).Value, pipeline.ScoreColumns(k).Claimed)
	}
	if r.hasBodySHA {
		cols = append(cols, bodySHA256)
	}
	row := 0
	err = scanColumns(path, cols, func(b *batch) error {
		for i := range b.rows() {
			id, _ := b.str("post_id", i)
			rev, _ := b.str("revision_version", i)
			if old, ok := r.posts[id]; !ok || compareVersions(rev, old.rev) > 0 {
				r.posts[id] = readEntry(b, i, row, rev, r.hasBodySHA)
			}
			row++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	r.clusters, err = loadClusters(out)
	return r, err
}

// readEntry reads the entry of row i of b, the file's row number row.
func readEntry(b *batch, i, row int, rev string, hasBodySHA bool) *entry {
	e := &entry{row: row, rev: rev}
	e.sha, _ = b.str("content_sha256", i)
	if hasBodySHA {
		e.bodySHA, _ = b.str(bodySHA256, i)
	}
	e.model, _ = b.str("model_hash", i)
	e.asOf, _ = b.float("as_of", i)
	e.docPath, _ = b.str("doc_path", i)
	for k := range scoring.NumScores {
		e.scores[k], e.has[k] = b.float(pipeline.ScoreColumns(k).Value, i)
		e.meta.claimed[k], e.meta.hasClaimed[k] = b.float(pipeline.ScoreColumns(k).Claimed, i)
	}
	e.qexact, e.hasQ = b.float(pipeline.ScoreColumns(scoring.Quality).Exact, i)
	e.meta.title, _ = b.str("title", i)
	e.meta.reviewed, e.meta.hasReviewed = b.float("last_reviewed", i)
	e.meta.tags = b.strs("tags", i)
	e.meta.warnKinds = warningKinds(b.strs("warnings", i))
	return e
}

// Comparison is what compare reports.
type Comparison struct {
	OldRun       Run            `json:"old"`
	NewRun       Run            `json:"new"`
	Both         int            `json:"posts_in_both"`
	Added        int            `json:"posts_added"`
	Removed      int            `json:"posts_removed"`
	AddedIDs     []string       `json:"added_sample"`
	RemovedIDs   []string       `json:"removed_sample"`
	Scores       []ScoreShift   `json:"scores"`
	Moved        MovedBreakdown `json:"moved_quality"`
	TopMovers    []Mover        `json:"top_movers"`
	Bands        []string       `json:"bands"`
	Changes      ChangeCounts   `json:"changes"`
	ModelChanged bool           `json:"model_changed"`
	AsOfChanged  bool           `json:"as_of_changed"`
	// Clusters is how the near-duplicate clusters changed; null when a run
	// has no duplicates.parquet, which ClustersUnavailable then names.
	Clusters            *ClusterShifts `json:"clusters"`
	ClustersUnavailable string         `json:"clusters_unavailable_because,omitempty"`
}

// ChangeCounts count the posts in both runs whose input changed, by what
// changed.
type ChangeCounts struct {
	Body     int `json:"body"`          // body_sha256 differs
	Metadata int `json:"metadata_only"` // content_sha256 differs, body_sha256 does not
	// Unknown changed inputs cannot be told body or metadata, because a run
	// lacks body_sha256; UnknownBecause says which ("" when both have it).
	Unknown        int    `json:"body_or_metadata_unknown"`
	UnknownBecause string `json:"unknown_because,omitempty"`
}

// ScoreShift is how one score moved over the posts in both runs.
type ScoreShift struct {
	Name        string    `json:"name"`
	Pairs       int       `json:"pairs"`
	OldMean     float64   `json:"old_mean"`
	NewMean     float64   `json:"new_mean"`
	MeanShift   float64   `json:"mean_shift"`
	KS          *float64  `json:"ks_statistic"`
	Raised      int       `json:"raised"`
	Lowered     int       `json:"lowered"`
	Transitions [4][4]int `json:"band_transitions"` // [old band][new band]
}

// MovedBreakdown says why posts whose quality moved did.
type MovedBreakdown struct {
	Moved   int          `json:"moved"`
	ByCause []CauseCount `json:"by_cause"` // each of CauseKinds, in its order
}

// CauseCount is how many posts moved for one cause.
type CauseCount struct {
	Cause string `json:"cause"`
	Posts int    `json:"posts"`
}

// Mover is one post whose quality moved most.
type Mover struct {
	PostID         string           `json:"post_id"`
	Title          string           `json:"title"`
	OldQuality     float64          `json:"old_quality"`
	NewQuality     float64          `json:"new_quality"`
	Delta          float64          `json:"delta"`
	Cause          string           `json:"cause"` // one of CauseKinds
	CauseDetail    string           `json:"cause_detail"`
	Features       []FeatureShift   `json:"features_that_moved"`
	Components     []ComponentShift `json:"components_that_moved"`
	oldRow, newRow int
}

// ComponentShift is how many quality points one component gave in each run.
type ComponentShift struct {
	Feature   string  `json:"feature"`
	OldPoints float64 `json:"old_points"`
	NewPoints float64 `json:"new_points"`
}

// FeatureShift is one feature's change for a mover.
type FeatureShift struct {
	Feature string   `json:"feature"`
	Old     *float64 `json:"old"`
	New     *float64 `json:"new"`
}

// bandOf places a score in the bands 0–39, 40–59, 60–79, 80–100.
func bandOf(v float64) int {
	switch {
	case v < 40:
		return 0
	case v < 60:
		return 1
	case v < 80:
		return 2
	}
	return 3
}

// BandNames are the score bands of the transition matrix.
var BandNames = []string{"0–39", "40–59", "60–79", "80–100"}

// Compare joins two runs by post_id and writes dir/compare.parquet and
// dir/compare.{md,html,json}.
func Compare(oldOut, newOut, dir string) (*Comparison, error) {
	return CompareAs(oldOut, newOut, dir, oldOut, newOut)
}

// CompareAs is Compare of runs read from oldOut and newOut (local copies of
// runs in object storage) that compare.parquet's metadata records as
// oldName and newName (their URLs).
func CompareAs(oldOut, newOut, dir, oldName, newName string) (*Comparison, error) {
	oldR, err := loadRun(oldOut)
	if err != nil {
		return nil, fmt.Errorf("old run: %w", err)
	}
	newR, err := loadRun(newOut)
	if err != nil {
		return nil, fmt.Errorf("new run: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	oldM, newM, oldMan, newMan := oldR.posts, newR.posts, oldR.man, newR.man
	c := &Comparison{OldRun: runOf(oldMan), NewRun: runOf(newMan), Bands: BandNames}
	c.ModelChanged = oldMan.ModelHash != newMan.ModelHash
	c.AsOfChanged = oldMan.AsOf != newMan.AsOf
	c.Changes.UnknownBecause = unknownBodyBecause(oldR.hasBodySHA, newR.hasBodySHA)
	c.Clusters, c.ClustersUnavailable = clusterShifts(oldR, newR)
	for _, cause := range CauseKinds {
		c.Moved.ByCause = append(c.Moved.ByCause, CauseCount{Cause: cause})
	}

	w, err := pipeline.NewParquetWriter[CompareRow](filepath.Join(dir, CompareName))
	if err != nil {
		return nil, err
	}
	j := &joiner{c: c}
	for _, id := range joinedIDs(oldM, newM) {
		if err := w.Write(j.row(id, oldM[id], newM[id])); err != nil {
			w.Abort()
			return nil, err
		}
	}
	for k := range scoring.NumScores {
		c.Scores = append(c.Scores, shift(k.String(), j.pairs[k][0], j.pairs[k][1]))
	}
	c.TopMovers = topMovers(j.movers)
	if err := featureShifts(oldOut, newOut, c.TopMovers); err != nil {
		w.Abort()
		return nil, err
	}
	kv := map[string]string{
		"postscore.version": pipeline.Version, "postscore.compare.old": oldName, "postscore.compare.new": newName,
		"postscore.compare.old_model_hash": oldMan.ModelHash, "postscore.compare.new_model_hash": newMan.ModelHash,
		"postscore.compare.old_as_of": oldMan.AsOf, "postscore.compare.new_as_of": newMan.AsOf,
		"postscore.compare.both": strconv.Itoa(c.Both), "postscore.compare.added": strconv.Itoa(c.Added), "postscore.compare.removed": strconv.Itoa(c.Removed),
		"postscore.compare.clusters": c.ClusterSummary(),
	}
	if err := w.Commit(kv); err != nil {
		return nil, err
	}
	if err := writeComparison(c, dir); err != nil {
		return nil, err
	}
	return c, nil
}

// joinedIDs lists the post ids of both runs, sorted.
func joinedIDs(oldM, newM map[string]*entry) []string {
	ids := make([]string, 0, len(oldM)+len(newM))
	for id := range oldM {
		ids = append(ids, id)
	}
	for id := range newM {
		if _, ok := oldM[id]; !ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

// joiner makes the rows of compare.parquet, one post at a time, counting
// into c what the reports say and keeping what they need of the posts.
type joiner struct {
	c      *Comparison
	pairs  [scoring.NumScores][2][]float64 // each score's old and new values, of the posts that have both
	movers []Mover                         // the posts whose quality moved
}

// row is the row of the post id, whose entry in the old run is o and in
// the new run n (nil where the run does not have it).
func (j *joiner) row(id string, o, n *entry) CompareRow {
	r := CompareRow{PostID: id, Status: j.status(id, o, n)}
	if o != nil {
		r.OldRevisionVersion, r.OldDocPath = strOpt(o.rev), strOpt(o.docPath)
	}
	if n != nil {
		r.NewRevisionVersion, r.NewDocPath = strOpt(n.rev), strOpt(n.docPath)
	}
	j.scores(&r, o, n)
	if o != nil && n != nil {
		j.changes(&r, id, o, n)
	}
	return r
}

// status counts the post as in both runs, added or removed, and says which.
func (j *joiner) status(id string, o, n *entry) string {
	c := j.c
	switch {
	case o != nil && n != nil:
		c.Both++
		return "both"
	case n != nil:
		c.Added++
		if len(c.AddedIDs) < listSize {
			c.AddedIDs = append(c.AddedIDs, id)
		}
		return "added"
	}
	c.Removed++
	if len(c.RemovedIDs) < listSize {
		c.RemovedIDs = append(c.RemovedIDs, id)
	}
	return "removed"
}

// scores fills r's old and new scores and their deltas.
func (j *joiner) scores(r *CompareRow, o, n *entry) {
	olds := [scoring.NumScores]**int32{scoring.Quality: &r.OldQuality, scoring.Freshness: &r.OldFreshness, scoring.Depth: &r.OldDepth, scoring.Clarity: &r.OldClarity}
	news := [scoring.NumScores]**int32{scoring.Quality: &r.NewQuality, scoring.Freshness: &r.NewFreshness, scoring.Depth: &r.NewDepth, scoring.Clarity: &r.NewClarity}
	deltas := [scoring.NumScores]**int32{scoring.Quality: &r.DeltaQuality, scoring.Freshness: &r.DeltaFreshness, scoring.Depth: &r.DeltaDepth, scoring.Clarity: &r.DeltaClarity}
	for k := range scoring.NumScores {
		if o != nil && o.has[k] {
			*olds[k] = i32(o.scores[k])
		}
		if n != nil && n.has[k] {
			*news[k] = i32(n.scores[k])
		}
		if o != nil && n != nil && o.has[k] && n.has[k] {
			*deltas[k] = i32(n.scores[k] - o.scores[k])
			j.pairs[k][0] = append(j.pairs[k][0], o.scores[k])
			j.pairs[k][1] = append(j.pairs[k][1], n.scores[k])
		}
	}
}

// changes fills what changed between the runs of a post in both and, when
// its scores moved, why; it keeps the post as a mover when its quality
// moved.
func (j *joiner) changes(r *CompareRow, id string, o, n *entry) {
	ch := changeOf(o, n)
	r.BodyChanged, r.MetaChanged = ch.body, ch.meta
	r.ModelChanged, r.AsOfChanged = boolPtr(ch.model), boolPtr(ch.asOf)
	j.countChange(ch)
	if o.hasQ && n.hasQ {
		d := n.qexact - o.qexact
		r.QualityExactDelta = &d
	}
	if !scoresMoved(o, n) {
		return
	}
	cause := ch.cause()
	detail := j.causeDetail(cause, o, n)
	r.Cause, r.CauseDetail = &cause, strOpt(detail)
	q := scoring.Quality
	if !o.has[q] || !n.has[q] {
		return
	}
	if d := n.scores[q] - o.scores[q]; d != 0 {
		j.c.Moved.Moved++
		j.c.Moved.ByCause[slices.Index(CauseKinds, cause)].Posts++
		j.movers = append(j.movers, Mover{PostID: id, Title: n.meta.title, OldQuality: o.scores[q], NewQuality: n.scores[q], Delta: d,
			Cause: cause, CauseDetail: detail, oldRow: o.row, newRow: n.row})
	}
}

// countChange counts a post in both runs by what of its input changed.
func (j *joiner) countChange(ch postChange) {
	switch {
	case ch.body != nil && *ch.body:
		j.c.Changes.Body++
	case ch.meta != nil && *ch.meta:
		j.c.Changes.Metadata++
	case ch.content:
		j.c.Changes.Unknown++
	}
}

// topMovers are the listSize movers whose quality moved most.
func topMovers(movers []Mover) []Mover {
	sort.SliceStable(movers, func(i, j int) bool {
		if a, b := math.Abs(movers[i].Delta), math.Abs(movers[j].Delta); a != b {
			return a > b
		}
		return movers[i].PostID < movers[j].PostID
	})
	if len(movers) > listSize {
		movers = movers[:listSize]
	}
	return movers
}

// writeComparison writes compare.json, compare.md and compare.html into dir.
func writeComparison(c *Comparison, dir string) error {
	js, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	html, err := RenderCompareHTML(c)
	if err != nil {
		return err
	}
	for name, b := range map[string][]byte{"compare.json": append(VisibleJSON(js), '\n'), "compare.md": RenderCompareMarkdown(c), "compare.html": html} {
		if err := pipeline.WriteFileAtomic(filepath.Join(dir, name), b); err != nil {
			return err
		}
	}
	return nil
}

func runOf(m *pipeline.Manifest) Run {
	return Run{AsOf: m.AsOf, ModelName: m.ModelName, ModelVersion: m.ModelVersion, ModelHash: m.ModelHash, HalfLifeDays: m.HalfLifeDays,
		PostscoreVersion: m.PostscoreVersion, Inputs: m.Inputs, Rows: m.Rows, Errors: m.Errors, DurationSeconds: m.DurationSeconds,
		PostsPerSecond: m.PostsPerSecond, Start: m.Start.Format("2006-01-02 15:04:05 UTC"), Corpus: strings.Join(m.Corpus, ", ")}
}

func shift(name string, old, new []float64) ScoreShift {
	s := ScoreShift{Name: name, Pairs: len(old)}
	if len(old) == 0 {
		return s
	}
	for i := range old {
		s.OldMean += old[i]
		s.NewMean += new[i]
		switch {
		case new[i] > old[i]:
			s.Raised++
		case new[i] < old[i]:
			s.Lowered++
		}
		s.Transitions[bandOf(old[i])][bandOf(new[i])]++
	}
	s.OldMean /= float64(len(old))
	s.NewMean /= float64(len(new))
	s.MeanShift = s.NewMean - s.OldMean
	s.KS = finite(ksStatistic(old, new))
	return s
}

// featureShifts reads the numeric features and the quality components of
// the movers' rows in both runs, and names for each mover the three of
// each that moved most.
func featureShifts(oldOut, newOut string, movers []Mover) error {
	if len(movers) == 0 {
		return nil
	}
	names, err := sharedColumns(features.NumericNames(), oldOut, newOut)
	if err != nil {
		return err
	}
	oldV, err := readMovers(oldOut, names, movers, func(m *Mover) int { return m.oldRow })
	if err != nil {
		return err
	}
	newV, err := readMovers(newOut, names, movers, func(m *Mover) int { return m.newRow })
	if err != nil {
		return err
	}
	for i := range movers {
		movers[i].Features = topFeatureShifts(names, oldV[i], newV[i])
		movers[i].Components = topComponentShifts(oldV[i], newV[i])
	}
	return nil
}

// sharedColumns are those of names that the scores.parquet of both runs
// hold: a feature a run written before its column lacks is not compared
// (its absence is no change).
func sharedColumns(names []string, outs ...string) ([]string, error) {
	var has []map[string]bool
	for _, out := range outs {
		h, err := columnNames(filepath.Join(out, pipeline.ScoresName))
		if err != nil {
			return nil, err
		}
		has = append(has, h)
	}
	var shared []string
	for _, n := range names {
		if !slices.ContainsFunc(has, func(h map[string]bool) bool { return !h[n] }) {
			shared = append(shared, n)
		}
	}
	return shared, nil
}

// moverValues are what one run says of a mover.
type moverValues struct {
	f map[string]*float64 // numeric features by name; nil for null
	c map[string]float64  // quality points by component feature
}

// readMovers reads the numeric features called names and the quality
// components of the movers' rows (rowOf) in the run in out.
func readMovers(out string, names []string, movers []Mover, rowOf func(m *Mover) int) ([]moverValues, error) {
	qualityComponents := pipeline.ScoreColumns(scoring.Quality).Components
	cols := append(append([]string(nil), names...), qualityComponents)
	want := map[int][]int{}
	for i := range movers {
		want[rowOf(&movers[i])] = append(want[rowOf(&movers[i])], i)
	}
	vals := make([]moverValues, len(movers))
	row := 0
	err := scanColumns(filepath.Join(out, pipeline.ScoresName), cols, func(b *batch) error {
		for i := range b.rows() {
			for _, k := range want[row] {
				m := map[string]*float64{}
				for _, n := range names {
					if v, ok := b.float(n, i); ok {
						m[n] = &v
					} else {
						m[n] = nil
					}
				}
				pts := map[string]float64{}
				for _, c := range b.components(qualityComponents, i) {
					pts[c.Feature] = c.Points
				}
				vals[k] = moverValues{f: m, c: pts}
			}
			row++
		}
		return nil
	})
	return vals, err
}

// topFeatureShifts names the three features called names that moved most
// from o to n, by change relative to the old value.
func topFeatureShifts(names []string, o, n moverValues) []FeatureShift {
	type ch struct {
		name string
		rel  float64
	}
	var chs []ch
	for _, name := range names {
		ov, nv := o.f[name], n.f[name]
		switch {
		case ov == nil && nv == nil:
			continue
		case ov == nil || nv == nil:
			chs = append(chs, ch{name, math.Inf(1)})
		case *ov != *nv:
			chs = append(chs, ch{name, math.Abs(*nv-*ov) / math.Max(math.Abs(*ov), 1)})
		}
	}
	sort.SliceStable(chs, func(a, b int) bool {
		if chs[a].rel != chs[b].rel {
			return chs[a].rel > chs[b].rel
		}
		return chs[a].name < chs[b].name
	})
	var shifts []FeatureShift
	for _, x := range chs[:min(3, len(chs))] {
		shifts = append(shifts, FeatureShift{Feature: x.name, Old: o.f[x.name], New: n.f[x.name]})
	}
	return shifts
}

// topComponentShifts are the (at most three) quality components whose
// points moved most from o to n.
func topComponentShifts(o, n moverValues) []ComponentShift {
	var cs []ComponentShift
	for f, p := range o.c {
		cs = append(cs, ComponentShift{Feature: f, OldPoints: p, NewPoints: n.c[f]})
	}
	for f, p := range n.c {
		if _, ok := o.c[f]; !ok {
			cs = append(cs, ComponentShift{Feature: f, NewPoints: p})
		}
	}
	sort.Slice(cs, func(a, b int) bool {
		da, db := math.Abs(cs[a].NewPoints-cs[a].OldPoints), math.Abs(cs[b].NewPoints-cs[b].OldPoints)
		if da != db {
			return da > db
		}
		return cs[a].Feature < cs[b].Feature
	})
	var shifts []ComponentShift
	for _, x := range cs[:min(3, len(cs))] {
		if x.NewPoints != x.OldPoints {
			shifts = append(shifts, x)
		}
	}
	return shifts
}

func strOpt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func i32(v float64) *int32 {
	x := int32(math.Round(v))
	return &x
}

// RenderCompareMarkdown renders a comparison for pull requests and chat.
func RenderCompareMarkdown(c *Comparison) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# postscore comparison\n\n| | old | new |\n| --- | --- | --- |\n")
	fmt.Fprintf(&b, "| as of | %s | %s |\n| model | %s %s (`%s`) | %s %s (`%s`) |\n| postscore | %s | %s |\n| rows | %d | %d |\n\n",
		mdCell(c.OldRun.AsOf), mdCell(c.NewRun.AsOf), mdCell(c.OldRun.ModelName), mdCell(c.OldRun.ModelVersion), mdCell(shortHash(c.OldRun.ModelHash)),
		mdCell(c.NewRun.ModelName), mdCell(c.NewRun.ModelVersion), mdCell(shortHash(c.NewRun.ModelHash)), mdCell(c.OldRun.PostscoreVersion), mdCell(c.NewRun.PostscoreVersion), c.OldRun.Rows, c.NewRun.Rows)
	fmt.Fprintf(&b, "%d posts in both runs, %d added, %d removed; of those in both, %s. ", c.Both, c.Added, c.Removed, c.ChangeSummary())
	fmt.Fprintf(&b, "Quality moved on %d posts, by cause: %s.\n\n%s\n\n", c.Moved.Moved, c.Moved.CauseSummary(), CauseNote)
	b.WriteString("## Scores\n\n| score | pairs | old mean | new mean | shift | KS | raised | lowered |\n| --- | --: | --: | --: | --: | --: | --: | --: |\n")
	for _, s := range c.Scores {
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %d | %d |\n", s.Name, s.Pairs, formatNum(s.OldMean), formatNum(s.NewMean), formatNum(s.MeanShift), optNum(s.KS), s.Raised, s.Lowered)
	}
	for _, s := range c.Scores {
		fmt.Fprintf(&b, "\n### %s bands (rows: old, columns: new)\n\n| | %s | %s | %s | %s |\n| --- | --: | --: | --: | --: |\n", s.Name, BandNames[0], BandNames[1], BandNames[2], BandNames[3])
		for i, row := range s.Transitions {
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", BandNames[i], row[0], row[1], row[2], row[3])
		}
	}
	b.WriteString("\n## Top movers (quality)\n\n| post | title | old | new | Δ | cause | features that moved most | quality points that moved most |\n| --- | --- | --: | --: | --: | --- | --- | --- |\n")
	for _, m := range c.TopMovers {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %+d | %s | %s | %s |\n", mdCell(m.PostID), mdCell(m.Title), formatNum(m.OldQuality), formatNum(m.NewQuality), int(m.Delta), mdCell(m.CauseText()), mdCell(featureText(m.Features)), mdCell(componentText(m.Components)))
	}
	writeMDClusterShifts(&b, c)
	if c.Added > 0 || c.Removed > 0 {
		fmt.Fprintf(&b, "\n## Added and removed\n\nAdded (%d): %s\n\nRemoved (%d): %s\n", c.Added, mdCell(sampleText(c.AddedIDs, c.Added)), c.Removed, mdCell(sampleText(c.RemovedIDs, c.Removed)))
	}
	// A safety net: every string from a post is already a cell (mdCell).
	return []byte(VisibleText(b.String()))
}

// CauseNote tells the reports' readers what a mover's cause is.
const CauseNote = "A mover's cause is the first that applies of: body (the text a reader sees changed), metadata (only the front matter or meta block did), " +
	"content (the input changed, but a run lacks body_sha256 to tell which part), model, as_of (the as-of date), scorer (postscore's own rules: nothing else changed). " +
	"compare.parquet's body_changed, meta_changed, model_changed and as_of_changed say every one that applies."

// ChangeSummary counts the posts in both runs by what of their input
// changed: "10 body changes, 100 metadata-only changes".
func (c *Comparison) ChangeSummary() string {
	ch := c.Changes
	if ch.UnknownBecause != "" {
		return fmt.Sprintf("%s, body or metadata unknown: %s", plural(ch.Unknown, "changed input"), ch.UnknownBecause)
	}
	return plural(ch.Body, "body change") + ", " + plural(ch.Metadata, "metadata-only change")
}

// CauseSummary counts the moved posts by cause, the causes that moved none
// left out: "1 body, 11 metadata".
func (m MovedBreakdown) CauseSummary() string {
	var parts []string
	for _, cc := range m.ByCause {
		if cc.Posts > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", cc.Posts, cc.Cause))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// CauseText is the mover's cause and what it names: "metadata: review date
// lost".
func (m Mover) CauseText() string {
	if m.CauseDetail == "" {
		return m.Cause
	}
	return m.Cause + ": " + m.CauseDetail
}

// plural is n and noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// joined formats each element of xs with f and joins them with sep.
func joined[T any](xs []T, sep string, f func(T) string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = f(x)
	}
	return strings.Join(parts, sep)
}

func featureText(fs []FeatureShift) string {
	return joined(fs, "; ", func(f FeatureShift) string {
		return fmt.Sprintf("%s %s → %s", f.Feature, optNum(f.Old), optNum(f.New))
	})
}

func componentText(cs []ComponentShift) string {
	return joined(cs, "; ", func(c ComponentShift) string {
		return fmt.Sprintf("%s %s → %s", c.Feature, formatNum(c.OldPoints), formatNum(c.NewPoints))
	})
}

func sampleText(ids []string, total int) string {
	s := strings.Join(ids, ", ")
	if total > len(ids) {
		s += fmt.Sprintf(", … (%d more)", total-len(ids))
	}
	return s
}
