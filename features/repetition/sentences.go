package repetition

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"

	"github.com/alphanode/postscore/features/text"
)

// minSentenceWords is the fewest words a sentence needs to count for
// repetition: METRICS.md section 4 keeps the sentences of section 2.
const minSentenceWords = text.MinSentenceWords

// Sentences is what the sentence pass finds in a post's blocks
// (METRICS.md section 4, and the sentence count of section 5).
type Sentences struct {
	// RepetitionRatio is the share of the kept sentences' text (in runes,
	// normalised) that repeats a sentence met earlier in the post.
	RepetitionRatio float64
	// Repeated are the normalised sentences met more than once, in order of
	// first occurrence.
	Repeated      []RepeatedSentence
	RepeatedWords int         // the words of their 2nd, 3rd, … occurrences
	RepeatedProse ProseCounts // the counts of those occurrences in paragraphs
	// ProseSentences is the sentence count of the paragraphs, each
	// paragraph's sentences its own (text.CountProseSentences); 0 when
	// there is no paragraph.
	ProseSentences int
}

// RepeatedSentence is a normalised sentence that occurs more than once.
type RepeatedSentence struct {
	Text  string
	Count int
}

// ProseCounts are the words, sentences and syllables of some of a post's
// paragraphs' sentences.
type ProseCounts struct{ Words, Sentences, Syllables int }

// sentenceScratch is the sentence pass's space, kept between posts.
type sentenceScratch struct {
	table subTable // the normalised sentences by key; val: length in runes
	cut   fragmenter
	tags  []uint32 // a sentence's tokens' tags, for the visitor
	lower []int32  // and their words
}

// Sentences reads the sentences of the blocks counted: each block is cut
// into text.ForEachFragment's fragments, and a fragment of at least
// minSentenceWords words is a sentence, normalised (lower-cased, white
// space folded, trailing . ! ? removed) and keyed by its tokens' numbers
// in the lexicon.
func (a *Analyzer) Sentences() Sentences {
	p := sentencePass{a: a, scratch: &a.sentences}
	p.scratch.table.reset(len(a.body)/96 + 16) // sentences run about 100 bytes: rarely grown
	p.scratch.cut.a = a
	visit := p.visit
	for i := range a.blocks {
		b := &a.blocks[i]
		p.block = b
		p.token = int(b.first)
		if b.prose {
			p.prose.StartParagraph()
		}
		if a.Visitor != nil {
			a.Visitor.Block(b.prose)
		}
		p.scratch.cut.fragments(b, visit)
	}
	return p.result()
}

// sentencePass is one post's pass over its blocks' sentences.
type sentencePass struct {
	a       *Analyzer
	scratch *sentenceScratch
	block   *blockWords // the block being read
	prose   text.SentenceCounter
	token   int // tokensOf's cursor: no token before it overlaps the fragment being read or a later one
	out     Sentences
	// The kept sentences' runes and those of the repeats, and how many
	// distinct sentences were met.
	keptRunes, repeatedRunes int
	distinct                 int32
}

// fragment is one of a block's fragments.
type fragment struct {
	text  string
	start int // its byte offset in the block's text
	words int // text.CountWords(text)
	// When words ≥ minSentenceWords: its normalised form's length in runes
	// and key.
	runes int
	key   []byte
	// Its words, first..end-1; first < 0 when it was read byte by byte.
	first, end int
}

// fragmenter cuts blocks into fragments. A block whose words are all
// plain is cut from its words' types (byWords); one with a word that
// needsBytePath, byte by byte (byBytes). Both give the same fragments,
// counts and keys (TestFragmentsByWordsAndBytes), but reading the types
// is twenty times faster (BenchmarkFragments).
type fragmenter struct {
	a          *Analyzer
	fr         fragment // the fragment visited (a local would escape through visit)
	key        []byte   // a sentence's key: its tokens' numbers, 4 bytes each
	normalized []byte   // a sentence normalised, on the byte path
}

// fragments calls visit with each fragment of block b. The fragment and
// its key are valid only during the call.
func (c *fragmenter) fragments(b *blockWords, visit func(*fragment)) {
	if b.needsBytePath {
		c.byBytes(b, visit)
	} else {
		c.byWords(b, visit)
	}
}

// byWords cuts block b into fragments from its words' types: a fragment
// starts at the first word with a word character (which is its first
// character: needsBytePath otherwise) and runs to the first word that ends
// with . ! ? (endsSentence: the run ends that word), or to the block's end.
func (c *fragmenter) byWords(b *blockWords, visit func(*fragment)) {
	lex, types, at := &c.a.lex, c.a.words.types, c.a.words.at
	for k, end := int(b.first), int(b.endWord); k < end; {
		if lex.types[types[k]].flags&hasWordChar == 0 {
			k++ // before a fragment's start
			continue
		}
		first, words, runes, key := k, 0, -1, c.key[:0]
		var wt *wordType
		for k < end {
			wt = &lex.types[types[k]]
			k++
			if wt.flags&hasWordChar != 0 {
				words++
			}
			runes += int(wt.runes) + 1
			key = binary.LittleEndian.AppendUint32(key, uint32(wt.token))
			if wt.flags&endsSentence != 0 {
				break
			}
		}
		fragEnd := int(b.end)
		if wt.flags&endsSentence != 0 {
			// The last word loses its . ! ?, and its space if nothing is left.
			fragEnd = int(at[k-1] + wt.bytes)
			runes -= int(wt.runes - wt.strippedRunes)
			key = key[:len(key)-4]
			if wt.tokenStripped >= 0 {
				key = binary.LittleEndian.AppendUint32(key, uint32(wt.tokenStripped))
			} else {
				runes--
			}
		}
		c.key = key
		from := int(at[first])
		c.fr = fragment{text: c.a.body[from:fragEnd], start: from - int(b.start), words: words, runes: runes, key: key, first: first, end: k}
		visit(&c.fr)
	}
}

// byBytes cuts block b into fragments byte by byte.
func (c *fragmenter) byBytes(b *blockWords, visit func(*fragment)) {
	text.ForEachFragment(c.a.body[b.start:b.end], func(frag string, start int) {
		fr := &c.fr
		*fr = fragment{text: frag, start: start, first: -1}
		c.normalized, fr.words, fr.runes = normalizeSentence(c.normalized, frag)
		if fr.words >= minSentenceWords {
			c.key = c.a.sentenceKey(c.key[:0], c.normalized)
			fr.key = c.key
		}
		visit(fr)
	})
}

// visit counts a fragment: toward the prose's sentences, and as a
// sentence, once or repeated; and tells the visitor.
func (p *sentencePass) visit(fr *fragment) {
	if p.block.prose {
		p.prose.Fragment(fr.words)
	}
	if fr.words < minSentenceWords {
		return
	}
	s := p.scratch.table.addBytes(fr.key, p.distinct)
	if s.count == 1 {
		s.val = int32(fr.runes)
		p.distinct++
	} else {
		p.repeatedRunes += int(s.val)
		p.out.RepeatedWords += fr.words
		if p.block.prose {
			p.out.RepeatedProse.Words += fr.words
			p.out.RepeatedProse.Sentences++
			p.out.RepeatedProse.Syllables += p.a.syllables(fr)
		}
	}
	p.keptRunes += int(s.val)
	if p.a.Visitor != nil {
		p.tell(fr, s.count > 1)
	}
}

// result is what the pass found.
func (p *sentencePass) result() Sentences {
	p.out.ProseSentences = p.prose.Count()
	if p.keptRunes > 0 {
		p.out.RepetitionRatio = float64(p.repeatedRunes) / float64(p.keptRunes)
	}
	var repeats []*subSlot
	for i := range p.scratch.table.slots {
		if s := &p.scratch.table.slots[i]; s.count > 1 {
			repeats = append(repeats, s)
		}
	}
	slices.SortFunc(repeats, func(a, b *subSlot) int { return int(a.first - b.first) })
	for _, s := range repeats {
		p.out.Repeated = append(p.out.Repeated, RepeatedSentence{Text: p.a.sentenceText(s.key), Count: int(s.count)})
	}
	return p.out
}

// syllables counts the syllables of a fragment's words: from their types
// when it was cut from them, else from its text.
func (a *Analyzer) syllables(fr *fragment) int {
	if fr.first < 0 {
		return text.CountSyllables(fr.text)
	}
	n := 0
	for _, id := range a.words.types[fr.first:fr.end] {
		if lower := a.lex.types[id].lower; lower >= 0 {
			n += int(a.lex.lower[lower].syllables)
		}
	}
	return n
}

// sentenceKey appends the key of the normalised sentence ns, its tokens'
// numbers, to key.
func (a *Analyzer) sentenceKey(key, ns []byte) []byte {
	for len(ns) > 0 {
		i := bytes.IndexByte(ns, ' ')
		if i < 0 {
			i = len(ns)
		}
		key = binary.LittleEndian.AppendUint32(key, uint32(a.lex.tokenID(ns[:i])))
		ns = ns[min(i+1, len(ns)):]
	}
	return key
}

// sentenceText is the normalised sentence of a key.
func (a *Analyzer) sentenceText(key string) string {
	var b strings.Builder
	for i := 0; i+4 <= len(key); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(a.lex.tokens[binary.LittleEndian.Uint32([]byte(key[i:i+4]))])
	}
	return b.String()
}
