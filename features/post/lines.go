package post

import (
	"strings"
	"unicode/utf8"

	"github.com/alphanode/postscore/features/text"
)

// lineIndex is a text's lines (strings.Split(t, "\n")), each read with
// strings.TrimRight(l, " \t"): 4 bytes a line (where each ends), not a
// 16-byte string each, as a post may have millions.
type lineIndex struct {
	text string
	ends []int32 // ends[i]: the offset of line i's '\n' (len(text) for the last)
}

func newLineIndex(t string) lineIndex {
	ends := make([]int32, 0, strings.Count(t, "\n")+1)
	for at := 0; ; {
		i := strings.IndexByte(t[at:], '\n')
		if i < 0 {
			return lineIndex{text: t, ends: append(ends, int32(len(t)))}
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

// lineBefore is line i if i < end, else "".
func (x lineIndex) lineBefore(i, end int) string {
	if i < end {
		return x.line(i)
	}
	return ""
}

// lines is lines a..b-1 as strings.
func (x lineIndex) lines(a, b int) []string {
	out := make([]string, 0, max(b-a, 0))
	for i := a; i < b; i++ {
		out = append(out, x.line(i))
	}
	return out
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

// trimLeftSpace is strings.TrimLeftFunc(s, unicode.IsSpace) (the white
// space of strings.TrimSpace), a byte at a time through ASCII:
// strings.TrimSpace itself leaves its ASCII path at the first non-ASCII
// character, such as a meta item's bullet.
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
		// Beyond ASCII, text.IsSpace is unicode.IsSpace.
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

// paragraph gathers the lines of a paragraph as they are read.
type paragraph struct {
	lines []string
	first int // the 1-based line where it starts
}

// add adds a line, trimmed, numbered lineNo.
func (p *paragraph) add(trimmed string, lineNo int) {
	if len(p.lines) == 0 {
		p.first = lineNo
	}
	p.lines = append(p.lines, trimmed)
}

// take returns the paragraph's lines joined by spaces and its first line,
// and empties it; ok is false when it has no line.
func (p *paragraph) take() (joined string, first int, ok bool) {
	if len(p.lines) == 0 {
		return "", 0, false
	}
	joined = strings.Join(p.lines, " ")
	p.lines = p.lines[:0]
	return joined, p.first, true
}
