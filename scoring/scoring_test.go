package scoring

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/post"
)

func ptr(v float64) *float64 { return &v }

func TestCurves(t *testing.T) {
	cases := []struct {
		c    Curve
		x    float64
		want float64
	}{
		{Curve{Kind: CurveRising, From: ptr(10), To: ptr(20)}, 5, 0},
		{Curve{Kind: CurveRising, From: ptr(10), To: ptr(20)}, 12.5, 0.25},
		{Curve{Kind: CurveRising, From: ptr(10), To: ptr(20)}, 25, 1},
		{Curve{Kind: CurveFalling, From: ptr(0), To: ptr(0.2)}, 0.05, 0.75},
		{Curve{Kind: CurveBand, Min: ptr(0), Low: ptr(10), High: ptr(20), Max: ptr(40)}, 5, 0.5},
		{Curve{Kind: CurveBand, Min: ptr(0), Low: ptr(10), High: ptr(20), Max: ptr(40)}, 15, 1},
		{Curve{Kind: CurveBand, Min: ptr(0), Low: ptr(10), High: ptr(20), Max: ptr(40)}, 35, 0.25},
		{Curve{Kind: CurveBand, Min: ptr(0), Low: ptr(10), High: ptr(20), Max: ptr(40)}, 50, 0},
		{Curve{Kind: CurveBand, Min: ptr(-2), Low: ptr(0), High: ptr(0), Max: ptr(2)}, 1, 0.5},
		{Curve{Kind: CurveSaturating, Half: ptr(100)}, 100, 0.5},
		{Curve{Kind: CurveSaturating, Half: ptr(100)}, 300, 0.875},
		{Curve{Kind: CurveSaturating, Half: ptr(100)}, -5, 0},
		{Curve{Kind: CurveHalfLife}, 180, 0.5},                    // the model's 180 days
		{Curve{Kind: CurveHalfLife}, -30, 1},                      // a future date is fresh, not fresher
		{Curve{Kind: CurveHalfLife, HalfLife: ptr(30)}, 60, 0.25}, // its own half-life
	}
	for _, c := range cases {
		if err := c.c.validate(); err != nil {
			t.Fatalf("%v: %v", c.c.String(), err)
		}
		if got := c.c.Eval(c.x, 180); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s at %g = %v, want %v", c.c.String(), c.x, got, c.want)
		}
	}
}

func loadSeedFeatures(t *testing.T, asOf string) *features.Features {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "corpus", "seed", "000_3c46a61df17ffb0d.txt"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := post.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := post.ParseDate(asOf)
	return features.Measure(p, d)
}

func TestSeedScores(t *testing.T) {
	m := DefaultModel()
	s := m.Score(loadSeedFeatures(t, "2026-11-27"))
	// 100 · 0.5^(151/180) = 55.907…
	if s.Freshness.Value == nil || *s.Freshness.Value != 56 || math.Abs(*s.Freshness.Exact-100*math.Pow(0.5, 151.0/180)) > 1e-9 {
		t.Errorf("freshness = %v", s.Freshness.Exact)
	}
	if q := *s.Quality.Value; q > 70 {
		t.Errorf("quality = %d: the seed claims 97 but repeats itself, is image-heavy and over-claims", q)
	}
	reasons := Reasons(&s.Quality, 8)
	for _, want := range []string{"repetition_ratio", "dedup_image_density", "paragraph_gap", "dedup_reading_time_ratio"} {
		found := false
		for _, r := range reasons {
			if r.Feature == want {
				found = true
			}
		}
		if !found {
			t.Errorf("quality reasons %v do not name %s", reasons, want)
		}
	}
	// Exact value is 100 × Σ points / 100: the components add up.
	sum := 0.0
	for _, c := range s.Quality.Components {
		sum += c.Points
	}
	if math.Abs(sum-*s.Quality.Exact) > 1e-9 {
		t.Errorf("points add to %v, exact is %v", sum, *s.Quality.Exact)
	}
}

func TestNoReviewDate(t *testing.T) {
	f := loadSeedFeatures(t, "2026-11-27")
	f.LastReviewed, f.DaysSinceReview = nil, nil
	s := DefaultModel().Score(f)
	if s.Freshness.Value != nil || s.Freshness.Exact != nil {
		t.Errorf("freshness without a review date = %v, want null", *s.Freshness.Value)
	}
	if s.Quality.Value == nil {
		t.Fatal("quality must be made without freshness")
	}
	for _, c := range s.Quality.Components {
		if c.Feature == "score.freshness" && (c.Skipped() || !c.UsedMissing || *c.CurveValue != 0) {
			t.Error("score.freshness must count its missing value, 0: an unknown review date is a stale one")
		}
	}
}

func TestModelHash(t *testing.T) {
	a := DefaultModel()
	// Comments and "why" notes do not change the hash; a weight does.
	src := string(DefaultModelTOML())
	b, err := ParseModel([]byte("# another comment\n"+strings.ReplaceAll(src, `why = "substance"`, `why = "changed"`)), "b.toml")
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash() != b.Hash() || len(a.Hash()) != 64 {
		t.Errorf("hash changed with a comment: %s %s", a.Hash(), b.Hash())
	}
	c, err := ParseModel([]byte(strings.Replace(src, "half_life_days = 180", "half_life_days = 90", 1)), "c.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Hash() == a.Hash() {
		t.Error("a different half-life must change the hash")
	}
}

func TestModelErrors(t *testing.T) {
	src := string(DefaultModelTOML())
	cases := []modelEdit{
		{"unknown feature", func(s string) string {
			return strings.Replace(s, `feature = "paragraph_count"`, `feature = "paragraf_count"`, 1)
		}, []string{"m.toml", "score depth, component 3 (paragraf_count)", `unknown feature "paragraf_count"`, "paragraph_count"}},
		{"unknown curve kind", func(s string) string {
			return strings.Replace(s, `{ kind = "half_life" }`, `{ kind = "exponential" }`, 1)
		}, []string{"score freshness, component 1 (days_since_review)", `unknown curve kind "exponential"`}},
		{"missing curve parameter", func(s string) string {
			return strings.Replace(s, `{ kind = "saturating", half = 500 }`, `{ kind = "saturating" }`, 1)
		}, []string{"score depth, component 1 (dedup_word_count)", `needs parameter "half"`}},
		{"bad curve parameter", func(s string) string {
			return strings.Replace(s, `{ kind = "rising", from = 1, to = 8 }`, `{ kind = "rising", from = 8, to = 1 }`, 1)
		}, []string{"score depth, component 3 (paragraph_count)", "from < to"}},
		{"foreign curve parameter", func(s string) string {
			return strings.Replace(s, `{ kind = "rising", from = 1, to = 8 }`, `{ kind = "rising", from = 1, to = 8, half = 3 }`, 1)
		}, []string{"score depth, component 3", `does not take parameter "half"`}},
		{"zero weight", func(s string) string {
			return strings.Replace(s, "weight = 4\n", "weight = 0\n", 1)
		}, []string{"score depth, component 1 (dedup_word_count)", "weight must be from 1e-06 to 1e+06 (got 0)"}},
		{"negative weight", func(s string) string {
			return strings.Replace(s, "weight = 4\n", "weight = -1\n", 1)
		}, []string{"score depth, component 1", "weight must be from 1e-06 to 1e+06 (got -1)"}},
		{"empty score", func(s string) string {
			i := strings.Index(s, "[[clarity]]")
			j := strings.Index(s, "# ── quality")
			return s[:i] + s[j:]
		}, []string{"score clarity", "no components"}},
		{"misspelt key", func(s string) string {
			return strings.Replace(s, "weight = 4\n", "wieght = 4\n", 1)
		}, []string{"unknown key(s) depth.wieght"}},
		{"bad half-life", func(s string) string {
			return strings.Replace(s, "half_life_days = 180", "half_life_days = 0", 1)
		}, []string{"half_life_days must be a number of days from 1e-06 to 1e+12 (got 0)"}},
		{"not TOML", func(s string) string { return s + "\n[[quality]\n" }, []string{"m.toml: line"}},
		{"score feature outside quality", func(s string) string {
			return strings.Replace(s, `feature = "paragraph_count"`, `feature = "score.clarity"`, 1)
		}, []string{"only quality may use another score"}},
	}
	refusedModels(t, src, cases)
}

// TestScoresBounded: scores stay in 0..100 and are never NaN, whatever the
// features (random, extreme, NaN and infinite values).
func TestScoresBounded(t *testing.T) {
	m := DefaultModel()
	r := rand.New(rand.NewPCG(1, 2))
	extremes := []float64{0, -1, 1, 1e300, -1e300, math.NaN(), math.Inf(1), math.Inf(-1), 0.5}
	pick := func() float64 {
		if r.IntN(4) == 0 {
			return extremes[r.IntN(len(extremes))]
		}
		return r.NormFloat64() * math.Pow(10, float64(r.IntN(6)))
	}
	opt := func() *float64 {
		if r.IntN(5) == 0 {
			return nil
		}
		v := pick()
		return &v
	}
	opti := func() *int64 {
		if r.IntN(5) == 0 {
			return nil
		}
		v := int64(r.IntN(2000) - 1000)
		return &v
	}
	for i := range 20000 {
		f := &features.Features{
			ParagraphCount: r.IntN(100), HeadingCount: r.IntN(30), WordCount: r.IntN(1e5), DistinctWordCount: r.IntN(5000),
			DedupWordCount: r.IntN(1e5) - 10, LongestParagraphWords: r.IntN(3000), LongestSectionWords: r.IntN(5000),
			RepetitionRatio: pick(), DedupAvgSentenceWords: opt(), DedupFleschReadingEase: opt(),
			DedupImageDensity: opt(), DedupReadingTimeRatio: opt(), DaysSinceReview: opti(), ParagraphGap: opti(), ImageSourceGap: opti(),
		}
		s := m.Score(f)
		for k := range NumScores {
			name, sc := k, s.At(k)
			if sc.Exact == nil {
				continue
			}
			if math.IsNaN(*sc.Exact) || *sc.Exact < 0 || *sc.Exact > 100 || *sc.Value < 0 || *sc.Value > 100 {
				t.Fatalf("case %d: %s = %v (%v)", i, name, *sc.Exact, *sc.Value)
			}
		}
	}
}

// TestOlderReviewNeverFresher: freshness never rises as the review date recedes.
func TestOlderReviewNeverFresher(t *testing.T) {
	m := DefaultModel()
	prev := math.Inf(1)
	for days := int64(-400); days <= 3000; days += 7 {
		f := &features.Features{DaysSinceReview: &days}
		s := m.Score(f)
		if *s.Freshness.Exact > prev {
			t.Fatalf("freshness rose from %v to %v at %d days", prev, *s.Freshness.Exact, days)
		}
		prev = *s.Freshness.Exact
	}
}

// TestRepeatNeverHelps: copying one of a post's own sentences onto the end of
// one of its paragraphs never raises quality or clarity, on many random posts.
func TestRepeatNeverHelps(t *testing.T) {
	m := DefaultModel()
	r := rand.New(rand.NewPCG(7, 11))
	asOf, _ := post.ParseDate("2026-11-27")
	checked := 0
	for i := range 400 {
		text, sentences, paras := randomPost(r)
		before := score(t, m, text, asOf)
		// Append a copy of sentence k to the end of paragraph j.
		k, j := r.IntN(len(sentences)), r.IntN(len(paras))
		paras[j] += " " + sentences[k]
		after := score(t, m, assemble(paras), asOf)
		for _, name := range []ScoreIndex{Quality, Clarity} {
			b, a := before.At(name).Exact, after.At(name).Exact
			if b == nil || a == nil {
				continue
			}
			checked++
			if *a > *b+1e-9 {
				t.Errorf("post %d: %s rose from %.4f to %.4f after repeating %q", i, name, *b, *a, sentences[k])
			}
		}
	}
	if checked < 700 {
		t.Errorf("only %d comparisons made", checked)
	}
}

func score(t *testing.T, m *Model, text string, asOf post.Date) Scores {
	p, err := post.ParseText(text)
	if err != nil {
		t.Fatal(err)
	}
	return m.Score(features.Measure(p, asOf))
}

var vocabulary = strings.Fields(`the a system cache query deployment rollback owner result change measure
verify user input error message configuration staging production review metric latency database index
function simple careful boring predictable documentation runbook command team release feature flag`)

func randomPost(r *rand.Rand) (string, []string, []string) {
	var sentences []string
	var paras []string
	for range 1 + r.IntN(12) {
		var ps []string
		for range 1 + r.IntN(6) {
			n := 3 + r.IntN(25)
			w := make([]string, n)
			for i := range w {
				w[i] = vocabulary[r.IntN(len(vocabulary))]
			}
			s := strings.Join(w, " ") + "."
			sentences = append(sentences, s)
			ps = append(ps, s)
		}
		paras = append(paras, strings.Join(ps, " "))
	}
	return assemble(paras), sentences, paras
}

func assemble(paras []string) string {
	return fmt.Sprintf("a title\n\n%s\n\nx post meta\nreading time%d\nrevision\n  • last reviewed: 2026-01-15\nimage sources\npayload\n  • paragraphs: 4\n",
		strings.Join(paras, "\n\n"), 3)
}

// TestChangedModel scores with a model whose components were replaced after
// ParseModel worked them out (a copy of them; other curves and weights):
// scoring works them out again instead of using what was prepared for the
// model's own.
func TestChangedModel(t *testing.T) {
	f := loadSeedFeatures(t, "2026-11-27")
	m := DefaultModel()
	want := m.Score(f)
	c := *m
	c.Quality = slices.Clone(m.Quality)
	if got := c.Score(f); *got.Quality.Exact != *want.Quality.Exact || got.Quality.Components[0].Curve != want.Quality.Components[0].Curve {
		t.Fatalf("a copy of the components scores quality %v (%q), the model %v (%q)", *got.Quality.Exact, got.Quality.Components[0].Curve, *want.Quality.Exact, want.Quality.Components[0].Curve)
	}
	// Only the first component counts: quality is its curve value, whatever
	// the curves prepared for the model say.
	c.Quality = slices.Clone(m.Quality)
	for i := range c.Quality[1:] {
		c.Quality[i+1].Weight = 0
	}
	c.Quality[0].Curve = Curve{Kind: CurveRising, From: ptr(-2e9), To: ptr(-1e9)} // 1 for any value over -1e9
	if got := c.Score(f); *got.Quality.Exact != 100 || got.Quality.Components[0].Curve != c.Quality[0].Curve.String() {
		t.Fatalf("quality %v with curve %q, want 100 from the replaced curve %q", *got.Quality.Exact, got.Quality.Components[0].Curve, c.Quality[0].Curve.String())
	}
}

// modelEdit is an edit of the default model that makes it invalid, and
// what the error must say.
type modelEdit struct {
	name    string
	edit    func(string) string
	wantAll []string
}

// refusedModels checks that each edit of src is refused with an error that
// says all it must.
func refusedModels(t *testing.T, src string, cases []modelEdit) {
	t.Helper()
	for _, c := range cases {
		_, err := ParseModel([]byte(c.edit(src)), "m.toml")
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		for _, w := range c.wantAll {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not say %q", c.name, err, w)
			}
		}
	}
}

// TestScoreIndex: each score has one name that finds it again, and Score
// computes quality after the scores it may use.
func TestScoreIndex(t *testing.T) {
	seen := map[ScoreIndex]bool{}
	for i, k := range computeOrder {
		if seen[k] {
			t.Errorf("computeOrder lists %s twice", k)
		}
		seen[k] = true
		if (k == Quality) != (i == len(computeOrder)-1) {
			t.Errorf("computeOrder %v: quality must come last", computeOrder)
		}
	}
	for k := range NumScores {
		if got, ok := ScoreNamed(k.String()); !ok || got != k || Names()[k] != k.String() {
			t.Errorf("score %d is called %q, which names %v (%v)", k, k.String(), got, ok)
		}
	}
	if _, ok := ScoreNamed("score.depth"); ok {
		t.Error(`ScoreNamed("score.depth") found a score`)
	}
}
