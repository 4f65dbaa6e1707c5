package features

import (
	"unicode/utf8"
)

// lexicon remembers, for one worker and across posts, what each distinct
// white-space word counts for, so that a word is worked out once, not once
// a post: its lengths and concatenation hash (the Gopher n-grams), and its
// METRICS.md word, characters and letters (the counts). Lower-cased words
// are counted per post by stamping them with the post's epoch. Results do
// not depend on what it holds: it is a cache, emptied between posts when it
// outgrows lexiconMax entries.
type lexicon struct {
	tab   subTable // word -> index in words
	words []wordType
	low   subTable // lower-cased METRICS.md word -> index in lows
	lows  []lowWord
	epoch uint32
	// distinct is the number of lower-cased words seen in this post.
	distinct int
}

// lexiconMax bounds the lexicon (about 130 bytes an entry).
const lexiconMax = 1 << 17

// wordType is what a white-space word counts for.
type wordType struct {
	hash           uint64 // polynomial hash of its bytes, mod 2^61−1
	bytes, runes   int32
	chars, letters int32 // non-space characters and letters (charTally)
	low            int32 // its METRICS.md word in lows; -1: none; typeUnknown: not worked out yet
}

const typeUnknown = -2

// lowWord is a lower-cased METRICS.md word.
type lowWord struct {
	syllables int32
	count     int32  // occurrences in the post of epoch stamp
	stamp     uint32 // the epoch of its last post
}

// startPost begins a post: counts restart, and a full lexicon is emptied.
func (l *lexicon) startPost() {
	l.epoch++
	if len(l.words)+len(l.lows) > lexiconMax || l.epoch == 0 || len(l.tab.slots) == 0 {
		// Start afresh, arrays included: a huge post may have grown them
		// far past lexiconMax.
		*l = lexicon{epoch: 1}
		l.tab.reset(1024)
		l.low.reset(1024)
	}
	l.distinct = 0
}

// id returns w's index in words, adding it if new.
func (l *lexicon) id(w string) int32 {
	slot, isNew := l.tab.entry(w, true)
	if !isNew {
		return slot.val
	}
	var h uint64
	for i := 0; i < len(w); i++ {
		h = mulMod61(h, rollBase) + uint64(w[i]) + 1
		if h >= mersenne61 {
			h -= mersenne61
		}
	}
	id := int32(len(l.words))
	l.words = append(l.words, wordType{hash: h, bytes: int32(len(w)), runes: int32(utf8.RuneCountInString(w)), low: typeUnknown})
	slot.val = id
	return id
}

// lowID returns the lower-cased word's index in lows, adding it (with its
// syllables) if new.
func (l *lexicon) lowID(lw []byte) int32 {
	s := l.low.addBytes(lw, 0)
	if s.count == 1 {
		s.val = int32(len(l.lows))
		l.lows = append(l.lows, lowWord{syllables: int32(syllablesOfLower(s.key))})
	}
	return s.val
}

// countLow counts one occurrence of lows[i] in this post.
func (l *lexicon) countLow(i int32) *lowWord {
	w := &l.lows[i]
	if w.stamp != l.epoch {
		w.stamp, w.count = l.epoch, 0
		l.distinct++
	}
	w.count++
	return w
}

// lowCount is how often the lower-cased word w occurs in this post.
func (l *lexicon) lowCount(w string) int {
	if s := l.low.lookup(w); s != nil && l.lows[s.val].stamp == l.epoch {
		return int(l.lows[s.val].count)
	}
	return 0
}
