package features

import "hash/maphash"

// hashSeed seeds the substring tables. Hash values never reach an output:
// equality is always checked on the text, so results do not depend on it.
var hashSeed = maphash.MakeSeed()

// subTable counts strings (usually substrings of one text, so keys are not
// copied): a small open-addressing hash table, several times faster than a
// Go map for the many short-lived lookups the repetition metrics make.
type subTable struct {
	slots []subSlot
	mask  uint64
	used  int
}

type subSlot struct {
	h     uint64
	key   string
	count int32 // 0: empty
	first int32 // position of the first occurrence
	val   int32 // a value the caller keeps with the key
}

// reset empties the table, sized for about n distinct keys.
func (t *subTable) reset(n int) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	if cap(t.slots) >= size {
		t.slots = t.slots[:size]
		clear(t.slots)
	} else {
		t.slots = make([]subSlot, size)
	}
	t.mask = uint64(size - 1)
	t.used = 0
}

// add counts one occurrence of key at pos and returns its slot; the slot's
// count is 1 for a key not seen before.
func (t *subTable) add(key string, pos int32) *subSlot {
	if 2*(t.used+1) > len(t.slots) {
		t.grow()
	}
	h := maphash.String(hashSeed, key)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.count == 0 {
			*s = subSlot{h: h, key: key, count: 1, first: pos}
			t.used++
			return s
		}
		if s.h == h && s.key == key {
			s.count++
			return s
		}
	}
}

func (t *subTable) grow() {
	old := t.slots
	t.slots = make([]subSlot, 2*max(len(old), 8))
	t.mask = uint64(len(t.slots) - 1)
	for _, s := range old {
		if s.count == 0 {
			continue
		}
		for i := s.h & t.mask; ; i = (i + 1) & t.mask {
			if t.slots[i].count == 0 {
				t.slots[i] = s
				break
			}
		}
	}
}

// addBytes is add for a key held in a scratch buffer: the key is copied
// only when it is new.
func (t *subTable) addBytes(key []byte, pos int32) *subSlot {
	if 2*(t.used+1) > len(t.slots) {
		t.grow()
	}
	h := maphash.Bytes(hashSeed, key)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.count == 0 {
			*s = subSlot{h: h, key: string(key), count: 1, first: pos}
			t.used++
			return s
		}
		if s.h == h && s.key == string(key) {
			s.count++
			return s
		}
	}
}

// rollingHash gives the polynomial hash (mod 2^64) of any span of a text in
// O(1) from prefix hashes.
type rollingHash struct {
	pre []uint64 // pre[k]: hash of text[:k]
	pow []uint64 // pow[k]: rollBase^k
}

// rollBase is an odd multiplier for the polynomial hash.
const rollBase = 0x100000001b3

func (r *rollingHash) setText(text string) {
	r.pre = append(r.pre[:0], 0)
	if len(r.pow) == 0 {
		r.pow = append(r.pow, 1)
	}
	var h uint64
	for i := 0; i < len(text); i++ {
		h = h*rollBase + uint64(text[i]) + 1
		r.pre = append(r.pre, h)
	}
	for len(r.pow) <= len(text) {
		r.pow = append(r.pow, r.pow[len(r.pow)-1]*rollBase)
	}
}

// hash is the hash of text[a:b].
func (r *rollingHash) hash(a, b int32) uint64 { return r.pre[b] - r.pre[a]*r.pow[b-a] }

// ngramTable counts n-grams named by their first position: each slot packs
// the high bits of the n-gram's hash and its position, 8 bytes, so that a
// post's table stays in the first-level cache. Equal tags are checked
// against the text, so counts are exact.
type ngramTable struct {
	slots  []uint64
	counts []int32
	shift  uint
	mask   uint64
}

const (
	posBits = 28 // positions up to 2^28 words: far beyond --max-bytes
	posMask = 1<<posBits - 1
)

// reset empties the table for n keys; counts keeps a count per key.
func (t *ngramTable) reset(n int, counts bool) {
	size, bits := 16, uint(4)
	for size < 2*n {
		size <<= 1
		bits++
	}
	if cap(t.slots) >= size {
		t.slots = t.slots[:size]
		clear(t.slots)
	} else {
		t.slots = make([]uint64, size)
	}
	if counts {
		if cap(t.counts) >= size {
			t.counts = t.counts[:size]
		} else {
			t.counts = make([]int32, size)
		}
	}
	t.shift, t.mask = 64-bits, uint64(size-1)
}

// add counts the n-gram at pos, whose text is text[starts[pos]:starts[pos+n]-adj]
// with hash h, and returns the position of its first occurrence and its count
// (1 for a new n-gram; counts are kept only if reset asked for them, else 2
// means "seen before").
func (t *ngramTable) add(h uint64, pos int, text string, starts []int32, n, adj int) (first int, count int32) {
	tag := h &^ posMask
	key := text[starts[pos] : int(starts[pos+n])-adj]
	for i := (h * 0x9e3779b97f4a7c15) >> t.shift; ; i = (i + 1) & t.mask {
		v := t.slots[i]
		if v == 0 {
			t.slots[i] = tag | uint64(pos+1)
			if t.counts != nil && len(t.counts) == len(t.slots) {
				t.counts[i] = 1
			}
			return pos, 1
		}
		if v&^posMask == tag {
			j := int(v&posMask) - 1
			if text[starts[j]:int(starts[j+n])-adj] == key {
				if t.counts != nil && len(t.counts) == len(t.slots) {
					t.counts[i]++
					return j, t.counts[i]
				}
				return j, 2
			}
		}
	}
}
