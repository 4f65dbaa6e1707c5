package checks

import (
	"slices"
	"strings"
)

// Tag is a token's Word packed in a number: the form in which the sentence
// pass (features/repetition) keeps it for each distinct token and hands it
// back, knowing nothing of what it means. Flags are the low 16 bits, the
// phrase number the next 8.
func Tag(token string) uint32 {
	w := WordOf(token)
	return uint32(w.Flags) | uint32(w.Phrase)<<16
}

// wordOfTag unpacks a Tag.
func wordOfTag(t uint32) Word { return Word{Flags: Flags(t), Phrase: uint8(t >> 16)} }

// Counts are what the checks count over a post's sentences (METRICS.md
// section 5b).
type Counts struct {
	Sentences  int // the sentences checked
	Long       int // of more than LongSentenceWords words
	Passive    int // holding a passive construction (Passive)
	Transition int // holding a transition word or phrase (Transition)
	// MaxSameStartRun is the longest run of consecutive paragraph
	// sentences that begin alike (Counter.Block, Counter.Sentence).
	MaxSameStartRun int
	// Kept are the sentences themselves, with Counter.Keep.
	Kept Sentences
}

// Sentences are the sentences behind a post's checks, as Yoast highlights
// them: the long ones, the passive ones, and those of the longest run of
// sentences that begin alike.
type Sentences struct {
	Long      []string `json:"long,omitempty"`
	Passive   []string `json:"passive,omitempty"`
	SameStart []string `json:"same_start_run,omitempty"`
}

// Counter counts the checks of one post, told each of its sentences in
// order by the sentence pass (a repetition.SentenceVisitor): the
// fragments of 3+ words of its paragraphs, bullets and headings. A
// sentence that repeats an earlier one counts in no share (padding a post
// with repeats cannot improve one) but stands in its place in a run of
// same-start sentences. Reset it before each post.
type Counter struct {
	Counts
	Keep bool // keep the sentences behind the counts (explain)

	words []Word   // the sentence's Words (scratch)
	start [2]int32 // the last paragraph sentence's beginning
	run   int      // paragraph sentences in the run that ends with it
	prose bool     // the block being read is a paragraph
	inRun []string // with Keep: the run's sentences, as told (valid during the pass)
}

// Reset begins a post.
func (c *Counter) Reset() {
	c.Counts = Counts{}
	c.breakRun()
}

// Block begins a block; prose marks a paragraph. A block that is not a
// paragraph (a heading, a bullet) ends the run of same-start sentences:
// list items that begin alike are a list's style, not monotony.
func (c *Counter) Block(prose bool) {
	c.prose = prose
	if !prose {
		c.breakRun()
	}
}

// Sentence checks a sentence: its text, its METRICS.md word count, and
// for each of its white-space tokens its Tag and its word lower-cased as a
// number (equal words, equal numbers; -1: the token holds no word). Nothing of it is kept past the call
// unless Keep, which copies the text.
func (c *Counter) Sentence(text string, words int, tags []uint32, lower []int32, repeat bool) {
	// Room at once: a sentence may hold millions of words.
	c.words = slices.Grow(c.words[:0], len(tags))
	for _, t := range tags {
		c.words = append(c.words, wordOfTag(t))
	}
	if c.prose {
		c.follow(beginning(c.words, lower), text)
	}
	if repeat {
		return
	}
	c.Sentences++
	if words > LongSentenceWords {
		c.Long++
		c.keep(&c.Kept.Long, text)
	}
	if Passive(c.words) {
		c.Passive++
		c.keep(&c.Kept.Passive, text)
	}
	if Transition(c.words) {
		c.Transition++
	}
}

// beginning is a sentence's beginning: its first word, and its second when
// the first is an Article, a demonstrative or a possessive ("The cat …" and
// "The dog …" begin differently);
// -1 stands for a word it lacks. lower holds each token's word as a
// number, -1 for a token without one.
func beginning(ws []Word, lower []int32) [2]int32 {
	b, n := [2]int32{-1, -1}, 0
	for i, l := range lower {
		if l < 0 {
			continue
		}
		b[n] = l
		if n++; n == 2 || ws[i].Flags&Article == 0 {
			break
		}
	}
	return b
}

// keep appends sentence s to list when the sentences are kept.
func (c *Counter) keep(list *[]string, s string) {
	if c.Keep {
		*list = append(*list, strings.Clone(s))
	}
}

// breakRun ends the run of same-start sentences.
func (c *Counter) breakRun() {
	clear(c.inRun) // nothing of an earlier post stays reachable
	c.run, c.inRun = 0, c.inRun[:0]
}

// follow adds a paragraph sentence beginning with start to the run of
// same-start sentences, or begins a new run; a run goes on across
// paragraph ends.
func (c *Counter) follow(start [2]int32, s string) {
	if c.run > 0 && start == c.start {
		c.run++
	} else {
		c.breakRun()
		c.run, c.start = 1, start
	}
	if c.Keep {
		c.inRun = append(c.inRun, s)
	}
	if c.run > c.MaxSameStartRun {
		c.MaxSameStartRun = c.run
		if c.Keep {
			c.Kept.SameStart = c.Kept.SameStart[:0]
			for _, t := range c.inRun {
				c.Kept.SameStart = append(c.Kept.SameStart, strings.Clone(t))
			}
		}
	}
}
