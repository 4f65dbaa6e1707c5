package repetition

import "slices"

// topNGrams finds, for n = 2, 3 and 4, the most frequent n-gram of a
// post's words: datatrove's find_top_duplicate, which keys n-grams by
// their words joined with one space. Equal keys are equal word sequences,
// so the n-grams are numbered in classes (equal words, equal class),
// refined from those of the (n-1)-grams and the next word, with exact
// integer keys. Classes are numbered in order of first occurrence, so the
// first class of the highest count is Counter.most_common(1)'s.
//
// Only the 2-grams are counted at every position. An n-gram occurs at
// most as often as either (n-1)-gram in it, so a position where one of
// those occurs fewer than t times holds an n-gram of count under t; when t
// is at most the count of some n-gram (found among the extensions of the
// best (n-1)-gram), the best n-grams and every n-gram that ties them lie
// among the other positions, which keep their exact counts and order: half
// the time of refining every position (BenchmarkTopNGrams).
type topNGrams struct {
	class     []int32 // the class of the n-gram at each position (0: pruned)
	nextClass []int32 // refine's output, swapped into class
	prevAt    []int32 // per position: the position before it in its class (-1: none)
	lastAt    []int32 // per class: its last position
	counts    []int32 // per class: its count
	spare     []int32 // the (n-1)-grams' counts, then room for the next ones'
	best      int     // the class of the most frequent n-gram
	kept      []int32 // the positions refine counts, when it prunes
	extKeys   []uint64
	pairs     pairTable // (class of the (n-1)-gram, next word's type) → class
	result    [3]int
}

// find returns, for n = 2, 3 and 4 while the post has n words, the most
// frequent n-gram's length in runes (its words joined with one space)
// times its count.
func (t *topNGrams) find(w *words) []int {
	nWords := w.count()
	t.class = append(t.class[:0], w.types...)
	t.counts = t.counts[:0]
	threshold := int32(0) // no pruning for the 2-grams
	pruned := false       // whether the last refine counted only t.kept
	found := t.result[:0]
	for n := 2; n <= 4 && n <= nWords; n++ {
		if n > 2 {
			// A lower bound on the best 4-gram's count (at most the best
			// 3-gram's): the most frequent extension of the best class.
			threshold = max(threshold, t.bestExtension(w, 5-n))
		}
		pruned = t.refine(w, n, threshold, pruned)
		t.best = 1
		for c, count := range t.counts {
			if count > t.counts[t.best] {
				t.best = c
			}
		}
		// The class's n-grams are equal words: any one has its length.
		at := int(t.lastAt[t.best])
		runes := int(w.catRunes[at+n]-w.catRunes[at]) + n - 1
		found = append(found, runes*int(t.counts[t.best]))
	}
	return found
}

// bestExtension returns the count of the most frequent 4-gram that starts
// with an n-gram of the best class, n = 4-ext.
func (t *topNGrams) bestExtension(w *words, ext int) int32 {
	n := 4 - ext
	nWords := w.count()
	// One key a position of the class: grown once, not by appends.
	keys := slices.Grow(t.extKeys[:0], int(t.counts[t.best]))
	// The class's positions, last first.
	for i := int(t.lastAt[t.best]); i >= 0; i = int(t.prevAt[i]) {
		if i >= nWords-3 {
			continue
		}
		key := uint64(uint32(w.types[i+n]))
		if ext == 2 {
			key = key<<32 | uint64(uint32(w.types[i+n+1]))
		}
		keys = append(keys, key)
	}
	t.extKeys = keys
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

// refine turns t.class, the classes of the (n-1)-grams, into those of the
// n-grams, with their counts and last positions, each counted position
// linked to the one before it in its class. With threshold > 1, the
// positions where either (n-1)-gram occurs fewer times are pruned (class 0,
// count 0). pruned says the (n-1)-grams were (t.kept lists the positions
// kept); refine reports whether the n-grams are.
func (t *topNGrams) refine(w *words, n int, threshold int32, pruned bool) bool {
	m := w.count() - n + 1 // the n-grams' positions
	t.nextClass = slices.Grow(t.nextClass[:0], m)[:m]
	t.prevAt = slices.Grow(t.prevAt[:0], m)[:m]
	prevCounts := t.counts
	var kept []int32 // nil: every position is counted
	switch {
	case threshold > 1 && pruned:
		kept = t.keepAgain(m, threshold, prevCounts)
	case threshold > 1:
		kept = t.keep(m, threshold, prevCounts)
	}
	count := m
	if kept != nil {
		count = len(kept)
		clear(t.nextClass)
	}
	t.pairs.reset(count)
	// Room for class 0 and every position in a class of its own, so that a
	// new class is two stores, not two appends.
	counts := slices.Grow(t.spare[:0], count+1)[:count+1]
	lastAt := slices.Grow(t.lastAt[:0], count+1)[:count+1]
	counts[0], lastAt[0] = 0, -1
	var classes int32
	if kept == nil {
		classes = countClasses(&t.pairs, t.class[:m], w.types[n-1:], t.nextClass, t.prevAt, counts, lastAt)
	} else {
		classes = countKept(&t.pairs, kept, t.class, w.types[n-1:], t.nextClass, t.prevAt, counts, lastAt)
	}
	t.counts, t.lastAt = counts[:classes], lastAt[:classes]
	t.spare = prevCounts
	t.class, t.nextClass = t.nextClass, t.class
	return kept != nil
}

// keep lists in t.kept the positions i < m where both (n-1)-grams of the
// n-gram occur at least threshold times.
func (t *topNGrams) keep(m int, threshold int32, prevCounts []int32) []int32 {
	kept := slices.Grow(t.kept[:0], m)[:m]
	class := t.class[:m+1]
	k, cur := 0, prevCounts[class[0]]
	for i := range m {
		after := prevCounts[class[i+1]] // the (n-1)-gram at i+1: next time's cur
		if min(cur, after) >= threshold {
			kept[k] = int32(i)
			k++
		}
		cur = after
	}
	t.kept = kept[:k]
	return t.kept
}

// keepAgain is keep after the (n-1)-grams were pruned at a threshold of at
// most this one: a position they dropped holds an (n-1)-gram of count
// under it, so only the positions they kept can be kept now.
func (t *topNGrams) keepAgain(m int, threshold int32, prevCounts []int32) []int32 {
	kept, class := t.kept, t.class[:m+1]
	k := 0
	for _, i := range kept {
		if int(i) >= m {
			break
		}
		if min(prevCounts[class[i]], prevCounts[class[i+1]]) >= threshold {
			kept[k] = i
			k++
		}
	}
	t.kept = kept[:k]
	return t.kept
}

// countClasses numbers the classes of the n-grams at positions 0..m-1,
// m = len(class): the n-gram at i is keyed by its (n-1)-gram's class,
// class[i], and its last word's type, next[i]. Its class (numbered from 1
// in order of first occurrence) goes to nextClass[i] and the class's
// position before it to prevAt[i]; counts and lastAt (with room for a
// class a position) get each class's count and last position. It returns
// the number of classes, class 0 (the pruned positions') included.
func countClasses(pairs *pairTable, class, next, nextClass, prevAt, counts, lastAt []int32) int32 {
	next = next[:len(class)]
	classes := int32(1)
	for i := range class {
		c, isNew := pairs.add(uint64(uint32(class[i]))<<32|uint64(uint32(next[i])), classes)
		classes = place(int32(i), c, isNew, classes, nextClass, prevAt, counts, lastAt)
	}
	return classes
}

// countKept is countClasses for the positions kept only (class, next,
// nextClass and prevAt indexed by position).
func countKept(pairs *pairTable, kept, class, next, nextClass, prevAt, counts, lastAt []int32) int32 {
	classes := int32(1)
	for _, i := range kept {
		c, isNew := pairs.add(uint64(uint32(class[i]))<<32|uint64(uint32(next[i])), classes)
		classes = place(i, c, isNew, classes, nextClass, prevAt, counts, lastAt)
	}
	return classes
}

// place puts position i in class c (isNew: a class not met before, the
// classes-th) and returns the number of classes after it.
func place(i, c int32, isNew bool, classes int32, nextClass, prevAt, counts, lastAt []int32) int32 {
	if isNew {
		counts[c], lastAt[c] = 0, -1
		classes++
	}
	counts[c]++
	nextClass[i], prevAt[i], lastAt[c] = c, lastAt[c], i
	return classes
}
