package repetition

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
)

// hashSeed seeds the substring tables. Hash values never reach an output:
// equality is always checked on the text, so results do not depend on it.
var hashSeed = maphash.MakeSeed()

// tableMul is a random odd multiplier (from hashSeed) for the
// integer-keyed tables' multiply-shift hashing, whose expected probe counts
// hold for any set of keys.
var tableMul = maphash.Comparable(hashSeed, uint64(0x3a1)) | 1

// Polynomial hashes of text spans work modulo the Mersenne prime 2^61 − 1:
// modulo 2^64 they collide on Thue–Morse-like texts whatever the base,
// which would turn the n-gram tables quadratic on a hostile post.
const (
	mersenne61 = 1<<61 - 1
	rollBase   = 0x1fb5_38a9_6e3c_45d1 % mersenne61 // any base works; this one is fixed for reproducibility
)

// mulMod61 is a·b mod 2^61 − 1, for a, b < 2^61 − 1.
func mulMod61(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	// a·b = hi·2^64 + lo = (hi·8 + lo>>61)·2^61 + (lo & m), and 2^61 ≡ 1.
	r := (hi<<3 | lo>>61) + lo&mersenne61
	if r >= mersenne61 {
		r -= mersenne61
	}
	return r
}

// spanHash is the polynomial hash of words a..b-1 concatenated, from the
// prefix hashes (see the package comment): hash(uv) = hash(u)·B^len(v) +
// hash(v), so hash(v) = pre[b] − pre[a]·B^len(v). Its values mod 2^61−1 are
// spread evenly enough to index a table by multiply-shift and to tag its
// slots (a mixing step would be a bijection: it would separate no
// colliding strings).
func spanHash(pre, pow []uint64, catStarts []int32, a, b int) uint64 {
	h := pre[b] + mersenne61 - mulMod61(pre[a], powAt(pow, int(catStarts[b]-catStarts[a])))
	if h >= mersenne61 {
		h -= mersenne61
	}
	return h
}

// powTableLen bounds the table of powers of rollBase (words.pow): a power
// for a longer span (a word or ten of them over 16 KiB) is worked out by
// powAt, not kept: a table to the longest span would cost 8 bytes a byte
// of a post that is one word.
const powTableLen = 1 << 14

// growPow extends pow to pow[n] at least, or to powTableLen entries, and
// returns it.
func growPow(pow []uint64, n int) []uint64 {
	if len(pow) == 0 {
		pow = append(pow, 1)
	}
	for len(pow) <= min(n, powTableLen-1) {
		pow = append(pow, mulMod61(pow[len(pow)-1], rollBase))
	}
	return pow
}

// powAt is rollBase^n mod 2^61−1: pow[n], or by squaring past the table.
func powAt(pow []uint64, n int) uint64 {
	if n < len(pow) {
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

// windowHash hashes the 16 bytes of w after a hash h of those before them.
// Two windows that share a sieve counter only make more candidates: a
// cheap hash whose high bits (the counter) depend on every byte will do.
func windowHash(w *[16]byte, h uint64) uint64 {
	lo := binary.LittleEndian.Uint64(w[:8])
	hi := binary.LittleEndian.Uint64(w[8:])
	return (h ^ lo*tableMul ^ hi) * 0x9e3779b97f4a7c15
}
