package post

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmtext "github.com/yuin/goldmark/text"
)

// readBothWays reads a Markdown body from its syntax tree and from its
// rendered HTML; fromTree is "" when the body holds raw HTML that is not
// plain (page_raw.go), which only the HTML can tell.
func readBothWays(t *testing.T, body string) (fromTree, fromHTML string) {
	t.Helper()
	m, err := parseMarkdownBody(body, 1)
	if err != nil {
		t.Fatal(err)
	}
	tree := m.newReader()
	if err := tree.readTree(m.doc, m.src); err == nil {
		fromTree = describePage(tree, false)
	} else if !errors.Is(err, errRawHTML) {
		t.Fatal(err)
	}
	page := m.newReader()
	if err := page.readHTML(m.doc, m.src); err != nil {
		t.Fatal(err)
	}
	return fromTree, describePage(page, false)
}

// describePage lists a page's blocks and counts, lines too if withLines.
func describePage(r *pageReader, withLines bool) string {
	var b strings.Builder
	for _, bl := range r.finish() {
		if withLines {
			fmt.Fprintf(&b, "%d ", bl.Line)
		}
		fmt.Fprintf(&b, "%s %q", bl.Kind, bl.Text)
		if bl.Image != nil {
			fmt.Fprintf(&b, " %q", bl.Image.Source)
		}
		b.WriteByte('\n')
	}
	for _, u := range r.codeAndTables {
		fmt.Fprintf(&b, "%s %q\n", u.Kind, u.Text)
	}
	fmt.Fprintf(&b, "code blocks %d, tables %d, links %d\n", r.codeBlocks, r.tables, r.links)
	return b.String()
}

// TestTreeAndHTMLAgree reads every Markdown text at hand that the syntax
// tree can read (all but those with raw HTML that is not plain) both ways:
// from the tree, the fast way, and from the rendered HTML, the way a post
// with raw HTML that is not plain is read. The two must give the same
// blocks and counts, as both are the same page.
func TestTreeAndHTMLAgree(t *testing.T) {
	bodies := markdownTexts(t)
	agree, read := 0, 0
	for name, body := range bodies {
		fromTree, fromHTML := readBothWays(t, body)
		if fromTree == "" {
			continue
		}
		read++
		if fromTree == fromHTML {
			agree++
			continue
		}
		t.Errorf("%s: the tree and the HTML disagree\n%s\ntree:\n%s\nhtml:\n%s", name, body, fromTree, fromHTML)
	}
	t.Logf("%d of %d Markdown texts the tree can read (of %d) read the same both ways", agree, read, len(bodies))
}

// markdownTexts are the texts of the CommonMark and GFM spec examples and
// the real Markdown posts of ../shared, by name, when ../shared is here.
func markdownTexts(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, file := range []string{"spec.json", "gfm-extensions.json"} {
		data, err := os.ReadFile(filepath.Join(sharedDir, "reference", "commonmark", file))
		if err != nil {
			t.Skipf("../shared is not here (CI has it beside the clone): %v", err)
		}
		var cases []struct {
			Markdown string `json:"markdown"`
			Example  int    `json:"example"`
		}
		if err := json.Unmarshal(data, &cases); err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			out[fmt.Sprintf("%s example %d", file, c.Example)] = c.Markdown
		}
	}
	dir := filepath.Join(sharedDir, "corpus", "real", "roweb3-md")
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		decoded, _, _ := Decode(data)
		_, body, _, _ := splitFrontMatter(decoded)
		out[path] = body
		return nil
	})
	return out
}

// TestAutolinksAsLinkify holds the autolinks transformer to goldmark's
// Linkify, which it stands in for: on every Markdown text at hand both find
// the same autolinks.
func TestAutolinksAsLinkify(t *testing.T) {
	linkifying := goldmark.New(goldmark.WithExtensions(append(slices.Clone(markdownExtensions), extension.Linkify)...))
	same := 0
	bodies := markdownTexts(t)
	for name, body := range bodies {
		got, want := autolinkLabels(markdown, body), autolinkLabels(linkifying, body)
		if got == want {
			same++
			continue
		}
		t.Errorf("%s: autolinks\n got %s\nwant %s (goldmark's Linkify)", name, got, want)
	}
	t.Logf("%d of %d Markdown texts: the same autolinks as goldmark's Linkify", same, len(bodies))
}

// autolinkLabels lists the autolinks that md finds in body.
func autolinkLabels(md goldmark.Markdown, body string) string {
	src := []byte(body)
	var labels []string
	_ = ast.Walk(md.Parser().Parse(gmtext.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if a, ok := n.(*ast.AutoLink); ok && entering {
			labels = append(labels, fmt.Sprintf("%q", a.Label(src)))
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(labels, " ")
}

// TestTreeAndHTMLAgreeByHand reads hand-made pages both ways, without
// ../shared: raw HTML the tree reads token by token, and what the two ways
// once told apart.
func TestTreeAndHTMLAgreeByHand(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"<div>one<hr>two</div>\n", "paragraph \"one\"\nparagraph \"two\"\ncode blocks 0, tables 0, links 0\n"},
		{"<p>A <b>bold</b> <a href=\"/x\">link</a><br>and more.</p>\n", "paragraph \"A bold link\\nand more.\"\ncode blocks 0, tables 0, links 1\n"},
		{"![{{< x >}} alt](a.png) and <img alt=\"{{< y >}} b\" src=c.png>\n", "paragraph \"and\"\nimage \"alt\" \"local\"\nimage \"b\" \"local\"\ncode blocks 0, tables 0, links 0\n"},
		{"| a | b |\n|---|---|\n| c | d |\n", "table \"a b c d\"\ncode blocks 0, tables 1, links 0\n"},
		{"<!-- a comment -->\n\nText <!-- inline --> here.\n", "paragraph \"Text here.\"\ncode blocks 0, tables 0, links 0\n"},
	} {
		fromTree, fromHTML := readBothWays(t, c.src)
		if fromTree != fromHTML {
			t.Errorf("%q: the tree and the HTML disagree\ntree:\n%s\nhtml:\n%s", c.src, fromTree, fromHTML)
		}
		if fromTree != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, fromTree, c.want)
		}
	}
}

// TestPandocFootnoteAnchor: a footnote anchor pasted as raw HTML is
// neither a link nor text, however the page is read.
func TestPandocFootnoteAnchor(t *testing.T) {
	src := "A claim<a href=\"#fn1\" class=\"footnote-ref\" role=\"doc-noteref\"><sup>1</sup></a>.\n"
	fromTree, fromHTML := readBothWays(t, src)
	want := "paragraph \"A claim.\"\ncode blocks 0, tables 0, links 0\n"
	if fromTree != "" || fromHTML != want {
		t.Errorf("tree %q (want it left to the HTML), html %q, want %q", fromTree, fromHTML, want)
	}
}

// TestFootnoteLines: footnotes keep their own lines, read from the tree or
// from the HTML page.
func TestFootnoteLines(t *testing.T) {
	for _, src := range []string{
		"A claim.[^1]\n\n[^1]: The note.\n\nMore text.\n",
		"<div>\n\nA claim.[^1]\n\n</div>\n\n[^1]: The note.\n\nMore text.\n",
	} {
		p, err := ParseMarkdown([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range p.Blocks {
			if b.Kind == Bullet && b.Line < 3 {
				t.Errorf("%q: the footnote at line %d, before its definition", src, b.Line)
			}
		}
	}
}

// TestPlaceholders: only a placeholder of a shortcode of the post is one;
// other private-use text stays text.
func TestPlaceholders(t *testing.T) {
	for _, c := range []struct {
		s     string
		count int
		n     int
		ok    bool
	}{
		{"\uE0000\uE001", 1, 0, true},
		{"\uE00012\uE001x", 13, 12, true},
		{"\uE00012\uE001", 12, 0, false},
		{"\uE000-1\uE001", 5, 0, false},
		{"\uE000+0\uE001", 5, 0, false},
		{"\uE000\uE001", 5, 0, false},
		{"\uE0001", 5, 0, false},
	} {
		n, _, ok := readPlaceholder(c.s, c.count)
		if ok != c.ok || ok && n != c.n {
			t.Errorf("readPlaceholder(%q, %d) = %d, %v; want %d, %v", c.s, c.count, n, ok, c.n, c.ok)
		}
	}
	p, err := ParseMarkdown([]byte("Text \uE000-1\uE001 and \uE0000\uE001 here.\n"))
	if err != nil || len(p.Blocks) != 1 || p.Blocks[0].Text != "Text \uE000-1\uE001 and \uE0000\uE001 here." {
		t.Errorf("private-use text in a post without shortcodes: %v %+v", err, p)
	}
}

// TestShortcodeParams: a quoted value is read whole, so a '=' inside it
// names nothing.
func TestShortcodeParams(t *testing.T) {
	got := shortcodeParams(`figure src=a.png link="https://x.org/?title=oops" caption='A cap' title=` + "`T`")
	want := map[string]string{"src": "a.png", "link": "https://x.org/?title=oops", "caption": "A cap", "title": "T"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("shortcodeParams = %v, want %v", got, want)
	}
	_, codes, _ := replaceShortcodes(`{{< figure src=a.png link="https://x.org/?title=oops" >}}`)
	if len(codes) != 1 || codes[0].alt != "" || codes[0].src != "a.png" {
		t.Errorf("figure: %+v", codes)
	}
}

// TestEscapedShortcodeOverLines: the lines an escaped shortcode loses are
// counted, so later blocks keep their lines.
func TestEscapedShortcodeOverLines(t *testing.T) {
	p, err := ParseMarkdown([]byte("Para {{<\n/* x */>}} one.\n\nPara two.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Blocks) != 2 || p.Blocks[1].Line != 4 || p.Blocks[0].Text != "Para {{< x >}} one." {
		t.Errorf("blocks %+v, want the second at line 4", p.Blocks)
	}
}

// TestIsComment: only raw HTML that is one comment and nothing else is
// read without a tokenizer; "--!>" ends a comment too, so what follows it
// is text.
func TestIsComment(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want bool
	}{
		{"<!-- more -->", true},
		{"  <!---->\n", true},
		{"<!-->", false},
		{"<!--->", false},
		{"<!-- a --> text <!-- b -->", false},
		{"<!-- a --!> text -->", false},
		{"<!-- unclosed", false},
		{"<div>", false},
	} {
		if got := isComment([]byte(c.raw)); got != c.want {
			t.Errorf("isComment(%q) = %v, want %v", c.raw, got, c.want)
		}
	}
	fromTree, fromHTML := readBothWays(t, "<!-- a --!> shown text -->\n")
	if fromTree != fromHTML || !strings.Contains(fromHTML, "shown text") {
		t.Errorf("tree %q, html %q: the text after --!> is on the page", fromTree, fromHTML)
	}
}
