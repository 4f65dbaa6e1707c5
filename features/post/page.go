package post

import (
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The blocks of a rendered page (MARKDOWN.md section 2). A Markdown post is
// read as the page it renders to: pageReader takes that page as a stream of
// elements opening and closing, text, line breaks, images and links, and
// makes the post's blocks of it. Two sources feed it the same stream: the
// Markdown's syntax tree (page_ast.go, with plain raw HTML read by
// page_raw.go), and for a post with other raw HTML the HTML page itself
// (page_html.go). Only the elements that make or bound blocks are opened
// and closed; text flows through inline ones (em, a, span) as if they
// were not there.
//
// For example, the page
//
//	<p>Intro <em>text</em>.</p>
//	<ul><li>one<ul><li>two</li></ul></li></ul>
//	<pre><code>x := 1</code></pre>
//
// is open(p) text("Intro ") text("text") text(".") close(), then
// open(block) open(item) text("one") open(block) open(item) text("two")
// close() close() close() close(), then open(code) text("x := 1")
// close(); its blocks are a paragraph "Intro text.", the bullets "one"
// and "two", and one code block.

// element is what an opening element is to the reader.
type element uint8

const (
	elBlock     element = iota // div, blockquote, ul, hr...: ends a run of loose text
	elParagraph                // <p>
	elHeading                  // <h1>–<h6>
	elItem                     // <li>, and a footnote
	elCode                     // <pre>: a code block
	elTable                    // <table>
)

// holder is a block whose text is being read: a paragraph, a heading, a
// bullet or a run of loose text.
type holder struct {
	kind    BlockKind
	slot    int    // its index in pageReader.blocks
	text    []byte // its text so far, white space collapsed
	space   bool   // white space is pending before the next visible character
	newline bool   // a line break is pending (a <br> or a block boundary)
	visible bool   // it holds visible text (MARKDOWN.md: not white space, not a format character)
}

// noBlock marks the place kept for a paragraph that turned out to hold
// nothing visible: it is left out when the page is read.
const noBlock BlockKind = 0

// opened is what opening an element did, undone when it closes.
type opened struct {
	el     element
	holder bool // it pushed a holder
}

// pageReader reads a page's stream into blocks and counts.
type pageReader struct {
	blocks             []Block
	codeBlocks, tables int
	links              int
	shortcodes         []shortcode     // the post's shortcodes, by placeholder number
	stack              []opened        // the open elements
	holders            []holder        // the open holders, innermost last
	loose              bool            // holders' last is a run of loose text
	opaque             int             // open <pre> and <table>: no text blocks inside
	items              int             // open <li>: a <p> inside one is its text
	line               int32           // the source line of the last block opened
	removed            int             // blocks marked noBlock, to leave out
	seenLinks          map[string]bool // the <a> tags counted, by number (page_html.go)
	codeAndTables      []Block         // the code blocks and tables, their text's start
	codeSpace          bool            // a space is pending before the next text of the last of codeAndTables
	inlineTags         rawTags         // raw HTML tags open in the leaf block being read (page_raw.go)
}

// codePreviewBytes is how much of a code block's or table's text is kept, in
// bytes: enough for its first words.
const codePreviewBytes = 80

// open opens an element that starts at source line line (0: unknown, the
// last line is kept).
func (r *pageReader) open(el element, line int32) {
	if line > 0 {
		r.line = line
	}
	r.endLoose()
	r.breakLine()
	o := opened{el: el}
	switch el {
	case elCode:
		r.codeBlocks++
		r.openCodeOrTable(CodeBlock)
	case elTable:
		r.tables++
		r.openCodeOrTable(Table)
	case elItem:
		if r.opaque == 0 {
			r.push(Bullet)
			o.holder = true
		}
		r.items++
	case elParagraph:
		// A <p> inside an <li> is the item's text.
		if r.opaque == 0 && r.items == 0 {
			r.push(Paragraph)
			o.holder = true
		}
	case elHeading:
		if r.opaque == 0 {
			r.push(Heading)
			o.holder = true
		}
	}
	r.stack = append(r.stack, o)
}

// openCodeOrTable opens a code block or a table: no text blocks inside.
func (r *pageReader) openCodeOrTable(kind BlockKind) {
	r.codeAndTables = append(r.codeAndTables, Block{Kind: kind, Line: r.line})
	r.codeSpace = false
	r.opaque++
}

// close closes the innermost open element.
func (r *pageReader) close() {
	if len(r.stack) == 0 {
		return
	}
	o := r.stack[len(r.stack)-1]
	r.stack = r.stack[:len(r.stack)-1]
	r.endLoose()
	if o.holder {
		r.pop()
	}
	switch o.el {
	case elCode, elTable:
		r.opaque--
	case elItem:
		r.items--
	}
	r.breakLine()
}

// push opens a holder of kind, its block placed now: a bullet before the
// bullets nested in it, a paragraph before the images inside it.
func (r *pageReader) push(kind BlockKind) {
	r.holders = append(r.holders, holder{kind: kind, slot: len(r.blocks)})
	r.blocks = append(r.blocks, Block{Kind: kind, Line: r.line})
}

// pop closes the innermost holder and gives its block its text. A
// paragraph with no visible text is no paragraph; an empty heading or
// bullet stays.
func (r *pageReader) pop() {
	h := &r.holders[len(r.holders)-1]
	b := &r.blocks[h.slot]
	if h.kind == Paragraph && !h.visible {
		b.Kind = noBlock
		r.removed++
	} else {
		b.Text = string(h.text)
	}
	r.holders = r.holders[:len(r.holders)-1]
}

// endLoose ends the run of loose text being read, if any.
func (r *pageReader) endLoose() {
	if r.loose {
		r.loose = false
		r.pop()
	}
}

// breakLine marks a block boundary inside the innermost holder: a line
// break before its next text (a space, inside a code block or a table).
func (r *pageReader) breakLine() {
	if r.opaque > 0 {
		r.codeSpace = true
		return
	}
	if n := len(r.holders); n > 0 && len(r.holders[n-1].text) > 0 {
		r.holders[n-1].newline = true
	}
}

// lineBreak is a <br>.
func (r *pageReader) lineBreak() { r.breakLine() }

// space is white space between pieces of text (a soft line break).
func (r *pageReader) space() {
	if n := len(r.holders); n > 0 && r.opaque == 0 {
		r.holders[n-1].space = true
	}
}

// text is text on the page. Text that stands outside every holder starts
// a run of loose text, a paragraph of its own. Shortcode placeholders in it
// are images (or nothing), wherever they stand.
func (r *pageReader) text(s string) {
	if len(r.shortcodes) == 0 {
		r.addText(s)
		return
	}
	eachPlaceholder(s, len(r.shortcodes), r.addText, r.shortcode)
}

// addText adds s to the innermost holder, white space collapsed.
func (r *pageReader) addText(s string) {
	if s == "" {
		return
	}
	if r.opaque > 0 {
		r.previewCodeOrTable(s)
		return
	}
	if len(r.holders) == 0 {
		if isBlankText(s) {
			return
		}
		r.push(Paragraph)
		r.loose = true
	}
	h := &r.holders[len(r.holders)-1]
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && asciiSpace[c] {
			h.space = true
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				h.space = true
				i += size
				continue
			}
		}
		j := plainRun(s, i)
		h.add(s[i:j], isVisibleRun(s[i:j]))
		i = j
	}
}

// asciiSpace marks the ASCII white space characters.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true, '\v': true}

// runClass is what a byte is to plainRun: 0 text (the run goes on), and
// else what to look at.
var runClass = func() (c [256]uint8) {
	for b := range c {
		switch {
		case b >= utf8.RuneSelf:
			c[b] = runNonASCII
		case b == ' ':
			c[b] = runSpace
		case asciiSpace[b]:
			c[b] = runEnd
		}
	}
	return c
}()

const (
	runText = iota
	runSpace
	runEnd
	runNonASCII
)

// plainRun returns the end of the run of s from i that goes into a text
// as it is: no white space but single spaces between other characters
// (most of a paragraph's text is one run, copied at once: 8 times as fast
// as a rune at a time, BenchmarkAddText). s[i] is not white space.
func plainRun(s string, i int) int {
	j := i
	for j < len(s) {
		switch runClass[s[j]] {
		case runText:
			j++
		case runSpace:
			if j+1 >= len(s) || runClass[s[j+1]] != runText {
				return j
			}
			j += 2 // a single space, and the text after it
		case runEnd:
			return j
		default:
			r, size := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				return j
			}
			j += size
		}
	}
	return j
}

// isVisibleRun reports whether a run (plainRun) holds a visible character:
// any but a format character (its spaces are between others).
func isVisibleRun(run string) bool {
	if run[0] < utf8.RuneSelf {
		return true
	}
	return !isBlankText(run)
}

// add adds a piece of text with no white space in it, after the space or
// line break pending, if any.
func (h *holder) add(piece string, visible bool) {
	if len(h.text) > 0 {
		if h.newline {
			h.text = append(h.text, '\n')
		} else if h.space {
			h.text = append(h.text, ' ')
		}
	}
	h.space, h.newline = false, false
	h.text = append(h.text, piece...)
	h.visible = h.visible || visible
}

// previewCodeOrTable keeps the start of the text of the code block or table
// being read, white space collapsed, up to codePreviewBytes bytes.
func (r *pageReader) previewCodeOrTable(s string) {
	u := &r.codeAndTables[len(r.codeAndTables)-1]
	if len(u.Text) >= codePreviewBytes {
		return
	}
	b := []byte(u.Text)
	for _, c := range s {
		if len(b) >= codePreviewBytes {
			break
		}
		if isSpaceRune(c) {
			r.codeSpace = true
			continue
		}
		if r.codeSpace && len(b) > 0 {
			b = append(b, ' ')
		}
		r.codeSpace = false
		b = utf8.AppendRune(b, c)
	}
	u.Text = string(b)
}

// isSpaceRune reports whether c is Unicode white space (no-break space
// included).
func isSpaceRune(c rune) bool {
	if c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	return unicode.IsSpace(c)
}

// isBlankText reports whether s holds no visible character.
func isBlankText(s string) bool {
	for _, c := range s {
		if !isSpaceRune(c) && !unicode.Is(unicode.Cf, c) {
			return false
		}
	}
	return true
}

// image is an <img>, counted wherever it stands. Its alt text's white
// space is collapsed, as a page shows it, and a shortcode in it shows
// nothing.
func (r *pageReader) image(alt, src string) {
	alt = strings.Join(strings.Fields(stripPlaceholders(alt, len(r.shortcodes))), " ")
	r.blocks = append(r.blocks, Block{Kind: Image, Text: alt, Image: &ImageInfo{Caption: alt, Source: imageHost(src)}, Line: r.line})
}

// link is an <a href>, counted wherever it stands.
func (r *pageReader) link() { r.links++ }

// shortcode is the shortcode of placeholder n: an image, or nothing.
func (r *pageReader) shortcode(n int) {
	if r.shortcodes[n].image {
		sc := r.shortcodes[n]
		r.image(sc.alt, sc.src)
	}
}

// finish closes what is open and returns the blocks, those marked removed
// left out.
func (r *pageReader) finish() []Block {
	for len(r.stack) > 0 {
		r.close()
	}
	r.endLoose()
	for len(r.holders) > 0 {
		r.pop()
	}
	if r.removed == 0 {
		return r.blocks
	}
	return slices.DeleteFunc(r.blocks, func(b Block) bool { return b.Kind == noBlock })
}

// imageHost is the host of an image's source: "local" for a relative one.
func imageHost(src string) string {
	if u, err := url.Parse(strings.TrimSpace(src)); err == nil && u.Host != "" {
		return u.Host
	}
	return "local"
}
