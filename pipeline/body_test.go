package pipeline

import (
	"strings"
	"testing"

	"github.com/alphanode/postscore/scoring"
)

// bodyOf is the body_sha256 that score writes for a document.
func bodyOf(t *testing.T, format, text string) string {
	t.Helper()
	s := NewScorer(scoring.DefaultModel(), 0, DefaultMaxBytes)
	scored, rerr := s.Score(Document{DocPath: "post", Format: format, Data: []byte(text)})
	if rerr != nil {
		t.Fatalf("%s: %s", rerr.Kind, rerr.Reason)
	}
	if scored.Row.BodySHA256 == "" || scored.Row.ContentSHA256 == "" {
		t.Fatal("no body_sha256 or content_sha256")
	}
	return scored.Row.BodySHA256
}

// TestBodySHA256 tells the text a reader sees from the metadata: an edit of
// the front matter or the meta block keeps body_sha256, an edit of the body
// (a paragraph, an image, a code block, the export format's title line)
// changes it.
func TestBodySHA256(t *testing.T) {
	const markdown = "---\ntitle: \"Caching\"\ntags: [web]\nlast_reviewed: 2026-01-02\n---\n\n" +
		"# Measure first\n\nMeasure the hit rate before you tune anything at all.\n\n![a dashboard](https://example.com/d.png)\n\n```go\nx := 1\n```\n"
	const export = "|\n\ncaching notes\n\nmeasure the hit rate before you tune anything at all.\n\n" +
		"alphanode post meta\n\ntopiccaching / web\nrevision\n  • last reviewed: 2026-01-02\n"
	for _, tc := range []struct {
		name, format, text, edited string
		same                       bool
	}{
		{"a front matter key added", FormatMarkdown, markdown, strings.Replace(markdown, "tags:", "expirydate: 2027-01-01\ntags:", 1), true},
		{"the Markdown title, front matter", FormatMarkdown, markdown, strings.Replace(markdown, `"Caching"`, `"Caching, again"`, 1), true},
		{"the review date deleted", FormatMarkdown, markdown, strings.Replace(markdown, "last_reviewed: 2026-01-02\n", "", 1), true},
		{"a meta line added", FormatPost, export, export + "hashabc\n", true},
		{"a paragraph rewritten", FormatMarkdown, markdown, strings.Replace(markdown, "tune anything", "change anything", 1), false},
		{"an image's alt text", FormatMarkdown, markdown, strings.Replace(markdown, "a dashboard", "the dashboard", 1), false},
		{"a code block added", FormatMarkdown, markdown, markdown + "\n```sh\nls\n```\n", false},
		{"the export title line", FormatPost, export, strings.Replace(export, "caching notes", "caching, noted", 1), false},
		{"an export paragraph", FormatPost, export, strings.Replace(export, "tune anything", "change anything", 1), false},
	} {
		before, after := bodyOf(t, tc.format, tc.text), bodyOf(t, tc.format, tc.edited)
		if (before == after) != tc.same {
			t.Errorf("%s: body_sha256 the same: %v, want %v", tc.name, before == after, tc.same)
		}
	}
}
