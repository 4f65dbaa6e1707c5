package features

import "unicode/utf8"

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
	tab    subTable
	spans  spanTable
	words  []string
	wlen   []int // rune length of each word
	starts []int
	crunes []int
	buf    []byte
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

	words := splitTokens(t, parts[:0])
	s.words = words
	s.wlen = s.wlen[:0]
	for _, w := range words {
		s.wlen = append(s.wlen, utf8.RuneCountInString(w))
	}

	// Top n-grams: an n-gram joined with one space is a substring of the
	// words joined with one space, so keys need no copying. The most frequent
	// n-gram wins; among equals, the first to occur.
	buf := s.buf[:0]
	s.starts = s.starts[:0]
	for i, w := range words {
		if i > 0 {
			buf = append(buf, ' ')
		}
		s.starts = append(s.starts, len(buf))
		buf = append(buf, w...)
	}
	s.spans.setText(string(buf))
	for k, n := range [3]int{2, 3, 4} {
		if len(words) < n {
			continue
		}
		s.spans.reset(len(words))
		var best spanSlot
		for i := 0; i+n <= len(words); i++ {
			last := i + n - 1
			c := s.spans.add(s.starts[i], s.starts[last]+len(words[last]), int32(i))
			if c.count > best.count || (c.count == best.count && c.first < best.first) {
				best = *c
			}
		}
		ell := n - 1
		for i := int(best.first); i < int(best.first)+n; i++ {
			ell += s.wlen[i]
		}
		g.TopNGramCharFrac[k] = fp(float64(ell) * float64(best.count) / fL)
	}

	// Duplicate n-grams: keys are the words joined with no separator, which
	// are spans of the words concatenated.
	buf = buf[:0]
	s.starts = s.starts[:0]
	s.crunes = append(s.crunes[:0], 0)
	for i, w := range words {
		s.starts = append(s.starts, len(buf))
		s.crunes = append(s.crunes, s.crunes[i]+s.wlen[i])
		buf = append(buf, w...)
	}
	s.starts = append(s.starts, len(buf))
	s.spans.setText(string(buf))
	s.buf = buf
	for k := range 6 {
		n := k + 5
		s.spans.reset(len(words))
		repeated := 0
		for i := 0; i <= len(words)-n; {
			if s.spans.add(s.starts[i], s.starts[i+n], int32(i)).count > 1 {
				repeated += s.crunes[i+n] - s.crunes[i]
				i += n
			} else {
				i++
			}
		}
		g.DupNGramCharFrac[k] = fp(float64(repeated) / fL)
	}
	return g
}
