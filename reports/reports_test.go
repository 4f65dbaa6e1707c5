package reports

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	postfmt "github.com/alphanode/postscore/features/post" // this package has a type post of its own
	"github.com/alphanode/postscore/pipeline"
	"github.com/alphanode/postscore/scoring"
	_ "github.com/duckdb/duckdb-go/v2"
	"gonum.org/v1/gonum/stat"
)

var testCorpus = filepath.Join("..", "testdata", "corpus")

func scoreRun(t *testing.T, corpus string, model *scoring.Model) string {
	t.Helper()
	out := t.TempDir()
	asOf, _ := postfmt.ParseDate("2026-11-27")
	if _, err := pipeline.Run(context.Background(), pipeline.Options{Corpus: []string{corpus}, Out: out, AsOf: asOf, Model: model, MaxErrors: -1}); err != nil {
		t.Fatal(err)
	}
	return out
}

func halfLife90(t *testing.T) *scoring.Model {
	t.Helper()
	src := strings.Replace(string(scoring.DefaultModelTOML()), "half_life_days = 180", "half_life_days = 90", 1)
	src = regexp.MustCompile(`(?m)^version = "(.*)"$`).ReplaceAllString(src, `version = "$1-hl90"`)
	m, err := scoring.ParseModel([]byte(src), "hl90.toml")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestKolmogorovSmirnovByHand(t *testing.T) {
	cases := []struct {
		a, b []float64
		want float64
	}{
		// ECDFs at 2: a 2/4, b 0; at 3: a 3/4, b 1/4; the gap never exceeds 1/2.
		{[]float64{1, 2, 3, 4}, []float64{3, 4, 5, 6}, 0.5},
		// Disjoint samples: 1.
		{[]float64{1, 2, 3}, []float64{4, 5}, 1},
		// At 0.1: a 1/3, b 0; at 0.6: a 2/3, b 1: the largest gap is 1/3.
		{[]float64{0.9, 0.1, 0.5}, []float64{0.6, 0.3}, 1.0 / 3},
		// The same sample: 0.
		{[]float64{5, 1, 3}, []float64{3, 5, 1}, 0},
	}
	for _, c := range cases {
		if got := ksStatistic(c.a, c.b); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("KS(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestCorrelationsByHand(t *testing.T) {
	// claimed 10,20,30,40 vs recomputed 12,18,33,41: bias (−2+2−3−1)/4 = −1,
	// MAE 2; ranks agree, so Spearman is 1; 2 claims of the 4 are not over by 20.
	c := compareClaims([]float64{10, 20, 30, 40}, []float64{12, 18, 33, 41})
	if c.MeanBias != -1 || c.MAE != 2 || c.Spearman == nil || *c.Spearman != 1 || c.Over20 != 0 {
		t.Errorf("claims: %+v", c)
	}
	// Pearson of (1,2,3) and (2,4,7): r = 0.9933992677987828 (computed by hand from the definition).
	c = compareClaims([]float64{1, 2, 3}, []float64{2, 4, 7})
	if math.Abs(*c.Pearson-0.9933992677987828) > 1e-12 {
		t.Errorf("pearson = %v", *c.Pearson)
	}
	// 10 once, 20 once, 30 twice: ranks 1, 2, and 3.5 shared.
	if r := ranksOf(map[float64]float64{10: 1, 30: 2, 20: 1}); r[10] != 1 || r[20] != 2 || r[30] != 3.5 {
		t.Errorf("ranks with ties = %v", r)
	}
	if c := compareClaims([]float64{50}, []float64{20}); c.Pearson != nil || c.Over20 != 1 {
		t.Errorf("one pair: %+v", c)
	}
}

// TestClaimsFromCountsMatchPerPost: statistics computed from counted pairs
// equal gonum's on the full lists of posts, ranks averaged over ties.
func TestClaimsFromCountsMatchPerPost(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	for range 50 {
		n := 2 + r.IntN(400)
		cl, re := make([]float64, n), make([]float64, n)
		for i := range n {
			cl[i] = float64(r.IntN(30) * 3)
			re[i] = float64(min(100, max(0, int(cl[i])-20+r.IntN(40))))
		}
		got := compareClaims(cl, re)
		wantP := stat.Correlation(cl, re, nil)
		wantS := stat.Correlation(rankList(cl), rankList(re), nil)
		if got.Pearson == nil || math.Abs(*got.Pearson-wantP) > 1e-9 || math.Abs(*got.Spearman-wantS) > 1e-9 {
			t.Fatalf("pearson %v vs %v, spearman %v vs %v", *got.Pearson, wantP, *got.Spearman, wantS)
		}
	}
}

// rankList ranks a list directly: 1-based, ties sharing their mean rank.
func rankList(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		below, equal := 0, 0
		for _, y := range xs {
			if y < x {
				below++
			} else if y == x {
				equal++
			}
		}
		out[i] = float64(below) + float64(equal+1)/2
	}
	return out
}

func TestDescribeByHand(t *testing.T) {
	v := newValueCounts(0)
	for _, x := range []float64{10, 20, 20, 30, 40, 50, 60, 70, 80, 95} {
		v.add(x)
	}
	d := describe(v, scoreEdges(), rangeLabel)
	// Empirical quantiles: p10 is the 1st of 10 values, p50 the 5th, p90 the 9th.
	if d.Count != 10 || d.Mean != 47.5 || d.P10 != 10 || d.P50 != 40 || d.P90 != 80 || d.Min != 10 || d.Max != 95 {
		t.Errorf("describe: %+v", d)
	}
	if d.Bins[2].Count != 2 || d.Bins[9].Count != 1 {
		t.Errorf("bins: %+v", d.Bins)
	}
}

func TestSummaryOfTestdata(t *testing.T) {
	out := scoreRun(t, testCorpus, nil)
	s, err := Summarize(out)
	if err != nil {
		t.Fatal(err)
	}
	// bad/binary.png is no input (its extension names no format).
	if s.Run.Inputs != 11 || s.Run.Rows != 8 || s.Run.Errors != 3 || s.Run.HalfLifeDays != 180 {
		t.Errorf("run: %+v", s.Run)
	}
	q := s.Scores[0]
	if q.Name != "quality" || q.Dist.Count != 8 || q.Claims.Pairs != 3 {
		t.Errorf("quality: %+v", q)
	}
	// Freshness: 4 posts have a review date, 4 do not.
	if f := s.Scores[1]; f.Dist.Count != 4 || f.Dist.Nulls != 4 {
		t.Errorf("freshness: %+v", f.Dist)
	}
	// The seed claims 97 and earns about 55: one of the over-claims.
	if q.Claims.Over20 < 1 {
		t.Errorf("claims over by 20: %d", q.Claims.Over20)
	}
	if len(s.Weakest) != 8 || s.Weakest[0].Quality > s.Weakest[7].Quality {
		t.Errorf("weakest: %+v", s.Weakest)
	}
	// Untruthful: the seed's paragraph and reading-time claims, the CRLF post's...
	if s.Untruthful.ReadingTime < 1 || s.Untruthful.ParagraphGap < 1 {
		t.Errorf("untruthful: %+v", s.Untruthful)
	}
	// One post reviewed 2025-11-27: 365 days, over two half-lives (360).
	if s.Stale.Count != 1 || s.Stale.Oldest[0].Days != 365 || s.Stale.Oldest[0].PostID != "handwritten-0003" {
		t.Errorf("stale: %+v", s.Stale)
	}
	errKinds := map[string]int{}
	for _, e := range s.Errors {
		errKinds[e.Kind] = e.Count
	}
	if errKinds["empty"] != 1 || errKinds["not_text"] != 1 || errKinds["only_preamble"] != 1 {
		t.Errorf("errors: %+v", s.Errors)
	}
	warn := map[string]int{}
	for _, w := range s.Warnings {
		warn[w.Kind] = w.Count
	}
	if warn["no_meta"] != 2 || warn["bad_meta_value"] != 3 || warn["review_date_in_future"] != 1 || warn["invalid_utf8"] != 1 {
		t.Errorf("warnings: %+v", s.Warnings)
	}
	var topics []string
	for _, g := range s.Breakdowns[0].Groups {
		topics = append(topics, g.Key)
	}
	if s.Breakdowns[0].By != "topic" || len(topics) != 4 {
		t.Errorf("topics: %v", topics)
	}
	files, err := WriteReports(out, Formats)
	if err != nil || len(files) != 3 {
		t.Fatalf("%v %v", files, err)
	}
	html, _ := os.ReadFile(filepath.Join(out, "report.html"))
	h := string(html)
	if strings.Contains(h, "<script") || !strings.Contains(h, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the post titled <script>alert(1)</script> is not escaped in report.html")
	}
	if strings.Contains(h, "<img") || strings.Contains(h, `src="http`) || strings.Contains(h, "<link") || strings.Contains(h, "@import") {
		t.Error("report.html refers to an external resource")
	}
	md, _ := os.ReadFile(filepath.Join(out, "report.md"))
	if !strings.Contains(string(md), `\<script\>alert\(1\)\</script\>`) {
		t.Error("report.md does not escape markup in titles")
	}
}

func TestCompareTwoModels(t *testing.T) {
	old := scoreRun(t, testCorpus, nil)
	nw := scoreRun(t, testCorpus, halfLife90(t))
	dir := t.TempDir()
	c, err := Compare(old, nw, dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.Both != 8 || c.Added != 0 || c.Removed != 0 || !c.ModelChanged || c.AsOfChanged || c.Changes != (ChangeCounts{}) {
		t.Errorf("comparison: %+v", c)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	path := filepath.Join(dir, CompareName)
	var rows, both, contentChanged, modelChanged, badDelta, depthMoved int
	err = db.QueryRow(`SELECT count(*), count(*) FILTER (status = 'both'), count(*) FILTER (body_changed OR meta_changed),
		count(*) FILTER (model_changed), count(*) FILTER (delta_quality <> new_quality - old_quality OR delta_freshness <> new_freshness - old_freshness),
		count(*) FILTER (delta_depth <> 0 OR delta_clarity <> 0) FROM read_parquet(?)`, path).Scan(&rows, &both, &contentChanged, &modelChanged, &badDelta, &depthMoved)
	if err != nil {
		t.Fatal(err)
	}
	if rows != 8 || both != 8 || contentChanged != 0 || modelChanged != 8 || badDelta != 0 || depthMoved != 0 {
		t.Errorf("compare.parquet: rows %d both %d content %d model %d bad deltas %d depth moved %d", rows, both, contentChanged, modelChanged, badDelta, depthMoved)
	}
	// The seed, reviewed 151 days before: 100·0.5^(151/180) = 55.9 → 56; 100·0.5^(151/90) = 31.2 → 31.
	var oldF, newF, dF int
	if err := db.QueryRow("SELECT old_freshness, new_freshness, delta_freshness FROM read_parquet(?) WHERE post_id = 'alphanode-006681'", path).Scan(&oldF, &newF, &dF); err != nil {
		t.Fatal(err)
	}
	if oldF != 56 || newF != 31 || dF != -25 {
		t.Errorf("seed freshness %d → %d (%d)", oldF, newF, dF)
	}
	for col, want := range map[string]string{"body_changed": "BOOLEAN", "meta_changed": "BOOLEAN", "cause": "VARCHAR", "cause_detail": "VARCHAR"} {
		var ty string
		db.QueryRow("SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet(?)) WHERE column_name = ?", path, col).Scan(&ty)
		if ty != want {
			t.Errorf("%s is %q, want %s", col, ty, want)
		}
	}
	var notModel int
	if err := db.QueryRow("SELECT count(*) FILTER (cause IS DISTINCT FROM 'model' AND delta_freshness <> 0) FROM read_parquet(?)", path).Scan(&notModel); err != nil || notModel != 0 {
		t.Errorf("%d posts moved by the model have another cause (%v)", notModel, err)
	}
	fresh := c.Scores[1]
	// 3 dated posts lose freshness; the one reviewed in the future stays at 100.
	if fresh.Name != "freshness" || fresh.Lowered != 3 || fresh.Raised != 0 || fresh.MeanShift >= 0 || fresh.KS == nil || *fresh.KS <= 0 {
		t.Errorf("freshness shift: %+v", fresh)
	}
	if d := c.Scores[2]; d.MeanShift != 0 || *d.KS != 0 || d.Transitions[bandOf(0)][0]+d.Transitions[1][1]+d.Transitions[2][2]+d.Transitions[3][3] != d.Pairs {
		t.Errorf("depth must not move: %+v", d)
	}
	if len(c.TopMovers) == 0 || c.TopMovers[0].Cause != CauseModel || len(c.TopMovers[0].Components) == 0 || c.TopMovers[0].Components[0].Feature != "score.freshness" {
		t.Errorf("top movers: %+v", c.TopMovers)
	}
	if c.Moved.Moved == 0 || c.Moved.CauseSummary() != fmt.Sprintf("%d model", c.Moved.Moved) {
		t.Errorf("moved: %+v", c.Moved)
	}
	for _, f := range []string{"compare.md", "compare.html", "compare.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
}

func TestCompareAddedRemovedRevisions(t *testing.T) {
	old := scoreRun(t, filepath.Join(testCorpus, "seed"), nil)
	// The new corpus has the seed twice: revision 1.4.3 and a later 1.10.0 with
	// different text; compare must take 1.10.0 and see changed content.
	dir := t.TempDir()
	seed, _ := os.ReadFile(filepath.Join(testCorpus, "seed", "000_3c46a61df17ffb0d.txt"))
	os.WriteFile(filepath.Join(dir, "a.txt"), seed, 0o644)
	rev := strings.Replace(strings.Replace(string(seed), "version: 1.4.3", "version: 1.10.0", 1), "start by writing down", "begin by writing down", 1)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte(rev), 0o644)
	os.WriteFile(filepath.Join(dir, "c.txt"), []byte("a new post\n\nit was not in the old run at all, and it says so plainly.\n"), 0o644)
	nw := scoreRun(t, dir, nil)
	c, err := Compare(old, nw, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if c.Both != 1 || c.Added != 1 || c.Removed != 0 || c.Changes != (ChangeCounts{Body: 1}) || c.AddedIDs[0] != "c.txt" {
		t.Errorf("comparison: both %d added %d removed %d changes %+v %v", c.Both, c.Added, c.Removed, c.Changes, c.AddedIDs)
	}
	back, err := Compare(nw, old, t.TempDir())
	if err != nil || back.Removed != 1 {
		t.Errorf("reverse: %v %+v", err, back)
	}
}

// compareClaims compares two equal-length lists of scores, through the
// counting accumulator the reports use.
func compareClaims(claimed, recomputed []float64) Claims {
	a := newClaimsAcc()
	for i := range claimed {
		a.add(claimed[i], recomputed[i])
	}
	return a.result()
}

// TestScatterSample: the scatter plot keeps every pair up to maxScatter, and
// past it every step-th pair for the smallest power of two step that fits.
func TestScatterSample(t *testing.T) {
	for _, c := range []struct{ pairs, step int }{{10, 1}, {1500, 1}, {1501, 2}, {3000, 2}, {3001, 4}, {4000, 4}, {100000, 128}} {
		claimed, recomputed := make([]float64, c.pairs), make([]float64, c.pairs)
		for i := range claimed {
			claimed[i], recomputed[i] = float64(i%101), float64(i/101%101)
		}
		got := compareClaims(claimed, recomputed)
		want := (c.pairs + c.step - 1) / c.step
		if len(got.Scatter) != want || got.Sampled != (c.step > 1) {
			t.Errorf("%d pairs: %d points, sampled %v; want %d (every %d-th), sampled %v", c.pairs, len(got.Scatter), got.Sampled, want, c.step, c.step > 1)
			continue
		}
		for k, pt := range got.Scatter {
			if i := k * c.step; pt != (Point{claimed[i], recomputed[i]}) {
				t.Errorf("%d pairs: point %d is %v, want pair %d %v", c.pairs, k, pt, i, Point{claimed[i], recomputed[i]})
				break
			}
		}
	}
}

// TestLiveSummaryIsTheFilesSummary: the summary a run gathers from its rows
// and error rows as it writes them is the one read back from its files, on
// the test corpus and, when ../shared is there, the real posts; a Live that
// missed rows (a resumed run) reads the files.
func TestLiveSummaryIsTheFilesSummary(t *testing.T) {
	if distSpecs[daysSinceReview].name != "days_since_review" {
		t.Fatalf("daysSinceReview (%d) names %s in distSpecs", daysSinceReview, distSpecs[daysSinceReview].name)
	}
	corpora := []string{testCorpus}
	if real := filepath.Join("..", "..", "shared", "corpus", "real"); dirExists(real) {
		corpora = append(corpora, real)
	} else {
		t.Log("../shared/corpus/real is not there: the test corpus only")
	}
	asOf, _ := postfmt.ParseDate("2026-11-27")
	for _, corpus := range corpora {
		model := halfLife90(t)
		out := t.TempDir()
		live := NewLive(model.HalfLifeDays)
		man, err := pipeline.Run(context.Background(), pipeline.Options{Corpus: []string{corpus}, Out: out, AsOf: asOf, Model: model, MaxErrors: -1, Workers: 2, OnRow: live.Add, OnError: live.AddError})
		if err != nil {
			t.Fatal(err)
		}
		got, err := live.Summary(out, man)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Summarize(out)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			gj, _ := json.MarshalIndent(got, "", " ")
			wj, _ := json.MarshalIndent(want, "", " ")
			t.Errorf("%s: the live summary differs from the files' (%d vs %d bytes of JSON)", corpus, len(gj), len(wj))
		}
		if got.Stale.Count == 0 || len(got.Weakest) == 0 || corpus == testCorpus && (got.Scores[0].Claims.Pairs == 0 || len(got.Errors) < 2) {
			t.Errorf("%s: a summary with nothing in it proves little: %d stale, %d weakest, %d claims, %d error kinds", corpus, got.Stale.Count, len(got.Weakest), got.Scores[0].Claims.Pairs, len(got.Errors))
		}
		missed, err := NewLive(model.HalfLifeDays).Summary(out, man)
		if err != nil || !reflect.DeepEqual(missed, want) {
			t.Errorf("%s: a Live that saw no rows must read the files: %v", corpus, err)
		}
	}
}

func dirExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
