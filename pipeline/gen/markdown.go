package gen

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/alphanode/postscore/features/post"
)

// A Markdown post is the export post of the same seed and index written as
// a Markdown file (MARKDOWN.md): the same title, paragraphs, headings,
// images and checklist, drawn from the same random stream in the same
// order, so that both formats of one corpus hold the same words. What only
// Markdown has (code blocks, tables, links, raw HTML, footnotes, and the
// choice among the ways of writing an image or a list) is drawn from a
// second stream of its own, so that it never shifts the first.
//
// The truth of a Markdown post counts what its rendered HTML holds under
// MARKDOWN.md section 2, element by element as this file writes them:
//
//	paragraph         a paragraph; also when written as a WordPress <p>...</p>
//	                  or as the one run of text in a <div>
//	## / ### heading  a heading
//	- / 1. item       a bullet, nested ones too; and a footnote definition
//	                  (rendered as an <li>)
//	![..](..), <img>, a figure shortcode
//	                  an image, without alt when its alt is empty
//	``` / ~~~ / indented code
//	                  a code block
//	| table |         a table; a link in a cell is a link
//	[text](url), a bare https:// URL
//	                  a link; a footnote's reference and back-link are not
//	<!-- more -->     nothing
//
// Links, footnote references and bare URLs go only in paragraphs written as
// Markdown: in raw HTML they would stay text.

// The ways a paragraph of a Markdown post is written, and what follows it:
// bits of mdPost.marks.
const (
	mdDiv       = 1 << iota // the paragraph is the text of a <div class="note">
	mdWordPress             // the paragraph is a WordPress-style <p>...</p>
	mdURL                   // a bare URL ends the paragraph
	mdFootnote              // a footnote reference ends the paragraph
	mdComment               // an HTML comment follows the paragraph
	mdTable                 // a table follows the paragraph
)

// mdStream tells a Markdown post's second random stream from the first.
const mdStream = 0x6d61726b646f776e // "markdown"

// mdPost is what a Markdown post adds to the export post: its own draws,
// how each paragraph is written, and the footnotes referenced so far.
type mdPost struct {
	src       *rand.PCG
	r         *rand.Rand
	marks     []uint8  // per paragraph, mdDiv | mdURL | ...
	code      bool     // the post has code blocks (after a quarter of its paragraphs)
	notes     []string // footnote definitions, in the order referenced
	firstNote int      // the post's first footnote text in footnoteTexts
}

func newMDPost() mdPost {
	src := rand.NewPCG(0, 0)
	return mdPost{src: src, r: rand.New(src)}
}

// reset starts the second stream of post i.
func (m *mdPost) reset(seed uint64, i int) {
	m.src.Seed(seed^mdStream, uint64(i)*0x9e3779b97f4a7c15+2)
	m.notes = m.notes[:0]
}

// plan draws what a post of nPara paragraphs adds, and where: a twelfth of
// the posts have one paragraph in a <div>, a twelfth are migrated from
// WordPress (each paragraph a <p> by even odds); an eighth have a <!--
// more --> comment after the first paragraph; three fifths have code
// blocks; a fifth a table; a tenth a bare URL; a sixth one to three
// footnotes.
func (m *mdPost) plan(nPara int) {
	r := m.r
	m.marks = slices.Grow(m.marks[:0], nPara)[:nPara]
	clear(m.marks)
	switch r.IntN(12) {
	case 0:
		m.marks[r.IntN(nPara)] |= mdDiv
	case 1:
		for k := range m.marks {
			if r.IntN(2) == 0 {
				m.marks[k] |= mdWordPress
			}
		}
	}
	if r.IntN(8) == 0 {
		m.marks[0] |= mdComment
	}
	m.code = r.IntN(5) < 3
	if r.IntN(5) == 0 {
		m.marks[r.IntN(nPara)] |= mdTable
	}
	// A footnote reference after a bare URL would be read as part of it:
	// the two never end the same paragraph.
	markdownOnly := func(k int) bool { return m.marks[k]&(mdDiv|mdWordPress|mdURL|mdFootnote) == 0 }
	if r.IntN(10) == 0 {
		if k := r.IntN(nPara); markdownOnly(k) {
			m.marks[k] |= mdURL
		}
	}
	if r.IntN(6) == 0 {
		for range 1 + r.IntN(3) {
			if k := r.IntN(nPara); markdownOnly(k) {
				m.marks[k] |= mdFootnote
			}
		}
	}
	m.firstNote = r.IntN(len(footnoteTexts))
}

// mdParagraph writes paragraph k of a Markdown post and what follows it
// before its images: the comment, a code block, a table. plain is the
// length wrap draws by (paragraph).
func (p *draft) mdParagraph(k, plain int, text string) {
	m := p.md
	switch mk := m.marks[k]; {
	case mk&mdDiv != 0:
		p.line(`<div class="note">`)
		p.wrap(plain, text)
		p.line("</div>")
	case mk&mdWordPress != 0:
		p.wrap(plain, p.glue("<p>", text, "</p>"))
	default:
		p.wrap(plain, p.decorate(text, mk))
	}
	p.line()
	if m.marks[k]&mdComment != 0 {
		p.line("<!-- more -->")
		p.line()
	}
	if m.code && m.r.IntN(4) == 0 {
		p.codeBlock()
	}
	if m.marks[k]&mdTable != 0 {
		p.table()
	}
}

// decorate is a Markdown paragraph's text with its links and footnote
// reference: a quarter of the paragraphs make a link of one to three of
// their words (never the last, so that the end stays free for a bare URL or
// a footnote reference).
func (p *draft) decorate(text string, mk uint8) string {
	m := p.md
	if m.r.IntN(4) == 0 {
		if words := strings.Count(text, " ") + 1; words >= 3 {
			first := m.r.IntN(words - 1)
			end := min(first+1+m.r.IntN(3), words-1) // the word after the link
			a, b := wordStart(text, first), wordStart(text, end)-1
			url := p.linkURL("/notes/", p.t.Paragraphs+1)
			text = p.glue(text[:a], "[", text[a:b], "](", url, ")", text[b:])
			p.t.Links++
		}
	}
	if mk&mdURL != 0 {
		text = p.glue(text, " ", p.linkURL("/more/", p.t.Paragraphs+1))
		p.t.Links++
	}
	if mk&mdFootnote != 0 {
		p.footnote()
		text = p.glue(text, "[^", strconv.Itoa(len(m.notes)), "]")
	}
	return text
}

// wordStart is the offset of word n (0-based) of text, whose words are
// separated by single spaces.
func wordStart(text string, n int) int {
	at := 0
	for range n {
		at += strings.IndexByte(text[at:], ' ') + 1
	}
	return at
}

// linkURL is a link's address: one of the link hosts, path, n.
func (p *draft) linkURL(path string, n int) string {
	return p.glue("https://", linkHosts[p.md.r.IntN(len(linkHosts))], path, strconv.Itoa(n))
}

// footnote adds the next footnote's definition: a third of them hold a
// link, inline or a bare URL.
func (p *draft) footnote() {
	m := p.md
	n := len(m.notes) + 1
	note := footnoteTexts[(m.firstNote+n-1)%len(footnoteTexts)]
	switch m.r.IntN(6) {
	case 0:
		note = p.glue(note, ", as [the notes](", p.linkURL("/footnotes/", n), ") show")
		p.t.Links++
	case 1:
		note = p.glue(note, ", see ", p.linkURL("/footnotes/", n))
		p.t.Links++
	}
	m.notes = append(m.notes, note)
}

// mdImage writes an image: mostly ![alt](src), some <img> tags and Hugo
// figure shortcodes; without alt, ![](src) or <img alt="">.
func (p *draft) mdImage(alt, host string, n int, withAlt bool) {
	r := p.md.r
	src := p.glue("https://", host, "/img/", strconv.Itoa(n), ".jpg")
	switch x := r.IntN(20); {
	case !withAlt && x < 10:
		p.line("![](", src, ")")
	case !withAlt:
		p.line(`<img src="`, src, `" alt="">`)
	case x < 14:
		p.line("![", alt, "](", src, ")")
	case x < 17:
		p.line(`<img src="`, src, `" alt="`, alt, `">`)
	default:
		p.line(`{{< figure src="`, src, `" alt="`, alt, `" >}}`)
	}
	p.line()
}

// mdList writes the checklist's n items from checklistItems[start]: a list
// with - or numbered items, by even odds, and in half the posts the second
// to at most fourth items nested under the first.
func (p *draft) mdList(start, n int) {
	r := p.md.r
	ordered, nested := r.IntN(2) == 0, 0
	if r.IntN(2) == 0 {
		nested = 1 + r.IntN(min(3, n-1))
	}
	num := 0
	for b := range n {
		item := checklistItems[(start+b)%len(checklistItems)]
		switch {
		case b >= 1 && b <= nested && ordered:
			p.line("   - ", item) // under "1. ", whose text starts in column 3
		case b >= 1 && b <= nested:
			p.line("  - ", item)
		case ordered:
			num++
			p.line(strconv.Itoa(num), ". ", item)
		default:
			p.line("- ", item)
		}
	}
	p.line()
}

// codeBlock writes a code block: fenced with ``` (or, a fifth of them,
// ~~~), an eighth indented by four spaces.
func (p *draft) codeBlock() {
	r := p.md.r
	c := codeSamples[r.IntN(len(codeSamples))]
	p.t.CodeBlocks++
	if r.IntN(8) == 0 {
		for _, l := range c.lines {
			p.line("    ", l)
		}
		p.line()
		return
	}
	fence := "```"
	if r.IntN(5) == 0 {
		fence = "~~~"
	}
	p.line(fence, c.lang)
	for _, l := range c.lines {
		p.line(l)
	}
	p.line(fence)
	p.line()
}

// table writes a table of two to four tools, a third of them with a link
// in one cell.
func (p *draft) table() {
	r := p.md.r
	p.t.Tables++
	p.line("| tool | what it checks |")
	p.line("| --- | --- |")
	n, start := 2+r.IntN(3), r.IntN(len(tools))
	linked := -1
	if r.IntN(3) == 0 {
		linked = r.IntN(n)
	}
	for k := range n {
		tool, check := tools[(start+k)%len(tools)], tableChecks[(start+k)%len(tableChecks)]
		if k == linked {
			p.line("| [", tool, "](", p.linkURL("/tools/", k+1), ") | ", check, " |")
			p.t.Links++
		} else {
			p.line("| ", tool, " | ", check, " |")
		}
	}
	p.line()
}

// finishMarkdown ends a Markdown post: its footnote definitions, then its
// front matter, put before the body. The export post's meta is drawn (and
// its text dropped) first, so that the review date is the export post's;
// what only that meta says (claims, revision, post id) is not in the
// Markdown post, nor in its truth.
func (p *draft) finishMarkdown(o *Options, i int, scenario string) {
	for n, note := range p.md.notes {
		p.line("[^", strconv.Itoa(n+1), "]: ", note)
		p.line()
	}
	p.t.Bullets += len(p.md.notes)                // a footnote is an <li>
	p.b = p.b[:len(bytes.TrimRight(p.b, "\n"))+1] // one newline at the end, not a blank line
	if p.t.Malformed == NoMeta {
		p.t.Title = "" // no front matter: the reader takes a title from the body
		return
	}
	body := len(p.b)
	p.meta(o, i, scenario)
	t := &p.t
	t.PostID, t.RevisionVersion = "", ""
	t.ClaimedQuality, t.ClaimedFresh, t.ClaimedDepth, t.ClaimedClarity = nil, nil, nil, nil
	t.ClaimedParas, t.ClaimedReading = nil, nil
	t.ParasClaimTrue, t.ScoresInflated = false, false
	p.b = p.b[:body]
	p.frontMatter()
	// body, front matter → front matter, body (in place).
	slices.Reverse(p.b[:body])
	slices.Reverse(p.b[body:])
	slices.Reverse(p.b)
}

// frontMatter writes the YAML front matter: title, the review date (as
// date; a quarter of the posts as lastmod after an earlier date, some as a
// time of day late in the day west of UTC, whose calendar day is the
// date's), tags and description.
func (p *draft) frontMatter() {
	r, t := p.md.r, &p.t
	p.line("---")
	p.line(`title: "`, t.Title, `"`)
	switch d, _ := post.ParseDate(t.LastReviewed); {
	case t.Malformed == BadDate:
		p.line(`date: "`, strconv.Itoa(2024+r.IntN(3)), "-", strconv.Itoa(13+r.IntN(6)), "-", strconv.Itoa(10+r.IntN(18)), `"`)
	case t.LastReviewed == "":
	case r.IntN(4) == 0:
		p.line("date: ", (d - post.Date(1+r.IntN(400))).String())
		p.line("lastmod: ", t.LastReviewed)
	case r.IntN(6) == 0:
		p.line("date: ", t.LastReviewed, "T23:30:00-05:00")
	default:
		p.line("date: ", t.LastReviewed)
	}
	if r.IntN(2) == 0 {
		p.line(`tags: ["`, p.stack, `", "`, p.problem, `"]`)
	} else {
		p.line("tags:")
		p.line("  - ", p.stack)
		p.line("  - ", p.problem)
	}
	p.line(`description: "this guide explains `, p.problem, " in ", p.stack, `, with emphasis on measurement and safe defaults."`)
	p.line("---")
	p.line()
}
