// Package minhash makes a post's near-duplicate signature, and tells how
// alike two signatures say their posts are.
//
// A post's text is normalised as datatrove's simplify_text normalises it
// (normalize.go) and cut into shingles: every run of ShingleWords
// consecutive words (a text of fewer words is one shingle). Two posts'
// likeness is the Jaccard similarity of their shingle sets, |A∩B| / |A∪B|.
//
// The signature is one-permutation MinHash densified by rotation
// (Shrivastava and Li, "Densifying One Permutation Hashing via Rotation for
// Fast Near Neighbor Search", ICML 2014), kept to one byte a bin (b-bit
// MinHash, Li and König 2010):
//
//   - each word is hashed with 64-bit FNV-1a as it is normalised, and a
//     shingle of words w₁…wₙ is h = fmix64(Σ FNV-1a(wₖ)·shinglePrime^(n−k)),
//     the sum and products modulo 2⁶⁴ and fmix64 MurmurHash3's finaliser (a
//     word is hashed once, not once for each of its n shingles, and fmix64
//     gives h the avalanche FNV-1a lacks);
//   - h's high 32 bits pick its bin, ⌊(h>>32)·Bins / 2³²⌋, and the bin keeps
//     the smallest low 32 bits, uint32(h), of its shingles;
//   - a bin no shingle fell in takes the value of the nearest filled bin to
//     its right, going round from the last bin to the first;
//   - the signature's byte for bin i is the low byte of fmix64(value<<32 | i):
//     equal values give equal bytes, and a value copied into many bins (a
//     text of few shingles) gives each a byte of its own, so that two
//     unrelated short texts agree by chance in 1 bin of 256, as two long
//     ones do.
//
// Two signatures agree in a bin with probability J + (1−J)/256 for their
// posts' Jaccard J, so the share of agreeing bins estimates J (Estimate).
// Bins costs one pass over the shingles whatever its size, which is why
// one permutation rather than Bins of them: 512 bins estimate J to within
// 0.05 where 112 (datatrove's 14 × 8) would not. The first Bands × Rows
// bins are the LSH bands: two posts whose signatures agree on all Rows
// bins of some band are a candidate pair (BandKey).
package minhash

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/cespare/xxhash/v2"
)

// Params are the signature's and the clustering's numbers; a scoring
// model's [duplicates] table holds them (scoring.Model.Duplicates).
type Params struct {
	ShingleWords int     `toml:"shingle_words" json:"shingle_words"` // words in a shingle
	Bins         int     `toml:"bins" json:"bins"`                   // one-byte values in a signature
	Bands        int     `toml:"bands" json:"bands"`                 // LSH bands...
	Rows         int     `toml:"rows" json:"rows"`                   // ... of this many bins each
	Threshold    float64 `toml:"threshold" json:"threshold"`         // the estimated Jaccard at or above which two posts are near-duplicates
}

// DefaultParams are datatrove's word 5-grams and 14 bands of 8 rows, in 512
// bins, and a threshold of 0.8 (docs/DUPLICATES.md says why).
var DefaultParams = Params{ShingleWords: 5, Bins: 512, Bands: 14, Rows: 8, Threshold: 0.8}

// ErrParams is the error Params.Validate wraps.
var ErrParams = errors.New("bad duplicate parameters")

// Validate reports a parameter out of its range.
func (p Params) Validate() error {
	switch {
	case p.ShingleWords < 1 || p.ShingleWords > 32:
		return fmt.Errorf("%w: shingle_words = %d, want 1 to 32", ErrParams, p.ShingleWords)
	case p.Bins < 8 || p.Bins > 8192 || p.Bins%8 != 0:
		return fmt.Errorf("%w: bins = %d, want a multiple of 8 from 8 to 8192", ErrParams, p.Bins)
	case p.Bands < 1 || p.Rows < 1 || p.Bands > p.Bins/p.Rows: // Bands·Rows ≤ Bins, without overflow
		return fmt.Errorf("%w: bands × rows = %d × %d, want at least 1 × 1 and at most bins (%d)", ErrParams, p.Bands, p.Rows, p.Bins)
	case !(p.Threshold > 0 && p.Threshold <= 1):
		return fmt.Errorf("%w: threshold = %v, want more than 0 and at most 1", ErrParams, p.Threshold)
	}
	return nil
}

// Signature is a post's near-duplicate signature.
type Signature struct {
	// Bins is the MinHash signature, Params.Bins bytes; nil for a text
	// without words, which has no shingles and is nobody's duplicate.
	Bins []byte
	// TextHash is xxHash64 of the normalised text (its words joined by
	// single spaces): equal for exact duplicates. Zero without words.
	TextHash uint64
}

// Signer signs texts, reusing its space between calls. It is not safe for
// concurrent use: give each worker its own.
type Signer struct {
	params Params
	words  simplified
	mins   []uint32 // each bin's smallest value so far
	filled []bool   // whether a shingle fell in the bin
}

// NewSigner returns a Signer for p, which must be valid (Params.Validate).
func NewSigner(p Params) *Signer {
	return &Signer{params: p, mins: make([]uint32, p.Bins), filled: make([]bool, p.Bins)}
}

// Sign returns the signature of text.
func (s *Signer) Sign(text string) Signature {
	w := &s.words
	w.simplify(text)
	if len(w.starts) == 0 {
		return Signature{}
	}
	clear(s.filled)
	for i := range s.mins {
		s.mins[i] = math.MaxUint32
	}
	n := min(s.params.ShingleWords, len(w.starts))
	for first := 0; first+n <= len(w.starts); first++ {
		s.add(shingleHash(w.hashes[first : first+n]))
	}
	s.densify()
	sig := make([]byte, len(s.mins))
	for i, v := range s.mins {
		sig[i] = binByte(v, i)
	}
	return Signature{Bins: sig, TextHash: xxhash.Sum64(w.text)}
}

// shinglePrime is the base of a shingle's polynomial hash (the 64-bit FNV
// prime: odd, with its bits spread).
const shinglePrime = fnvPrime

// shingleHash is the hash of the shingle whose words' hashes are words.
func shingleHash(words []uint64) uint64 {
	var h uint64
	for _, w := range words {
		h = h*shinglePrime + w
	}
	return fmix64(h)
}

// fmix64 is MurmurHash3's 64-bit finaliser: each bit of h changes about
// half of the result's.
func fmix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// add puts a shingle's hash in its bin.
func (s *Signer) add(h uint64) {
	bin := (h >> 32) * uint64(len(s.mins)) >> 32
	s.mins[bin] = min(s.mins[bin], uint32(h))
	s.filled[bin] = true
}

// densify gives each empty bin the value of the nearest filled bin to its
// right (circularly): one pass leftwards from a filled bin, carrying the
// last filled value seen. At least one bin is filled (a text with words has
// a shingle).
func (s *Signer) densify() {
	n := len(s.mins)
	start := slices.Index(s.filled, true)
	v := s.mins[start]
	for k := 1; k < n; k++ {
		i := (start - k + n) % n
		if s.filled[i] {
			v = s.mins[i]
		} else {
			s.mins[i] = v
		}
	}
}

// binByte is the signature's byte for bin i holding value v.
func binByte(v uint32, i int) byte { return byte(fmix64(uint64(v)<<32 | uint64(i))) }

// Shingles returns the set of text's shingles as Sign cuts them, each by
// its text: what a Jaccard similarity is computed from, exactly, in tests
// and in the generator's truth.
func Shingles(text string, shingleWords int) map[string]struct{} {
	var w simplified
	w.simplify(text)
	set := map[string]struct{}{}
	n := min(shingleWords, len(w.starts))
	for first := 0; first+n <= len(w.starts) && n > 0; first++ {
		set[string(w.text[w.starts[first]:w.ends[first+n-1]])] = struct{}{}
	}
	return set
}

// Jaccard is |a∩b| / |a∪b| (0 when both are empty).
func Jaccard(a, b map[string]struct{}) float64 {
	inBoth := 0
	for s := range a {
		if _, ok := b[s]; ok {
			inBoth++
		}
	}
	union := len(a) + len(b) - inBoth
	if union == 0 {
		return 0
	}
	return float64(inBoth) / float64(union)
}

// chanceAgreement is the probability that two one-byte bin values agree
// when their shingles differ.
const chanceAgreement = 1.0 / 256

// Estimate is the Jaccard similarity two signatures of the same Params
// estimate: the share of bins that agree, less what chance agreement adds,
// (p − 1/256) / (1 − 1/256), kept to [0, 1]. It is 0 when either is nil.
func Estimate(a, b []byte) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	p := float64(equalBytes(a, b)) / float64(len(a))
	return min(1, max(0, (p-chanceAgreement)/(1-chanceAgreement)))
}

// equalBytes counts the positions where a and b, of equal length, hold the
// same byte. It compares eight bytes at a time: a zero byte of a^b is an
// equal pair, and zeroBytes marks each zero byte of a word with its high
// bit (BenchmarkEqualBytes: 2.6× the byte loop's speed on 512 bytes).
func equalBytes(a, b []byte) int {
	n := 0
	i := 0
	for ; i+8 <= len(a); i += 8 {
		x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:])
		n += bits.OnesCount64(zeroBytes(x))
	}
	for ; i < len(a); i++ {
		if a[i] == b[i] {
			n++
		}
	}
	return n
}

// zeroBytes has the high bit of each byte of x that is zero, and no other
// bit: adding 0x7F to a byte's low seven bits sets its high bit unless they
// are all zero (no carry leaves the byte), and or-ing x sets it for a high
// bit of its own.
func zeroBytes(x uint64) uint64 {
	const low7, high = 0x7F7F7F7F7F7F7F7F, 0x8080808080808080
	return ^(((x & low7) + low7) | x) & high
}

// BandKey is band b's key in sig: xxHash64 of its Rows bins. Two
// signatures with equal keys in a band are a candidate pair.
func BandKey(sig []byte, p Params, b int) uint64 {
	return xxhash.Sum64(sig[b*p.Rows : (b+1)*p.Rows])
}

// Simplify is text normalised as a signature sees it: its words, as
// simplify_text leaves them, joined by single spaces.
func Simplify(text string) string {
	var w simplified
	w.simplify(text)
	return string(w.text)
}

// TextHash is Signature.TextHash of text: xxHash64 of it normalised.
func TextHash(text string) uint64 { return xxhash.Sum64String(Simplify(text)) }
