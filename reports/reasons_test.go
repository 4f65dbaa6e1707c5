package reports

import "testing"

// TestReasonsNameAMissingValue: a weak post's reasons include a component
// that counted the model's missing value (its feature null, its points
// lost all the same: an unknown review date counts as a stale one), and
// leave out one that lost under half a point.
func TestReasonsNameAMissingValue(t *testing.T) {
	words := 120.0
	small := 5.0
	cs := []component{
		{Feature: "dedup_word_count", Value: &words, Lost: 10},
		{Feature: "score.freshness", Value: nil, Lost: 13.3},
		{Feature: "heading_count", Value: &small, Lost: 0.4},
		{Feature: "paragraph_gap", Value: nil, Lost: 0}, // skipped: no claim
	}
	got := reasonsText(topReasons(cs, 3))
	want := "score.freshness unknown (−13.3); dedup_word_count = 120 (−10)"
	if got != want {
		t.Errorf("reasons = %q, want %q", got, want)
	}
}
