package repetition

import "slices"

// dupNGrams finds, for n = 5 … 10, the runes of the n-grams that repeat an
// earlier one: datatrove's find_all_duplicate, which keys an n-gram by its
// words concatenated with no separator (so "ab c" and "a bc" are one key)
// and jumps n words past a repeat. Each n is one pass over the candidate
// words (findCandidates) with one ngramTable, emptied between them (six
// tables at once cost six times the memory on a post whose every word is
// a candidate), keyed by the polynomial hash of the n-gram's span of the
// concatenation and checked byte for byte.
type dupNGrams struct {
	table      ngramTable
	candidates []int32 // the words whose n-grams may repeat, in order
	maxN       []int8  // per candidate: the largest n for which it is one
	candsFor   [6]int  // candsFor[n-5]: how many candidates have a maxN of n or more
	windows    []int32 // per word: the sieve counter of its window
	sieve      sieve
}

// The windows findCandidates compares, in bytes of the concatenation.
const (
	shortWindow = 16
	longWindow  = 32
)

// repeatedRunes returns the runes of the n-grams of w (cat is w.cat) that
// repeat an earlier one, after findCandidates. A word that is no candidate
// for n (not listed, or listed with a maxN under n) starts an n-gram that
// occurs nowhere else: never seen, and no later n-gram can be it, so it
// need not be remembered.
func (d *dupNGrams) repeatedRunes(cat string, w *words, n int) (repeated int) {
	nWords := w.count()
	d.table.reset(min(nWords-n+1, d.candsFor[n-5]), nWords) // only candidates for n are kept
	maxN := d.maxN[:len(d.candidates)]
	next := 0 // the first word not jumped over
	for k, c := range d.candidates {
		i := int(c)
		if i < next || int(maxN[k]) < n || i+n > nWords {
			continue
		}
		if d.table.add(spanHash(w.prefixHash, w.pow, w.catStarts, i, i+n), i, cat, w.catStarts, n) {
			repeated += int(w.catRunes[i+n] - w.catRunes[i])
			next = i + n
		}
	}
	return repeated
}

// findCandidates lists the words whose duplicate n-grams (n ≥ 5) could
// equal another's: the scans that follow take a third of the time they
// take over every word (BenchmarkDupNGrams). If
// the n-grams at i and j are the same string S, the concatenation holds S
// at both word starts. When S has 16 bytes or more, the 16 bytes from both
// starts are equal, so that window occurs at two word starts; when S is
// shorter, both 5-grams are shorter than 16 bytes. So a word whose 5-gram
// has 16 bytes or more and whose window occurs at no other word start is
// in no duplicate pair, for any n ≥ 5: the scans skip it, and the result
// is exact. The same holds of the 32-byte windows among the words left,
// for the n whose n-gram has 32 bytes or more: a word is scanned only for
// the n up to its maxN. Windows are counted in a sieve by a hash of their
// bytes: two windows that share a counter only make more candidates, never
// fewer.
func (d *dupNGrams) findCandidates(w *words) {
	nWords, starts, cat := w.count(), w.catStarts, w.cat
	// Words 0..withWindow-1 start a window; a later word, whose 5-gram has
	// fewer than 16 bytes, if any, is a candidate.
	withWindow := nWords
	for withWindow > 0 && int(starts[withWindow-1])+shortWindow > len(cat) {
		withWindow--
	}
	windows := slices.Grow(d.windows[:0], nWords)[:nWords]
	d.sieve.reset(nWords)
	countWindows(cat, starts[:withWindow], windows[:withWindow], d.sieve)
	with5Gram := max(0, min(withWindow, nWords-4)) // the words with a window and a 5-gram
	cands := selectCandidates(starts, windows[:with5Gram], d.sieve.ctr, d.candidates[:0])
	for i := with5Gram; i < nWords; i++ {
		cands = append(cands, int32(i))
	}
	// The long windows are counted among the candidates only: two words
	// with equal long windows have equal short ones, so both are there.
	// Candidates 0..withLong-1 start one.
	withLong := len(cands)
	for withLong > 0 && int(starts[cands[withLong-1]])+longWindow > len(cat) {
		withLong--
	}
	d.sieve.reset(len(cands))
	countLongWindows(cat, starts, cands[:withLong], windows[:withLong], d.sieve)
	d.windows = windows
	d.keepLongCandidates(w, cands, withLong)
}

// keepLongCandidates keeps, of the candidates cands (those before withLong
// with their long window's counter in d.windows), those with a maxN of 5
// or more: 10, or for a long window met once, the largest n whose n-gram
// has fewer than 32 bytes (4: none).
func (d *dupNGrams) keepLongCandidates(w *words, cands []int32, withLong int) {
	nWords, starts, ctr := w.count(), w.catStarts, d.sieve.ctr
	maxN, k := slices.Grow(d.maxN[:0], len(cands))[:len(cands)], 0
	var byMaxN [11]int
	for j, c := range cands {
		i, u := int(c), int8(10)
		if j < withLong && ctr[d.windows[j]] == 1 {
			for u = 4; u < 10 && i+int(u)+1 <= nWords && starts[i+int(u)+1]-starts[i] < longWindow; u++ {
			}
		}
		cands[k], maxN[k] = c, u
		byMaxN[u]++
		if u >= 5 {
			k++
		}
	}
	d.candidates, d.maxN = cands[:k], maxN[:k]
	for n, sum := 10, 0; n >= 5; n-- {
		sum += byMaxN[n]
		d.candsFor[n-5] = sum
	}
}

// countWindows sets windows[i] to the sieve counter of the 16 bytes of cat
// from starts[i] (len(windows) = len(starts)) and counts them in v.
func countWindows(cat []byte, starts, windows []int32, v sieve) {
	windows = windows[:len(starts)]
	for i, a := range starts {
		k := v.slot(windowHash((*[16]byte)(cat[a:a+shortWindow]), 0))
		windows[i] = k
		v.ctr[k] = sieveCount(v.ctr[k])
	}
}

// countLongWindows is countWindows for the 32 bytes from the starts of the
// words cands.
func countLongWindows(cat []byte, starts, cands, windows []int32, v sieve) {
	windows = windows[:len(cands)]
	for j, c := range cands {
		a := int(starts[c])
		w := (*[32]byte)(cat[a : a+longWindow])
		k := v.slot(windowHash((*[16]byte)(w[shortWindow:]), windowHash((*[16]byte)(w[:shortWindow]), 0)))
		windows[j] = k
		v.ctr[k] = sieveCount(v.ctr[k])
	}
}

// selectCandidates appends to cands the words i < len(windows) whose
// 5-gram has fewer than 16 bytes or whose window's counter is not 1.
func selectCandidates(starts, windows []int32, ctr []uint8, cands []int32) []int32 {
	if len(windows) == 0 {
		return cands
	}
	starts = starts[:len(windows)+5]
	for i, k := range windows {
		if int(starts[i+5]-starts[i]) < shortWindow || ctr[k] != 1 {
			cands = append(cands, int32(i))
		}
	}
	return cands
}
