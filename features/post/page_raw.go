package post

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Raw HTML that an HTML parser would read exactly as it is written is read
// from the syntax tree, tag by tag, without rendering the post: an HTML
// block whose tags all close inside it, in order (<div>text</div>, a
// WordPress <p>...</p>, a comment), and inline tags that close inside
// their paragraph (<img>, <br>, <span>...</span>, <a href>...</a>). Its
// tokens are then the page's elements. Whatever the HTML parser could
// rearrange (an unclosed or misnested tag, a <p> or a list item closed
// implicitly, a block inside a paragraph, tables, forms, foreign content)
// makes the whole post read from its HTML page instead (page_html.go): a
// rendering and an HTML parse cost about as much as the Markdown parse
// itself, and most raw HTML in posts is plain (BenchmarkReadPage: the
// real posts' pages read 3.5 times as fast from the tree as from the HTML).
// TestTreeAndHTMLAgree holds the two ways to the same blocks.

// rawTags are the open tags of raw HTML being read from the tree: those of
// the HTML block being read, or those inline in the leaf block being read.
type rawTags []atom.Atom

func (t rawTags) has(a atom.Atom) bool {
	for _, x := range t {
		if x == a {
			return true
		}
	}
	return false
}

func (t rawTags) top() atom.Atom {
	if len(t) == 0 {
		return 0
	}
	return t[len(t)-1]
}

// rawBlock reads an HTML block; false when it is not plain.
func (r *pageReader) rawBlock(n *ast.HTMLBlock, src []byte) bool {
	var b []byte
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b = append(b, seg.Value(src)...)
	}
	if n.HasClosure() {
		b = append(b, n.ClosureLine.Value(src)...)
	}
	if isComment(b) {
		return true
	}
	var open rawTags
	if !r.rawTokens(b, &open, false) {
		return false
	}
	return len(open) == 0
}

// rawInline reads an inline raw HTML node of the leaf block being read;
// false when it is not plain. r.inlineTags are the tags it leaves open, to
// be closed before the leaf block ends.
func (r *pageReader) rawInline(n *ast.RawHTML, src []byte) bool {
	var b []byte
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		b = append(b, seg.Value(src)...)
	}
	if isComment(b) {
		return true
	}
	return r.rawTokens(b, &r.inlineTags, true)
}

// isComment reports whether raw HTML is one comment and nothing else, as
// most raw HTML in posts is (<!-- more -->): nothing to read, and no
// tokenizer to make.
func isComment(b []byte) bool {
	b = bytes.TrimSpace(b)
	if len(b) < len("<!---->") || !bytes.HasPrefix(b, []byte("<!--")) || !bytes.HasSuffix(b, []byte("-->")) {
		return false
	}
	inner := b[len("<!--") : len(b)-len("-->")]
	return !bytes.Contains(inner, []byte("-->")) && !bytes.Contains(inner, []byte("--!>")) && !bytes.HasPrefix(inner, []byte(">")) && !bytes.HasPrefix(inner, []byte("->"))
}

// rawTokens reads raw HTML token by token into r, open holding the tags
// open; inline says it stands in a paragraph (no block may open there).
// It reports false at the first token an HTML parser might not read as
// written.
func (r *pageReader) rawTokens(b []byte, open *rawTags, inline bool) bool {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return true // the end (a bytes.Reader fails no other way)
		case html.TextToken:
			if hidden[open.top()] {
				continue
			}
			r.text(string(z.Text()))
		case html.CommentToken:
		case html.StartTagToken, html.SelfClosingTagToken:
			if !r.rawStart(z, open, inline) {
				return false
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == 0 || a != open.top() {
				return false
			}
			*open = (*open)[:len(*open)-1]
			if _, isBlock := htmlElement(a); isBlock {
				r.close()
			}
		default: // a doctype
			return false
		}
	}
}

// rawStart reads a start tag; false when an HTML parser might not open it
// where it stands.
func (r *pageReader) rawStart(z *html.Tokenizer, open *rawTags, inline bool) bool {
	name, hasAttr := z.TagName()
	a := atom.Lookup(name)
	attrs := map[string]string{}
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		attrs[string(k)] = string(v)
	}
	switch {
	case a == 0 || unplain[a]:
		return false
	case a == atom.Img:
		r.image(attrs["alt"], attrs["src"])
		return true
	case a == atom.Br:
		r.lineBreak()
		return true
	case voidElements[a] && blockLevel[a]: // <hr>: a block with nothing in it
		if inline || open.has(atom.P) {
			return false
		}
		r.open(elBlock, 0)
		r.close()
		return true
	case voidElements[a]:
		return true
	case len(*open) >= maxRawDepth:
		return false
	}
	el, isBlock := htmlElement(a)
	switch {
	case isBlock && (inline || open.has(atom.P) || opensInside(open, formatting)),
		a == atom.A && open.has(atom.A),
		el == elHeading && opensInside(open, headings),
		a == atom.Li && open.top() != atom.Ul && open.top() != atom.Ol,
		(a == atom.Dd || a == atom.Dt) && open.top() != atom.Dl:
		return false
	}
	if a == atom.A {
		if footnoteAnchorAttrs(attrs["class"], attrs["role"], hasKey(attrs, "data-footnote-ref") || hasKey(attrs, "data-footnote-backref")) {
			return false // neither a link nor text: left to the HTML page, which skips it whole
		}
		if hasKey(attrs, "href") {
			r.link()
		}
	}
	*open = append(*open, a)
	if isBlock {
		r.open(el, 0)
	}
	return true
}

// maxRawDepth bounds the tags the tree reads open at once: deeper raw
// HTML is left to the HTML parser, whose checks do not walk the open tags
// for each new one.
const maxRawDepth = 64

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

// opensInside reports whether any of open's tags is in set.
func opensInside(open *rawTags, set map[atom.Atom]bool) bool {
	for _, a := range *open {
		if set[a] {
			return true
		}
	}
	return false
}
