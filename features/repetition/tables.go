package repetition

import (
	"hash/maphash"
	"math/bits"
	"unsafe"
)

// subTable counts strings (usually substrings of one text, so keys are not
// copied): a small open-addressing hash table, about twice as fast as a Go
// map for the many short-lived lookups the repetition metrics make
// (BenchmarkSubTable).
type subTable struct {
	slots []subSlot
	mask  uint64
	used  int
	// keys holds the keys addBytes copied, end to end: one allocation for
	// many keys, not one each. A full chunk is left to the keys in it.
	keys []byte
}

type subSlot struct {
	h     uint64
	key   string
	count int32 // 0: empty
	first int32 // position of the first occurrence
	val   int32 // a value the caller keeps with the key
}

// reset empties the table, sized for about n distinct keys. The keys
// addBytes copied are overwritten by the next ones: they must not be used
// after a reset.
func (t *subTable) reset(n int) {
	t.slots, _, t.mask = resetSlots(t.slots, n)
	t.used = 0
	t.keys = t.keys[:0]
}

// addBytes counts one occurrence of key, held in a scratch buffer, at pos
// and returns its slot; the slot's count is 1 for a key not seen before.
// The key is read in place, and copied only when it is new.
func (t *subTable) addBytes(key []byte, pos int32) *subSlot {
	s, isNew := t.entry(unsafe.String(unsafe.SliceData(key), len(key)), true)
	if isNew {
		s.first = pos
	} else {
		s.count++
	}
	return s
}

// entry returns key's slot, adding it (count 1, the key copied if copyKey)
// when new: one probe either way.
func (t *subTable) entry(key string, copyKey bool) (s *subSlot, isNew bool) {
	if 2*(t.used+1) > len(t.slots) {
		t.grow()
	}
	h := maphash.String(hashSeed, key)
	s = t.slot(h, key)
	if s.count > 0 {
		return s, false
	}
	if copyKey {
		key = t.copyKey(key)
	}
	*s = subSlot{h: h, key: key, count: 1}
	t.used++
	return s, true
}

// copyKey copies key into t.keys.
func (t *subTable) copyKey(key string) string {
	if key == "" {
		return ""
	}
	if len(t.keys)+len(key) > cap(t.keys) {
		t.keys = make([]byte, 0, max(4096, 2*cap(t.keys), len(key)))
	}
	at := len(t.keys)
	t.keys = append(t.keys, key...)
	return unsafe.String(&t.keys[at], len(key))
}

// slot is the slot holding key (hash h), or the empty slot where it goes.
func (t *subTable) slot(h uint64, key string) *subSlot {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		if s := &t.slots[i]; s.count == 0 || s.h == h && s.key == key {
			return s
		}
	}
}

func (t *subTable) grow() {
	old := t.slots
	t.slots = make([]subSlot, 2*max(len(old), 8))
	t.mask = uint64(len(t.slots) - 1)
	for _, s := range old {
		if s.count > 0 {
			*t.slot(s.h, s.key) = s
		}
	}
}

// ngramTable remembers n-grams named by their first position: each slot
// packs the position (plus one, in the low bits) and as many high bits of
// the n-gram's hash as the post's length leaves of 32 (12 below a million
// words), so that a post's tables stay in the first-level cache. Equal tags
// are checked against the text, so answers are exact.
type ngramTable struct {
	slots   []uint32
	shift   uint
	mask    uint64
	posMask uint32
	probes  int64 // slots visited, ever (TestNoQuadraticPath reads it)
}

// reset empties the table for n keys, at positions below w.
func (t *ngramTable) reset(n, w int) {
	t.slots, t.shift, t.mask = resetSlots(t.slots, n)
	t.posMask = uint32(1)<<bits.Len32(uint32(w)) - 1 // uint32: positions are int32
}

// add adds the n-gram at pos, whose text is text[starts[pos]:starts[pos+n]]
// with hash h, and reports whether an equal n-gram was there before.
func (t *ngramTable) add(h uint64, pos int, text string, starts []int32, n int) (seen bool) {
	tag := uint32(h>>32) &^ t.posMask
	for i := slotOf(h*0x9e3779b97f4a7c15, t.shift); ; i = (i + 1) & t.mask {
		t.probes++
		v := t.slots[i]
		if v == 0 {
			t.slots[i] = tag | uint32(pos+1)
			return false
		}
		if v&^t.posMask == tag {
			j := int(v&t.posMask) - 1
			if text[starts[j]:starts[j+n]] == text[starts[pos]:starts[pos+n]] {
				return true
			}
		}
	}
}

// pairTable numbers distinct 64-bit keys: an open-addressing table whose
// keys are exact, so nothing is checked against a text. A slot holds its key
// and value side by side: one cache line a probe.
type pairTable struct {
	slots  []pairSlot
	shift  uint
	mask   uint64
	used   int
	probes int64 // slots visited, ever (TestNoQuadraticPath reads it)
}

type pairSlot struct {
	key uint64 // key+1; 0: empty
	val int32
}

// resetSlots returns slots emptied (reusing its array when large enough)
// for a table of n keys, with the shift and mask of its slot index
// (slotOf).
func resetSlots[T any](slots []T, n int) ([]T, uint, uint64) {
	size, bits := tableSize(n)
	if cap(slots) >= size {
		slots = slots[:size]
		clear(slots)
	} else {
		slots = make([]T, size)
	}
	return slots, 64 - bits, uint64(size - 1)
}

// slotOf is the first slot of a key hashed h in a table indexed by the top
// 64-shift bits of the hash (resetSlots's shift, below 64: masking it lets
// the compiler drop its handling of larger shifts).
func slotOf(h uint64, shift uint) uint64 { return h >> (shift & 63) }

// tableSize is the power of two, at least 16, with room for n keys at a
// load of at most one half, and its log2.
func tableSize(n int) (size int, bits uint) {
	size, bits = 16, 4
	for size < 2*n {
		size <<= 1
		bits++
	}
	return size, bits
}

// pairTableStart bounds the keys a pairTable is first sized for: past
// them it grows with its keys, so that a post of a few distinct n-grams
// repeated (one word a million times) keeps a small table.
const pairTableStart = 1 << 16

// reset empties the table for n keys.
func (t *pairTable) reset(n int) {
	t.slots, t.shift, t.mask = resetSlots(t.slots, min(n, pairTableStart))
	t.used = 0
}

// grow doubles the slots, putting each key back where its hash says.
func (t *pairTable) grow() {
	old := t.slots
	t.slots, t.shift, t.mask = resetSlots[pairSlot](nil, len(old))
	for _, o := range old {
		if o.key == 0 {
			continue
		}
		i := slotOf((o.key-1)*tableMul, t.shift)
		for t.slots[i].key != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = o
	}
}

// add returns key's value, giving it val if it is new (isNew). key must be
// below 2^64-1.
func (t *pairTable) add(key uint64, val int32) (v int32, isNew bool) {
	k := key + 1
	for i := slotOf(key*tableMul, t.shift); ; i = (i + 1) & t.mask {
		t.probes++
		s := &t.slots[i]
		switch s.key {
		case k:
			return s.val, false
		case 0:
			s.key, s.val = k, val
			if t.used++; 2*t.used > len(t.slots) {
				t.grow()
			}
			return val, true
		}
	}
}

// sieve counts hashed keys roughly, to rule keys out cheaply: one byte
// counter for each value of a hash's top bits (h >> shift), saturating at
// 2 (sieveCount). A key whose counter is 1 occurred once; one whose counter
// is 2 may have occurred once, its counter shared with another key (about
// one key in eight). Its user counts in ctr[slot(h)] directly, in a loop.
type sieve struct {
	ctr   []uint8
	shift uint
}

// reset empties the sieve for n keys, with eight counters a key.
func (v *sieve) reset(n int) {
	v.ctr, v.shift, _ = resetSlots(v.ctr, 4*n)
}

// slot is the counter of a key hashed h.
func (v sieve) slot(h uint64) int32 { return int32(slotOf(h, v.shift)) }

// sieveCount is a counter after one more key: 0 → 1 → 2 → 2.
func sieveCount(c uint8) uint8 { return c + (c>>1 ^ 1) }

// spanTable remembers distinct spans of one text by their offsets: 12
// bytes a slot, where a subTable keeps a 40-byte slot with the span as a
// string. A slot's tag is the top bits of the span's hash (never 0: an
// empty slot's is), checked before the text.
type spanTable struct {
	slots []spanSlot
	shift uint
	mask  uint64
	used  int
}

type spanSlot struct {
	tag        uint32 // 0: empty
	start, end int32
}

// reset empties the table, sized for about n spans (it grows past them).
func (t *spanTable) reset(n int) {
	t.slots, t.shift, t.mask = resetSlots(t.slots, n)
	t.used = 0
}

// add adds text[start:end] and reports whether an equal span was there
// before.
func (t *spanTable) add(text string, start, end int) (seen bool) {
	h := maphash.String(hashSeed, text[start:end])
	tag := uint32(h) | 1
	for i := slotOf(h, t.shift); ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.tag == 0 {
			*s = spanSlot{tag: tag, start: int32(start), end: int32(end)}
			if t.used++; 2*t.used > len(t.slots) {
				t.grow(text)
			}
			return false
		}
		if s.tag == tag && text[s.start:s.end] == text[start:end] {
			return true
		}
	}
}

// grow doubles the slots, putting each span back where its hash says.
func (t *spanTable) grow(text string) {
	old := t.slots
	t.slots, t.shift, t.mask = resetSlots[spanSlot](nil, len(old))
	for _, o := range old {
		if o.tag == 0 {
			continue
		}
		h := maphash.String(hashSeed, text[o.start:o.end])
		i := slotOf(h, t.shift)
		for t.slots[i].tag != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = o
	}
}
