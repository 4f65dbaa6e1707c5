package post

import (
	"strings"

	"golang.org/x/net/html/atom"
)

// What each HTML element is to the page reader (MARKDOWN.md section 2),
// whether the page comes from the syntax tree's raw HTML (page_raw.go) or
// from the rendered HTML (page_html.go).

// hidden are the elements nothing inside of which is on the page
// (MARKDOWN.md section 2).
var hidden = atomSet(atom.Script, atom.Style, atom.Template, atom.Title,
	atom.Noscript, atom.Iframe, atom.Noembed, atom.Noframes)

// blockLevel are the elements that end a run of loose text (HTML's
// block-level elements, as CommonMark's HTML blocks list them).
var blockLevel = atomSet(atom.Address, atom.Article, atom.Aside, atom.Base, atom.Basefont,
	atom.Blockquote, atom.Body, atom.Caption, atom.Center, atom.Col, atom.Colgroup, atom.Dd,
	atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Fieldset,
	atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.Frame, atom.Frameset, atom.Head,
	atom.Header, atom.Hr, atom.Html, atom.Legend, atom.Link, atom.Main, atom.Menu,
	atom.Menuitem, atom.Nav, atom.Ol, atom.Optgroup, atom.Option, atom.Param, atom.Search,
	atom.Section, atom.Summary, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr,
	atom.Track, atom.Ul)

// htmlElement is what an HTML element is to the page reader; ok is false
// for an inline one.
func htmlElement(a atom.Atom) (el element, ok bool) {
	switch a {
	case atom.P:
		return elParagraph, true
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return elHeading, true
	case atom.Li:
		return elItem, true
	case atom.Pre:
		return elCode, true
	case atom.Table:
		return elTable, true
	}
	return elBlock, blockLevel[a]
}

// voidElements have no end tag.
var voidElements = atomSet(atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img,
	atom.Input, atom.Keygen, atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr)

// formatting are HTML's formatting elements: a block opened inside one is
// left to the HTML parser.
var formatting = atomSet(atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.Nobr,
	atom.S, atom.Small, atom.Strike, atom.Strong, atom.Tt, atom.U)

var headings = atomSet(atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6)

// unplain are the elements whose parsing an HTML parser rearranges
// (tables, forms, foreign content, the document's own elements) or whose
// text it reads in a way of its own: a post holding one is read from its
// HTML page.
var unplain = atomSet(atom.Table, atom.Caption, atom.Colgroup, atom.Col, atom.Tbody, atom.Thead,
	atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Form, atom.Select, atom.Option, atom.Optgroup,
	atom.Button, atom.Math, atom.Svg, atom.Image, atom.Html, atom.Head, atom.Body, atom.Frameset,
	atom.Frame, atom.Template, atom.Title, atom.Textarea, atom.Xmp, atom.Plaintext, atom.Listing,
	atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript, atom.Nobr)

// footnoteAnchorAttrs reports whether an <a> with these attributes is a
// footnote's reference or back-link, in goldmark's, cmark-gfm's or
// pandoc's markup (the last often pasted into posts as raw HTML).
func footnoteAnchorAttrs(class, role string, dataFootnote bool) bool {
	if dataFootnote || role == "doc-noteref" || role == "doc-backlink" {
		return true
	}
	for _, c := range strings.Fields(class) {
		switch c {
		case "footnote-ref", "footnote-backref", "footnote-back":
			return true
		}
	}
	return false
}

func atomSet(atoms ...atom.Atom) map[atom.Atom]bool {
	m := make(map[atom.Atom]bool, len(atoms))
	for _, a := range atoms {
		m[a] = true
	}
	return m
}
