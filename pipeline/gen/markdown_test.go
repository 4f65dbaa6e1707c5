package gen_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/alphanode/postscore/pipeline/gen"
)

// TestMarkdownTruthByHand: five small Markdown posts, kept in
// testdata/markdown as gen writes them, and their counts worked out by
// reading them against MARKDOWN.md section 2 (the comment on each says
// how). A change to the generator that changes one of these posts must
// come with counts read again from the new text.
func TestMarkdownTruthByHand(t *testing.T) {
	for _, c := range []struct {
		seed uint64
		i    int
		// paragraphs, headings, bullets, images, without alt, code blocks, tables, links
		counts       [8]int
		lastReviewed string
	}{
		// Paragraphs: the first, the WordPress <p>, the last (over two
		// lines). Heading: the checklist's. Bullets: "1." and the item
		// nested under it. Images: the figure shortcode and <img alt="">
		// (no alt). Links: [a](...) and [sentry](...) in the table. The
		// date's calendar day is its own, west of UTC.
		{3, 8251, [8]int{3, 1, 2, 2, 1, 0, 1, 2}, "2024-03-23"},
		// Paragraphs: two ("Keep the notes ..." twice); the comment is
		// nothing. Headings: two ## and the checklist's ###. Bullets: three
		// numbered, two nested. Images: ![](...) and <img alt=""> without
		// alt, one <img> with. Code: the indented SELECT and the ```sql one.
		// Links: [terraform] in the table.
		{3, 1980, [8]int{2, 3, 5, 3, 2, 2, 1, 1}, "2023-12-09"},
		// Paragraphs: the one ending in [^1], and the <div>'s text. Bullet:
		// the footnote. Code: the fence with no language. Link: the bare
		// URL in the footnote (its reference and back-link are not links).
		{2, 4287, [8]int{2, 2, 1, 1, 0, 1, 0, 1}, "2025-07-17"},
		// Paragraphs: the <div>'s, the one ending in a bare URL, "Keep the
		// notes ...", "Nothing about ...". Bullets: four items, three of
		// them nested under the first. Code: the ~~~js fence. Links: the
		// bare URL and [The simplest](...).
		{3, 4696, [8]int{4, 3, 7, 0, 0, 1, 0, 2}, "2024-12-08"},
		// Paragraphs: five (two end in footnote references). Bullets: four
		// numbered, three nested, two footnotes. Image: ![](...). Links:
		// [releases feel calm] and [k6] in the table. lastmod before date.
		{1, 1983, [8]int{5, 2, 9, 1, 1, 1, 1, 2}, "2026-05-26"},
	} {
		name := fmt.Sprintf("seed%d-%d.md", c.seed, c.i)
		o := gen.Options{N: c.i + 1, Seed: c.seed, AsOf: gen.DefaultAsOf, Markdown: true}
		got, tr := gen.Generate(&o, c.i, nil)
		want, err := os.ReadFile(filepath.Join("testdata", "markdown", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the post is not the one whose counts were read by hand:\n%s", name, got)
			continue
		}
		counts := [8]int{tr.Paragraphs, tr.Headings, tr.Bullets, tr.Images, tr.ImagesWithoutAlt, tr.CodeBlocks, tr.Tables, tr.Links}
		if counts != c.counts || tr.LastReviewed != c.lastReviewed {
			t.Errorf("%s: truth %v %s, read by hand %v %s", name, counts, tr.LastReviewed, c.counts, c.lastReviewed)
		}
	}
}

func TestMarkdownSameSeedSameBytes(t *testing.T) {
	o := gen.Options{N: 1500, Seed: 3, Malformed: 0.05, AsOf: gen.DefaultAsOf, Markdown: true}
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	mustWrite(t, a, o, 1)
	mustWrite(t, b, o, 2)
	o.Seed = 4
	mustWrite(t, c, o, 2)
	if ha, hb := treeHash(t, a), treeHash(t, b); ha != hb {
		t.Errorf("same seed, different trees: %s %s", ha, hb)
	}
	if treeHash(t, a) == treeHash(t, c) {
		t.Error("different seeds wrote the same tree")
	}
	if _, err := os.Stat(filepath.Join(a, "0001", "0001499.md")); err != nil {
		t.Errorf("Markdown posts are .md files: %v", err)
	}
	// A post is a function of (seed, index) alone: alone or after others.
	o.Seed = 3
	first, _ := gen.Generate(&o, 1234, nil)
	var buf []byte
	for i := range 1235 {
		buf, _ = gen.Generate(&o, i, buf)
	}
	if !bytes.Equal(first, buf) {
		t.Error("post 1234 differs when generated after the others")
	}
}

// TestMarkdownSamePosts: a Markdown post holds the export post's words, in
// the same order, once Markdown's own additions are taken out, and the same
// counts but for what only Markdown has.
func TestMarkdownSamePosts(t *testing.T) {
	ex := gen.Options{N: 500, Seed: 5, AsOf: gen.DefaultAsOf}
	md := ex
	md.Markdown = true
	notes := regexp.MustCompile(`(?m)^\[\^\d+\]: `)
	for i := range ex.N {
		eb, et := gen.Generate(&ex, i, nil)
		exportWords := strings.Fields(exportBody(string(eb)))
		mb, mt := gen.Generate(&md, i, nil)
		mdWords := strings.Fields(markdownBody(string(mb)))
		if !slices.Equal(exportWords, mdWords) {
			t.Errorf("post %d: the words differ:\nexport   %q\nmarkdown %q", i, exportWords, mdWords)
			break
		}
		footnotes := len(notes.FindAllIndex(mb, -1))
		if et.Title != mt.Title || et.LastReviewed != mt.LastReviewed || et.Scenario != mt.Scenario ||
			et.Paragraphs != mt.Paragraphs || et.Headings != mt.Headings || et.Bullets+footnotes != mt.Bullets ||
			et.Images != mt.Images || et.ImagesWithoutAlt != mt.ImagesWithoutAlt ||
			et.RepeatedDistinct != mt.RepeatedDistinct || et.RepeatedExtra != mt.RepeatedExtra {
			t.Errorf("post %d: truth differs:\nexport   %+v\nmarkdown %+v", i, et, mt)
		}
	}
}

// exportBody is the text of an export post's body: no preamble, title or
// meta, images (whose lines hold their alt text) and bullet marks.
func exportBody(s string) string {
	if k := strings.Index(s, "\nalphanode post meta"); k >= 0 {
		s = s[:k]
	}
	lines := strings.Split(s, "\n")[3:] // "|", "", the title
	var kept []string
	for _, l := range lines {
		if !strings.Contains(l, "visual reference") {
			kept = append(kept, strings.TrimPrefix(l, "  • "))
		}
	}
	return strings.Join(kept, "\n")
}

var (
	mdImageRe   = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLinkRe    = regexp.MustCompile(`\[([^\]^][^\]]*)\]\([^)]*\)`)
	mdNoteDef   = regexp.MustCompile(`(?m)^\[\^\d+\]: .*$`)
	mdNoteRef   = regexp.MustCompile(`\[\^\d+\]`)
	mdBareURL   = regexp.MustCompile(` https://\S+`)
	mdBlockMark = regexp.MustCompile(`(?m)^(#+ |\s*- |\d+\. )`)
)

// markdownBody is the text of a Markdown post as words to compare with the
// export post's: what only Markdown has is taken out (front matter, code,
// tables, footnotes, images, HTML tags, link addresses, bare URLs) and
// heading and list marks.
func markdownBody(s string) string {
	if strings.HasPrefix(s, "---\n") {
		s = s[strings.Index(s[4:], "\n---\n")+9:]
	}
	s = mdNoteDef.ReplaceAllString(s, "")
	s = mdImageRe.ReplaceAllString(s, "")
	s = mdLinkRe.ReplaceAllString(s, "$1")
	s = mdNoteRef.ReplaceAllString(s, "")
	s = mdBareURL.ReplaceAllString(s, "")
	s = strings.NewReplacer("<p>", "", "</p>", "").Replace(s)
	var kept []string
	fence := ""
	for _, l := range strings.Split(s, "\n") {
		switch {
		case fence != "":
			if l == fence {
				fence = ""
			}
		case strings.HasPrefix(l, "```"), strings.HasPrefix(l, "~~~"):
			fence = l[:3]
		case strings.HasPrefix(l, "    "), strings.HasPrefix(l, "|"), strings.HasPrefix(l, "<"), strings.HasPrefix(l, "{{<"):
		default:
			kept = append(kept, l)
		}
	}
	return mdBlockMark.ReplaceAllString(strings.Join(kept, "\n"), "")
}

// TestMarkdownVariety: over 2,000 posts every Markdown feature the
// generator writes occurs, at about the rate markdown.go gives it.
func TestMarkdownVariety(t *testing.T) {
	features := []struct {
		name string
		re   *regexp.Regexp
		min  int // posts; about half the expected number
	}{
		{"<div> text", regexp.MustCompile(`\n<div class="note">\n`), 80},
		{"WordPress <p>", regexp.MustCompile(`\n<p>`), 80},
		{"HTML comment", regexp.MustCompile(`\n<!-- more -->\n`), 120},
		{"fenced code", regexp.MustCompile("\n```"), 500},
		{"~~~ code", regexp.MustCompile("\n~~~"), 100},
		{"indented code", regexp.MustCompile(`\n\n    \S`), 80},
		{"table", regexp.MustCompile(`\n\| --- \| --- \|\n`), 200},
		{"link in a table", regexp.MustCompile(`\n\| \[`), 60},
		{"inline link", regexp.MustCompile(`[^!]\[[^\]^]+\]\(https://`), 800},
		{"bare URL in a paragraph", regexp.MustCompile(`\. https://\S+\n`), 60},
		{"footnote", regexp.MustCompile(`\n\[\^1\]: `), 120},
		{"link in a footnote", regexp.MustCompile(`\n\[\^\d\]: .*https://`), 40},
		{"![alt](src)", regexp.MustCompile(`\n!\[[^\]]+\]\(`), 700},
		{"![](src)", regexp.MustCompile(`\n!\[\]\(`), 300},
		{"<img>", regexp.MustCompile(`\n<img src="[^"]+" alt="[^"]+">`), 150},
		{`<img alt="">`, regexp.MustCompile(`\n<img src="[^"]+" alt="">`), 300},
		{"figure shortcode", regexp.MustCompile(`\n\{\{< figure `), 150},
		{"- list", regexp.MustCompile(`\n- `), 250},
		{"ordered list", regexp.MustCompile(`\n1\. `), 250},
		{"nested list", regexp.MustCompile(`\n(- |1\. )[^\n]+\n {2,3}- `), 250},
		{"lastmod", regexp.MustCompile(`\nlastmod: `), 200},
		{"date with a time", regexp.MustCompile(`\ndate: \S+T23:30:00-05:00\n`), 80},
		{"no date", regexp.MustCompile(`^---\ntitle: [^\n]+\ntags:`), 60},
	}
	seen := make([]int, len(features))
	o := gen.Options{N: 2000, Seed: 11, AsOf: gen.DefaultAsOf, Markdown: true}
	var buf []byte
	for i := range o.N {
		buf, _ = gen.Generate(&o, i, buf)
		for k, f := range features {
			if f.re.Match(buf) {
				seen[k]++
			}
		}
	}
	for k, f := range features {
		if seen[k] < f.min {
			t.Errorf("%s: in %d posts of 2,000, want at least %d", f.name, seen[k], f.min)
		}
	}
	t.Logf("posts with each feature: %v", seen)
}
