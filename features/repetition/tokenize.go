package repetition

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"unicode/utf8"
	"unsafe"

	"github.com/alphanode/postscore/features/text"
)

// words is a text split into white-space words as Python's t.split()
// does, laid out as the package comment shows on "the cat sat on the mat".
type words struct {
	types      []int32  // each word's type: its id in the lexicon
	at         []int32  // each word's byte offset in the text
	catStarts  []int32  // where each word starts in cat; then cat's length (n+1 entries)
	catRunes   []int32  // the same in runes (n+1 entries)
	prefixHash []uint64 // prefixHash[k]: the hash of cat[:catStarts[k]] (n+1 entries)
	pow        []uint64 // rollBase^k, to the longest span hashed (kept between posts)
	cat        []byte   // the words concatenated, with no separator
	spaceRunes int      // the white space between them, in runes
}

// count is the number of words.
func (w *words) count() int { return len(w.types) }

// asciiSpaces has bit c set for each ASCII white-space byte c
// (text.IsASCIISpace; all are below 0x21): split's test of the byte that
// stops a short word.
const asciiSpaces = 1<<' ' | 1<<'\t' | 1<<'\n' | 1<<'\v' | 1<<'\f' | 1<<'\r' | 1<<0x1c | 1<<0x1d | 1<<0x1e | 1<<0x1f

// split splits t into words, giving each its type in lex (after
// lex.startPost), and fills in their offsets, the concatenation and its
// prefix hashes.
//
// Most words are up to maxShort bytes of ASCII before an ASCII space:
// split reads 16 bytes at once, finds such a word's end in them with
// stopBytes, and looks its type up by those bytes in the lexicon's
// shortTable: about twice as fast as the byte-at-a-time loop
// (BenchmarkSplit), which the other words take.
func (w *words) split(t string, lex *lexicon) {
	b := newWordsBuilder(w, len(t)/4+2)
	b.pow = growPow(w.pow, max(maxShort, lex.maxBytes))
	cat := slices.Grow(w.cat[:0], len(t)+16)[:len(t)+16] // room for a short word's two 8-byte stores
	catLen := 0
	// t's bytes, only read: as a []byte, 16 of them are an array in one
	// bounds check.
	tb := unsafe.Slice(unsafe.StringData(t), len(t))
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			if text.IsASCIISpace(c) {
				i++
				b.spaces++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(t[i:]); text.IsSpace(r) {
			i += size
			b.spaces++
			continue
		}
		if b.full() {
			b.grow(i, len(t))
		}
		if i+16 <= len(t) {
			if n, lo, hi := shortWord((*[16]byte)(tb[i : i+16])); n > 0 {
				// n bytes of ASCII: as many runes as bytes.
				id, h := lex.shortID(lo, hi|uint64(n)<<56, t[i:i+n])
				b.add(id, i, int32(n), int32(n), h)
				// The word's bytes, in two 8-byte stores (zero past its end).
				d := (*[16]byte)(cat[catLen : catLen+16])
				binary.LittleEndian.PutUint64(d[:8], lo)
				binary.LittleEndian.PutUint64(d[8:], hi)
				catLen += n
				i += n + 1 // and the ASCII space after it
				b.spaces++
				continue
			}
		}
		start := i
		i = wordEnd(t, i)
		id := lex.id(t[start:i])
		wt := &lex.types[id]
		if n := int(wt.bytes); n >= len(b.pow) {
			b.pow = growPow(b.pow, n) // to powTableLen at most: powAt works out longer ones
		}
		b.add(id, start, wt.bytes, wt.runes, wt.hash)
		catLen += copy(cat[catLen:], t[start:i])
	}
	b.done(w)
	w.cat = cat[:catLen]
	// pow up to the longest span hashed (spanHash): ten words, which are no
	// longer than ten of the lexicon's longest type or than cat.
	w.pow = growPow(w.pow, min(catLen, 10*lex.maxBytes))
}

// shortWord reads the word at the start of w16 when it is 1 to 15 bytes
// of ASCII followed by an ASCII space: its length n (0 when it is not such
// a word) and its bytes as two little-endian integers, zero past its end
// (its key in the shortTable).
func shortWord(w16 *[16]byte) (n int, lo, hi uint64) {
	lo = binary.LittleEndian.Uint64(w16[:8])
	hi = binary.LittleEndian.Uint64(w16[8:])
	if m := stopBytes(lo); m != 0 {
		n = bits.TrailingZeros64(m) >> 3
		lo, hi = lo&(1<<(8*n)-1), 0
	} else if m := stopBytes(hi); m != 0 {
		n = 8 + bits.TrailingZeros64(m)>>3
		hi &= 1<<(8*(n-8)) - 1
	} else {
		return 0, 0, 0 // 16 bytes of ASCII that is not white space
	}
	// The byte that stopped the word is below 0x21 or not ASCII: a space
	// when it is in asciiSpaces.
	if c := w16[n]; n > 0 && c <= ' ' && asciiSpaces>>c&1 != 0 {
		return n, lo, hi
	}
	return 0, 0, 0
}

// stopBytes flags (0x80) the bytes of x, eight of a string loaded
// little-endian, below 0x21 or above 0x7f: the lowest flag is exact (a
// borrow only spoils the bytes above it).
func stopBytes(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return ((x-0x21*ones)&^x | x) & highs
}

// wordEnd returns the end of the word that starts at t[i]: the offset of
// the white space after it, or len(t).
func wordEnd(t string, i int) int {
	for i < len(t) {
		c := t[i]
		if c < utf8.RuneSelf {
			if text.IsASCIISpace(c) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		if text.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

// wordsBuilder fills a words' arrays as split finds the words: by index,
// each array as long as the room they all have, so that a word is one test
// for room, not four appends.
type wordsBuilder struct {
	n                   int // the words so far
	types, at           []int32
	catStarts, catRunes []int32
	prefixHash, pow     []uint64
	// The words so far concatenated: their bytes, runes and hash
	// (catStarts[n], catRunes[n] and prefixHash[n], kept out of the arrays).
	bytes, runes int32
	hash         uint64
	spaces       int // the white-space runes so far
}

// newWordsBuilder takes w's arrays, with room for at least n words.
func newWordsBuilder(w *words, n int) wordsBuilder {
	b := wordsBuilder{
		types: slices.Grow(w.types[:0], n), at: slices.Grow(w.at[:0], n),
		catStarts: slices.Grow(w.catStarts[:0], n+1), catRunes: slices.Grow(w.catRunes[:0], n+1),
		prefixHash: slices.Grow(w.prefixHash[:0], n+1),
	}
	b.fit()
	b.catStarts[0], b.catRunes[0], b.prefixHash[0] = 0, 0, 0
	return b
}

// fit makes every array as long as the room they all have.
func (b *wordsBuilder) fit() {
	n := min(cap(b.types), cap(b.at), cap(b.catStarts)-1, cap(b.catRunes)-1, cap(b.prefixHash)-1)
	b.types, b.at = b.types[:n], b.at[:n]
	b.catStarts, b.catRunes, b.prefixHash = b.catStarts[:n+1], b.catRunes[:n+1], b.prefixHash[:n+1]
}

// full reports whether there is no room for another word.
func (b *wordsBuilder) full() bool { return b.n+1 >= len(b.catStarts) }

// grow makes room for the words of a text of total bytes, done of which
// have given len(b.types) words: as many again as that rate predicts for
// the rest, and an eighth more (tripling, as slices.Grow(s, 2*len(s))
// does, would leave a text of one-letter words with three times the room
// it needs).
func (b *wordsBuilder) grow(done, total int) {
	rest := int(int64(len(b.types)) * int64(total-done) / int64(max(done, 1)))
	n := max(rest+rest/8, len(b.types)/8, 16)
	b.types, b.at = slices.Grow(b.types, n), slices.Grow(b.at, n)
	b.catStarts, b.catRunes = slices.Grow(b.catStarts, n), slices.Grow(b.catRunes, n)
	b.prefixHash = slices.Grow(b.prefixHash, n)
	b.fit()
}

// add appends the next word, of type id, which starts at byte at of the
// text and has the type's lengths and hash; there is room for it.
func (b *wordsBuilder) add(id int32, at int, bytes, runes int32, hash uint64) {
	k := b.n
	b.types[k], b.at[k] = id, int32(at)
	b.bytes += bytes
	b.runes += runes
	b.catStarts[k+1], b.catRunes[k+1] = b.bytes, b.runes
	// The hash of a concatenation uv is hash(u)·B^len(v) + hash(v).
	h := mulMod61(b.hash, powAt(b.pow, int(bytes))) + hash
	if h >= mersenne61 {
		h -= mersenne61
	}
	b.prefixHash[k+1], b.hash = h, h
	b.n = k + 1
}

// done puts the words found into w.
func (b *wordsBuilder) done(w *words) {
	n := b.n
	w.types, w.at = b.types[:n], b.at[:n]
	w.catStarts, w.catRunes, w.prefixHash = b.catStarts[:n+1], b.catRunes[:n+1], b.prefixHash[:n+1]
	w.pow, w.spaceRunes = b.pow, b.spaces
}
