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

// spanTable counts spans of one text by a rolling hash of their bytes, checking
// equal hashes against the text, so it is exact: two spans are the same key
// only when their bytes are equal.
type spanTable struct {
	slots []spanSlot
	mask  uint64
	text  string
	pre   []uint64 // pre[k]: hash of text[:k]
	pow   []uint64 // pow[k]: rollBase^k
}

type spanSlot struct {
	h          uint64
	start, end int32
	count      int32 // 0: empty
	first      int32 // caller's position of the first occurrence
}

// rollBase is an odd multiplier for the polynomial hash (mod 2^64).
const rollBase = 0x100000001b3

// setText prepares the prefix hashes of text.
func (t *spanTable) setText(text string) {
	t.text = text
	t.pre = append(t.pre[:0], 0)
	if len(t.pow) == 0 {
		t.pow = append(t.pow, 1)
	}
	var h uint64
	for i := 0; i < len(text); i++ {
		h = h*rollBase + uint64(text[i]) + 1
		t.pre = append(t.pre, h)
	}
	for len(t.pow) <= len(text) {
		t.pow = append(t.pow, t.pow[len(t.pow)-1]*rollBase)
	}
}

// reset empties the table, sized for n keys.
func (t *spanTable) reset(n int) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	if cap(t.slots) >= size {
		t.slots = t.slots[:size]
		clear(t.slots)
	} else {
		t.slots = make([]spanSlot, size)
	}
	t.mask = uint64(size - 1)
}

// add counts one occurrence of text[start:end] at pos (at most n adds after
// reset(n)) and returns its slot.
func (t *spanTable) add(start, end int, pos int32) *spanSlot {
	h := t.pre[end] - t.pre[start]*t.pow[end-start]
	key := t.text[start:end]
	for i := (h * 0x9e3779b97f4a7c15) >> 32 & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.count == 0 {
			*s = spanSlot{h: h, start: int32(start), end: int32(end), count: 1, first: pos}
			return s
		}
		if s.h == h && t.text[s.start:s.end] == key {
			s.count++
			return s
		}
	}
}
