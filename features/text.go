package features

import (
	"unicode"
	"unicode/utf8"
)

// The word and sentence rules of textstat 0.7.11, ported without regular
// expressions (Go's \w, \s and \b are ASCII-only; textstat's are Unicode).
// See METRICS.md section 2.

// ASCII character classes, looked up instead of tested.
const (
	classWord  = 1 << iota // Python \w: letter, digit, '_'
	classSpace             // Python \s
	classEnd               // . ! ?
)

var asciiClass = func() (c [utf8.RuneSelf]uint8) {
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

// asciiSpaces has bit c set for each ASCII space c (asciiClass's
// classSpace, all below 0x21): the tokenizer's test of one byte.
const asciiSpaces = 1<<' ' | 1<<'\t' | 1<<'\n' | 1<<'\v' | 1<<'\f' | 1<<'\r' | 1<<0x1c | 1<<0x1d | 1<<0x1e | 1<<0x1f

// isWordRune reports whether r is a Python `\w` character: a letter (L*), a
// number (N*) or '_'. Combining marks are not word characters.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&classWord != 0
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// isSpace reports whether r is white space for Python's str.split() and re's
// `\s`: Unicode White_Space plus the separators U+001C..U+001F.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&classSpace != 0
	}
	// unicode.IsSpace beyond ASCII (Unicode's White_Space), without its
	// table search, which every bullet's • went through.
	switch {
	case r == 0x85, r == 0xa0, r == 0x1680, 0x2000 <= r && r <= 0x200a,
		r == 0x2028, r == 0x2029, r == 0x202f, r == 0x205f, r == 0x3000:
		return true
	}
	return false
}

// spaceRuneLen returns the length in bytes of the white-space rune (isSpace)
// that s, which starts with a non-ASCII byte, begins with, or 0; from its
// bytes, with no rune decoded (a meta item's bullet • is E2 80 A2).
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

// keepApostrophe reports whether the ASCII apostrophe at the start of rest
// survives textstat's punctuation removal: it must be followed by t, s, d, ve,
// ll or re (case-sensitive, lookahead only; textstat 0.7.11 remove_punctuation).
func keepApostrophe(rest string) bool {
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

// forEachWord calls fn with each word of t by METRICS.md words(t): apostrophes
// not starting a contraction and every character that is not a letter, number,
// '_', white space or apostrophe are deleted, and the rest is split on white
// space. The word bytes are only valid during the call; buf is scratch space
// reused between calls (it may be nil).
func forEachWord(t string, buf []byte, fn func(w []byte)) []byte {
	return forEachWordTally(t, buf, fn, nil)
}

// charTally counts, beside the words, what the readability formulas need:
// non-white-space characters, letters (word characters) and white-space
// tokens (CountChars, CountLetters and CountTokens in one pass).
type charTally struct{ chars, letters, tokens int }

// forEachWordTally is forEachWord that also adds t's counts to tally (if not nil).
func forEachWordTally(t string, buf []byte, fn func(w []byte), tally *charTally) []byte {
	w := buf[:0]
	var chars, letters, tokens int
	inToken := false
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			cls := asciiClass[c]
			if cls&classSpace != 0 {
				inToken = false
				if len(w) > 0 {
					fn(w)
					w = w[:0]
				}
				i++
				continue
			}
			chars++
			if !inToken {
				inToken = true
				tokens++
			}
			switch {
			case cls&classWord != 0:
				letters++
				w = append(w, c)
			case c == '\'':
				if keepApostrophe(t[i:]) {
					w = append(w, '\'')
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case isSpace(r):
			inToken = false
			if len(w) > 0 {
				fn(w)
				w = w[:0]
			}
		case isWordRune(r):
			chars++
			letters++
			if !inToken {
				inToken = true
				tokens++
			}
			w = append(w, t[i:i+size]...)
		default:
			chars++
			if !inToken {
				inToken = true
				tokens++
			}
		}
		i += size
	}
	if len(w) > 0 {
		fn(w)
	}
	if tally != nil {
		tally.chars += chars
		tally.letters += letters
		tally.tokens += tokens
	}
	return w[:0]
}

// CountWords is len(words(t)) (textstat lexicon_count with punctuation removed).
func CountWords(t string) int {
	n := 0
	inWord := false
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			switch {
			case asciiClass[c]&classWord != 0:
				inWord = true
			case asciiClass[c]&classSpace != 0:
				if inWord {
					n++
					inWord = false
				}
			case c == '\'':
				if keepApostrophe(t[i:]) {
					inWord = true
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case isWordRune(r):
			inWord = true
		case isSpace(r):
			if inWord {
				n++
				inWord = false
			}
		}
		i += size
	}
	if inWord {
		n++
	}
	return n
}

// CountTokens is len(t.split()) in Python: runs of white space separate tokens.
func CountTokens(t string) int { return countTokensUpTo(t, -1) }

// countTokensUpTo is CountTokens that stops counting past limit (-1: none).
func countTokensUpTo(t string, limit int) int {
	n := 0
	in := false
	for _, r := range t {
		if isSpace(r) {
			in = false
		} else if !in {
			in = true
			if n++; n == limit+1 && limit >= 0 {
				return n
			}
		}
	}
	return n
}

// CountChars counts the characters of t that are not white space (textstat
// char_count with ignore_spaces: re.sub(r"\s", "", t)).
func CountChars(t string) int {
	n := 0
	for _, r := range t {
		if !isSpace(r) {
			n++
		}
	}
	return n
}

// CountLetters counts letters, numbers and '_' (textstat letter_count: what is
// left of t after removing white space and every non-`\w` character).
func CountLetters(t string) int {
	n := 0
	for _, r := range t {
		if isWordRune(r) {
			n++
		}
	}
	return n
}

// isSentenceEnd reports whether r ends a sentence fragment.
func isSentenceEnd(r rune) bool { return r == '.' || r == '!' || r == '?' }

// forEachFragment calls fn with each match of textstat's sentence regex
// `\b[^.!?]+[.!?]*` (Unicode word boundaries), scanning t once: a match starts
// at the first position from the cursor where the word-ness of the previous
// and current characters differ and the current character is not . ! or ?; it
// takes the longest run of other characters, then the longest run of . ! ?.
func forEachFragment(t string, fn func(frag string)) {
	forEachFragmentAt(t, func(frag string, _ int) { fn(frag) })
}

// forEachFragmentAt is forEachFragment that also passes each fragment's
// byte offset in t.
func forEachFragmentAt(t string, fn func(frag string, start int)) {
	prevWord := false // word-ness of the character before position i
	i := 0
	for i < len(t) {
		var cur, end bool
		size := 1
		if c := t[i]; c < utf8.RuneSelf {
			cur, end = asciiClass[c]&classWord != 0, asciiClass[c]&classEnd != 0
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(t[i:])
			cur = isWordRune(r)
		}
		if cur == prevWord || end {
			prevWord = cur
			i += size
			continue
		}
		start := i
		j := i
		for j < len(t) {
			c := t[j]
			if c < utf8.RuneSelf {
				if asciiClass[c]&classEnd != 0 {
					break
				}
				prevWord = asciiClass[c]&classWord != 0
				j++
				continue
			}
			r, s2 := utf8.DecodeRuneInString(t[j:])
			prevWord = isWordRune(r)
			j += s2
		}
		for j < len(t) && asciiClass[t[j]&0x7f]&classEnd != 0 && t[j] < utf8.RuneSelf {
			prevWord = false
			j++
		}
		fn(t[start:j], start)
		i = j
	}
}

// CountSentences is textstat's sentence_count: the fragments of t minus those
// with at most two words, at least 1 for a non-empty text, 0 for an empty one.
func CountSentences(t string) int {
	if t == "" {
		return 0
	}
	n := 0
	forEachFragment(t, func(frag string) {
		if CountWords(frag) > 2 {
			n++
		}
	})
	return max(n, 1)
}
