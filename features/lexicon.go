package features

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"

	"github.com/alphanode/postscore/features/text"
)

// lexicon remembers, for one worker and across posts, what each distinct
// white-space word counts for, so that a word is worked out once, not once
// a post: its lengths and concatenation hash (the Gopher n-grams), and its
// METRICS.md word, characters and letters (the counts). Lower-cased words
// are counted per post by stamping them with the post's epoch. Results do
// not depend on what it holds: it is a cache, emptied between posts when it
// outgrows lexiconMax entries.
type lexicon struct {
	short shortTable // word of at most maxShort bytes -> index in words
	tab   subTable   // longer word -> index in words
	words []wordType
	low   subTable // lower-cased METRICS.md word -> index in lows
	lows  []lowWord
	// Lower-cased white-space words (the tokens of a normalised sentence),
	// numbered: a sentence is keyed by its tokens' numbers.
	ltab  subTable
	ltoks []string
	// The stop words of each language profile, in lows.
	stopIDs [len(text.Languages)][]int32
	epoch   uint32
	// distinct is the number of lower-cased words seen in this post.
	distinct int
	// maxBytes is the length of the longest word in words.
	maxBytes int
}

// lexiconMax bounds the lexicon's entries: words, lower-cased words and
// lower-cased tokens together (about 160 bytes an entry with their tables:
// 20 MB a worker when full).
const lexiconMax = 1 << 17

// wordType is what a white-space word counts for.
type wordType struct {
	hash           uint64 // polynomial hash of its bytes, mod 2^61−1
	bytes, runes   int32
	chars, letters int32 // non-space characters and letters (text.Tally)
	low            int32 // its METRICS.md word in lows; -1: none; typeUnknown: not worked out yet
	// In a normalised sentence (sentenceToken): the lower-cased word's
	// number in ltoks, and that of it without its trailing . ! ? (-1:
	// nothing left), with its length in runes; tok flags. ltok is
	// typeUnknown until worked out.
	ltok, ltokStrip, stripRunes int32
	tok                         uint8
}

// A word's tok flags.
const (
	tokWord    = 1 << iota // holds a word character: a CountWords word
	tokEndRun              // ends with . ! ?, which end the fragment there
	tokAwkward             // only the byte path reads it right: . ! ? before its end, or a word character after a first character that is not one
)

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
	if len(l.words)+len(l.lows)+len(l.ltoks) > lexiconMax || l.epoch == 0 || len(l.tab.slots) == 0 {
		// Start afresh, arrays included: a huge post may have grown them
		// far past lexiconMax.
		*l = lexicon{epoch: 1}
		l.short.reset(1024)
		l.tab.reset(1024)
		l.ltab.reset(1024)
		l.low.reset(1024)
		for k, p := range text.Languages {
			for _, w := range p.Words {
				l.stopIDs[k] = append(l.stopIDs[k], l.lowID([]byte(w)))
			}
		}
	}
	l.distinct = 0
}

// id returns w's index in words, adding it if new.
func (l *lexicon) id(w string) int32 {
	if len(w) <= maxShort {
		var b [16]byte
		copy(b[:], w)
		lo, hi := binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])
		id, _ := l.shortID(lo, hi|uint64(len(w))<<56, w)
		return id
	}
	slot, isNew := l.tab.entry(w, true)
	if isNew {
		slot.val = l.newWord(w)
	}
	return slot.val
}

// shortID returns the index in words of w, of at most maxShort bytes, whose
// bytes are lo and hi (little-endian, zero past its end) and whose length
// is in hi's top byte, and its hash (wordType.hash); it adds w if new.
func (l *lexicon) shortID(lo, hi uint64, w string) (int32, uint64) {
	s := l.short.find(lo, hi)
	if s.hi == 0 {
		s.lo, s.hi, s.id = lo, hi, l.newWord(w)
		s.hash = l.words[s.id].hash
		l.short.added() // may move the slots: s is read from where it was
	}
	return s.id, s.hash
}

// newWord appends w's type to words and returns its index.
func (l *lexicon) newWord(w string) int32 {
	var h uint64
	for i := 0; i < len(w); i++ {
		h = mulMod61(h, rollBase) + uint64(w[i]) + 1
		if h >= mersenne61 {
			h -= mersenne61
		}
	}
	l.maxBytes = max(l.maxBytes, len(w))
	l.words = append(l.words, wordType{hash: h, bytes: int32(len(w)), runes: int32(utf8.RuneCountInString(w)), low: typeUnknown, ltok: typeUnknown})
	return int32(len(l.words) - 1)
}

// maxShort is the longest word the short table holds: its bytes and its
// length fit in 16 bytes.
const maxShort = 15

// shortTable is an open-addressing table of words of at most maxShort
// bytes keyed by their bytes themselves: finding one hashes two integers
// and compares two, with no call.
type shortTable struct {
	slots []shortSlot
	shift uint
	mask  uint64
	used  int
}

type shortSlot struct {
	lo, hi uint64 // the key; hi (which holds the length) is 0 in an empty slot
	hash   uint64 // words[id].hash, beside the key: tokenize reads no wordType
	id     int32
}

func (t *shortTable) reset(n int) {
	t.slots, t.shift, t.mask = resetSlots(t.slots, n)
	t.used = 0
}

// find returns the slot of key lo, hi: its own, or the empty one where it
// belongs.
func (t *shortTable) find(lo, hi uint64) *shortSlot {
	h := (lo ^ hi*0x9e3779b97f4a7c15) * tableMul
	for i := slotOf(h, t.shift); ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.lo == lo && s.hi == hi || s.hi == 0 {
			return s
		}
	}
}

// added records a key put in an empty slot, growing the table past a load
// of one half.
func (t *shortTable) added() {
	t.used++
	if 2*t.used <= len(t.slots) {
		return
	}
	old := t.slots
	t.slots, t.shift, t.mask = resetSlots[shortSlot](nil, t.used)
	for _, s := range old {
		if s.hi != 0 {
			*t.find(s.lo, s.hi) = s
		}
	}
}

// lowID returns the lower-cased word's index in lows, adding it (with its
// syllables) if new.
func (l *lexicon) lowID(lw []byte) int32 {
	s := l.low.addBytes(lw, 0)
	if s.count == 1 {
		s.val = int32(len(l.lows))
		l.lows = append(l.lows, lowWord{syllables: int32(text.Syllables(s.key))})
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

// stopWordHits counts, for each language profile, the occurrences in this
// post of its stop words, which the lexicon holds from its start (stopIDs).
func (l *lexicon) stopWordHits() *text.StopWordHits {
	var hits text.StopWordHits
	for k, ids := range l.stopIDs {
		for _, id := range ids {
			if w := &l.lows[id]; w.stamp == l.epoch {
				hits[k] += int(w.count)
			}
		}
	}
	return &hits
}

// ltokID returns the number of the lower-cased token lt, adding it if new.
func (l *lexicon) ltokID(lt []byte) int32 {
	s := l.ltab.addBytes(lt, 0)
	if s.count == 1 {
		s.val = int32(len(l.ltoks))
		l.ltoks = append(l.ltoks, s.key)
	}
	return s.val
}

// sentenceToken works out what w, of type wt, is in a normalised sentence
// (normalizeSentence's lower-casing, word test and trailing trim on w
// alone); buf is scratch space, returned.
func (l *lexicon) sentenceToken(wt *wordType, w string, buf []byte) []byte {
	buf, words, _ := normalizeSentence(buf[:0], w)
	// normalizeSentence trimmed the trailing . ! ?: put them back for ltok.
	n := len(buf)
	run := len(w) - len(strings.TrimRight(w, ".!?"))
	buf = append(buf, w[len(w)-run:]...)
	wt.ltok, wt.ltokStrip, wt.stripRunes, wt.tok = l.ltokID(buf), -1, wt.runes-int32(run), 0
	if n > 0 && run > 0 {
		wt.ltokStrip = l.ltokID(buf[:n])
	}
	if words > 0 {
		wt.tok |= tokWord
	}
	if run > 0 {
		wt.tok |= tokEndRun
	}
	first, _ := utf8.DecodeRuneInString(w)
	if strings.ContainsAny(w[:len(w)-run], ".!?") || words > 0 && !text.IsWordRune(first) {
		wt.tok |= tokAwkward
	}
	return buf
}
