package features

import (
	"encoding/binary"
	"slices"
	"unicode/utf8"
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
	tab     subTable
	tab8    ngramTable
	jh, ch  rollingHash
	words   []string
	wlen    []int   // rune length of each word
	starts  []int32 // byte offset of each word in the words joined with spaces
	cstarts []int32 // byte offset of each word in the words concatenated
	crunes  []int32 // rune offset of each word in the words concatenated
	buf     []byte
	// candidate[i]: the duplicate n-gram scans (n ≥ 5) must look at word i.
	candidate []bool
	prefix    map[[2]uint64]int32
}

// prefixLen is the window markRepeatCandidates compares.
const prefixLen = 16

// markRepeatCandidates marks the words whose duplicate n-grams (n ≥ 5,
// keyed by the words concatenated) could equal another's. If the n-grams
// at i and j are the same string S, cs holds S at both word starts. When S
// has 16 bytes or more, the 16 bytes of cs from both starts are equal, so
// that window occurs at two word starts; when S is shorter, both 5-grams are
// shorter than 16 bytes. So a word whose 5-gram has 16 bytes or more and
// whose window occurs at no other word start is in no duplicate pair, for
// any n ≥ 5: the scans skip it, and the result is exact.
func (s *gopherScratch) markRepeatCandidates(cs string, W int) {
	s.candidate = slices.Grow(s.candidate[:0], W)[:W]
	if s.prefix == nil {
		s.prefix = make(map[[2]uint64]int32, W)
	} else {
		clear(s.prefix)
	}
	window := func(i int) ([2]uint64, bool) {
		a := int(s.cstarts[i])
		if a+prefixLen > len(cs) {
			return [2]uint64{}, false
		}
		return [2]uint64{binary.LittleEndian.Uint64([]byte(cs[a : a+8])), binary.LittleEndian.Uint64([]byte(cs[a+8 : a+16]))}, true
	}
	for i := range W {
		if k, ok := window(i); ok {
			s.prefix[k]++
		}
	}
	for i := range W {
		short := i+5 > W || int(s.cstarts[i+5]-s.cstarts[i]) < prefixLen
		k, ok := window(i)
		s.candidate[i] = short || !ok || s.prefix[k] > 1
	}
}

// ComputeGopher computes the Gopher repetition set of t.
func ComputeGopher(t string) Gopher {
	var s gopherScratch
	return s.compute(t)
}

func fp(v float64) *float64 { return &v }

// dupCount returns how many elements of parts repeat an earlier one and
// their total length in runes (datatrove find_duplicates).
func (s *gopherScratch) dupCount(parts []string) (n, chars int) {
	s.tab.reset(len(parts))
	for i, p := range parts {
		if s.tab.add(p, int32(i)).count > 1 {
			n++
			chars += utf8.RuneCountInString(p)
		}
	}
	return n, chars
}

// splitRuns splits t at runs of at least min '\n' (Python re.split(r"\n{min,}")).
func splitRuns(t string, minRun int, out []string) []string {
	out = out[:0]
	start := 0
	for i := 0; i < len(t); {
		if t[i] != '\n' {
			i++
			continue
		}
		j := i
		for j < len(t) && t[j] == '\n' {
			j++
		}
		if j-i >= minRun {
			out = append(out, t[start:i])
			start = j
		}
		i = j
	}
	return append(out, t[start:])
}

// pyStrip is Python's str.strip(): white space (isSpace) off both ends.
func pyStrip(t string) string {
	start := 0
	for start < len(t) {
		r, size := utf8.DecodeRuneInString(t[start:])
		if !isSpace(r) {
			break
		}
		start += size
	}
	end := len(t)
	for end > start {
		r, size := utf8.DecodeLastRuneInString(t[start:end])
		if !isSpace(r) {
			break
		}
		end -= size
	}
	return t[start:end]
}

// splitTokens appends Python's t.split() to out.
func splitTokens(t string, out []string) []string {
	start := -1
	for i, r := range t {
		if isSpace(r) {
			if start >= 0 {
				out = append(out, t[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, t[start:])
	}
	return out
}

func (s *gopherScratch) compute(t string) Gopher {
	var g Gopher
	L := utf8.RuneCountInString(t)
	if L == 0 {
		return g
	}
	fL := float64(L)

	parts := splitRuns(pyStrip(t), 2, s.words[:0])
	n, chars := s.dupCount(parts)
	g.DupParaFrac, g.DupParaCharFrac = fp(float64(n)/float64(len(parts))), fp(float64(chars)/fL)

	parts = splitRuns(t, 1, parts)
	n, chars = s.dupCount(parts)
	g.DupLineFrac, g.DupLineCharFrac = fp(float64(n)/float64(len(parts))), fp(float64(chars)/fL)

	words := splitTokens(t, slices.Grow(parts[:0], len(t)/6))
	s.words = words
	s.wlen = s.wlen[:0]
	for _, w := range words {
		s.wlen = append(s.wlen, utf8.RuneCountInString(w))
	}

	// Top n-grams: an n-gram joined with one space is a span of the words
	// joined with one space (js); a duplicate n-gram's key, the words joined
	// with no separator, is a span of the words concatenated (cs). Both are
	// counted in ngramTables keyed by rolling hashes of their spans and
	// checked byte for byte, so no key is copied and none is mistaken.
	W := len(words)
	buf := slices.Grow(s.buf[:0], len(t))
	s.starts = s.starts[:0]
	s.cstarts = s.cstarts[:0]
	s.crunes = append(s.crunes[:0], 0)
	clen := 0
	for i, w := range words {
		if i > 0 {
			buf = append(buf, ' ')
		}
		s.starts = append(s.starts, int32(len(buf)))
		s.cstarts = append(s.cstarts, int32(clen))
		s.crunes = append(s.crunes, s.crunes[i]+int32(s.wlen[i]))
		buf = append(buf, w...)
		clen += len(w)
	}
	s.starts = append(s.starts, int32(len(buf)+1)) // so that an n-gram ends at starts[i+n]-1
	s.cstarts = append(s.cstarts, int32(clen))
	js := string(buf)
	buf = buf[:0]
	for _, w := range words {
		buf = append(buf, w...)
	}
	cs := string(buf)
	s.buf = buf
	s.jh.setText(js)
	for k, n := range [3]int{2, 3, 4} {
		if W < n {
			continue
		}
		s.tab8.reset(W-n+1, true)
		bestFirst, bestCount := 0, int32(0)
		for i := 0; i+n <= W; i++ {
			a, b := s.starts[i], s.starts[i+n]-1
			first, c := s.tab8.add(s.jh.hash(a, b), i, js, s.starts, n, 1)
			if c > bestCount || (c == bestCount && first < bestFirst) {
				bestFirst, bestCount = first, c
			}
		}
		ell := int(s.crunes[bestFirst+n]-s.crunes[bestFirst]) + n - 1
		g.TopNGramCharFrac[k] = fp(float64(ell) * float64(bestCount) / fL)
	}
	s.ch.setText(cs)
	s.markRepeatCandidates(cs, W)
	for k := range 6 {
		n := k + 5
		s.tab8.reset(W-n+1, false)
		repeated := 0
		for i := 0; i <= W-n; {
			if !s.candidate[i] {
				// Its n-gram occurs nowhere else: never seen, and no later
				// n-gram can be it, so it need not be remembered.
				i++
				continue
			}
			a, b := s.cstarts[i], s.cstarts[i+n]
			if _, c := s.tab8.add(s.ch.hash(a, b), i, cs, s.cstarts, n, 0); c > 1 {
				repeated += int(s.crunes[i+n] - s.crunes[i])
				i += n
			} else {
				i++
			}
		}
		g.DupNGramCharFrac[k] = fp(float64(repeated) / fL)
	}
	return g
}
