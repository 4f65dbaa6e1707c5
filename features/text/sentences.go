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

// SentenceCounter counts textstat's sentences of paragraphs joined by blank
// lines (CountSentences of the joined text) from each paragraph's own
// fragments (ForEachFragment) and their word counts, a paragraph at a
// time: a paragraph's last fragment that ends without . ! ? runs on into
// the next paragraph, up to its first . ! ?, as the regex would run on over
// the blank line. The zero value is ready to count.
type SentenceCounter struct {
	sentences  int
	paragraphs int
	para       string // the paragraph being read
	firstFrag  bool   // no fragment of it met yet
	carrying   bool   // a fragment runs on from an earlier paragraph
	carry      int    // its words so far
}

// StartParagraph begins paragraph p.
func (c *SentenceCounter) StartParagraph(p string) {
	c.para, c.firstFrag = p, true
	c.paragraphs++
}

// Fragment counts the paragraph's next fragment, frag, at byte offset
// start, of words words (CountWords).
func (c *SentenceCounter) Fragment(frag string, start, words int) {
	if c.firstFrag {
		c.firstFrag = false
		if c.carrying {
			if strings.ContainsAny(c.para[:start], ".!?") {
				c.endRunOn()
			} else {
				words += c.carry
				c.carrying = false
			}
		}
	}
	if !IsSentenceEnd(rune(frag[len(frag)-1])) {
		c.carry, c.carrying = words, true
	} else if words > 2 { // textstat drops fragments of two words or fewer
		c.sentences++
	}
}

// EndParagraph ends the paragraph: one with no fragment but a . ! ? ends
// the fragment running on.
func (c *SentenceCounter) EndParagraph() {
	if c.firstFrag && c.carrying && strings.ContainsAny(c.para, ".!?") {
		c.endRunOn()
	}
}

// endRunOn counts the fragment running on, which has ended.
func (c *SentenceCounter) endRunOn() {
	if c.carry > 2 {
		c.sentences++
	}
	c.carrying = false
}

// Count is the sentences of the paragraphs so far: at least 1, or 0 with
// no paragraph (CountSentences of an empty text).
func (c *SentenceCounter) Count() int {
	if c.paragraphs == 0 {
		return 0
	}
	n := c.sentences
	if c.carrying && c.carry > 2 {
		n++
	}
	return max(n, 1)
}
