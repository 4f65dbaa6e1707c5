package scoring

import (
	"math"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/post"
)

// FuzzModel (issue 21, defects 4 and 11): the model loader never panics; no
// model over the limits reaches the TOML parser (what does is at most
// MaxModelBytes and nests at most post.MaxNestingDepth deep); and a
// model it accepts scores any post in 0..100, with finite points.
func FuzzModel(f *testing.F) {
	f.Add(string(DefaultModelTOML()))
	f.Add(strings.Replace(string(DefaultModelTOML()), "weight = 4\n", "weight = 1.797e308\n", 1))
	f.Add("name = 'm'\nversion = '1'\nhalf_life_days = 1\n[[depth]]\nfeature = 'word_count'\nweight = 1e6\ncurve = { kind = 'band', min = -1e12, low = 0, high = 0, max = 1e12 }\nmissing = 0.5\n")
	f.Add("x = [[{a = [1]}]]\n[a.b.c]\n[[d.e]]\n")
	real := decodeModel
	f.Cleanup(func() { decodeModel = real })
	f.Fuzz(func(t *testing.T, src string) {
		decodeModel = func(src string, m *Model) (toml.MetaData, error) {
			if len(src) > MaxModelBytes {
				t.Fatalf("a model of %d bytes reached the parser", len(src))
			}
			var tree map[string]any
			if _, err := toml.Decode(src, &tree); err == nil && post.DecodedDepth(tree) > post.MaxNestingDepth {
				t.Fatalf("a model %d deep reached the parser: %q", post.DecodedDepth(tree), src)
			}
			return real(src, m)
		}
		m, err := ParseModel([]byte(src), "fuzz.toml")
		if err != nil {
			return
		}
		r := randomFeaturesFrom(src)
		s := m.Score(r)
		for k := range NumScores {
			name, sc := k, s.At(k)
			if sc.Exact == nil {
				continue
			}
			if math.IsNaN(*sc.Exact) || *sc.Exact < 0 || *sc.Exact > 100 {
				t.Fatalf("%s = %v with model %q", name, *sc.Exact, src)
			}
			for _, c := range sc.Components {
				if math.IsNaN(c.Points) || math.IsInf(c.Points, 0) {
					t.Fatalf("%s: %s points %v with model %q", name, c.Feature, c.Points, src)
				}
			}
		}
	})
}

// randomFeaturesFrom makes features with extreme values, chosen by src.
func randomFeaturesFrom(src string) *features.Features {
	extremes := []float64{0, -1, 0.5, 1e300, -1e300, math.MaxFloat64, 5e-324, math.NaN(), math.Inf(1)}
	pick := func(i int) *float64 { v := extremes[(len(src)+i)%len(extremes)]; return &v }
	days := int64(len(src)) * 1e15
	return &features.Features{
		WordCount: len(src) << 40, DedupWordCount: len(src), RepetitionRatio: *pick(1), ReadingTimeMinutes: *pick(2),
		DedupAvgSentenceWords: pick(3), DedupFleschReadingEase: pick(4), DedupImageDensity: pick(5), DedupReadingTimeRatio: pick(6),
		FleschReadingEase: pick(7), ImageDensity: pick(8), DaysSinceReview: &days,
	}
}
