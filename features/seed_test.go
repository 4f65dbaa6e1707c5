package features

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/alphanode/postscore/features/checks"
	"github.com/alphanode/postscore/features/post"
)

// seedPath is the seed post, copied into the repo (it is ours).
var seedPath = filepath.Join("..", "testdata", "corpus", "seed", "000_3c46a61df17ffb0d.txt")

func loadSeed(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustDate(t testing.TB, s string) post.Date {
	t.Helper()
	d, err := post.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSeed(t *testing.T) {
	p, err := post.Parse(loadSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	f := Measure(p, mustDate(t, "2026-11-27"))
	ints := []struct {
		name      string
		got, want int
	}{
		{"paragraph_count", f.ParagraphCount, 10},
		{"heading_count", f.HeadingCount, 5},
		{"bullet_count", f.BulletCount, 5},
		{"image_count", f.ImageCount, 5},
		{"word_count", f.WordCount, 466},
		{"prose_word_count", f.ProseWordCount, 436},
		// Worked out paragraph by paragraph under METRICS.md section 2's
		// paragraph rule: 2+3+3+4+4+2+3+2+3+3. Every paragraph of the seed
		// ends with a full stop, so no fragment runs on over a break and
		// textstat's whole-string rule gives the same 29.
		{"sentence_count", f.SentenceCount, 29},
		{"repeated sentences", len(f.RepeatedSentences), 2},
	}
	for _, c := range ints {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if f.LastReviewed == nil || f.LastReviewed.String() != "2026-06-29" {
		t.Errorf("last_reviewed = %v", f.LastReviewed)
	}
	if f.DaysSinceReview == nil || *f.DaysSinceReview != 151 {
		t.Errorf("days_since_review = %v", f.DaysSinceReview)
	}
	claims := []struct {
		name string
		got  *int64
		want int64
	}{
		{"claimed_quality", f.ClaimedQuality, 97}, {"claimed_freshness", f.ClaimedFreshness, 46},
		{"claimed_depth", f.ClaimedDepth, 61}, {"claimed_clarity", f.ClaimedClarity, 92},
		{"claimed_paragraphs", f.ClaimedParagraphs, 9}, {"claimed_reading_time", f.ClaimedReadingTime, 13},
		{"paragraph_gap", f.ParagraphGap, 1}, {"image_source_gap", f.ImageSourceGap, 0},
	}
	for _, c := range claims {
		if c.got == nil || *c.got != c.want {
			t.Errorf("%s = %v, want %d", c.name, c.got, c.want)
		}
	}
	// 466 words / 238 wpm = 1.958 minutes; 13 claimed.
	if f.ReadingTimeRatio == nil || !near(*f.ReadingTimeRatio, 13/(466.0/238), 1e-12) {
		t.Errorf("reading_time_ratio = %v", f.ReadingTimeRatio)
	}
	// 1000 × 5 / 466.
	if f.ImageDensity == nil || !near(*f.ImageDensity, 5000.0/466, 1e-12) {
		t.Errorf("image_density = %v", f.ImageDensity)
	}
	want := []RepeatedSentence{
		{"for this python services case, keep the owner, expected result, and rollback note in the same place", 2},
		{"the alphanode approach is to prefer a small verified change over a broad rewrite", 2},
	}
	for i, w := range want {
		if i >= len(f.RepeatedSentences) || f.RepeatedSentences[i] != w {
			t.Errorf("repeated sentence %d = %+v, want %+v", i, f.RepeatedSentences, w)
		}
	}
	// Each repeated sentence's second occurrence over all kept sentence text.
	if f.RepetitionRatio <= 0 || f.RepetitionRatio >= 0.2 {
		t.Errorf("repetition_ratio = %v", f.RepetitionRatio)
	}
	// The readability formulas read W = 436, S = 29 (above) and Y = 707
	// syllables: Flesch = 206.835 − 1.015·436/29 − 84.6·707/436.
	if f.FleschReadingEase == nil || !near(*f.FleschReadingEase, 206.835-1.015*(436.0/29)-84.6*(707.0/436), 1e-9) {
		t.Errorf("flesch_reading_ease = %v, syllables %d", f.FleschReadingEase, f.SyllableCount)
	}
	t.Logf("repetition_ratio=%v fre=%v words=%d syl=%d lp=%+v ls=%+v", f.RepetitionRatio, *f.FleschReadingEase, f.WordCount, f.SyllableCount, f.LongestParagraph, f.LongestSection)
}

func near(a, b, tol float64) bool { return a-b <= tol && b-a <= tol }

// TestSeedChecks works the seed's readability checks out by hand. Its
// sentences (fragments of 3+ words) are the 29 of its paragraphs, two of
// its headings ("why this matters", "the practical approach"; the other
// three have two words) and four of its bullets ("check permissions" has
// two): 35, of which two repeat an earlier one and are checked once: 33.
func TestSeedChecks(t *testing.T) {
	p, err := post.Parse(loadSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	m := Measurer{KeepCheckSentences: true}
	f := m.Measure(p, mustDate(t, "2026-11-27"))
	shares := []struct {
		name string
		got  *float64
		want float64
	}{
		// Over 20 words: "in this guide, we look at …" (24), "include the
		// route, …" (23), "copy the important configuration, …" (23), "a
		// clear function name, …" (28).
		{"long_sentence_share", f.LongSentenceShare, 4.0 / 33},
		// "… the project is moved …", "… a rollback can be executed …",
		// "… what value was expected, … can be retried …", "cache rules
		// should be written …", "… should not be cached", and the bullet
		// "confirm inputs are validated".
		{"passive_sentence_share", f.PassiveSentenceShare, 6.0 / 33},
		// first, before, if (twice), before, also, when, later ("will debug
		// them later"), not only, so; neither repeated sentence holds one.
		{"transition_sentence_share", f.TransitionSentenceShare, 10.0 / 33},
	}
	for _, c := range shares {
		if c.got == nil || !near(*c.got, c.want, 1e-12) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if len(f.CheckSentences.Passive) != 6 || f.CheckSentences.Passive[5] != "confirm inputs are validated" {
		t.Errorf("passive sentences %q", f.CheckSentences.Passive)
	}
	// No two neighbouring paragraph sentences begin alike.
	if f.MaxSameStartRun == nil || *f.MaxSameStartRun != 1 {
		t.Errorf("max_same_start_run = %v, want 1", f.MaxSameStartRun)
	}
	// Lights: long 12.1% good; passive 18.2% bad (> 15%); transitions
	// 30.3% good (≥ 30%; the prose has 436 words, over 200); a run of 1
	// good; the longest paragraph and section are well under 150 and 300
	// words. Penalty: 1.
	want := map[string]checks.Light{
		"long_sentence_share": checks.Good, "passive_sentence_share": checks.Bad,
		"transition_sentence_share": checks.Good, "max_same_start_run": checks.Good,
		"longest_paragraph_words": checks.Good, "longest_section_words": checks.Good,
	}
	for _, c := range f.ReadabilityChecks {
		if c.Light != want[c.Check] {
			t.Errorf("%s light %q, want %q", c.Check, c.Light, want[c.Check])
		}
		delete(want, c.Check)
	}
	if len(want) > 0 {
		t.Errorf("checks missing: %v", want)
	}
	if f.ReadabilityCheckPenalty == nil || *f.ReadabilityCheckPenalty != 1 {
		t.Errorf("readability_check_penalty = %v, want 1", f.ReadabilityCheckPenalty)
	}
}
