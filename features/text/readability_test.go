package text

import (
	"testing"
)

func TestReadabilityFormulas(t *testing.T) {
	// W=100, S=5, Y=150, P=10, C=500, Lt=450, Wt=100.
	r := Readability(ReadabilityCounts{Words: 100, Sentences: 5, Syllables: 150, Polysyllables: 10, Chars: 500, Letters: 450, Tokens: 100})
	cases := []struct {
		name string
		got  *float64
		want float64
	}{
		{"flesch_reading_ease", r.FleschReadingEase, 206.835 - 1.015*20 - 84.6*1.5},      // 59.635
		{"flesch_kincaid_grade", r.FleschKincaidGrade, 0.39*20 + 11.8*1.5 - 15.59},       // 9.91
		{"smog_index", r.SmogIndex, 1.043*7.745966692414834 + 3.1291},                    // √60
		{"coleman_liau_index", r.ColemanLiauIndex, 0.058*450 - 0.296*5 - 15.8},           // 8.82
		{"automated_readability_index", r.AutomatedReadability, 4.71*5 + 0.5*20 - 21.43}, // 12.12
		{"gunning_fog", r.GunningFog, 0.4 * (20 + 10)},                                   // 12
	}
	for _, c := range cases {
		if c.got == nil || !near(*c.got, c.want, 1e-9) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	empty := Readability(ReadabilityCounts{})
	if empty.FleschReadingEase != nil || empty.SmogIndex != nil || empty.AutomatedReadability != nil {
		t.Errorf("empty text must give null readability: %+v", empty)
	}
}
