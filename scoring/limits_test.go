package scoring

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features"
)

// TestModelRefusesNumbersThatOverflow (issue 21, defect 4): a model number
// whose arithmetic can overflow, underflow or make NaN is refused, and the
// message names the key and the bound.
func TestModelRefusesNumbersThatOverflow(t *testing.T) {
	src := string(DefaultModelTOML())
	cases := []modelEdit{
		{"two huge weights (the issue's model)", func(s string) string {
			s = strings.Replace(s, "weight = 4\n", "weight = 1.797e308\n", 1)
			return strings.Replace(s, "weight = 2\n", "weight = 1.797e308\n", 1)
		}, []string{"score depth, component 1 (dedup_word_count)", "weight", "1e+06", "got 1.797e+308"}},
		{"weight over the bound", func(s string) string {
			return strings.Replace(s, "weight = 4\n", "weight = 1000001\n", 1)
		}, []string{"component 1 (dedup_word_count)", "weight must be from 1e-06 to 1e+06 (got 1.000001e+06)"}},
		{"subnormal weight", func(s string) string {
			return strings.Replace(s, "weight = 4\n", "weight = 5e-324\n", 1)
		}, []string{"component 1 (dedup_word_count)", "weight must be from 1e-06 to 1e+06 (got 5e-324)"}},
		{"huge curve parameter", func(s string) string {
			return strings.Replace(s, `{ kind = "rising", from = 1, to = 8 }`, `{ kind = "rising", from = -1.7e308, to = 1.7e308 }`, 1)
		}, []string{"score depth, component 3 (paragraph_count)", `parameter "from" must be from -1e+12 to 1e+12 (got -1.7e+308)`}},
		{"tiny half", func(s string) string {
			return strings.Replace(s, `{ kind = "saturating", half = 500 }`, `{ kind = "saturating", half = 1e-300 }`, 1)
		}, []string{"component 1 (dedup_word_count)", `parameter "half" must be from 1e-06 to 1e+12 (got 1e-300)`}},
		{"huge curve half-life", func(s string) string {
			return strings.Replace(s, `{ kind = "half_life" }`, `{ kind = "half_life", half_life = 1e300 }`, 1)
		}, []string{"score freshness, component 1", `parameter "half_life" must be from 1e-06 to 1e+12 (got 1e+300)`}},
		{"huge model half-life", func(s string) string {
			return strings.Replace(s, "half_life_days = 180", "half_life_days = 1e300", 1)
		}, []string{"half_life_days must be a number of days from 1e-06 to 1e+12 (got 1e+300)"}},
	}
	refusedModels(t, src, cases)
}

// TestScoreHugeWeightsStayInRange (issue 21, defect 4, second line of
// defence): a Model made in code, not validated, whose weights add up past
// the largest float64, still scores in 0..100. Depth's components on
// {dedup_word_count 500, distinct_word_count 0, paragraphs 1, headings 4}:
// curve values ½, 0, 0, 1 with weights 1.797e308, 1.797e308, 1, 1: the two
// huge weights are all that count, 100 × (½ + 0)/2 = 25.
func TestScoreHugeWeightsStayInRange(t *testing.T) {
	m := DefaultModel()
	c := *m
	c.Depth = append([]Component(nil), m.Depth...)
	c.Depth[0].Weight, c.Depth[1].Weight, c.Depth[2].Weight, c.Depth[3].Weight = 1.797e308, 1.797e308, 1, 1
	f := &features.Features{DedupWordCount: 500, DistinctWordCount: 0, ParagraphCount: 1, HeadingCount: 4}
	s := c.Score(f)
	if s.Depth.Exact == nil || *s.Depth.Exact != 25 || *s.Depth.Value != 25 {
		t.Fatalf("depth = %v, want 25", s.Depth.Exact)
	}
	if p := s.Depth.Components[0].Points; p != 25 {
		t.Errorf("dedup_word_count adds %v points, want 25", p)
	}
	// Weights that are not numbers at all leave their component out.
	c.Depth[0].Weight, c.Depth[1].Weight = math.NaN(), math.Inf(1)
	s = c.Score(f)
	if s.Depth.Exact == nil || *s.Depth.Exact != 50 { // headings 1 of 2
		t.Fatalf("depth with NaN and Inf weights = %v, want 50", s.Depth.Exact)
	}
}

// TestScoresBoundedRandomModels (issue 21, defect 4): for random models that
// pass validation, with weights and parameters anywhere in their bounds, and
// random features, every score and every component's points are finite,
// scores are in 0..100, and the points add up to the score.
func TestScoresBoundedRandomModels(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 4))
	numeric := features.NumericNames()
	models, refused := 0, 0
	for models < 300 {
		src := randomModel(r, numeric)
		m, err := ParseModel([]byte(src), "random.toml")
		if err != nil {
			refused++ // a number out of bounds, or a ramp whose from = to
			continue
		}
		models++
		for range 50 {
			f := randomFeatures(r)
			s := m.Score(f)
			for k := range NumScores {
				checkScore(t, src, k.String(), s.At(k))
			}
		}
	}
	if refused == 0 {
		t.Error("no random model was refused: the generator never goes past the bounds")
	}
}

func checkScore(t *testing.T, src, name string, sc *Score) {
	t.Helper()
	if sc.Exact == nil {
		return
	}
	if math.IsNaN(*sc.Exact) || *sc.Exact < 0 || *sc.Exact > 100 || *sc.Value < 0 || *sc.Value > 100 {
		t.Fatalf("%s = %v (%d) with model\n%s", name, *sc.Exact, *sc.Value, src)
	}
	sum := 0.0
	for _, c := range sc.Components {
		if math.IsNaN(c.Points) || math.IsInf(c.Points, 0) || math.IsNaN(c.Lost) || math.IsInf(c.Lost, 0) {
			t.Fatalf("%s: %s points %v lost %v with model\n%s", name, c.Feature, c.Points, c.Lost, src)
		}
		sum += c.Points
	}
	if math.Abs(sum-*sc.Exact) > 1e-6 {
		t.Fatalf("%s: points add to %v, score is %v, with model\n%s", name, sum, *sc.Exact, src)
	}
}

// boundary picks a number in [lo, hi], often at or next to a bound; or,
// one time in 80, a positive float64 out of every bound, which the
// validation must refuse.
func boundary(r *rand.Rand, lo, hi float64) float64 {
	if r.IntN(80) == 0 {
		outside := []float64{math.MaxFloat64, 1.797e308, 1e300, 1e13, 5e-324, 1e-300, 1e-7}
		return outside[r.IntN(len(outside))]
	}
	switch r.IntN(4) {
	case 0:
		return lo
	case 1:
		return hi
	case 2:
		return math.Nextafter(hi, lo)
	}
	return lo + (hi-lo)*r.Float64()
}

func randomModel(r *rand.Rand, numeric []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "name = \"random\"\nversion = \"1\"\nhalf_life_days = %v\n", boundary(r, MinScale, MaxParam))
	for _, score := range computeOrder {
		for range 1 + r.IntN(6) {
			feature := numeric[r.IntN(len(numeric))]
			if score == Quality && r.IntN(3) == 0 {
				feature = scoreFeaturePrefix + computeOrder[r.IntN(3)].String()
			}
			fmt.Fprintf(&b, "[[%s]]\nfeature = %q\nweight = %v\ncurve = %s\nmissing = %s\n", score, feature, boundary(r, MinWeight, MaxWeight), randomCurve(r), randomMissing(r))
		}
	}
	return b.String()
}

// randomMissing is "skip" or a curve value in 0..1, often at a bound; or,
// one time in 80 (boundary's), a value over 1, which validation must refuse.
func randomMissing(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return `"skip"`
	}
	return fmt.Sprint(boundary(r, 0, 1))
}

func randomCurve(r *rand.Rand) string {
	p := func() float64 {
		if r.IntN(2) == 0 {
			return -boundary(r, 0, MaxParam)
		}
		return boundary(r, 0, MaxParam)
	}
	switch r.IntN(5) {
	case 0, 1:
		lo, hi := p(), p()
		if lo > hi {
			lo, hi = hi, lo
		}
		return fmt.Sprintf("{ kind = %q, from = %v, to = %v }", CurveKinds[r.IntN(2)], lo, hi)
	case 2:
		v := []float64{p(), p(), p(), p()}
		for i := range v { // sorted: min <= low <= high <= max
			for j := i + 1; j < len(v); j++ {
				if v[j] < v[i] {
					v[i], v[j] = v[j], v[i]
				}
			}
		}
		return fmt.Sprintf("{ kind = \"band\", min = %v, low = %v, high = %v, max = %v }", v[0], v[1], v[2], v[3])
	case 3:
		return fmt.Sprintf("{ kind = \"saturating\", half = %v }", boundary(r, MinScale, MaxParam))
	}
	if r.IntN(2) == 0 {
		return `{ kind = "half_life" }`
	}
	return fmt.Sprintf("{ kind = \"half_life\", half_life = %v }", boundary(r, MinScale, MaxParam))
}

// randomFeatures sets every numeric feature to a random value, extremes included.
func randomFeatures(r *rand.Rand) *features.Features {
	extremes := []float64{0, -1, 1, math.MaxFloat64, -math.MaxFloat64, 5e-324, math.NaN(), math.Inf(1), math.Inf(-1)}
	pick := func() float64 {
		if r.IntN(4) == 0 {
			return extremes[r.IntN(len(extremes))]
		}
		return r.NormFloat64() * math.Pow(10, float64(r.IntN(30)-10))
	}
	opt := func() *float64 {
		if r.IntN(6) == 0 {
			return nil
		}
		v := pick()
		return &v
	}
	opti := func() *int64 {
		if r.IntN(6) == 0 {
			return nil
		}
		v := int64(r.Uint64())
		return &v
	}
	f := &features.Features{
		ParagraphCount: r.IntN(1 << 30), HeadingCount: r.IntN(1 << 30), WordCount: int(r.Uint64() >> 1), DistinctWordCount: r.IntN(5000),
		DedupWordCount: r.IntN(1e5) - 10, LongestParagraphWords: r.IntN(3000), LongestSectionWords: r.IntN(5000),
		RepetitionRatio: pick(), ReadingTimeMinutes: pick(), AvgSentenceWords: opt(), ImageDensity: opt(),
		DedupAvgSentenceWords: opt(), DedupFleschReadingEase: opt(), FleschReadingEase: opt(), SmogIndex: opt(), GunningFog: opt(),
		DedupImageDensity: opt(), DedupReadingTimeRatio: opt(), ReadingTimeRatio: opt(),
		DaysSinceReview: opti(), ParagraphGap: opti(), ImageSourceGap: opti(), ClaimedQuality: opti(),
	}
	return f
}

// TestCurveErrorsInOrder: a curve with two bad parameters is refused with
// the same message every time, naming the first in the model file's order
// (the parameters were checked in a map's random order).
func TestCurveErrorsInOrder(t *testing.T) {
	from, to := -1.7e308, 1.7e308
	c := Curve{Kind: CurveRising, From: &from, To: &to}
	want := `curve "rising" parameter "from" must be from -1e+12 to 1e+12 (got -1.7e+308)`
	for range 50 {
		if err := c.validate(); err == nil || err.Error() != want {
			t.Fatalf("%v, want %q", err, want)
		}
	}
}
