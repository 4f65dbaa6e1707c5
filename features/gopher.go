package features

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/alphanode/postscore/features/text"
)

// Gopher is the Gopher repetition set (Rae et al. 2021, Appendix A) as
// datatrove's GopherRepetitionFilter computes it, with whitespace words
// (METRICS.md section 4). A nil field is null: no n-grams, or an empty text.
type Gopher struct {
	DupParaFrac, DupParaCharFrac, DupLineFrac, DupLineCharFrac *float64
	TopNGramCharFrac                                           [3]*float64 // n = 2, 3, 4
	DupNGramCharFrac                                           [6]*float64 // n = 5 … 10
}

// gopherScratch holds tables and slices reused between calls.
type gopherScratch struct {
	spans spanTable // paragraphs and lines
	lex   lexicon   // the words' types (their index in lex.words)
	// Per word: its type, its byte offset in the text, and its byte and
	// rune offsets in the words concatenated (len W+1).
	ids             []int32
	spaceRunes      int // the white space's length in runes
	at              []int32
	cstarts, crunes []int32
	// pre[k]: the polynomial hash of the first k words concatenated;
	// pow[k] = rollBase^k.
	pre, pow []uint64
	// The n-gram classes by position: equal words, equal class.
	cls, next  []int32
	last       []int32 // per class: its last position
	link       []int32 // per position: the one before it in its class (-1: none)
	counts     []int32 // per class: its count
	prevCounts []int32 // the counts of the (n-1)-gram classes
	best       int     // the class of the most frequent n-gram
	extKeys    []uint64
	keep       []int32 // the positions refine counts
	pairs      pairTable
	dupTab     ngramTable // the duplicate n-grams of one n (5 … 10 in turn)
	buf        []byte
	// The words the duplicate n-gram scans must look at, in order, and the
	// largest n for which each must be (markRepeatCandidates).
	cands   []int32
	upto    []int8
	candsN  [6]int  // candsN[k]: how many candidates have an upto of k+5 or more
	windows []int32 // scratch: windows' counters
	sieve   sieve
}

// The windows markRepeatCandidates compares.
const (
	prefixLen = 16
	longLen   = 32
)

// markRepeatCandidates lists the words whose duplicate n-grams (n ≥ 5,
// keyed by the words concatenated) could equal another's. If the n-grams
// at i and j are the same string S, the words concatenated (s.buf, cs)
// hold S at both word starts. When S has 16 bytes or more, the 16 bytes of
// cs from both starts are equal, so that window occurs at two word starts;
// when S is shorter, both 5-grams are shorter than 16 bytes. So a word whose
// 5-gram has 16 bytes or more and whose window occurs at no other word
// start is in no duplicate pair, for any n ≥ 5: the scans skip it, and the
// result is exact. The same holds of the 32-byte windows among the words
// left, for the n whose n-gram has 32 bytes or more: a word is scanned only
// for the n up to upto. Windows are counted in a sieve by a hash of their
// bytes: two windows that share a counter only make more candidates, never
// fewer.
//
// It lists the candidates, in order, in s.cands, and their upto in s.upto.
func (s *gopherScratch) markRepeatCandidates(W int) {
	cstarts, cs := s.cstarts[:W+1], s.buf
	// Words 0..nw-1 start a window (16 bytes of cs from their start); a
	// later word, whose 5-gram has fewer than 16 bytes, if any, is a
	// candidate.
	nw := W
	for nw > 0 && int(cstarts[nw-1])+prefixLen > len(cs) {
		nw--
	}
	// windows[i]: the counter of word i's window.
	windows := slices.Grow(s.windows[:0], W)[:W]
	s.sieve.reset(W)
	ctr := s.sieve.ctr
	countWindows(cs, cstarts[:nw], windows[:nw], s.sieve)
	m := max(0, min(nw, W-4)) // the words with a window and a 5-gram
	cands := selectCandidates(cstarts, windows[:m], ctr, s.cands[:0])
	for i := m; i < W; i++ {
		cands = append(cands, int32(i))
	}
	// The long windows are counted among the candidates only: two words
	// with equal long windows have equal short ones, so both are there.
	// Candidates 0..nl-1 start one.
	nl := len(cands)
	for nl > 0 && int(cstarts[cands[nl-1]])+longLen > len(cs) {
		nl--
	}
	s.sieve.reset(len(cands))
	ctr = s.sieve.ctr
	countLongWindows(cs, cstarts, cands[:nl], windows[:nl], s.sieve)
	upto, k := slices.Grow(s.upto[:0], len(cands))[:len(cands)], 0
	var byUpto [11]int
	for j, c := range cands {
		// u: 10, or for a long window met once, the largest n whose n-gram
		// has fewer than 32 bytes (4: none).
		i, u := int(c), int8(10)
		if j < nl && ctr[windows[j]] == 1 {
			for u = 4; u < 10 && i+int(u)+1 <= W && cstarts[i+int(u)+1]-cstarts[i] < longLen; u++ {
			}
		}
		cands[k], upto[k] = c, u
		byUpto[u]++
		if u >= 5 {
			k++
		}
	}
	s.windows, s.cands, s.upto = windows, cands[:k], upto[:k]
	for n, sum := 10, 0; n >= 5; n-- {
		sum += byUpto[n]
		s.candsN[n-5] = sum
	}
}

// countWindows sets windows[i] to the counter of the 16 bytes of cs from
// starts[i] (len(windows) = len(starts)) and counts them in v.
// The loops of markRepeatCandidates are functions of their own: inside it,
// the compiler kept their indexes and slices on the stack.
//
//go:noinline
func countWindows(cs []byte, starts, windows []int32, v sieve) {
	windows = windows[:len(starts)]
	for i, a := range starts {
		k := v.slot(windowHash((*[16]byte)(cs[a:a+prefixLen]), 0))
		windows[i] = k
		v.ctr[k] = sieveCount(v.ctr[k])
	}
}

// countLongWindows is countWindows for the 32 bytes from the starts of the
// words cands.
//
//go:noinline
func countLongWindows(cs []byte, cstarts, cands, windows []int32, v sieve) {
	windows = windows[:len(cands)]
	for j, c := range cands {
		a := int(cstarts[c])
		w := (*[32]byte)(cs[a : a+longLen])
		k := v.slot(windowHash((*[16]byte)(w[prefixLen:]), windowHash((*[16]byte)(w[:prefixLen]), 0)))
		windows[j] = k
		v.ctr[k] = sieveCount(v.ctr[k])
	}
}

// selectCandidates appends to cands the words i < len(windows) whose
// 5-gram has fewer than 16 bytes or whose window's counter is not 1.
//
//go:noinline
func selectCandidates(cstarts, windows []int32, ctr []uint8, cands []int32) []int32 {
	if len(windows) == 0 {
		return cands
	}
	cstarts = cstarts[:len(windows)+5]
	for i, k := range windows {
		if int(cstarts[i+5]-cstarts[i]) < prefixLen || ctr[k] != 1 {
			cands = append(cands, int32(i))
		}
	}
	return cands
}

// windowHash hashes the 16 bytes of w after a hash h of those before them.
// Two windows with one counter only make more candidates: a cheap hash
// whose high bits (the counter) depend on every byte will do.
func windowHash(w *[16]byte, h uint64) uint64 {
	lo := binary.LittleEndian.Uint64(w[:8])
	hi := binary.LittleEndian.Uint64(w[8:])
	return (h ^ lo*tableMul ^ hi) * 0x9e3779b97f4a7c15
}

// ComputeGopher computes the Gopher repetition set of t.
func ComputeGopher(t string) Gopher {
	var s gopherScratch
	return s.compute(t)
}

func fp(v float64) *float64 { return &v }

// dupParts splits t at runs of at least minRun '\n' (Python
// re.split(r"\n{minRun,}"), as datatrove splits paragraphs and lines) and
// returns how many parts there are, how many repeat an earlier one, and
// the latter's length in runes (datatrove find_duplicates). The parts are
// met one at a time and remembered by their offsets in t (spanTable), not
// kept as strings.
func (s *gopherScratch) dupParts(t string, minRun int) (parts, n, chars int) {
	s.spans.reset(len(t)/64 + 16)
	add := func(start, end int) {
		parts++
		if s.spans.add(t, start, end) {
			n++
			chars += utf8.RuneCountInString(t[start:end])
		}
	}
	start := 0
	for i := 0; i < len(t); {
		k := strings.IndexByte(t[i:], '\n')
		if k < 0 {
			break
		}
		i += k
		j := i
		for j < len(t) && t[j] == '\n' {
			j++
		}
		if j-i >= minRun {
			add(start, i)
			start = j
		}
		i = j
	}
	add(start, len(t))
	return parts, n, chars
}

// pyStrip is Python's str.strip(): white space (text.IsSpace) off both ends.
func pyStrip(t string) string {
	start := 0
	for start < len(t) {
		r, size := utf8.DecodeRuneInString(t[start:])
		if !text.IsSpace(r) {
			break
		}
		start += size
	}
	end := len(t)
	for end > start {
		r, size := utf8.DecodeLastRuneInString(t[start:end])
		if !text.IsSpace(r) {
			break
		}
		end -= size
	}
	return t[start:end]
}

// trim lets go of scratch space grown by a huge post, so that one such post
// does not hold its size for the rest of the run (the lexicon stays).
func (s *gopherScratch) trim() {
	lex := s.lex
	*s = gopherScratch{lex: lex}
}

// compute computes the Gopher set of t.
func (s *gopherScratch) compute(t string) Gopher {
	s.lex.startPost()
	return s.computeTokenized(t, s.tokenize(t))
}

// computeTokenized is compute for a t that s.tokenize has just split into
// W words.
func (s *gopherScratch) computeTokenized(t string, W int) Gopher {
	var g Gopher
	L := int(s.crunes[W]) + s.spaceRunes // utf8.RuneCountInString(t)
	if L == 0 {
		return g
	}
	fL := float64(L)

	parts, n, chars := s.dupParts(pyStrip(t), 2)
	g.DupParaFrac, g.DupParaCharFrac = fp(float64(n)/float64(parts)), fp(float64(chars)/fL)

	parts, n, chars = s.dupParts(t, 1)
	g.DupLineFrac, g.DupLineCharFrac = fp(float64(n)/float64(parts)), fp(float64(chars)/fL)
	// The words concatenated, read in place: s.buf does not change until the
	// next post, and cs does not outlive this call.
	cs := unsafe.String(unsafe.SliceData(s.buf), len(s.buf))

	s.topNGrams(&g, W, fL)

	// Duplicate n-grams, keyed by the words concatenated with no separator
	// (so "ab c" and "a bc" are one key): counted in an ngramTable a n by the
	// polynomial hash of their span of the concatenation, checked byte for
	// byte.
	s.markRepeatCandidates(W)
	// One pass over the candidates for each n, with one table, emptied
	// between them (six tables at once cost six times the memory on a
	// post whose every word is a candidate), and a next (the first word not
	// jumped over). A word that is no candidate for n (not listed, or listed
	// with an upto under n): its n-gram occurs nowhere else, never seen,
	// and no later n-gram can be it, so it need not be remembered.
	for k := range 6 {
		n := k + 5
		s.dupTab.reset(min(W-n+1, s.candsN[k]), W) // only candidates for n are kept
		g.DupNGramCharFrac[k] = fp(float64(s.dupScan(cs, W, n)) / fL)
	}
	return g
}

// dupScan is computeTokenized's pass over the candidates (s.cands, s.upto)
// for n, into s.dupTab: the runes of the repeated n-grams. It is a function
// of its own so that the loop's slices and indexes stay in registers.
//
//go:noinline
func (s *gopherScratch) dupScan(cs string, W, n int) (repeated int) {
	cands, upto := s.cands, s.upto[:len(s.cands)]
	cstarts, crunes, pre, pow := s.cstarts[:W+1], s.crunes[:W+1], s.pre[:W+1], s.pow
	tab := &s.dupTab
	next := 0
	for x, c := range cands {
		i := int(c)
		if i < next || int(upto[x]) < n || i+n > W {
			continue
		}
		if tab.add(spanHash(pre, pow, cstarts, i, i+n), i, cs, cstarts, n) {
			repeated += int(crunes[i+n] - crunes[i])
			next = i + n
		}
	}
	return repeated
}

// countClasses is refine's count of every position i < len(cls): the
// n-gram there is keyed by its (n-1)-gram's class cls[i] and its last word
// ids[i]; next[i] is its class (numbered from 1 in order of first
// occurrence, in pairs) and link[i] the class's position before it (-1:
// none); counts and last (with room for a class a position) get each
// class's count and last position. It returns the number of classes, class
// 0 (the pruned positions') included. The loops are functions of their
// own, with few live values: the compiler keeps them in registers.
//
//go:noinline
func countClasses(pairs *pairTable, cls, ids, next, link, counts, last []int32) int32 {
	ids, next, link = ids[:len(cls)], next[:len(cls)], link[:len(cls)]
	classes := int32(1)
	for i := range cls {
		c, isNew := pairs.add(uint64(uint32(cls[i]))<<32|uint64(uint32(ids[i])), classes)
		if isNew {
			counts[c], last[c] = 0, -1
			classes++
		}
		counts[c]++
		next[i], link[i], last[c] = c, last[c], int32(i)
	}
	return classes
}

// countKept is countClasses for the positions keep only (cls, ids, next and
// link indexed by position).
//
//go:noinline
func countKept(pairs *pairTable, keep, cls, ids, next, link, counts, last []int32) int32 {
	classes := int32(1)
	for _, i := range keep {
		c, isNew := pairs.add(uint64(uint32(cls[i]))<<32|uint64(uint32(ids[i])), classes)
		if isNew {
			counts[c], last[c] = 0, -1
			classes++
		}
		counts[c]++
		next[i], link[i], last[c] = c, last[c], i
	}
	return classes
}

// tokenize (after lex.startPost) splits t into words as Python's t.split() does, gives each word
// its type (its index in the lexicon), fills the offsets and prefix hashes of the words concatenated
// (into s.buf), and returns the number of words.
//
// It is kept out of its callers (Measure is large): inside them, the
// calls in its loop were not inlined.
//
//go:noinline
func (s *gopherScratch) tokenize(t string) int {
	// The words' arrays are filled through locals, by index, and put back
	// at the end: a word is one test for room, not four appends.
	var w tokens
	w.init(s, len(t)/4+2)
	w.pow = s.growPow(max(maxShort, s.lex.maxBytes))
	s.buf = slices.Grow(s.buf[:0], len(t)+16) // room for the 16-byte stores of a short word
	buf := s.buf[:cap(s.buf)]
	b := 0 // the concatenation's length
	lex := &s.lex
	spaces := 0
	// t's bytes, only read: a []byte gives 16 of them as an array in one
	// bounds check.
	tb := unsafe.Slice(unsafe.StringData(t), len(t))
	for i := 0; i < len(t); {
		// Skip white space, then take the word up to the next.
		c := t[i]
		if c < utf8.RuneSelf {
			if text.IsASCIISpace(c) {
				i++
				spaces++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(t[i:]); text.IsSpace(r) {
			i += size
			spaces++
			continue
		}
		if w.k+1 >= len(w.cstarts) {
			w.grow(i, len(t))
		}
		start := i
		if i+16 <= len(t) {
			// Most words: up to maxShort bytes of ASCII before an ASCII
			// space, found in two loads and keyed by them.
			w16 := (*[16]byte)(tb[i : i+16])
			lo := binary.LittleEndian.Uint64(w16[:8])
			hi := binary.LittleEndian.Uint64(w16[8:])
			j := 0
			if m := stopBytes(lo); m != 0 {
				j = bits.TrailingZeros64(m) >> 3
				lo &= 1<<(8*j&63) - 1
				hi = 0
			} else if m := stopBytes(hi); m != 0 {
				j = 8 + bits.TrailingZeros64(m)>>3
				hi &= 1<<(8*(j-8)&63) - 1
			}
			// j ≤ 15 = maxShort. The byte that stopped the word is an ASCII space when below 0x21 and in asciiSpaces.
			if c := w16[j&15]; j > 0 && c <= ' ' && asciiSpaces>>(c&63)&1 != 0 {
				// An ASCII word: as many runes as bytes.
				id, h := lex.shortID(lo, hi|uint64(j)<<56, t[i:i+j])
				w.addWord(id, i, int32(j), int32(j), h)
				// The word's bytes, in two 8-byte stores (zero past its end).
				d := (*[16]byte)(buf[b : b+16])
				binary.LittleEndian.PutUint64(d[:8], lo)
				binary.LittleEndian.PutUint64(d[8:], hi)
				b += j
				i += j + 1 // and the ASCII space after it
				spaces++
				continue
			}
		}
		for i < len(t) {
			c := t[i]
			if c < utf8.RuneSelf {
				if text.IsASCIISpace(c) {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(t[i:])
			if text.IsSpace(r) {
				break
			}
			i += size
		}
		id := lex.id(t[start:i])
		wt := &lex.words[id]
		if n := int(wt.bytes); n >= len(w.pow) {
			w.pow = s.growPow(n) // to powTableLen at most: powAt works out longer ones
		}
		w.addWord(id, start, wt.bytes, wt.runes, wt.hash)
		b += copy(buf[b:], t[start:i])
	}
	W := w.k
	s.ids, s.at, s.cstarts, s.crunes, s.pre, s.buf = w.ids[:W], w.at[:W], w.cstarts[:W+1], w.crunes[:W+1], w.pre[:W+1], buf[:b]
	s.spaceRunes = spaces
	// pow up to the longest span hashed (spanHash): ten words, which are no
	// longer than ten of the lexicon's longest word or than the words
	// concatenated.
	s.growPow(min(int(s.cstarts[W]), 10*s.lex.maxBytes))
	return W
}

// asciiSpaces has bit c set for each ASCII white-space byte c
// (text.IsASCIISpace; all are below 0x21): the tokenizer's test of the byte
// that stops a short word.
const asciiSpaces = 1<<' ' | 1<<'\t' | 1<<'\n' | 1<<'\v' | 1<<'\f' | 1<<'\r' | 1<<0x1c | 1<<0x1d | 1<<0x1e | 1<<0x1f

// powTableLen bounds gopherScratch.pow: rollBase^n for a longer span (a
// word or ten of them over 16 KiB) is worked out by powAt, not kept, as a
// table to the longest span was 8 bytes a byte of a post that is one word.
const powTableLen = 1 << 14

// growPow extends pow (kept between calls) to pow[n] at least, or to
// powTableLen entries, and returns it.
func (s *gopherScratch) growPow(n int) []uint64 {
	if len(s.pow) == 0 {
		s.pow = append(s.pow, 1)
	}
	for len(s.pow) <= min(n, powTableLen-1) {
		s.pow = append(s.pow, mulMod61(s.pow[len(s.pow)-1], rollBase))
	}
	return s.pow
}

// powAt is rollBase^n mod 2^61-1: pow[n] (pow is gopherScratch.pow), or
// by squaring past it.
func powAt(pow []uint64, n int) uint64 {
	if uint(n) < uint(len(pow)) {
		return pow[n]
	}
	r, b := uint64(1), uint64(rollBase)
	for ; n > 0; n >>= 1 {
		if n&1 != 0 {
			r = mulMod61(r, b)
		}
		b = mulMod61(b, b)
	}
	return r
}

// tokens is tokenize's words as they are found: k of them, with their
// types, byte offsets in the text, ends in the concatenation (in bytes and
// runes) and the prefix hashes of the concatenation; each array has room
// for len(ids) words. pow is gopherScratch.pow, to the longest word at
// least.
type tokens struct {
	k               int
	ids, at         []int32
	cstarts, crunes []int32
	pre, pow        []uint64
	// The words so far concatenated: their bytes, runes and hash
	// (cstarts[k], crunes[k] and pre[k], kept out of the arrays).
	bytes, runes int32
	hash         uint64
}

// init takes s's arrays, with room for at least n words.
func (w *tokens) init(s *gopherScratch, n int) {
	w.ids, w.at = slices.Grow(s.ids[:0], n), slices.Grow(s.at[:0], n)
	w.cstarts, w.crunes = slices.Grow(s.cstarts[:0], n+1), slices.Grow(s.crunes[:0], n+1)
	w.pre = slices.Grow(s.pre[:0], n+1)
	w.fit()
	w.cstarts[0], w.crunes[0], w.pre[0] = 0, 0, 0
}

// fit makes every array as long as the room they all have.
func (w *tokens) fit() {
	n := min(cap(w.ids), cap(w.at), cap(w.cstarts)-1, cap(w.crunes)-1, cap(w.pre)-1)
	w.ids, w.at, w.cstarts, w.crunes, w.pre = w.ids[:n], w.at[:n], w.cstarts[:n+1], w.crunes[:n+1], w.pre[:n+1]
}

// grow makes room for the words of a text of total bytes, done of which
// have given len(w.ids) words: as many again as that rate predicts for the
// rest, and an eighth more (tripling, as slices.Grow(s, 2*len(s)) does,
// left a text of one-letter words with three times the room it needed).
func (w *tokens) grow(done, total int) {
	rest := int(int64(len(w.ids)) * int64(total-done) / int64(max(done, 1)))
	n := max(rest+rest/8, len(w.ids)/8, 16)
	w.ids, w.at = slices.Grow(w.ids, n), slices.Grow(w.at, n)
	w.cstarts, w.crunes = slices.Grow(w.cstarts, n), slices.Grow(w.crunes, n)
	w.pre = slices.Grow(w.pre, n)
	w.fit()
}

// addWord appends the next word, of type id, which starts at byte at of
// the text and has the type's lengths and hash; there is room for it.
func (w *tokens) addWord(id int32, at int, bytes, runes int32, hash uint64) {
	k := w.k
	w.ids[k], w.at[k] = id, int32(at)
	w.bytes += bytes
	w.runes += runes
	w.cstarts[k+1], w.crunes[k+1] = w.bytes, w.runes
	// The hash of a concatenation uv is hash(u)·B^len(v) + hash(v).
	h := mulMod61(w.hash, powAt(w.pow, int(bytes))) + hash
	if h >= mersenne61 {
		h -= mersenne61
	}
	w.pre[k+1], w.hash = h, h
	w.k = k + 1
}

// stopBytes flags (0x80) the bytes of x, eight of a string loaded
// little-endian, below 0x21 or above 0x7f: the lowest flag is exact (a
// borrow only spoils the bytes above it).
func stopBytes(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return ((x-0x21*ones)&^x | x) & highs
}

// spanHash is the hash of words a..b-1 concatenated (pre, pow and cstarts
// are gopherScratch's): their polynomial hash
// mod 2^61-1, whose values are spread evenly enough to index a table by
// multiply-shift and to tag its slots (a mixing step would be a bijection:
// it would separate no colliding strings).
func spanHash(pre, pow []uint64, cstarts []int32, a, b int) uint64 {
	h := pre[b] + mersenne61 - mulMod61(pre[a], powAt(pow, int(cstarts[b]-cstarts[a])))
	if h >= mersenne61 {
		h -= mersenne61
	}
	return h
}

// topNGrams sets g's top 2-, 3- and 4-gram fractions. N-grams are keyed by
// the words joined with one space: equal keys are equal word sequences, so
// classes of n-grams are refined from those of (n-1)-grams and the next
// word, with exact integer keys. Classes are numbered in order of first
// occurrence, so the first class of the highest count is
// Counter.most_common(1)'s.
//
// Only the 2-grams are counted at every position. An n-gram occurs at most
// as often as either (n-1)-gram in it, so a position where one of those
// occurs fewer than t times holds an n-gram of count under t; when t is at
// most the count of some n-gram (found among the extensions of the best
// (n-1)-gram), the best n-grams and every n-gram that ties them lie among
// the other positions, which keep their exact counts and order.
func (s *gopherScratch) topNGrams(g *Gopher, W int, fL float64) {
	s.cls = append(s.cls[:0], s.ids...)
	s.counts = s.counts[:0]
	t := int32(0)   // no pruning for the 2-grams
	pruned := false // whether the last refine counted only s.keep
	for k, n := range [3]int{2, 3, 4} {
		if W < n {
			break
		}
		if n > 2 {
			// A lower bound on the best 4-gram's count (at most the best
			// 3-gram's): the most frequent extension of the best class.
			t = max(t, s.bestExtension(W, 5-n))
		}
		pruned = s.refine(W, n, t, pruned)
		best := 1
		for c, cnt := range s.counts {
			if cnt > s.counts[best] {
				best = c
			}
		}
		s.best = best
		// The class's n-grams are equal words: any one has its length.
		at := int(s.last[best])
		ell := int(s.crunes[at+n]-s.crunes[at]) + n - 1
		g.TopNGramCharFrac[k] = fp(float64(ell) * float64(s.counts[best]) / fL)
	}
}

// bestExtension returns the count of the most frequent 4-gram that starts
// with the best class of s.cls (s.best), whose n-grams are 4-ext words long.
func (s *gopherScratch) bestExtension(W, ext int) int32 {
	n := 4 - ext
	// One key a position of the class: grown once, not by appends.
	keys := slices.Grow(s.extKeys[:0], int(s.counts[s.best]))
	// The class's positions, last first.
	for i := int(s.last[s.best]); i >= 0; i = int(s.link[i]) {
		if i >= W-3 {
			continue
		}
		key := uint64(uint32(s.ids[i+n]))
		if ext == 2 {
			key = key<<32 | uint64(uint32(s.ids[i+n+1]))
		}
		keys = append(keys, key)
	}
	s.extKeys = keys
	slices.Sort(keys)
	most, run := int32(0), int32(0)
	for i := range keys {
		if i > 0 && keys[i] == keys[i-1] {
			run++
		} else {
			run = 1
		}
		most = max(most, run)
	}
	return most
}

// refine turns s.cls, the classes of the (n-1)-grams, into those of the
// n-grams (W-n+1 of them), with their counts and last positions, each
// counted position linked to the one before it in its class. Class 0
// is the pruned positions' (count 0); with t > 1, positions where either
// (n-1)-gram occurs fewer than t times are pruned. pruned says the
// (n-1)-grams were (s.keep lists the positions kept); refine reports
// whether the n-grams are.
func (s *gopherScratch) refine(W, n int, t int32, pruned bool) bool {
	m := W - n + 1
	s.next = slices.Grow(s.next[:0], m)[:m]
	prev := s.counts
	s.link = slices.Grow(s.link[:0], m)[:m]
	// The positions counted: every one, or (t > 1) the kept ones listed,
	// without a branch on each, in keep.
	count, keep := m, []int32(nil)
	switch {
	case t > 1 && pruned:
		// The (n-1)-grams were pruned at a threshold of at most t: a
		// position they dropped holds an (n-1)-gram of count under t, so
		// only the positions they kept can be kept now.
		keep = s.keep
		cls, next := s.cls[:m+1], s.next[:m]
		clear(next)
		k := 0
		for _, i := range keep {
			if int(i) >= m {
				break
			}
			if min(prev[cls[i]], prev[cls[i+1]]) >= t {
				keep[k] = i
				k++
			}
		}
		count, keep = k, keep[:k]
		s.keep = keep
	case t > 1:
		keep = slices.Grow(s.keep[:0], m)[:m]
		cls := s.cls[:m+1]
		clear(s.next[:m])
		k, cur := 0, prev[cls[0]]
		for i := range m {
			keep[k] = int32(i)
			after := prev[cls[i+1]] // the (n-1)-gram at i+1: next time's cur
			if min(cur, after) >= t {
				k++
			}
			cur = after
		}
		count, keep = k, keep[:k]
		s.keep = keep
	}
	s.pairs.reset(count)
	// Room for class 0 and every position in a class of its own, so that a
	// new class is two stores, not two appends.
	counts := slices.Grow(s.prevCounts[:0], count+1)[:count+1]
	last := slices.Grow(s.last[:0], count+1)[:count+1]
	counts[0], last[0] = 0, -1
	var classes int32
	if keep == nil {
		classes = countClasses(&s.pairs, s.cls[:m], s.ids[n-1:n-1+m], s.next[:m], s.link[:m], counts, last)
	} else {
		classes = countKept(&s.pairs, keep, s.cls, s.ids[n-1:], s.next, s.link, counts, last)
	}
	s.counts, s.last = counts[:classes], last[:classes]
	s.prevCounts = prev
	s.cls, s.next = s.next, s.cls
	return keep != nil
}
