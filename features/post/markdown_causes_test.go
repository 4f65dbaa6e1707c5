package post

import (
	"strconv"
	"strings"
	"testing"
)

// pageCounts are the counts a Markdown post's page gives, and its blocks'
// texts in order ("kind: text").
type pageCounts struct {
	paragraphs, headings, bullets, images, code, tables, links int
	blocks                                                     string
}

func countPage(t *testing.T, src string) pageCounts {
	t.Helper()
	p, err := ParseMarkdown([]byte(src))
	if err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	c := pageCounts{code: p.CodeBlocks, tables: p.Tables, links: p.Links}
	var blocks []string
	for _, b := range p.Blocks {
		switch b.Kind {
		case Paragraph:
			c.paragraphs++
		case Heading:
			c.headings++
		case Bullet:
			c.bullets++
		case Image:
			c.images++
		}
		blocks = append(blocks, b.Kind.String()+": "+b.Text)
	}
	c.blocks = strings.Join(blocks, " | ")
	return c
}

// TestMarkdownCauses holds the reader to one post for each construct that
// a reader of Markdown lines, rather than of its page, misreads: indented
// code, raw HTML blocks, lazy continuation lines, footnotes, autolinks,
// shortcut reference links, link syntax in code spans, a fence inside a
// <pre>. Each is counted by hand from the CommonMark spec.
func TestMarkdownCauses(t *testing.T) {
	checkPages(t, []pageCase{
		{"an indented code block is code, not prose",
			"Run this:\n\n    x <- c(1, 2)\n    mean(x)\n\nThen stop.\n",
			pageCounts{paragraphs: 2, code: 1, blocks: "paragraph: Run this: | paragraph: Then stop."}},
		{"a raw <div> block's text is a paragraph of its own",
			"<div class=\"note\">\nA note in a div.\n</div>\n\nAfter it.\n",
			pageCounts{paragraphs: 2, blocks: "paragraph: A note in a div. | paragraph: After it."}},
		{"a WordPress <p> is a paragraph; an empty one (&nbsp;) is not",
			"<p>First one.</p>\n<p>&nbsp;</p>\n<p>Second <a href=\"/x\">one</a>.</p>\n",
			pageCounts{paragraphs: 2, links: 1, blocks: "paragraph: First one. | paragraph: Second one."}},
		{"a raw <pre> is a code block, and a fence line in it opens nothing",
			"<pre>\n```\nnot a fence\n```\n</pre>\n\nText.\n",
			pageCounts{paragraphs: 1, code: 1, blocks: "paragraph: Text."}},
		{"a raw <table> is a table: no paragraphs inside, its links count",
			"<table><tr><td>cell <a href=\"/a\">a</a></td></tr></table>\n\nText.\n",
			pageCounts{paragraphs: 1, tables: 1, links: 1, blocks: "paragraph: Text."}},
		{"a lazy continuation line belongs to its list item",
			"- an item that goes\non lazily\n- another\n",
			pageCounts{bullets: 2, blocks: "bullet: an item that goes on lazily | bullet: another"}},
		{"a footnote is a bullet at the end; its anchors are not links",
			"A claim.[^1]\n\n[^1]: The source, at [a site](https://x.org).\n",
			pageCounts{paragraphs: 1, bullets: 1, links: 1, blocks: "paragraph: A claim. | bullet: The source, at a site."}},
		{"an autolink and a bare URL are links, their text kept",
			"See <https://a.org> and https://b.org/c_d or www.e.org.\n",
			pageCounts{paragraphs: 1, links: 3, blocks: "paragraph: See https://a.org and https://b.org/c_d or www.e.org."}},
		{"a shortcut reference link is a link",
			"Read [the docs] now.\n\n[the docs]: https://docs.example\n",
			pageCounts{paragraphs: 1, links: 1, blocks: "paragraph: Read the docs now."}},
		{"link syntax in a code span is text, not a link",
			"Write `[a](b)` for a link.\n",
			pageCounts{paragraphs: 1, blocks: "paragraph: Write [a](b) for a link."}},
	})
}

// TestShortcodes holds Hugo shortcodes to MARKDOWN.md section 1.
func TestShortcodes(t *testing.T) {
	checkPages(t, []pageCase{
		{"an image shortcode is an image; its caption is not text",
			"Before.\n\n{{< figure src=\"https://img.example/a.png\" caption=\"A cap\" >}}\n\nAfter.\n",
			pageCounts{paragraphs: 2, images: 1, blocks: "paragraph: Before. | image: A cap | paragraph: After."}},
		{"a shortcode over lines is replaced in place: one paragraph stays one",
			"One line\n{{< note\n  kind=\"x\" >}}\nand the next.\n",
			pageCounts{paragraphs: 1, blocks: "paragraph: One line and the next."}},
		{"a closing image shortcode is no image; text between stays Markdown (one paragraph, the image in it after it)",
			"{{< imgtxt src=\"a.png\" alt=\"A\" >}}\n*Some* text.\n{{< /imgtxt >}}\n",
			pageCounts{paragraphs: 1, images: 1, blocks: "paragraph: Some text. | image: A"}},
		{"an escaped shortcode is literal text",
			"Write {{</* figure src=\"x\" */>}} to show one.\n",
			pageCounts{paragraphs: 1, blocks: `paragraph: Write {{< figure src="x" >}} to show one.`}},
		{"an image shortcode in code still shows",
			"```\n{{< figure src=\"a.png\" >}}\n```\n\nText.\n",
			pageCounts{paragraphs: 1, images: 1, code: 1, blocks: "image:  | paragraph: Text."}},
	})
}

// pageCase is a Markdown post, why it is there, and its page's counts.
type pageCase struct {
	why, src string
	want     pageCounts
}

func checkPages(t *testing.T, cases []pageCase) {
	t.Helper()
	for _, c := range cases {
		if got := countPage(t, c.src); got != c.want {
			t.Errorf("%s:\n%q\n got %+v\nwant %+v", c.why, c.src, got, c.want)
		}
	}
}

// TestMarkdownLines: a block's line is its line in the file, after front
// matter and a shortcode over lines, and in a post with raw HTML too (the
// line of the top-level block it stands in).
func TestMarkdownLines(t *testing.T) {
	for _, c := range []struct {
		src  string
		want string
	}{
		{"---\ntitle: x\n---\n\n# Head\n\nPara one\n{{< x\n  y >}}\nstill.\n\n- item\n", "5 7 12"},
		{"<div>raw</div>\n\nPara.\n\n- a\n- b\n", "1 3 5 6"},
		{"<div>\n\nIn an open div.\n\n</div>\n\n- a\n- b\n", "3 7 7"},
	} {
		p, err := ParseMarkdown([]byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, b := range p.Blocks {
			lines = append(lines, strconv.Itoa(int(b.Line)))
		}
		if got := strings.Join(lines, " "); got != c.want {
			t.Errorf("%q: lines %s, want %s", c.src, got, c.want)
		}
	}
}
