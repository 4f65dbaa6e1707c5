package post

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir is ../shared beside the clone: the real posts, which are other
// people's writing and stay out of the repo.
var sharedDir = filepath.Join("..", "..", "..", "shared")

func TestParseMarkdown(t *testing.T) {
	src := "\n\n---\ntitle: \"A *real* post\"\ndate: 2021-03-04\nlastmod: 2022-05-06T10:00:00Z\ntags: [r, data]\nauthor:\n  - Ann\n  - Bo\ndescription: what it says\n---\n\n" +
		"Intro with a [link](https://x.org) and `code`.\nSecond line of the intro.\n\n" +
		"## Setup\n\n```r\ninstall.packages(\"x\")\n# not a heading\n```\n\n" +
		"Usage\n=====\n\n- one item\n- two items\n  continued here\n1. numbered\n\n" +
		"| a | b |\n|---|---|\n| 1 | 2 |\n\n" +
		"![alt one](https://img.example.com/a.png)\n<img src=\"b.png\" alt=\"\">\n{{< figure src=\"c.png\" alt=\"Figure C\" >}}\n\n" +
		"Text ![multi\nline](d.png) after.\n\n<!-- a comment\nacross lines -->\n---\n\n> A quote here.\n"
	p, err := ParseMarkdown([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "A *real* post" || p.Format != "markdown" {
		t.Errorf("title %q format %q", p.Title, p.Format)
	}
	m := p.Meta
	if m.LastReviewed == nil || m.LastReviewed.String() != "2022-05-06" || m.ReviewDateKey != "lastmod" {
		t.Errorf("review date %v from %q: lastmod comes before date", m.LastReviewed, m.ReviewDateKey)
	}
	if strings.Join(m.Tags, ",") != "r,data" || strings.Join(m.Authors, ",") != "Ann,Bo" || *m.Summary != "what it says" {
		t.Errorf("front matter: %v %v %v", m.Tags, m.Authors, m.Summary)
	}
	var kinds []string
	for _, b := range p.Blocks {
		kinds = append(kinds, b.Kind.String())
	}
	want := "paragraph,heading,heading,bullet,bullet,bullet,image,image,image,paragraph,image,paragraph"
	if strings.Join(kinds, ",") != want {
		t.Errorf("blocks:\n got %s\nwant %s", strings.Join(kinds, ","), want)
	}
	b := p.Blocks
	if b[0].Text != "Intro with a link and code. Second line of the intro." || b[2].Text != "Usage" || b[4].Text != "two items continued here" {
		t.Errorf("texts: %q %q %q", b[0].Text, b[2].Text, b[4].Text)
	}
	if b[6].Image.Source != "img.example.com" || b[7].Text != "" || b[8].Text != "Figure C" || b[9].Text != "Text after." || b[10].Text != "multi line" {
		t.Errorf("images: %+v %+v %+v %+v %+v", b[6], b[7], b[8], b[9], b[10])
	}
	if p.CodeBlocks != 1 || p.Tables != 1 || p.Links != 1 {
		t.Errorf("code %d tables %d links %d", p.CodeBlocks, p.Tables, p.Links)
	}
}

func TestMarkdownNotAPost(t *testing.T) {
	for _, c := range []struct{ src, detail string }{
		{"---\nheadless: true\n---", "headless"},
		{"---\ntitle: x\n---\n\n", "front matter only"},
		{"", "no text"},
	} {
		_, err := ParseMarkdown([]byte(c.src))
		if kind, ok := IsParseError(err); !ok || kind != ErrKindEmpty || !strings.Contains(err.Error(), c.detail) {
			t.Errorf("%q: %v", c.src, err)
		}
	}
	p, err := ParseMarkdown([]byte("---\ntitle: [unclosed\n---\nbody text here.\n"))
	if err != nil || len(p.Warnings) != 1 || !strings.HasPrefix(p.Warnings[0], WarnBadFrontMatter) {
		t.Errorf("bad YAML: %v %v", err, p)
	}
}

// TestRealMarkdownHandCounts holds images and headings to counts made by
// reading ten posts of ../shared/corpus/real/roweb3-md.
func TestRealMarkdownHandCounts(t *testing.T) {
	dir := filepath.Join(sharedDir, "corpus", "real", "roweb3-md")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s is not here (CI has ../shared beside the clone)", dir)
	}
	cases := []struct {
		file             string
		headings, images int
		why              string
	}{
		{"2013-03-15-r-metadata.md", 2, 0, "two ## headings; the # lines are R comments inside code fences"},
		{"2018-07-12-phylogram.md", 4, 3, "four ### headings; three {{< figure >}}"},
		{"2019-04-18-ropensci-mee/index.md", 6, 7, "six ## headings holding <img> portraits (line 56 holds two) and one {{< figure >}}"},
		{"2018-02-09-rprofile-julia-stewart-lowndes.md", 0, 1, "one {{< imgtxt >}}; the --- after a blank line is a rule, not a heading"},
		{"2016-10-19-gpg-release.md", 2, 0, "two ## headings"},
		{"2021-09-28-rspatialdata/index.md", 6, 6, "six ## headings; six {{< figure >}} with spaces around '='"},
		{"2020-07-14-commcall-maintaining-pkg/index.md", 5, 2, "## and ### headings; a {{< figure >}} and an inline emoji <img>"},
		{"2016-12-12-ropensci-fellowship-zoon.md", 6, 3, "six ### questions; an {{< imgtxt >}} and two ![]()"},
		{"2024-01-14-runiverse-arm64/index.md", 4, 2, "four ## headings; two {{< figureforgallery >}}"},
		{"2017-07-05-webrockets.md", 17, 2, "8 setext (=== and ---) and 9 ### headings; a ![]() whose alt spans two lines and a {{< figure >}}"},
	}
	for _, c := range cases {
		data, err := os.ReadFile(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParseMarkdown(data)
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		headings, images := strings.Count(kinds(p), "heading"), strings.Count(kinds(p), "image")
		if headings != c.headings || images != c.images {
			t.Errorf("%s: %d headings, %d images; by hand %d and %d (%s)", c.file, headings, images, c.headings, c.images, c.why)
		}
	}
}
