package features

import (
	"strings"
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

// gopherScratch holds maps and slices reused between calls.
type gopherScratch struct {
	seen   map[string]struct{}
	counts map[string]ngramCount
	words  []string
	wlen   []int // rune length of each word
}

type ngramCount struct{ count, first int32 }

// ComputeGopher computes the Gopher repetition set of t.
func ComputeGopher(t string) Gopher {
	var s gopherScratch
	return s.compute(t)
}

func fp(v float64) *float64 { return &v }

// dupCount returns how many elements of parts repeat an earlier one and
// their total length in runes (datatrove find_duplicates).
func (s *gopherScratch) dupCount(parts []string) (n, chars int) {
	clear(s.seen)
	for _, p := range parts {
		if _, ok := s.seen[p]; ok {
			n++
			chars += utf8.RuneCountInString(p)
		} else {
			s.seen[p] = struct{}{}
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
	if s.seen == nil {
		s.seen = make(map[string]struct{}, 64)
		s.counts = make(map[string]ngramCount, 256)
	}
	fL := float64(L)

	parts := splitRuns(pyStrip(t), 2, s.words[:0])
	n, chars := s.dupCount(parts)
	g.DupParaFrac, g.DupParaCharFrac = fp(float64(n)/float64(len(parts))), fp(float64(chars)/fL)

	parts = splitRuns(t, 1, parts)
	n, chars = s.dupCount(parts)
	g.DupLineFrac, g.DupLineCharFrac = fp(float64(n)/float64(len(parts))), fp(float64(chars)/fL)

	words := splitTokens(t, parts[:0])
	s.words = words
	s.wlen = s.wlen[:0]
	for _, w := range words {
		s.wlen = append(s.wlen, utf8.RuneCountInString(w))
	}

	// Top n-grams: n-grams joined with one space are substrings of the words
	// joined with one space, so the keys need no copying.
	var joined strings.Builder
	joined.Grow(len(t))
	starts := make([]int, len(words)+1)
	for i, w := range words {
		if i > 0 {
			joined.WriteByte(' ')
		}
		starts[i] = joined.Len()
		joined.WriteString(w)
	}
	js := joined.String()
	for k, n := range [3]int{2, 3, 4} {
		if len(words) < n {
			continue
		}
		clear(s.counts)
		var best string
		var bestC ngramCount
		for i := 0; i+n <= len(words); i++ {
			last := i + n - 1
			key := js[starts[i] : starts[last]+len(words[last])]
			c, ok := s.counts[key]
			if !ok {
				c.first = int32(i)
			}
			c.count++
			s.counts[key] = c
			if c.count > bestC.count || (c.count == bestC.count && c.first < bestC.first) {
				best, bestC = key, c
			}
		}
		ell := 0
		for i := int(bestC.first); i < int(bestC.first)+n; i++ {
			ell += s.wlen[i]
		}
		ell += n - 1
		_ = best
		g.TopNGramCharFrac[k] = fp(float64(ell) * float64(bestC.count) / fL)
	}

	// Duplicate n-grams: keys are the words joined with no separator, which
	// are substrings of the words concatenated.
	var cat strings.Builder
	cat.Grow(len(t))
	cstart := starts[:0:0]
	cstart = make([]int, len(words)+1)
	crunes := make([]int, len(words)+1)
	for i, w := range words {
		cstart[i] = cat.Len()
		crunes[i+1] = crunes[i] + s.wlen[i]
		cat.WriteString(w)
	}
	cstart[len(words)] = cat.Len()
	cs := cat.String()
	for k := range 6 {
		n := k + 5
		clear(s.seen)
		repeated := 0
		for i := 0; i <= len(words)-n; {
			key := cs[cstart[i]:cstart[i+n]]
			if _, ok := s.seen[key]; ok {
				repeated += crunes[i+n] - crunes[i]
				i += n
			} else {
				s.seen[key] = struct{}{}
				i++
			}
		}
		g.DupNGramCharFrac[k] = fp(float64(repeated) / fL)
	}
	return g
}
