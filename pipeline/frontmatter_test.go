package pipeline

import (
	"reflect"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/scoring"
)

// frontMatterBody is the body of the posts of these tests: a notice of the
// kind the government news blog publishes.
const frontMatterBody = `
The north bridge closes to traffic from 4 March while its deck is resurfaced. Buses on routes 12 and 14 divert over the east bridge, and stops on Bridge Street are moved to Mill Lane.

## What changes

Cyclists and people on foot can still cross on the west walkway, which stays open every day from six in the morning until ten at night. Deliveries to the market hall arrive from the south gate.

## How long it lasts

The work takes eleven weeks if the weather holds. We will post an update here when the bridge reopens, and the council's travel page lists every diversion in the town.
`

// scoreMarkdown scores a Markdown post as a run does.
func scoreMarkdown(t *testing.T, s *Scorer, frontMatter string) Scored {
	t.Helper()
	scored, rerr := s.Score(Document{DocPath: "notice.md", Format: FormatMarkdown, Data: []byte("---\n" + frontMatter + "\n---\n" + frontMatterBody)})
	if rerr != nil {
		t.Fatalf("%+v", rerr)
	}
	return scored
}

// TestDuplicateFrontMatterKeyScores (issue 26): a Markdown post whose front
// matter gives a key twice keeps its title, tags and date, with a warning,
// and is measured and scored as the same post without the duplicate.
func TestDuplicateFrontMatterKeyScores(t *testing.T) {
	s := NewScorer(scoring.DefaultModel(), asOf(t), DefaultMaxBytes)
	fm := "title: North bridge closes for resurfacing\ndate: 2026-03-01\nexpirydate: 2026-06-01\ntags: [roads, notices]\nexpirydate: 2026-09-01"
	dup := scoreMarkdown(t, s, fm)
	// The earlier expirydate line made a comment: the body starts on the
	// same line.
	clean := scoreMarkdown(t, s, strings.Replace(fm, "expirydate: 2026-06-01", "#", 1))
	r := dup.Row
	if r.Title != "North bridge closes for resurfacing" || strings.Join(r.Tags, ",") != "roads,notices" || r.LastReviewed == nil {
		t.Errorf("title %q, tags %q, review date %v: the front matter was not read", r.Title, r.Tags, r.LastReviewed)
	}
	if want := []string{post.WarnDuplicateFrontMatterKey + ": expirydate"}; !reflect.DeepEqual(r.Warnings, want) {
		t.Errorf("warnings %q, want %q", r.Warnings, want)
	}
	dupFeatures, cleanFeatures := *dup.Features, *clean.Features
	dupFeatures.Warnings = nil
	if !reflect.DeepEqual(dupFeatures, cleanFeatures) {
		t.Errorf("features differ from the post without the duplicate:\n%+v\n%+v", dupFeatures, cleanFeatures)
	}
	if !reflect.DeepEqual(dup.Scores, clean.Scores) {
		t.Errorf("scores differ from the post without the duplicate:\n%+v\n%+v", dup.Scores, clean.Scores)
	}
}

// TestUnreadableFrontMatterKeepsTheBody (issue 26): front matter that
// cannot be read at all loses its title with it, and none of the body
// becomes the title: the body is measured as with valid front matter, so
// depth and clarity are the same.
func TestUnreadableFrontMatterKeepsTheBody(t *testing.T) {
	s := NewScorer(scoring.DefaultModel(), asOf(t), DefaultMaxBytes)
	valid := scoreMarkdown(t, s, "title: North bridge closes for resurfacing")
	lost := scoreMarkdown(t, s, "title: North bridge: closes for resurfacing")
	if lost.Row.Title != "" || len(lost.Row.Warnings) != 1 || !strings.HasPrefix(lost.Row.Warnings[0], post.WarnBadFrontMatter+": ") {
		t.Errorf("title %q, warnings %q: want no title, and a warning that the front matter was lost", lost.Row.Title, lost.Row.Warnings)
	}
	v, l := valid.Features, lost.Features
	if l.ParagraphCount != v.ParagraphCount || l.HeadingCount != v.HeadingCount || l.WordCount != v.WordCount {
		t.Errorf("paragraphs %d, headings %d, words %d; with valid front matter %d, %d, %d",
			l.ParagraphCount, l.HeadingCount, l.WordCount, v.ParagraphCount, v.HeadingCount, v.WordCount)
	}
	if !reflect.DeepEqual(lost.Scores.Depth, valid.Scores.Depth) || !reflect.DeepEqual(lost.Scores.Clarity, valid.Scores.Clarity) {
		t.Errorf("depth and clarity differ from the post with valid front matter:\n%+v %+v\n%+v %+v",
			lost.Scores.Depth, lost.Scores.Clarity, valid.Scores.Depth, valid.Scores.Clarity)
	}
}
