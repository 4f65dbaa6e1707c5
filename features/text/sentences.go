package text

import (
	"strings"
)

// ForEachFragment calls fn with each match of textstat's sentence regex
// `\b[^.!?]+[.!?]*` (Unicode word boundaries) and its byte offset in t,
// scanning t once: a match starts at the first position from the cursor
// where the word-ness of the previous and current characters differ and the
// current character is not . ! or ?; it takes the longest run of other
// characters, then the longest run of . ! ?.
func ForEachFragment(t string, fn func(frag string, start int)) {
	prevWord := false // word-ness of the character before position i
	for i := 0; i < len(t); {
		r, size := runeAt(t, i)
		cur := IsWordRune(r)
		if cur == prevWord || byteClass[t[i]]&classEnd != 0 {
			prevWord = cur
			i += size
			continue
		}
		start, end := i, i
		for end < len(t) && byteClass[t[end]]&classEnd == 0 {
			r, size := runeAt(t, end)
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

// MinSentenceWords is the fewest words a fragment needs to be a sentence:
// textstat drops fragments of two words or fewer.
const MinSentenceWords = 3

// CountSentences is textstat's sentence_count: the fragments of t minus
// those with at most two words, at least 1 for a non-empty text, 0 for an
// empty one.
func CountSentences(t string) int {
	if t == "" {
		return 0
	}
	return max(countFragmentSentences(t), 1)
}

// countFragmentSentences counts t's fragments of MinSentenceWords words or
// more.
func countFragmentSentences(t string) int {
	n := 0
	ForEachFragment(t, func(frag string, _ int) {
		if CountWords(frag) >= MinSentenceWords {
			n++
		}
	})
	return n
}

// CountProseSentences is the sentence count of a prose text, its
// paragraphs parted by blank lines (METRICS.md section 2): a paragraph
// break ends a sentence, so each paragraph's fragments are its own, and the
// count is the sum over paragraphs of the fragments with more than two
// words, at least 1 for a non-empty text, 0 for an empty one. On a text of one
// paragraph it is CountSentences.
func CountProseSentences(t string) int {
	if t == "" {
		return 0
	}
	n := 0
	ForEachParagraph(t, func(para string, _ int) { n += countFragmentSentences(para) })
	return max(n, 1)
}

// ForEachParagraph calls fn with each paragraph of t and its byte offset:
// the runs of lines that are not blank (a blank line holds white space
// alone), from the first such line's start to the last one's end, its
// line break left out.
func ForEachParagraph(t string, fn func(para string, start int)) {
	start := -1 // the paragraph's start; -1 between paragraphs
	end := 0    // the end of its last line that is not blank
	for at := 0; at <= len(t); {
		lineEnd := strings.IndexByte(t[at:], '\n')
		if lineEnd < 0 {
			lineEnd = len(t)
		} else {
			lineEnd += at
		}
		if strings.TrimSpace(t[at:lineEnd]) == "" {
			if start >= 0 {
				fn(t[start:end], start)
				start = -1
			}
		} else {
			if start < 0 {
				start = at
			}
			end = lineEnd
		}
		at = lineEnd + 1
	}
	if start >= 0 {
		fn(t[start:end], start)
	}
}

// SentenceCounter counts the sentences of a prose text a paragraph at a
// time from each paragraph's fragments (ForEachFragment) and their word
// counts: CountProseSentences without the text. The zero value is ready to
// count.
type SentenceCounter struct {
	sentences  int
	paragraphs int
}

// StartParagraph begins a paragraph.
func (c *SentenceCounter) StartParagraph() { c.paragraphs++ }

// Fragment counts the paragraph's next fragment, of words words
// (CountWords): a sentence if it has more than two.
func (c *SentenceCounter) Fragment(words int) {
	if words >= MinSentenceWords {
		c.sentences++
	}
}

// Count is the sentences of the paragraphs so far: at least 1, or 0 with
// no paragraph (CountSentences of an empty text).
func (c *SentenceCounter) Count() int {
	if c.paragraphs == 0 {
		return 0
	}
	return max(c.sentences, 1)
}
