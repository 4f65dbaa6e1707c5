package post

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A post with raw HTML that is not plain (page_raw.go) is read from the
// HTML page it renders to, parsed as a browser parses it
// (golang.org/x/net/html implements HTML5's parsing algorithm): only that
// knows what a <div> left open, a <p> closed by a <table> or a Markdown
// paragraph between two raw tags make of the page.
// Before each top-level block the rendering holds a comment naming the
// block's source line, so that the blocks still have their lines (a block
// nested in a top-level one gets the top-level one's line).

// lineMarker opens the comment that names a source line.
const lineMarker = "postscore-line "

// readHTML renders doc, parses the page and feeds it into r.
func (r *pageReader) readHTML(doc ast.Node, src *markdownSource) error {
	var page bytes.Buffer
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		fmt.Fprintf(&page, "<!--%s%d-->", lineMarker, src.lineOf(c))
		if err := markdown.Renderer().Render(&page, src.text, c); err != nil {
			return fmt.Errorf("rendering the Markdown to HTML: %w", err)
		}
	}
	root, err := html.Parse(bytes.NewReader(numberLinks(page.Bytes())))
	if err != nil {
		return fmt.Errorf("parsing the rendered HTML: %w", err)
	}
	r.seenLinks = map[string]bool{}
	r.readNode(root)
	return nil
}

// linkNumber is the attribute numberLinks gives each <a> tag.
const linkNumber = "data-postscore-a"

// numberLinks numbers the <a> tags of page in a linkNumber attribute,
// every other byte left as it is. A link is an <a href> tag as written: an
// <a> left open (<p><a href="x">foo</p>) is reopened by the HTML parser
// after the block's end as a copy of itself ("reconstruct the active
// formatting elements"), and that copy is not another link.
func numberLinks(page []byte) []byte {
	if !bytes.Contains(page, []byte("<a")) && !bytes.Contains(page, []byte("<A")) {
		return page
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	out := make([]byte, 0, len(page)+64)
	for n := 1; ; {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out // io.EOF: a bytes.Reader fails no other way
		}
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			if len(raw) > 2 && (raw[1] == 'a' || raw[1] == 'A') && !isTagNameByte(raw[2]) {
				out = fmt.Appendf(out, "%s %s=%d %s", raw[:2], linkNumber, n, raw[2:])
				n++
				continue
			}
		}
		out = append(out, raw...)
	}
}

// isTagNameByte reports whether c continues a tag's name.
func isTagNameByte(c byte) bool {
	return c != ' ' && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != '/' && c != '>'
}

// withoutLineMarkers is text without the line comments readHTML wrote,
// which an element whose text is raw (<xmp>, <plaintext>) holds as text.
func withoutLineMarkers(s string) string {
	const open = "<!--" + lineMarker
	for {
		i := strings.Index(s, open)
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "-->")
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+len("-->"):]
	}
}

// readNode feeds node n and its descendants into r.
func (r *pageReader) readNode(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.text(withoutLineMarkers(n.Data))
		return
	case html.CommentNode:
		if line, ok := strings.CutPrefix(n.Data, lineMarker); ok {
			if l, err := strconv.Atoi(line); err == nil && l > 0 {
				r.line = int32(l)
			}
		}
		return
	case html.ElementNode:
		if !r.element(n) {
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.readNode(c)
	}
}

// element reads element n and its descendants; it returns true when they
// are still to be read (as an inline element's are).
func (r *pageReader) element(n *html.Node) (readChildren bool) {
	switch {
	case hidden[n.DataAtom], isFootnoteAnchor(n):
		return false
	case n.DataAtom == atom.Img:
		r.image(attr(n, "alt"), attr(n, "src"))
		return false
	case n.DataAtom == atom.Br:
		r.lineBreak()
		return false
	case n.DataAtom == atom.A && hasAttr(n, "href") && !r.seenLinks[attr(n, linkNumber)]:
		r.seenLinks[attr(n, linkNumber)] = true
		r.link()
	}
	el, ok := htmlElement(n.DataAtom)
	if !ok {
		return true
	}
	r.open(el, 0)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.readNode(c)
	}
	r.close()
	return false
}

// isFootnoteAnchor reports whether n is a footnote's reference or
// back-link: neither a link nor text.
func isFootnoteAnchor(n *html.Node) bool {
	return n.DataAtom == atom.A && footnoteAnchorAttrs(attr(n, "class"), attr(n, "role"),
		hasAttr(n, "data-footnote-ref") || hasAttr(n, "data-footnote-backref"))
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
