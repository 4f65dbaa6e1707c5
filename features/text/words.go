package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ForEachWord calls fn with each word of t by METRICS.md words(t):
// apostrophes not starting a contraction and every character that is not a
// letter, number, '_', white space or apostrophe are deleted, and the rest
// is split on white space. The word's bytes are valid only during the call;
// buf is scratch space reused between calls (it may be nil), returned.
func ForEachWord(t string, buf []byte, fn func(w []byte)) []byte {
	return ForEachWordTally(t, buf, fn, nil)
}

// Tally counts, beside the words, what the readability formulas need:
// non-white-space characters, letters (word characters) and white-space
// tokens (CountChars, CountLetters and CountTokens in one pass).
type Tally struct{ Chars, Letters, Tokens int }

// Add adds u's counts to t.
func (t *Tally) Add(u Tally) {
	t.Chars += u.Chars
	t.Letters += u.Letters
	t.Tokens += u.Tokens
}

// ForEachWordTally is ForEachWord that also adds t's counts to tally (if
// not nil).
func ForEachWordTally(t string, buf []byte, fn func(w []byte), tally *Tally) []byte {
	w := buf[:0]
	var counts Tally
	inToken := false
	for i := 0; i < len(t); {
		r, size := runeAt(t, i)
		switch {
		case IsSpace(r):
			inToken = false
			if len(w) > 0 {
				fn(w)
				w = w[:0]
			}
		default:
			counts.Chars++
			if !inToken {
				inToken = true
				counts.Tokens++
			}
			if IsWordRune(r) {
				counts.Letters++
				w = append(w, t[i:i+size]...)
			} else if r == '\'' && KeepApostrophe(t[i:]) {
				w = append(w, '\'')
			}
		}
		i += size
	}
	if len(w) > 0 {
		fn(w)
	}
	if tally != nil {
		tally.Add(counts)
	}
	return w[:0]
}

// CountWords is len(words(t)) (textstat lexicon_count with punctuation
// removed).
func CountWords(t string) int {
	n := 0
	inWord := false
	for i := 0; i < len(t); {
		r, size := runeAt(t, i)
		switch {
		case IsWordRune(r):
			inWord = true
		case IsSpace(r):
			if inWord {
				n++
				inWord = false
			}
		case r == '\'' && KeepApostrophe(t[i:]):
			inWord = true
		}
		i += size
	}
	if inWord {
		n++
	}
	return n
}

// CountTokens is len(t.split()) in Python: runs of white space separate
// tokens.
func CountTokens(t string) int { return CountTokensUpTo(t, -1) }

// CountTokensUpTo is CountTokens that stops counting past limit (-1: no
// limit): it returns limit+1 when t has more tokens than that.
func CountTokensUpTo(t string, limit int) int {
	n := 0
	in := false
	for _, r := range t {
		if IsSpace(r) {
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
		if !IsSpace(r) {
			n++
		}
	}
	return n
}

// CountLetters counts letters, numbers and '_' (textstat letter_count: what
// is left of t after removing white space and every non-`\w` character).
func CountLetters(t string) int {
	n := 0
	for _, r := range t {
		if IsWordRune(r) {
			n++
		}
	}
	return n
}

// Lower writes w lower-cased into buf, returned.
func Lower(buf, w []byte) []byte {
	buf = buf[:0]
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(w[i:])
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += size
	}
	return buf
}

// Preview returns the first n white-space tokens of s, with " …" if cut.
func Preview(s string, n int) string {
	tokens := 0
	in := false
	for i, r := range s {
		if IsSpace(r) {
			in = false
			continue
		}
		if !in {
			in = true
			tokens++
			if tokens > n {
				return strings.TrimRightFunc(s[:i], IsSpace) + " …"
			}
		}
	}
	return s
}
