package repetition

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"

	"github.com/alphanode/postscore/features/text"
)

// lexicon remembers, for one Analyzer and across posts, what each distinct
// white-space word (a type) counts for, so that a word is worked out once,
// not once a post: its lengths and hash (the n-grams), its METRICS.md word,
// characters and letters (the counts), and its token in a normalised
// sentence (the sentence keys). Lower-cased words are counted per post by
// stamping them with the post's epoch. Results do not depend on what it
// holds: it is a cache, emptied between posts when it outgrows lexiconMax
// entries. Kept between posts, it makes a post's analysis about six times
// faster than afresh (BenchmarkLexicon).
type lexicon struct {
	short shortTable // a type of at most maxShort bytes → its id
	long  subTable   // a longer type → its id (the slot's val)
	types []wordType // by id

	lowerIDs subTable    // a lower-cased METRICS.md word → its index in lower
	lower    []lowerWord // by that index

	tokenIDs subTable // a sentence token (a lower-cased type) → its index in tokens
	tokens   []string // by that index

	stopWords [len(text.Languages)][]int32 // each language's stop words, in lower
	epoch     uint32                       // the post's number, stamped on the lower words it holds
	distinct  int                          // lower words met in this post
	maxBytes  int                          // the length of the longest type

	wordBuf, lowerBuf []byte                    // workOut's scratch
	tagOf             func(token string) uint32 // Analyzer.Tag
}

// lexiconMax bounds the lexicon's entries: types, lower-cased words and
// sentence tokens together (about 160 bytes an entry with their tables: 20
// MB a worker when full).
const lexiconMax = 1 << 17

// wordType is what a white-space word counts for.
type wordType struct {
	hash           uint64 // polynomial hash of its bytes, mod 2^61−1
	bytes, runes   int32
	chars, letters int32 // its text.Tally (it is one white-space token)
	// lower is its METRICS.md word (it holds at most one, as words split
	// only at white space), lower-cased, in lexicon.lower; noWord: none;
	// notWorkedOut until workOut.
	lower int32
	// As a token of a normalised sentence (sentenceToken): its number in
	// lexicon.tokens, that of it without its trailing . ! ? (noWord:
	// nothing is left) with its length in runes, and its sentence flags.
	token, tokenStripped, strippedRunes int32
	flags                               uint8
	tag                                 uint32 // Analyzer.Tag's number for it
}

const (
	noWord       = -1
	notWorkedOut = -2
)

// A type's sentence flags.
const (
	hasWordChar   = 1 << iota // holds a word character: a text.CountWords word
	endsSentence              // ends with . ! ?, which end a fragment there
	needsBytePath             // . ! ? before its end, or a word character after a first character that is not one: only the byte path cuts its fragments right
)

// lowerWord is a lower-cased METRICS.md word.
type lowerWord struct {
	syllables int32
	count     int32  // occurrences in the post of epoch stamp
	stamp     uint32 // the epoch of its last post
}

// startPost begins a post: counts restart, and a full lexicon is emptied.
func (l *lexicon) startPost() {
	l.epoch++
	if len(l.types)+len(l.lower)+len(l.tokens) > lexiconMax || l.epoch == 0 || len(l.long.slots) == 0 {
		// Start afresh, arrays included: a huge post may have grown them
		// far past lexiconMax.
		*l = lexicon{epoch: 1}
		l.short.reset(1024)
		l.long.reset(1024)
		l.tokenIDs.reset(1024)
		l.lowerIDs.reset(1024)
		for k, lang := range text.Languages {
			for _, w := range lang.Words {
				l.stopWords[k] = append(l.stopWords[k], l.lowerID([]byte(w)))
			}
		}
	}
	l.distinct = 0
}

// id returns w's type id, adding the type if new.
func (l *lexicon) id(w string) int32 {
	if len(w) <= maxShort {
		var b [16]byte
		copy(b[:], w)
		lo, hi := binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])
		id, _ := l.shortID(lo, hi|uint64(len(w))<<56, w)
		return id
	}
	slot, isNew := l.long.entry(w, true)
	if isNew {
		slot.val = l.newType(w)
	}
	return slot.val
}

// shortID returns the id and hash of w, of at most maxShort bytes, whose
// bytes are lo and hi (little-endian, zero past its end) and whose length
// is in hi's top byte; it adds the type if new.
func (l *lexicon) shortID(lo, hi uint64, w string) (int32, uint64) {
	s := l.short.find(lo, hi)
	if s.hi == 0 {
		s.lo, s.hi, s.id = lo, hi, l.newType(w)
		s.hash = l.types[s.id].hash
		l.short.added() // may move the slots: s is read from where it was
	}
	return s.id, s.hash
}

// newType appends w's type to types and returns its id.
func (l *lexicon) newType(w string) int32 {
	var h uint64
	for i := 0; i < len(w); i++ {
		h = mulMod61(h, rollBase) + uint64(w[i]) + 1
		if h >= mersenne61 {
			h -= mersenne61
		}
	}
	l.maxBytes = max(l.maxBytes, len(w))
	l.types = append(l.types, wordType{hash: h, bytes: int32(len(w)), runes: int32(utf8.RuneCountInString(w)), lower: notWorkedOut, token: notWorkedOut})
	return int32(len(l.types) - 1)
}

// workOut fills in what the type wt of white-space word w counts for: its
// METRICS.md word, characters and letters, and its sentence token.
func (l *lexicon) workOut(w string, wt *wordType) {
	var tally text.Tally
	wt.lower = noWord
	l.wordBuf = text.ForEachWordTally(w, l.wordBuf, func(word []byte) {
		l.lowerBuf = text.Lower(l.lowerBuf, word)
		wt.lower = l.lowerID(l.lowerBuf)
	}, &tally)
	wt.chars, wt.letters = int32(tally.Chars), int32(tally.Letters)
	if l.tagOf != nil {
		wt.tag = l.tagOf(w)
	}
	l.sentenceToken(wt, w)
}

// lowerID returns the lower-cased word's index in lower, adding it (with
// its syllables) if new.
func (l *lexicon) lowerID(lw []byte) int32 {
	s := l.lowerIDs.addBytes(lw, 0)
	if s.count == 1 {
		s.val = int32(len(l.lower))
		l.lower = append(l.lower, lowerWord{syllables: int32(text.Syllables(s.key))})
	}
	return s.val
}

// countLower counts one occurrence of lower[i] in this post.
func (l *lexicon) countLower(i int32) *lowerWord {
	w := &l.lower[i]
	if w.stamp != l.epoch {
		w.stamp, w.count = l.epoch, 0
		l.distinct++
	}
	w.count++
	return w
}

// stopWordHits counts, for each language, the occurrences in this post of
// its stop words, which the lexicon holds from its start.
func (l *lexicon) stopWordHits() text.StopWordHits {
	var hits text.StopWordHits
	for k, ids := range l.stopWords {
		for _, id := range ids {
			if w := &l.lower[id]; w.stamp == l.epoch {
				hits[k] += int(w.count)
			}
		}
	}
	return hits
}

// tokenID returns the number of the sentence token t, adding it if new.
func (l *lexicon) tokenID(t []byte) int32 {
	s := l.tokenIDs.addBytes(t, 0)
	if s.count == 1 {
		s.val = int32(len(l.tokens))
		l.tokens = append(l.tokens, s.key)
	}
	return s.val
}

// sentenceToken works out what w, of type wt, is in a normalised sentence:
// normalizeSentence's lower-casing, word test and trailing trim on w alone.
func (l *lexicon) sentenceToken(wt *wordType, w string) {
	buf, words, _ := normalizeSentence(l.lowerBuf[:0], w)
	// normalizeSentence trimmed the trailing . ! ?: they are put back for
	// the token.
	n := len(buf)
	run := len(w) - len(strings.TrimRight(w, ".!?"))
	buf = append(buf, w[len(w)-run:]...)
	wt.token, wt.tokenStripped, wt.strippedRunes, wt.flags = l.tokenID(buf), noWord, wt.runes-int32(run), 0
	if n > 0 && run > 0 {
		wt.tokenStripped = l.tokenID(buf[:n])
	}
	if words > 0 {
		wt.flags |= hasWordChar
	}
	if run > 0 {
		wt.flags |= endsSentence
	}
	first, _ := utf8.DecodeRuneInString(w)
	if strings.ContainsAny(w[:len(w)-run], ".!?") || words > 0 && !text.IsWordRune(first) {
		wt.flags |= needsBytePath
	}
	l.lowerBuf = buf
}

// maxShort is the longest type the short table holds: its bytes and its
// length fit in 16 bytes.
const maxShort = 15

// shortTable is an open-addressing table of types of at most maxShort
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
	hash   uint64 // types[id].hash, beside the key: the tokenizer reads no wordType
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
