package features

import (
	"os"
	"path/filepath"
	"testing"

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
	t.Logf("repetition_ratio=%v fre=%v words=%d syl=%d lp=%+v ls=%+v", f.RepetitionRatio, *f.FleschReadingEase, f.WordCount, f.SyllableCount, f.LongestParagraph, f.LongestSection)
}

func near(a, b, tol float64) bool { return a-b <= tol && b-a <= tol }
