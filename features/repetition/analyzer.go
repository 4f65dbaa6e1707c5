package repetition

import (
	"slices"

	"github.com/alphanode/postscore/features/text"
)

// Analyzer splits a post's body into words and measures them: each
// block's counts, the post's sentence repetition and its Gopher set. It
// keeps its tables and its lexicon (what each distinct word counts for)
// from post to post, so give each worker its own: it is not safe for
// concurrent use.
//
// For each post: Tokenize the body, CountBlock each block in the body's
// order, then ask for the post's DistinctWords, StopWordHits, Sentences and
// Gopher set, in any order.
type Analyzer struct {
	lex       lexicon
	words     words
	body      string
	blocks    []blockWords // the blocks counted, in order
	gopher    gopherScratch
	sentences sentenceScratch
	// Tag, when set, gives each distinct white-space token a number that
	// the lexicon keeps and the sentence pass hands to Visitor with each
	// sentence's tokens. Set it before the first post: the lexicon keeps
	// what it gave.
	Tag func(token string) uint32
	// Visitor, when set, is told each block and each sentence by
	// Sentences.
	Visitor SentenceVisitor
}

// A Block is one block of the body: its text is body[Start:End], and
// Prose marks a paragraph, whose sentences count for readability and for
// the repeated prose.
type Block struct {
	Start, End int
	Prose      bool
}

// blockWords is a counted block and its own words: words first..end-1.
type blockWords struct {
	start, end     int32 // its text's offsets in the body
	first, endWord int32
	prose          bool
	needsBytePath  bool // a word of it needs its sentences read byte by byte
}

// Tokenize begins a post of body text body and of blocks blocks: it splits
// body into white-space words (Python's str.split()) and gives each its
// type in the lexicon. body must not change until the post is done.
func (a *Analyzer) Tokenize(body string, blocks int) {
	a.lex.startPost()
	a.lex.tagOf = a.Tag
	a.body = body
	a.words.split(body, &a.lex)
	// Room for the blocks at once: by appends, a post of millions of
	// blocks would allocate their array five times over.
	a.blocks = slices.Grow(a.blocks[:0], blocks)
}

// BlockCounts are the counts of a block's words (METRICS.md sections 3 and
// 5).
type BlockCounts struct {
	Words         int        // METRICS.md words
	Syllables     int        // theirs
	Polysyllables int        // those of three syllables or more
	Tally         text.Tally // characters, letters and white-space tokens
}

// CountBlock counts the words of block b, the next block of the body; a
// block's own words are those that start in its text (a bullet's "•" is
// the body's, not its).
func (a *Analyzer) CountBlock(b Block) BlockCounts {
	at := a.words.at
	first := 0 // the first word not yet counted
	if n := len(a.blocks); n > 0 {
		first = int(a.blocks[n-1].endWord)
	}
	for first < len(at) && int(at[first]) < b.Start {
		first++
	}
	end := first
	for end < len(at) && int(at[end]) < b.End {
		end++
	}
	c, flags := a.countWords(first, end)
	a.blocks = append(a.blocks, blockWords{
		start: int32(b.Start), end: int32(b.End), first: int32(first), endWord: int32(end),
		prose: b.Prose, needsBytePath: flags&needsBytePath != 0,
	})
	return c
}

// countWords counts words first..end-1 and the post's lower-cased words,
// working out the types met for the first time; it returns their sentence
// flags together.
func (a *Analyzer) countWords(first, end int) (c BlockCounts, flags uint8) {
	lex := &a.lex
	at := a.words.at[first:end]
	for k, id := range a.words.types[first:end] {
		wt := &lex.types[id]
		if wt.lower == notWorkedOut {
			lex.workOut(a.body[at[k]:at[k]+wt.bytes], wt)
		}
		flags |= wt.flags
		c.Tally.Chars += int(wt.chars)
		c.Tally.Letters += int(wt.letters)
		if wt.lower == noWord {
			continue
		}
		syllables := int(lex.countLower(wt.lower).syllables)
		c.Words++
		c.Syllables += syllables
		if syllables >= 3 {
			c.Polysyllables++
		}
	}
	c.Tally.Tokens = end - first
	return c, flags
}

// DistinctWords is the number of distinct lower-cased METRICS.md words of
// the blocks counted.
func (a *Analyzer) DistinctWords() int { return a.lex.distinct }

// StopWordHits counts each language's stop words among the words of the
// blocks counted.
func (a *Analyzer) StopWordHits() text.StopWordHits { return a.lex.stopWordHits() }

// Gopher computes the Gopher repetition set of the body.
func (a *Analyzer) Gopher() Gopher { return a.gopher.compute(a.body, &a.words) }

// Trim lets go of the space grown by a huge post, so that one such post
// does not hold its size for the rest of the run; the lexicon stays.
func (a *Analyzer) Trim() {
	lex := a.lex
	lex.wordBuf, lex.lowerBuf = nil, nil // a huge word grows them
	*a = Analyzer{lex: lex, Tag: a.Tag, Visitor: a.Visitor}
}
