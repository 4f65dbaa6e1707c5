package text

import "unicode/utf8"

// ForEachFragment calls fn with each match of textstat's sentence regex
// `\b[^.!?]+[.!?]*` (Unicode word boundaries) and its byte offset in t,
// scanning t once: a match starts at the first position from the cursor
// where the word-ness of the previous and current characters differ and the
// current character is not . ! or ?; it takes the longest run of other
// characters, then the longest run of . ! ?.
func ForEachFragment(t string, fn func(frag string, start int)) {
	prevWord := false // word-ness of the character before position i
	for i := 0; i < len(t); {
		cur, size := IsASCIIWord(t[i]), 1
		if t[i] >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(t[i:])
			cur = IsWordRune(r)
		}
		if cur == prevWord || byteClass[t[i]]&classEnd != 0 {
			prevWord = cur
			i += size
			continue
		}
		start, end := i, i
		for end < len(t) && byteClass[t[end]]&classEnd == 0 {
			r, size := rune(t[end]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(t[end:])
			}
			prevWord = IsWordRune(r)
			end += size
		}
		for end < len(t) && byteClass[t[end]]&classEnd != 0 {
			prevWord = false
			end++
		}
		fn(t[start:end], start)
		i = end
	}
}

// CountSentences is textstat's sentence_count: the fragments of t minus
// those with at most two words, at least 1 for a non-empty text, 0 for an
// empty one.
func CountSentences(t string) int {
	if t == "" {
		return 0
	}
	n := 0
	ForEachFragment(t, func(frag string, _ int) {
		if CountWords(frag) > 2 {
			n++
		}
	})
	return max(n, 1)
}
