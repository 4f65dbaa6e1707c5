package post

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alphanode/postscore/features/text"
)

// parseBody reads lines start..end-1 into blocks (FORMAT.md, Body blocks).
func parseBody(lines lineIndex, start, end int) []Block {
	// A block starts at a non-blank line: their count is room enough, and
	// growing by appends would hold up to three times the blocks at once.
	room := 0
	for i := start; i < end; i++ {
		if !isBlank(lines.line(i)) {
			room++
		}
	}
	r := bodyReader{blocks: make([]Block, 0, room)}
	next := lines.lineBefore(start, end)
	for i := start; i < end; i++ {
		l := next // line i; next is line i+1, "" past the end
		next = lines.lineBefore(i+1, end)
		if r.read(l, next, i+1 < end, i+1) {
			// l and next were an image's alt and caption lines.
			i++
			next = lines.lineBefore(i+1, end)
		}
	}
	r.flushParagraph()
	return r.blocks
}

// bodyReader is parseBody's state between lines.
type bodyReader struct {
	blocks    []Block
	para      paragraph // the paragraph being read
	prevBlank bool      // the line before is blank (the title's is not)
}

// read reads line l, numbered lineNo (1-based), beside the line after it
// (hasNext: there is one in the body). It reports whether it read both,
// as an image's alt line and caption line.
func (r *bodyReader) read(l, next string, hasNext bool, lineNo int) (readNext bool) {
	if isBlank(l) {
		r.flushParagraph()
		r.prevBlank = true
		return false
	}
	wasBlank := r.prevBlank
	r.prevBlank = false
	// An image: alt line L followed by "L. image source: HOST".
	if hasNext && strings.HasPrefix(next, l) && strings.HasPrefix(next[len(l):], captionSep) {
		if caption, host, ok := splitCaption(next); ok && caption == strings.TrimSpace(l) {
			r.add(Block{Kind: Image, Text: caption, Image: &ImageInfo{Caption: caption, Source: host}, Line: int32(lineNo)})
			return true
		}
	}
	if caption, host, ok := splitCaption(l); ok {
		r.add(Block{Kind: Image, Image: &ImageInfo{Caption: caption, Source: host}, Line: int32(lineNo)})
		return false
	}
	if item, ok := bulletItem(l); ok {
		r.add(Block{Kind: Bullet, Text: item, Line: int32(lineNo)})
		return false
	}
	// A heading: a heading-shaped line after a blank one, before a blank
	// or a bullet (the cheaper tests first: most lines are prose).
	if wasBlank && hasNext && (isBlank(next) || isBulletLine(next)) && headingShaped(l) {
		r.add(Block{Kind: Heading, Text: strings.TrimSpace(l), Line: int32(lineNo)})
		return false
	}
	r.para.add(strings.TrimSpace(l), lineNo)
	return false
}

// add ends the paragraph being read and adds block b after it.
func (r *bodyReader) add(b Block) {
	r.flushParagraph()
	r.blocks = append(r.blocks, b)
}

// flushParagraph adds the paragraph being read, if any, as a block.
func (r *bodyReader) flushParagraph() {
	if joined, first, ok := r.para.take(); ok {
		r.blocks = append(r.blocks, Block{Kind: Paragraph, Text: joined, Line: int32(first)})
	}
}

// isPreambleLine reports whether l is of the preamble before the title:
// only '|', spaces and tabs.
func isPreambleLine(l string) bool {
	for i := 0; i < len(l); i++ {
		if c := l[i]; c != '|' && c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// isTrailer reports whether l is the "Similar Posts" trailer line.
func isTrailer(l string) bool {
	const trailer = "Similar Posts"
	if len(l) > 3*len(trailer) && asciiNonSpace(l[0]) && asciiNonSpace(l[len(l)-1]) {
		return false // most lines: too long, and nothing to trim
	}
	// The tests here and below answer most lines without trimming and
	// folding them: 3× faster (BenchmarkIsTrailer).
	// Its first character must fold to 'S': 's', 'S' or 'ſ' (a meta item's
	// bullet, or a heading, need go no further).
	t := trimLeftSpace(l)
	switch {
	case t == "":
		return false
	case t[0] < utf8.RuneSelf:
		if t[0] != 's' && t[0] != 'S' {
			return false
		}
	default:
		if r, _ := utf8.DecodeRuneInString(t); r != 'ſ' {
			return false
		}
	}
	t = strings.TrimRightFunc(t, unicode.IsSpace) // t is strings.TrimSpace(l)
	// Case folding keeps a character within 1 to 3 bytes: lines of other
	// lengths cannot match, and most lines are long paragraphs.
	if len(t) < len(trailer)/3 || len(t) > 3*len(trailer) {
		return false
	}
	return strings.EqualFold(t, trailer)
}

// maxSiteWords bounds the site name of a meta header, so that a body line
// that happens to end in "post meta" is not taken for the header.
const maxSiteWords = 4

// metaHeaderSite reports whether l is a meta header "<site> post meta" at
// column 0, and returns the site.
func metaHeaderSite(l string) (string, bool) {
	const suffix = " post meta"
	if len(l) <= len(suffix) || l[0] == ' ' || l[0] == '\t' {
		return "", false
	}
	if !strings.EqualFold(l[len(l)-len(suffix):], suffix) {
		return "", false
	}
	site := strings.TrimSpace(l[:len(l)-len(suffix)])
	if site == "" || len(strings.Fields(site)) > maxSiteWords || strings.ContainsAny(site, ".!?:;,") {
		return "", false
	}
	return site, true
}

const captionSep = ". image source: "

// hasCaptionSep reports whether l holds captionSep. It looks for its ':',
// rare in prose, and checks what surrounds each: strings.Contains stops at
// every '.' (BenchmarkHasCaptionSep).
func hasCaptionSep(l string) bool {
	const before, after = ". image source", " "
	for i := strings.IndexByte(l, ':'); i >= 0; {
		if strings.HasSuffix(l[:i], before) && strings.HasPrefix(l[i+1:], after) {
			return true
		}
		j := strings.IndexByte(l[i+1:], ':')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// splitCaption splits an image caption line "<caption>. image source: <host>".
func splitCaption(l string) (caption, host string, ok bool) {
	if !hasCaptionSep(l) {
		return "", "", false
	}
	i := strings.LastIndex(l, captionSep)
	host = strings.TrimSpace(l[i+len(captionSep):])
	if host == "" || strings.ContainsAny(host, " \t") {
		return "", "", false
	}
	return strings.TrimSpace(l[:i]), host, true
}

// bulletItem returns the item of a bullet line: first non-space character
// •, -, * or · followed by a space.
func bulletItem(l string) (string, bool) {
	t := trimBlanks(l)
	r, size := utf8.DecodeRuneInString(t)
	switch r {
	case '•', '-', '*', '·':
	default:
		return "", false
	}
	if len(t) <= size || t[size] != ' ' {
		return "", false
	}
	return strings.TrimSpace(t[size:]), true
}

// maxHeadingWords is FORMAT.md's limit on a heading's length.
const maxHeadingWords = 12

// headingShaped reports whether l could be a heading by its own text: at most
// 12 words, not ending in sentence or clause punctuation.
func headingShaped(l string) bool {
	t := strings.TrimSpace(l)
	if t == "" {
		return false
	}
	switch t[len(t)-1] {
	case '.', '!', '?', ':', ';', ',':
		return false
	}
	// At most 12 words: counting stops at the 13th.
	return text.CountTokensUpTo(t, maxHeadingWords) <= maxHeadingWords
}

// isBulletLine reports whether l is a bullet (bulletItem).
func isBulletLine(l string) bool {
	_, ok := bulletItem(l)
	return ok
}
