package features

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alphanode/postscore/features/text"
)

// Parse reads one post in the format of FORMAT.md. It never fails on a
// deviation inside a post (that is a warning on the post); it fails only
// when the input is not a post: not text, empty, or only preamble.
func Parse(data []byte) (*Post, error) {
	text, invalid, err := Decode(data)
	if err != nil {
		return nil, err
	}
	p, err := ParseText(text)
	if err != nil {
		return nil, err
	}
	if invalid {
		p.Warnings = append([]string{WarnInvalidUTF8}, p.Warnings...)
	}
	return p, nil
}

// lineIndex is text's lines (strings.Split(text, "\n")), each read with
// strings.TrimRight(l, " \t"): 4 bytes a line (where each ends), not a
// 16-byte string each, as a post may have millions.
type lineIndex struct {
	text string
	ends []int32 // ends[i]: the offset of line i's '\n' (len(text) for the last)
}

func newLineIndex(text string) lineIndex {
	ends := make([]int32, 0, strings.Count(text, "\n")+1)
	for at := 0; ; {
		i := strings.IndexByte(text[at:], '\n')
		if i < 0 {
			return lineIndex{text: text, ends: append(ends, int32(len(text)))}
		}
		at += i
		ends = append(ends, int32(at))
		at++
	}
}

func (x lineIndex) len() int { return len(x.ends) }

// line is line i, trimmed of spaces and tabs on the right.
func (x lineIndex) line(i int) string {
	start := 0
	if i > 0 {
		start = int(x.ends[i-1]) + 1
	}
	l := x.text[start:x.ends[i]]
	for len(l) > 0 && (l[len(l)-1] == ' ' || l[len(l)-1] == '\t') {
		l = l[:len(l)-1]
	}
	return l
}

// lines is lines a..b-1 as strings.
func (x lineIndex) lines(a, b int) []string {
	out := make([]string, 0, max(b-a, 0))
	for i := a; i < b; i++ {
		out = append(out, x.line(i))
	}
	return out
}

// ParseText parses decoded text (see Decode).
func ParseText(text string) (*Post, error) {
	lines := newLineIndex(text)
	// Preamble: lines of only '|' or spaces (blank lines included).
	i := 0
	sawPreamble := false
	for i < lines.len() && isPreambleLine(lines.line(i)) {
		if strings.TrimSpace(lines.line(i)) != "" {
			sawPreamble = true
		}
		i++
	}
	if i == lines.len() {
		if sawPreamble {
			return nil, &ParseError{Kind: ErrKindOnlyPreamble, Detail: "no title after the preamble"}
		}
		return nil, &ParseError{Kind: ErrKindEmpty, Detail: "no text"}
	}
	p := &Post{Title: strings.TrimSpace(lines.line(i)), Format: "post"}
	bodyStart := i + 1
	bodyEnd := lines.len()
	metaAt, trailerAt := -1, -1
	for j := bodyStart; j < lines.len(); j++ {
		l := lines.line(j)
		if isTrailer(l) {
			trailerAt = j
			break
		}
		if metaAt < 0 {
			if _, ok := metaHeaderSite(l); ok {
				metaAt = j
			}
		}
	}
	switch {
	case metaAt >= 0:
		bodyEnd = metaAt
	case trailerAt >= 0:
		bodyEnd = trailerAt
	}
	p.Blocks = parseBody(lines, bodyStart, bodyEnd)
	if metaAt >= 0 {
		end := lines.len()
		if trailerAt >= 0 {
			end = trailerAt
		}
		site, _ := metaHeaderSite(lines.line(metaAt))
		p.Meta.Present = true
		p.Meta.Site = site
		parseMeta(p, lines.lines(metaAt+1, end))
	} else {
		p.Warnings = append(p.Warnings, WarnNoMeta)
	}
	if trailerAt >= 0 {
		for j := trailerAt + 1; j < lines.len(); j++ {
			if t := strings.TrimSpace(lines.line(j)); t != "" {
				p.SimilarPosts = append(p.SimilarPosts, t)
			}
		}
	}
	switch {
	case p.Meta.PayloadSourceID != nil && *p.Meta.PayloadSourceID != "":
		p.PostID = *p.Meta.PayloadSourceID
	case p.Meta.Reference != nil && *p.Meta.Reference != "":
		p.PostID = *p.Meta.Reference
	}
	if p.Meta.RevisionVersion != nil {
		p.RevisionVersion = *p.Meta.RevisionVersion
	}
	return p, nil
}

// ParsePlainText makes a post of a plain-text input (--format text): the
// whole decoded text is its body and prose (METRICS.md section 1). Its
// paragraphs are the runs of non-blank lines, for the structure counts.
func ParsePlainText(data []byte) (*Post, error) {
	text, invalid, err := Decode(data)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, &ParseError{Kind: ErrKindEmpty, Detail: "no text"}
	}
	p := &Post{Text: text, PlainText: true, Format: "text"}
	var para []string
	flush := func(line int) {
		if len(para) > 0 {
			p.Blocks = append(p.Blocks, Block{Kind: Paragraph, Text: strings.Join(para, " "), Line: int32(line - len(para) + 1)})
			para = para[:0]
		}
	}
	// The lines one at a time (strings.Split would keep a string a line).
	i := 0
	for rest := text; ; i++ {
		l, after, more := strings.Cut(rest, "\n")
		if t := strings.TrimSpace(l); t != "" {
			if p.Title == "" {
				p.Title = t
			}
			para = append(para, t)
		} else {
			flush(i)
		}
		if !more {
			break
		}
		rest = after
	}
	flush(i + 1)
	if invalid {
		p.Warnings = append(p.Warnings, WarnInvalidUTF8)
	}
	return p, nil
}

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
// rare in prose (strings.Contains stops at every '.'), and checks what
// surrounds each.
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

func isBlank(l string) bool { return trimLeftSpace(l) == "" }

// trimBlanks is strings.TrimLeft(s, " \t"), without building the cutset's
// set on every call.
func trimBlanks(s string) string {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return s[i:]
}

// trimLeftSpace is strings.TrimLeftFunc(s, unicode.IsSpace), with a fast
// path for ASCII (strings.TrimSpace leaves it at the first non-ASCII
// character, such as a meta item's bullet).
func trimLeftSpace(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				return s[i:]
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !text.IsSpace(r) {
			return s[i:]
		}
		i += size
	}
	return ""
}

// asciiNonSpace reports whether c is an ASCII byte that is not white space:
// a line starting (or ending) with one has nothing to trim there.
func asciiNonSpace(c byte) bool { return c < utf8.RuneSelf && !text.IsASCIISpace(c) }

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
	blocks := make([]Block, 0, room)
	var para []string
	paraLine := 0
	flush := func() {
		if len(para) > 0 {
			blocks = append(blocks, Block{Kind: Paragraph, Text: strings.Join(para, " "), Line: int32(paraLine)})
			para = para[:0]
		}
	}
	prevBlank := true // the title is followed by its blank line, or by the body directly
	if start < end && start > 0 && !isBlank(lines.line(start)) {
		prevBlank = false
	}
	next := ""
	if start < end {
		next = lines.line(start)
	}
	for i := start; i < end; i++ {
		// l is line i, next line i+1 ("" past end).
		l := next
		if next = ""; i+1 < end {
			next = lines.line(i + 1)
		}
		if isBlank(l) {
			flush()
			prevBlank = true
			continue
		}
		lineNo := i + 1
		// An image: alt line L followed by "L. image source: HOST".
		if i+1 < end {
			if strings.HasPrefix(next, l) && strings.HasPrefix(next[len(l):], captionSep) {
				if capt, host, ok := splitCaption(next); ok && capt == strings.TrimSpace(l) {
					flush()
					blocks = append(blocks, Block{Kind: Image, Text: strings.TrimSpace(l), Image: &ImageInfo{Caption: capt, Source: host}, Line: int32(lineNo)})
					i++
					if next = ""; i+1 < end {
						next = lines.line(i + 1)
					}
					prevBlank = false
					continue
				}
			}
		}
		if capt, host, ok := splitCaption(l); ok {
			flush()
			blocks = append(blocks, Block{Kind: Image, Image: &ImageInfo{Caption: capt, Source: host}, Line: int32(lineNo)})
			prevBlank = false
			continue
		}
		if item, ok := bulletItem(l); ok {
			flush()
			blocks = append(blocks, Block{Kind: Bullet, Text: item, Line: int32(lineNo)})
			prevBlank = false
			continue
		}
		// A heading: a heading-shaped line after a blank one, before a blank
		// or a bullet (the cheaper tests first: most lines are prose).
		if prevBlank && i+1 < end {
			if (isBlank(next) || isBulletLine(next)) && headingShaped(l) {
				blocks = append(blocks, Block{Kind: Heading, Text: strings.TrimSpace(l), Line: int32(lineNo)})
				prevBlank = false
				continue
			}
		}
		if len(para) == 0 {
			paraLine = lineNo
		}
		para = append(para, strings.TrimSpace(l))
		prevBlank = false
	}
	flush()
	return blocks
}

func isBulletLine(l string) bool {
	_, ok := bulletItem(l)
	return ok
}
