package features

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/alphanode/postscore/features/post"
)

// This file is the reference side of the Markdown acceptance tests: an
// independent reading of a rendered HTML page under MARKDOWN.md section 2
// ("the blocks are those of the HTML page that the file renders to, read as
// a reader sees that page"). It knows nothing of how post.ParseMarkdown
// works; it only reads HTML.
//
// Readings chosen where MARKDOWN.md leaves room (each is repeated at the
// rule it shapes):
//   - White space is Unicode White_Space (unicode.IsSpace), no-break space
//     included; a run of it becomes one space, and it is trimmed at both
//     ends of a block's text. Format characters (Cf, e.g. U+200B) are not
//     visible, but they are kept in the text where they stand.
//   - Each <br> is one "\n"; a run of block boundaries inside a block is one
//     "\n" (a <br> beside them stands for itself); white space beside a line
//     break is dropped, and line breaks at either end of a block are trimmed.
//   - A <p> inside a heading (raw HTML only) is the heading's text, as a
//     <p> inside an <li> is the item's.
//   - A list (<ul>, <ol>, <menu>) inside a heading or an item is left out
//     of that block's text; stray text directly in a list (outside any
//     <li>) forms paragraphs like text in a <div>.
//   - Block-level elements are the HTML rendering section's display:block
//     ones (listed in blockLevel); an unknown element is inline, as in a
//     browser.
//   - Text inside MathML or SVG is read like any other text (no CSS is
//     applied: a KaTeX page has its formula twice).

// pageCount is what a page yields under MARKDOWN.md section 2: the counts of
// each structure and the two texts of METRICS.md section 1.
type pageCount struct {
	Paragraphs, Headings, Bullets, Images int
	CodeBlocks, Tables, Links             int
	Body, Prose                           string
}

// blocks is the number of visible blocks (paragraphs, headings, bullets,
// images): a post with none is not a post (post.ErrKindEmpty).
func (c pageCount) blocks() int { return c.Paragraphs + c.Headings + c.Bullets + c.Images }

// pageBlock is one block of the page, in document order.
type pageBlock struct {
	kind post.BlockKind
	text blockText
}

// blockText gathers one block's text: white space collapsed, line breaks
// kept (MARKDOWN.md section 2, last rule).
type blockText struct {
	b        strings.Builder
	started  bool // some non-space rune is written
	space    bool // white space seen since the last rune written
	brs      int  // <br>s since the last rune written
	boundary bool // a block boundary since the last rune written
}

// add appends raw text. "Runs of white space collapse to one space": a rune
// of Unicode white space (no-break space included) is never written as
// itself. Format characters (Cf) are kept: they are not visible, but they
// are not white space either (reading chosen: kept in the text).
func (t *blockText) add(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			t.space = true
			continue
		}
		t.separate()
		t.b.WriteRune(r)
	}
}

// separate writes what stands between the last rune written and the next:
// "<br> and block boundaries inside a block are \n". Reading chosen: each
// <br> is one \n, a run of boundaries with no <br> is one \n, white space
// beside a line break is dropped, and nothing is written before the first
// rune (leading breaks and spaces are trimmed; trailing ones are never
// written).
func (t *blockText) separate() {
	switch {
	case !t.started:
	case t.brs > 0:
		t.b.WriteString(strings.Repeat("\n", t.brs))
	case t.boundary:
		t.b.WriteByte('\n')
	case t.space:
		t.b.WriteByte(' ')
	}
	t.started, t.space, t.brs, t.boundary = true, false, 0, false
}

// lineBreak notes a <br>.
func (t *blockText) lineBreak() { t.brs++ }

// blockBoundary notes the start or end of a block-level element inside the
// block.
func (t *blockText) blockBoundary() { t.boundary = true }

// visible reports whether the text has a rune that is neither white space
// nor a format character: "Visible text is anything but Unicode white space
// (no-break space included) and format characters (a zero-width space)".
func visible(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) {
			return true
		}
	}
	return false
}

// ignored are the elements that yield nothing, text, images or links
// (MARKDOWN.md section 2, table, last row).
var ignored = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Title: true,
	atom.Noscript: true, atom.Iframe: true, atom.Noembed: true, atom.Noframes: true,
}

// blockLevel are the elements that end a run of text: HTML's rendering
// section gives them display: block (or a table or list display). Reading
// chosen: any element not listed is inline, as an unknown element is in a
// browser.
var blockLevel = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Col: true, atom.Colgroup: true,
	atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true,
	atom.Hr: true, atom.Html: true, atom.Legend: true, atom.Li: true, atom.Listing: true,
	atom.Main: true, atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.Optgroup: true,
	atom.Option: true, atom.P: true, atom.Plaintext: true, atom.Pre: true, atom.Search: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true,
	atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
	atom.Xmp: true,
}

// headings are <h1>–<h6>.
var headings = map[atom.Atom]bool{
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// pageWalker walks a parsed page once, in document order.
type pageWalker struct {
	blocks []*pageBlock    // in the order they open, images included
	c      pageCount       // the counts that are not blocks: code blocks, tables, links
	run    *pageBlock      // the open paragraph of text outside all blocks, or nil
	links  map[string]bool // the linkMark of each <a href> counted
}

// walkContext is what the elements around a node decide for it.
type walkContext struct {
	owner  *pageBlock // the paragraph, heading or item whose text this is, or nil
	noText bool       // inside a <table> or <pre>: no blocks and no text
}

// countPage reads an HTML page (a fragment, as the body of a page) under
// MARKDOWN.md section 2.
func countPage(page string) (pageCount, error) {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(markLinks(page)), body)
	if err != nil {
		return pageCount{}, err
	}
	w := pageWalker{links: map[string]bool{}}
	for _, n := range nodes {
		w.walk(n, walkContext{})
	}
	return w.result(), nil
}

// linkMark is the attribute markLinks gives each <a> tag of a page: the
// tag's number.
const linkMark = "data-pagecount-a"

// markLinks numbers the <a> tags of page in a linkMark attribute, leaving
// every other byte as it is. A link is an <a href> tag as written: when an
// <a> is left open (<p><a href="x">foo</p>, as in spec example 189) or
// misnested, HTML's parser reopens it after a block's end with a copy of
// its attributes ("reconstruct the active formatting elements"), and that
// copy, holding at most white space, is not another link.
func markLinks(page string) string {
	z := html.NewTokenizer(strings.NewReader(page))
	var b strings.Builder
	for n := 1; ; {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String() // io.EOF: a strings.Reader fails no other way
		}
		raw := string(z.Raw()) // copied: TagName lower-cases the buffer
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			if name, _ := z.TagName(); string(name) == "a" {
				// raw is "<a" then white space, "/" or ">"; the space
				// after the number keeps a "/" out of its value.
				fmt.Fprintf(&b, "%s %s=%d %s", raw[:2], linkMark, n, raw[2:])
				n++
				continue
			}
		}
		b.WriteString(raw)
	}
}

// walk reads n and what is under it.
func (w *pageWalker) walk(n *html.Node, ctx walkContext) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, ctx)
		return
	case html.ElementNode:
	case html.DocumentNode:
		w.children(n, ctx)
		return
	default:
		return // comments and doctypes yield nothing (section 2, table, last row)
	}
	a := n.DataAtom
	switch {
	case ignored[a]:
		// <script>, <style>, <template>, ...: nothing (section 2, table, last row).
	case a == atom.Img:
		// <img>: an image, wherever it stands, in tables and code blocks too
		// ("images and links inside them still count").
		w.blocks = append(w.blocks, &pageBlock{kind: post.Image})
	case a == atom.Br:
		w.lineBreak(ctx)
	case a == atom.A && isFootnoteAnchor(n):
		// "Footnote anchors (the [^1] reference and its back-link) are not
		// links", and "Footnote references ([^1]) are not text".
	case a == atom.A:
		// <a href>: a link, in tables and footnotes too. An <a> with no
		// href is a mere anchor. An <a> the parser made again from the
		// same tag (linkMark) is the same link.
		if mark := attr(n, linkMark); hasAttr(n, "href") && (mark == "" || !w.links[mark]) {
			w.c.Links++
			w.links[mark] = true
		}
		w.children(n, ctx)
	case a == atom.Pre || a == atom.Table:
		// "Inside a <table> or a <pre> there are no paragraphs, headings or
		// bullets (their text is in neither text); images and links inside
		// them still count."
		if a == atom.Pre {
			w.c.CodeBlocks++
		} else {
			w.c.Tables++
		}
		w.inBlock(n, ctx, walkContext{noText: true})
	case ctx.noText:
		w.children(n, ctx) // only images, links, code blocks and tables count here
	case a == atom.Li:
		// <li>: a bullet, "every item, nested ones included, ordered or not,
		// footnote items included"; placed where it opens, before its
		// nested items.
		w.inBlock(n, ctx, walkContext{owner: w.open(post.Bullet)})
	case headings[a]:
		// <h1>–<h6>: a heading "wherever it stands"; inside an item it "is
		// a heading with its own text, left out of the item's text".
		w.inBlock(n, ctx, walkContext{owner: w.open(post.Heading)})
	case a == atom.Ul || a == atom.Ol || a == atom.Menu:
		// An item's text is "its own text without its nested lists".
		// Reading chosen: the same for a list inside a heading; text
		// straight in the list, outside its items, forms paragraphs.
		w.inBlock(n, ctx, walkContext{})
	case a == atom.P && ctx.owner != nil:
		// "paragraphs inside a list item are the item's text" (reading
		// chosen: likewise inside a heading); its edges are block
		// boundaries in that text.
		w.inBlock(n, ctx, ctx)
	case a == atom.P:
		// <p> not inside an <li>: a paragraph, inside a <blockquote> too.
		// Whether it has visible text is decided in result.
		w.inBlock(n, ctx, walkContext{owner: w.open(post.Paragraph)})
	case blockLevel[a]:
		// <div>, <blockquote>, ...: a block boundary; their loose text
		// forms paragraphs (section 2: "one per run of text between
		// block-level elements").
		w.inBlock(n, ctx, ctx)
	default:
		w.children(n, ctx) // inline: <em>, <code>, <span>, unknown elements
	}
}

// children walks n's children in order.
func (w *pageWalker) children(n *html.Node, ctx walkContext) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, ctx)
	}
}

// inBlock walks the children of n, a block-level element, with inner as
// their context: its start and end are block boundaries in the text around
// it.
func (w *pageWalker) inBlock(n *html.Node, outer, inner walkContext) {
	w.boundary(outer)
	w.children(n, inner)
	w.boundary(outer)
}

// open starts a block of kind k at this point of the page.
func (w *pageWalker) open(k post.BlockKind) *pageBlock {
	b := &pageBlock{kind: k}
	w.blocks = append(w.blocks, b)
	return b
}

// boundary notes a block-level element's edge: it ends the run of loose
// text, and inside a block it is a line break.
func (w *pageWalker) boundary(ctx walkContext) {
	w.run = nil
	if ctx.owner != nil {
		ctx.owner.text.blockBoundary()
	}
}

// lineBreak notes a <br>: "\n" in the block it stands in.
func (w *pageWalker) lineBreak(ctx walkContext) {
	switch {
	case ctx.noText:
	case ctx.owner != nil:
		ctx.owner.text.lineBreak()
	case w.run != nil:
		w.run.text.lineBreak()
	}
}

// text adds a text node to the block it stands in. "Text that stands
// outside all of these elements (inside a <div>, say) forms paragraphs, one
// per run of text between block-level elements": loose text opens a
// paragraph, which the next block-level edge closes.
func (w *pageWalker) text(s string, ctx walkContext) {
	switch {
	case ctx.noText:
	case ctx.owner != nil:
		ctx.owner.text.add(s)
	default:
		if w.run == nil {
			w.run = w.open(post.Paragraph)
		}
		w.run.text.add(s)
	}
}

// result counts the blocks and joins the texts. A paragraph with no visible
// text is no paragraph ("a <p> with no visible text (only images, or
// nothing) is not a paragraph"; "<p>&nbsp;</p> is not a paragraph"); an
// empty heading or item still counts.
func (w *pageWalker) result() pageCount {
	c := w.c
	var body, prose []string
	prev := post.BlockKind(0)
	for _, b := range w.blocks {
		text := b.text.b.String()
		switch b.kind {
		case post.Image:
			c.Images++
			continue // images are left out of the body text (METRICS.md section 1)
		case post.Paragraph:
			if !visible(text) {
				continue
			}
			c.Paragraphs++
			prose = append(prose, text)
		case post.Heading:
			c.Headings++
		case post.Bullet:
			c.Bullets++
			text = "• " + text
		}
		// METRICS.md section 1: "consecutive bullets are joined with \n,
		// every other pair of neighbouring blocks with \n\n".
		if prev != 0 {
			if prev == post.Bullet && b.kind == post.Bullet {
				body = append(body, "\n")
			} else {
				body = append(body, "\n\n")
			}
		}
		body = append(body, text)
		prev = b.kind
	}
	c.Body = strings.Join(body, "")
	c.Prose = strings.Join(prose, "\n\n")
	return c
}

// isFootnoteAnchor reports whether a is a footnote reference or back-link,
// as cmark-gfm marks them (<sup class="footnote-ref"><a data-footnote-ref>,
// <a class="footnote-backref" data-footnote-backref>) or goldmark does
// (<a class="footnote-ref" role="doc-noteref">, <a class="footnote-backref"
// role="doc-backlink">).
func isFootnoteAnchor(a *html.Node) bool {
	classes := strings.Fields(attr(a, "class"))
	if slices.Contains(classes, "footnote-ref") || slices.Contains(classes, "footnote-backref") {
		return true
	}
	if hasAttr(a, "data-footnote-ref") || hasAttr(a, "data-footnote-backref") {
		return true
	}
	if role := attr(a, "role"); role == "doc-noteref" || role == "doc-backlink" {
		return true
	}
	// Older cmark-gfm puts the class on the <sup> only.
	p := a.Parent
	return p != nil && p.DataAtom == atom.Sup && slices.Contains(strings.Fields(attr(p, "class")), "footnote-ref")
}

// attr returns n's attribute key ("" when absent).
func attr(n *html.Node, key string) string {
	for _, at := range n.Attr {
		if at.Namespace == "" && at.Key == key {
			return at.Val
		}
	}
	return ""
}

// hasAttr reports whether n has the attribute key, even empty.
func hasAttr(n *html.Node, key string) bool {
	for _, at := range n.Attr {
		if at.Namespace == "" && at.Key == key {
			return true
		}
	}
	return false
}

// String shows the counts on one line, for failure messages.
func (c pageCount) String() string {
	return fmt.Sprintf("paragraphs %d, headings %d, bullets %d, images %d, code blocks %d, tables %d, links %d",
		c.Paragraphs, c.Headings, c.Bullets, c.Images, c.CodeBlocks, c.Tables, c.Links)
}

// pageCase is a hand-written page and what MARKDOWN.md section 2 makes of
// it, worked out by hand.
type pageCase struct {
	name, page string
	want       pageCount
}

// pageCases has one case per rule of the counter (at least).
var pageCases = []pageCase{
	{"a paragraph", "<p>Hello  <em>big</em>\n world</p>",
		pageCount{Paragraphs: 1, Body: "Hello big world", Prose: "Hello big world"}},
	{"a p inside an li is the item's text", "<ul><li><p>one</p><p>two</p></li></ul>",
		pageCount{Bullets: 1, Body: "• one\ntwo"}},
	{"a p in a blockquote counts", "<blockquote><p>quoted</p></blockquote>",
		pageCount{Paragraphs: 1, Body: "quoted", Prose: "quoted"}},
	{"a p with only an image is no paragraph", `<p><img src="a.png" alt="alt text"></p>`,
		pageCount{Images: 1}},
	{"an empty p is no paragraph", "<p></p><p> </p>", pageCount{}},
	{"a p of &nbsp; is no paragraph", "<p>&nbsp;</p>", pageCount{}},
	{"a p of a zero-width space is no paragraph", "<p>\u200b</p><p>\u200bx</p>",
		pageCount{Paragraphs: 1, Body: "\u200bx", Prose: "\u200bx"}},
	{"an empty heading is a heading", "<h2></h2><h1>Title</h1>",
		pageCount{Headings: 2, Body: "\n\nTitle"}},
	{"nested items are bullets of their own, after their parent", "<ol><li>a<ul><li>b</li></ul>c</li><li></li></ol>",
		pageCount{Bullets: 3, Body: "• a\nc\n• b\n• "}},
	{"a heading in an item is left out of its text", "<ul><li>item<h3>Head</h3></li></ul><p>after</p>",
		pageCount{Bullets: 1, Headings: 1, Paragraphs: 1, Body: "• item\n\nHead\n\nafter", Prose: "after"}},
	{"nothing in a table is text, but images and links count",
		`<table><tr><td><p>cell</p><a href="x">l</a><img src="i"></td></tr></table>`,
		pageCount{Tables: 1, Links: 1, Images: 1}},
	{"nothing in a pre is text, but images and links count",
		"<pre><code>code\n<a href=\"x\">l</a><img src=\"i\"></code></pre>",
		pageCount{CodeBlocks: 1, Links: 1, Images: 1}},
	{"script, style and the others yield nothing",
		`<script>a</script><style>b</style><template><p>c</p></template><noscript><a href="x">d</a></noscript>` +
			`<iframe>e</iframe><noembed>f</noembed><noframes>g</noframes><!-- h --><p>i</p>`,
		pageCount{Paragraphs: 1, Body: "i", Prose: "i"}},
	{"a title element swallows the rest of the page (RCDATA)", "<p>x</p><title><p>y</p>",
		pageCount{Paragraphs: 1, Body: "x", Prose: "x"}},
	{"goldmark footnote anchors are neither links nor text",
		`<p>Text<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>.</p>` +
			`<div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>Note <a href="https://e.org">e</a>&#160;` +
			`<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>`,
		pageCount{Paragraphs: 1, Bullets: 1, Links: 1, Body: "Text.\n\n• Note e", Prose: "Text."}},
	{"cmark-gfm footnote anchors are neither links nor text",
		`<p>Text<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" data-footnote-ref>1</a></sup></p>` +
			`<section class="footnotes" data-footnotes><ol><li id="fn-1"><p>Note ` +
			`<a href="#fnref-1" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩</a></p></li></ol></section>`,
		pageCount{Paragraphs: 1, Bullets: 1, Body: "Text\n\n• Note", Prose: "Text"}},
	{"a link needs an href; a linked image is a link and an image",
		`<p><a name="x">anchor</a> <a href="">empty</a> <a href="u"><img src="i" alt="not text"></a></p>`,
		pageCount{Paragraphs: 1, Links: 2, Images: 1, Body: "anchor empty", Prose: "anchor empty"}},
	{"white space runs collapse, no-break space too", "<p> a \t\n b&nbsp;&nbsp;c\u2003d </p>",
		pageCount{Paragraphs: 1, Body: "a b c d", Prose: "a b c d"}},
	{"a br is a line break, without the spaces around it", "<p>a <br />\nb<br><br>c<br></p>",
		pageCount{Paragraphs: 1, Body: "a\nb\n\nc", Prose: "a\nb\n\nc"}},
	{"block boundaries inside a block are one line break", "<ul><li>a<div><p>b</p></div><pre>x</pre>c</li></ul>",
		pageCount{Bullets: 1, CodeBlocks: 1, Body: "• a\nb\nc"}},
	{"loose text forms one paragraph per run between blocks",
		"<div>one <b>two</b><br>three<hr>four<img src=i> five<p>six</p>seven</div>",
		pageCount{Paragraphs: 4, Images: 1, Body: "one two\nthree\n\nfour five\n\nsix\n\nseven",
			Prose: "one two\nthree\n\nfour five\n\nsix\n\nseven"}},
	{"loose text in a blockquote is a paragraph", "<blockquote>\n  quoted <em>text</em>\n</blockquote>\n",
		pageCount{Paragraphs: 1, Body: "quoted text", Prose: "quoted text"}},
	{"a paragraph comes before the images in it, bullets after", "<p>x<img src=i></p><ul><li>y</li><li>z</li></ul><p>w</p>",
		pageCount{Paragraphs: 2, Images: 1, Bullets: 2, Body: "x\n\n• y\n• z\n\nw", Prose: "x\n\nw"}},
	{"inline code and link text are text where they stand", `<p>Run <code>go  test</code> at <a href="https://go.dev">https://go.dev</a>.</p>`,
		pageCount{Paragraphs: 1, Links: 1, Body: "Run go test at https://go.dev.", Prose: "Run go test at https://go.dev."}},
	{"an <a> left open is one link, though the parser reopens it", "<p>x <a href=\"u\">\ny</p>\n<p>z</p>",
		pageCount{Paragraphs: 2, Links: 1, Body: "x y\n\nz", Prose: "x y\n\nz"}},
	{"a task list item's checkbox is no text", `<ul><li><input type="checkbox" disabled> done</li></ul>`,
		pageCount{Bullets: 1, Body: "• done"}},
}

// TestPageCounter holds the reference counter to counts worked out by hand.
func TestPageCounter(t *testing.T) {
	for _, c := range pageCases {
		got, err := countPage(c.page)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s: %q\n got  %v; body %q, prose %q\n want %v; body %q, prose %q",
				c.name, c.page, got, got.Body, got.Prose, c.want, c.want.Body, c.want.Prose)
		}
	}
}

// TestMarkLinks checks that markLinks numbers the <a> tags and changes no
// other byte, not even an "<a" in a script's text.
func TestMarkLinks(t *testing.T) {
	plain := "<p>x &amp; <b>y</b><!-- <a href=c> --></p><script>if (a<b) {}</script><title><a></title>"
	if got := markLinks(plain); got != plain {
		t.Errorf("markLinks(%q) = %q", plain, got)
	}
	got := markLinks(`<A HREF="u">x</A><a/>`)
	want := `<A ` + linkMark + `=1  HREF="u">x</A><a ` + linkMark + `=2 />`
	if got != want {
		t.Errorf("markLinks = %q, want %q", got, want)
	}
}
