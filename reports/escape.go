package reports

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Everything postscore prints to a terminal or writes into a report passes
// through these functions: a title, a file name or a model name can hold
// escape sequences (ESC [2J clears the screen, ESC ] 0; sets the window
// title, ESC ] 8; opens a link) and Markdown ([x](javascript:...),
// ![i](http://evil/x.png)) that must read as the characters they are.

// Visible returns s with each control character written as a visible escape:
// C0 and DEL as \xNN (\n, \t and \r as such), C1 as \u00NN, and a byte
// that is not UTF-8 as \xNN (an 8-bit terminal reads a lone 0x9b as CSI).
// It is for a string from a post, a file or a user set into a line.
func Visible(s string) string { return visible(s, false) }

// VisibleText is Visible keeping \n and \t, for text whose lines and tabs are
// its layout: a whole message or document.
func VisibleText(s string) string { return visible(s, true) }

func visible(s string, keepLayout bool) string {
	if !needsEscape(s, keepLayout) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepLayout && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r <= 0x9f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// needsEscape reports whether s holds a byte visible would change: the
// common case, plain text, is returned as it is without a copy.
func needsEscape(s string, keepLayout bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return !utf8.ValidString(s[i:]) || hasC1(s[i:])
		case c == 0x7f, c < 0x20 && !(keepLayout && (c == '\n' || c == '\t')):
			return true
		}
	}
	return false
}

// hasC1 reports whether valid UTF-8 s holds a rune of U+0080 to U+009F
// (encoded as 0xC2 0x80 to 0xC2 0x9F).
func hasC1(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == 0xc2 && s[i+1] <= 0x9f {
			return true
		}
	}
	return false
}

// VisibleJSON writes DEL and the C1 characters of encoding/json's output as
// \u00NN, which encoding/json leaves raw (it escapes C0 itself). Outside its
// strings JSON is ASCII, so the document means the same after.
func VisibleJSON(js []byte) []byte {
	if !hasC1(string(js)) && !strings.ContainsRune(string(js), 0x7f) {
		return js
	}
	var b strings.Builder
	b.Grow(len(js) + 16)
	for _, r := range string(js) {
		if r == 0x7f || r >= 0x80 && r <= 0x9f {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return []byte(b.String())
}

// markdownSpecial are the characters that can start Markdown syntax inside a
// line (CommonMark's inlines and GFM's tables, strikethrough and autolinks):
// each is written after a backslash, which CommonMark reads as the character
// itself.
const markdownSpecial = "\\`*_[](){}<>!|~&:@#"

// mdCell makes a string from a post read literally in Markdown, in a table
// cell or in running text: control characters made visible, Markdown's
// special characters escaped, and the "www." of a GFM autolink broken.
func mdCell(s string) string {
	s = Visible(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if strings.IndexByte(markdownSpecial, c) >= 0 || c == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www") {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}
