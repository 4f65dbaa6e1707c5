package text

import (
	"unicode"
	"unicode/utf8"
)

// Byte classes, looked up in byteClass (one load instead of a chain of
// comparisons); a byte of a multi-byte character has none.
const (
	classWord  = 1 << iota // Python \w: letter, digit, '_'
	classSpace             // Python \s and str.split()'s white space
	classEnd               // . ! ?: the end of a sentence fragment
)

// byteClass covers every byte value, so that any byte indexes it.
var byteClass = func() (c [256]uint8) {
	for r := range utf8.RuneSelf {
		switch {
		case r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9'):
			c[r] = classWord
		case r == ' ' || ('\t' <= r && r <= '\r') || (0x1c <= r && r <= 0x1f):
			c[r] = classSpace
		case r == '.' || r == '!' || r == '?':
			c[r] = classEnd
		}
	}
	return c
}()

// IsASCIISpace reports whether c is an ASCII white-space byte (IsSpace).
func IsASCIISpace(c byte) bool { return byteClass[c]&classSpace != 0 }

// IsASCIIWord reports whether c is an ASCII word byte (IsWordRune).
func IsASCIIWord(c byte) bool { return byteClass[c]&classWord != 0 }

// IsWordRune reports whether r is a Python `\w` character: a letter (L*), a
// number (N*) or '_'. Combining marks are not word characters.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return byteClass[r]&classWord != 0
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// IsSpace reports whether r is white space for Python's str.split() and re's
// `\s`: Unicode White_Space plus the separators U+001C..U+001F.
func IsSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return byteClass[r]&classSpace != 0
	}
	// Unicode's White_Space beyond ASCII, listed: unicode.IsSpace searches
	// a table, and every bullet's • would go through it (BenchmarkIsSpace:
	// 1.5× faster listed).
	switch {
	case r == 0x85, r == 0xa0, r == 0x1680, 0x2000 <= r && r <= 0x200a,
		r == 0x2028, r == 0x2029, r == 0x202f, r == 0x205f, r == 0x3000:
		return true
	}
	return false
}

// IsSentenceEnd reports whether r ends a sentence fragment: . ! or ?.
func IsSentenceEnd(r rune) bool { return r == '.' || r == '!' || r == '?' }

// KeepApostrophe reports whether the ASCII apostrophe at the start of rest
// survives textstat's punctuation removal: it must be followed by t, s, d, ve,
// ll or re (case-sensitive, lookahead only; textstat 0.7.11 remove_punctuation).
func KeepApostrophe(rest string) bool {
	if len(rest) < 2 {
		return false
	}
	switch rest[1] {
	case 't', 's', 'd':
		return true
	}
	if len(rest) < 3 {
		return false
	}
	s := rest[1:3]
	return s == "ve" || s == "ll" || s == "re"
}

// runeAt decodes the rune at t[i], an ASCII one without a call.
func runeAt(t string, i int) (r rune, size int) {
	if c := t[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(t[i:])
}
