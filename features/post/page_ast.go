package post

import (
	"bufio"
	"bytes"
	"errors"
	"html"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// errRawHTML stops reading a syntax tree that holds raw HTML an HTML
// parser may not read as written (page_raw.go): its page is read from the
// HTML instead (page_html.go), as only an HTML parser knows what such HTML
// makes of the elements around it.
var errRawHTML = errors.New("raw HTML")

// readTree feeds the page that doc renders to into r, node by node, each
// node as the element it renders to (goldmark's HTML renderer), plain raw
// HTML tag by tag. It returns errRawHTML when doc holds raw HTML that is
// not plain, having read part of the page: r is then to be dropped, and
// the page read from its HTML with a fresh reader.
func (r *pageReader) readTree(doc ast.Node, src *markdownSource) error {
	return ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering && n.Type() == ast.TypeBlock && len(r.inlineTags) > 0 {
			return ast.WalkStop, errRawHTML // an inline tag left open past its block
		}
		el, status, err := r.node(n, entering, src)
		if err != nil || status != ast.WalkContinue || el == noElement {
			return status, err
		}
		if entering {
			r.open(el, src.lineOf(n))
		} else {
			r.close()
		}
		return ast.WalkContinue, nil
	})
}

// noElement marks a node that opens no element of its own.
const noElement element = 255

// node reads the content of node n and returns the element it opens, if
// any, and how the walk goes on.
func (r *pageReader) node(n ast.Node, entering bool, src *markdownSource) (element, ast.WalkStatus, error) {
	switch n := n.(type) {
	case *ast.Paragraph:
		return elParagraph, ast.WalkContinue, nil
	case *ast.Heading:
		return elHeading, ast.WalkContinue, nil
	case *ast.ListItem, *extast.Footnote:
		return elItem, ast.WalkContinue, nil
	case *ast.List, *ast.Blockquote, *ast.ThematicBreak, *extast.FootnoteList,
		*extast.TableHeader, *extast.TableRow, *extast.TableCell:
		return elBlock, ast.WalkContinue, nil
	case *extast.Table:
		return elTable, ast.WalkContinue, nil
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		if entering {
			r.codeBlock(n, src)
		}
		return noElement, ast.WalkSkipChildren, nil
	case *ast.HTMLBlock:
		if entering {
			r.line = src.lineOf(n)
		}
		if entering && !r.rawBlock(n, src.text) {
			return noElement, ast.WalkStop, errRawHTML
		}
		return noElement, ast.WalkSkipChildren, nil
	case *ast.RawHTML:
		if entering && !r.rawInline(n, src.text) {
			return noElement, ast.WalkStop, errRawHTML
		}
		return noElement, ast.WalkSkipChildren, nil
	}
	if !entering {
		return noElement, ast.WalkContinue, nil
	}
	return noElement, r.inline(n, src.text), nil
}

// codeBlock reads a fenced or indented code block: counted, its start
// kept for explain, and a shortcode's image in it shown.
func (r *pageReader) codeBlock(n ast.Node, src *markdownSource) {
	r.open(elCode, src.lineOf(n))
	r.text(string(linesText(n, src.text, codePreviewBytes)))
	r.close()
}

// inline reads an inline node as it enters.
func (r *pageReader) inline(n ast.Node, src []byte) ast.WalkStatus {
	switch n := n.(type) {
	case *ast.Text:
		r.text(textValue(n, src))
		switch {
		case n.HardLineBreak():
			r.lineBreak()
		case n.SoftLineBreak():
			r.space()
		}
	case *ast.String:
		r.text(string(n.Value))
	case *ast.Link:
		r.link()
	case *ast.AutoLink:
		r.link()
		r.text(string(n.Label(src)))
		return ast.WalkSkipChildren
	case *ast.Image:
		r.image(plainText(n, src), string(n.Destination))
		return ast.WalkSkipChildren
	case *extast.FootnoteLink, *extast.FootnoteBacklink, *extast.TaskCheckBox:
		// A footnote's anchors are neither links nor text.
		return ast.WalkSkipChildren
	}
	return ast.WalkContinue
}

// textValue is the text a text node shows: its backslash escapes and
// character references resolved as goldmark's renderer writes them, then
// read back from HTML (raw text, in a code span, is as it stands). It may
// share src's memory: the page reader copies what it keeps.
func textValue(t *ast.Text, src []byte) string {
	v := t.Segment.Value(src)
	if t.IsRaw() || (bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0) {
		return unsafe.String(unsafe.SliceData(v), len(v))
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	gmhtml.DefaultWriter.Write(w, v)
	_ = w.Flush() // a bytes.Buffer does not fail
	return html.UnescapeString(b.String())
}

// plainText is the text of n's descendants, as an image's alt text is.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.WriteString(textValue(c, src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// linesText is the text of a leaf block's lines (a code block's code):
// its start, up to max bytes that are not white space, and any line after
// that holding a shortcode's placeholder (an image shows in code).
func linesText(n ast.Node, src []byte, max int) []byte {
	lines := n.Lines()
	var b []byte
	visible := 0
	for i := range lines.Len() {
		seg := lines.At(i)
		v := seg.Value(src)
		if visible < max || bytes.Contains(v, []byte(placeholderOpen)) {
			b = append(b, v...)
			visible += len(v) - countSpace(v)
		}
	}
	return b
}

// countSpace counts the ASCII white space of v.
func countSpace(v []byte) int {
	n := 0
	for _, c := range v {
		if c < utf8.RuneSelf && asciiSpace[c] {
			n++
		}
	}
	return n
}
