package repetition

import (
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/alphanode/postscore/features/text"
)

// Gopher is the Gopher repetition set (Rae et al. 2021, Appendix A) as
// datatrove's GopherRepetitionFilter computes it, with white-space words
// (METRICS.md section 4). A nil field is null: no n-grams, or an empty
// text.
type Gopher struct {
	DupParaFrac, DupParaCharFrac, DupLineFrac, DupLineCharFrac *float64
	TopNGramCharFrac                                           [3]*float64 // n = 2, 3, 4
	DupNGramCharFrac                                           [6]*float64 // n = 5 … 10
}

// ComputeGopher computes the Gopher repetition set of t.
func ComputeGopher(t string) Gopher {
	var a Analyzer
	a.Tokenize(t, 0)
	return a.Gopher()
}

// gopherScratch holds the Gopher set's tables, reused between posts.
type gopherScratch struct {
	spans spanTable // the paragraphs and lines met
	top   topNGrams
	dup   dupNGrams
}

// compute computes the Gopher set of t, split into w.
func (g *gopherScratch) compute(t string, w *words) Gopher {
	var set Gopher
	textRunes := int(w.catRunes[w.count()]) + w.spaceRunes // utf8.RuneCountInString(t)
	if textRunes == 0 {
		return set
	}
	textLen := float64(textRunes)

	paras := g.dupParts(pyStrip(t), 2)
	set.DupParaFrac, set.DupParaCharFrac = ptr(float64(paras.repeated)/float64(paras.parts)), ptr(float64(paras.chars)/textLen)
	lines := g.dupParts(t, 1)
	set.DupLineFrac, set.DupLineCharFrac = ptr(float64(lines.repeated)/float64(lines.parts)), ptr(float64(lines.chars)/textLen)

	for k, chars := range g.top.find(w) {
		set.TopNGramCharFrac[k] = ptr(float64(chars) / textLen)
	}
	// The words concatenated, read in place: w.cat does not change until
	// the next post, and cat does not outlive this call.
	cat := unsafe.String(unsafe.SliceData(w.cat), len(w.cat))
	g.dup.findCandidates(w)
	for k := range set.DupNGramCharFrac {
		set.DupNGramCharFrac[k] = ptr(float64(g.dup.repeatedRunes(cat, w, k+5)) / textLen)
	}
	return set
}

func ptr(v float64) *float64 { return &v }

// dupParts splits t at runs of at least minRun '\n' (Python
// re.split(r"\n{minRun,}"), as datatrove splits paragraphs and lines) and
// counts the parts (datatrove find_duplicates). The parts are met one at
// a time and remembered by their offsets in t (spanTable), not kept as
// strings.
func (g *gopherScratch) dupParts(t string, minRun int) partCounts {
	g.spans.reset(len(t)/64 + 16)
	var c partCounts
	start := 0
	for i := 0; i < len(t); {
		k := strings.IndexByte(t[i:], '\n')
		if k < 0 {
			break
		}
		i += k
		j := i
		for j < len(t) && t[j] == '\n' {
			j++
		}
		if j-i >= minRun {
			c.add(&g.spans, t, start, i)
			start = j
		}
		i = j
	}
	c.add(&g.spans, t, start, len(t))
	return c
}

// partCounts are dupParts' counts: the parts, those that repeat an earlier
// one, and the latter's length in runes.
type partCounts struct{ parts, repeated, chars int }

// add counts the part t[start:end], remembered in spans.
func (c *partCounts) add(spans *spanTable, t string, start, end int) {
	c.parts++
	if spans.add(t, start, end) {
		c.repeated++
		c.chars += utf8.RuneCountInString(t[start:end])
	}
}

// pyStrip is Python's str.strip(): white space (text.IsSpace) off both
// ends.
func pyStrip(t string) string {
	start := 0
	for start < len(t) {
		r, size := utf8.DecodeRuneInString(t[start:])
		if !text.IsSpace(r) {
			break
		}
		start += size
	}
	end := len(t)
	for end > start {
		r, size := utf8.DecodeLastRuneInString(t[start:end])
		if !text.IsSpace(r) {
			break
		}
		end -= size
	}
	return t[start:end]
}
