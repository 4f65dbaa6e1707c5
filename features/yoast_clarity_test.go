package features_test

import (
	"testing"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/scoring"
)

// clarityBand is the band of a clarity score that stands for a Yoast
// traffic light: 80-100 good, 60-79 ok, under 60 bad.
func clarityBand(clarity int32) string {
	switch {
	case clarity >= 80:
		return "good"
	case clarity >= 60:
		return "ok"
	}
	return "bad"
}

// TestClarityAgreesWithYoast: on the English roweb3 posts, the default
// model's clarity ranks posts as Yoast's overall readability result does
// (Spearman at least 0.75), and its band is Yoast's light on at least 70%
// of them.
func TestClarityAgreesWithYoast(t *testing.T) {
	pairs := features.LoadYoastPairs(t)
	model := scoring.DefaultModel()
	var clarity, overall []float64
	same := 0
	bands := map[string]map[string]int{}
	for _, p := range pairs {
		s := model.Score(p.Features)
		c := s.At(scoring.Clarity)
		if c.Value == nil {
			t.Fatalf("%s: clarity is null", p.Yoast.DocPath)
		}
		clarity, overall = append(clarity, *c.Exact), append(overall, p.Yoast.Overall)
		band := clarityBand(*c.Value)
		if band == p.Yoast.Light {
			same++
		}
		if bands[p.Yoast.Light] == nil {
			bands[p.Yoast.Light] = map[string]int{}
		}
		bands[p.Yoast.Light][band]++
	}
	rho := features.Spearman(clarity, overall)
	agree := float64(same) / float64(len(pairs))
	t.Logf("clarity: Spearman %.3f with Yoast's overall result; band equal to Yoast's light on %d of %d posts (%.1f%%)", rho, same, len(pairs), 100*agree)
	for _, light := range []string{"good", "ok", "bad"} {
		t.Logf("  Yoast %-4s → clarity bands %v", light, bands[light])
	}
	if rho < 0.75 {
		t.Errorf("Spearman %.3f, want at least 0.75", rho)
	}
	if agree < 0.70 {
		t.Errorf("bands agree on %.1f%%, want at least 70%%", 100*agree)
	}
}
