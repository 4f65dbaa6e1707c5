package features

import (
	"testing"

	"github.com/alphanode/postscore/features/post"
)

// TestMetaGaps: the gaps between what the meta claims and what the post
// holds (paragraph_gap, image_source_gap).
func TestMetaGaps(t *testing.T) {
	p, err := post.ParseText("t\n\nbody text here.\n\nsite post meta\nimage sources\n  • source: a\n  • source: b\npayload\n  • paragraphs: 1\n")
	if err != nil {
		t.Fatal(err)
	}
	f := Measure(p, mustDate(t, "2026-01-01"))
	if *f.ParagraphGap != 0 || *f.ImageSourceGap != 2 {
		t.Errorf("gaps: %v %v, want 0 and 2", *f.ParagraphGap, *f.ImageSourceGap)
	}
}

func TestFutureReviewDate(t *testing.T) {
	p, _ := post.ParseText("t\n\nbody.\n\nx post meta\nrevision\n  • last reviewed: 2027-01-02\n")
	f := Measure(p, mustDate(t, "2026-12-31"))
	if f.DaysSinceReview == nil || *f.DaysSinceReview != -2 {
		t.Fatalf("days_since_review = %v", f.DaysSinceReview)
	}
	if len(f.Warnings) != 1 || f.Warnings[0] != "review_date_in_future: 2027-01-02" {
		t.Errorf("warnings = %v", f.Warnings)
	}
}
