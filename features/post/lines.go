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
// space of strings.TrimSpace), a byte at a time through ASCII and
// spaceRuneLen beyond: twice as fast on a post's lines as
// strings.TrimLeftFunc (BenchmarkIsBlank).
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
		size := spaceRuneLen(s[i:])
		if size == 0 {
			return s[i:]
		}
		i += size
	}
	return ""
}

// spaceRuneLen returns the length in bytes of the white-space rune that s,
// which starts with a non-ASCII byte, begins with, or 0 (beyond ASCII,
// unicode.IsSpace and text.IsSpace agree). It reads the rune's bytes
// without decoding it: most lines that start beyond ASCII start with a
// bullet • (E2 80 A2), and decoding costs a fifth more on a post's lines
// (BenchmarkIsBlank), 2% of its parse.
func spaceRuneLen(s string) int {
	switch s[0] {
	case 0xc2: // U+0085, U+00A0
		if len(s) >= 2 && (s[1] == 0x85 || s[1] == 0xa0) {
			return 2
		}
	case 0xe1: // U+1680
		if len(s) >= 3 && s[1] == 0x9a && s[2] == 0x80 {
			return 3
		}
	case 0xe2: // U+2000..U+200A, U+2028, U+2029, U+202F: E2 80 xx; U+205F: E2 81 9F
		if len(s) >= 3 {
			if c := s[2]; s[1] == 0x80 && (0x80 <= c && c <= 0x8a || c == 0xa8 || c == 0xa9 || c == 0xaf) || s[1] == 0x81 && c == 0x9f {
				return 3
			}
		}
	case 0xe3: // U+3000
		if len(s) >= 3 && s[1] == 0x80 && s[2] == 0x80 {
			return 3
		}
	}
	return 0
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
