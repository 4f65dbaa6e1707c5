package features

import (
	"unicode"
	"unicode/utf8"
)

// The word and sentence rules of textstat 0.7.11, ported without regular
// expressions (Go's \w, \s and \b are ASCII-only; textstat's are Unicode).
// See METRICS.md section 2.

// isWordRune reports whether r is a Python `\w` character: a letter (L*), a
// number (N*) or '_'. Combining marks are not word characters.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// isLetterOrNumber is isWordRune without '_' (textstat's letter count keeps '_'
// too; see countLetters).
func isLetterOrNumber(r rune) bool {
	return r != '_' && isWordRune(r)
}

// isSpace reports whether r is white space for Python's str.split() and re's
// `\s`: Unicode White_Space plus the separators U+001C..U+001F.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || ('\t' <= r && r <= '\r') || (0x1c <= r && r <= 0x1f)
	}
	return unicode.IsSpace(r)
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
	w := buf[:0]
	for i, r := range t {
		switch {
		case r == '\'':
			if keepApostrophe(t[i:]) {
				w = append(w, '\'')
			}
		case isWordRune(r):
			w = utf8.AppendRune(w, r)
		case isSpace(r):
			if len(w) > 0 {
				fn(w)
				w = w[:0]
			}
		}
	}
	if len(w) > 0 {
		fn(w)
	}
	return w[:0]
}

// CountWords is len(words(t)) (textstat lexicon_count with punctuation removed).
func CountWords(t string) int {
	n := 0
	inWord := false
	for i, r := range t {
		switch {
		case r == '\'':
			if keepApostrophe(t[i:]) {
				inWord = true
			}
		case isWordRune(r):
			inWord = true
		case isSpace(r):
			if inWord {
				n++
				inWord = false
			}
		}
	}
	if inWord {
		n++
	}
	return n
}

// CountTokens is len(t.split()) in Python: runs of white space separate tokens.
func CountTokens(t string) int {
	n := 0
	in := false
	for _, r := range t {
		if isSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
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
	prevWord := false // word-ness of the character before position i
	i := 0
	for i < len(t) {
		r, size := utf8.DecodeRuneInString(t[i:])
		cur := isWordRune(r)
		if cur == prevWord || isSentenceEnd(r) {
			prevWord = cur
			i += size
			continue
		}
		start := i
		j := i
		for j < len(t) {
			r2, s2 := utf8.DecodeRuneInString(t[j:])
			if isSentenceEnd(r2) {
				break
			}
			prevWord = isWordRune(r2)
			j += s2
		}
		for j < len(t) && isSentenceEnd(rune(t[j])) {
			prevWord = false
			j++
		}
		fn(t[start:j])
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

// runeLen is the length of s in Unicode code points.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
