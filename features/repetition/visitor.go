package repetition

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/alphanode/postscore/features/text"
)

// A SentenceVisitor is told a post's sentences by the sentence pass, in
// order, so that a caller measures more of each sentence (the readability
// checks of package features/checks) without a second pass over the text.
// A sentence is a fragment of minSentenceWords words or more; each is told,
// and one that repeats an earlier sentence of the post says so.
type SentenceVisitor interface {
	// Block begins each block counted; prose marks a paragraph.
	Block(prose bool)
	// Sentence tells a sentence: its text in the body, its METRICS.md word
	// count, and for each of its white-space tokens the token's tag
	// (Analyzer.Tag) and its METRICS.md word lower-cased as a number
	// (equal words, equal numbers; -1: the token holds none); repeat marks
	// a sentence met before in the post. The slices are valid only during
	// the call.
	Sentence(text string, words int, tags []uint32, lower []int32, repeat bool)
}

// tell tells the visitor fragment fr, a sentence, with its tokens' tags and
// words from the lexicon.
func (p *sentencePass) tell(fr *fragment, repeat bool) {
	sc, a := p.scratch, p.a
	if fr.first < 0 {
		p.tellBytewise(fr, repeat)
		return
	}
	// Room at once: by appends, a sentence of millions of words would
	// allocate its slices twice over.
	sc.tags = slices.Grow(sc.tags[:0], fr.end-fr.first)
	sc.lower = slices.Grow(sc.lower[:0], fr.end-fr.first)
	for _, id := range a.words.types[fr.first:fr.end] {
		wt := &a.lex.types[id]
		sc.tags = append(sc.tags, wt.tag)
		sc.lower = append(sc.lower, wt.lower)
	}
	a.Visitor.Sentence(fr.text, fr.words, sc.tags, sc.lower, repeat)
}

// tellBytewise tells the visitor fragment fr, cut byte by byte. A token
// that runs one sentence into the next without a space ("done.Then" in "It
// was done.Then we left.") is tagged by its part in the fragment, worked
// out afresh: the next sentence begins with a capital. A token with a full
// stop inside a name ("README.md", "ropensci.org", "e.g.") stands whole,
// as do all others, from the lexicon.
func (p *sentencePass) tellBytewise(fr *fragment, repeat bool) {
	sc, a := p.scratch, p.a
	first, end := p.tokensOf(fr)
	from := int(p.block.start) + fr.start
	to := from + len(fr.text)
	sc.tags, sc.lower = sc.tags[:0], sc.lower[:0]
	for k := first; k < end; k++ {
		wt := &a.lex.types[a.words.types[k]]
		start, stop := int(a.words.at[k]), int(a.words.at[k]+wt.bytes)
		if start < from && sentenceStartsAt(a.body, from) {
			start = from
		}
		if stop > to && sentenceStartsAt(a.body, to) {
			stop = to
		}
		if start == int(a.words.at[k]) && stop == int(a.words.at[k]+wt.bytes) {
			sc.tags, sc.lower = append(sc.tags, wt.tag), append(sc.lower, wt.lower)
			continue
		}
		part := a.body[start:stop]
		sc.tags, sc.lower = append(sc.tags, a.Tag(part)), append(sc.lower, a.lowerWordOf(part))
	}
	a.Visitor.Sentence(fr.text, fr.words, sc.tags, sc.lower, repeat)
}

// sentenceStartsAt reports whether a new sentence starts at body[i] inside
// a token: at a capital letter.
func sentenceStartsAt(body string, i int) bool {
	r, _ := utf8.DecodeRuneInString(body[i:])
	return unicode.IsUpper(r)
}

// lowerWordOf is the number of the lower-cased METRICS.md word of part, a
// piece of a token (-1: it holds none).
func (a *Analyzer) lowerWordOf(part string) int32 {
	id := int32(noWord)
	a.lex.wordBuf = text.ForEachWord(part, a.lex.wordBuf, func(w []byte) {
		a.lex.lowerBuf = text.Lower(a.lex.lowerBuf, w)
		id = a.lex.lowerID(a.lex.lowerBuf)
	})
	return id
}

// tokensOf finds the white-space tokens of a fragment cut byte by byte:
// those that overlap its text (a token that holds the end of one sentence
// and the start of the next, "end.Next", is in both). The fragments of a
// block come in order, so the search starts where the last one's did.
func (p *sentencePass) tokensOf(fr *fragment) (first, end int) {
	at, types, lex := p.a.words.at, p.a.words.types, &p.a.lex
	from := int(p.block.start) + fr.start
	to := from + len(fr.text)
	last := int(p.block.endWord)
	for p.token < last && int(at[p.token]+lex.types[types[p.token]].bytes) <= from {
		p.token++
	}
	end = p.token
	for end < last && int(at[end]) < to {
		end++
	}
	return p.token, end
}
