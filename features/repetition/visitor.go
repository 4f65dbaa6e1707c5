package repetition

import "slices"

// A SentenceVisitor is told a post's sentences by the sentence pass, in
// order, so that a caller measures more of each sentence (the readability
// checks of package features/checks) without a second pass over the text.
// A sentence is a fragment of minSentenceWords words or more; one repeated
// in the post is told once, at its first occurrence.
type SentenceVisitor interface {
	// Block begins each block counted; prose marks a paragraph.
	Block(prose bool)
	// Sentence tells a sentence: its text in the body, its METRICS.md word
	// count, and for each of its white-space tokens the token's tag
	// (Analyzer.Tag) and its METRICS.md word lower-cased as a number
	// (equal words, equal numbers; -1: the token holds none). The slices
	// are valid only during the call.
	Sentence(text string, words int, tags []uint32, lower []int32)
}

// tell tells the visitor fragment fr, a sentence, with its tokens' tags and
// words from the lexicon.
func (p *sentencePass) tell(fr *fragment) {
	first, end := fr.first, fr.end
	if first < 0 {
		first, end = p.tokensOf(fr)
	}
	sc := p.scratch
	// Room at once: by appends, a sentence of millions of words would
	// allocate its slices twice over.
	sc.tags, sc.lower = slices.Grow(sc.tags[:0], end-first), slices.Grow(sc.lower[:0], end-first)
	for _, id := range p.a.words.types[first:end] {
		wt := &p.a.lex.types[id]
		sc.tags = append(sc.tags, wt.tag)
		sc.lower = append(sc.lower, wt.lower)
	}
	p.a.Visitor.Sentence(fr.text, fr.words, sc.tags, sc.lower)
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
