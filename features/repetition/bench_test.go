package repetition

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alphanode/postscore/features/text"
)

// The speed tricks of this package, each against the plain way it
// replaces, on the generated sample (one op a text). Each naive form is
// also held to give the same results.

// splitBytewise is words.split without its short-word path: every word
// found byte by byte and looked up by its string.
func splitBytewise(w *words, t string, lex *lexicon) {
	b := newWordsBuilder(w, len(t)/4+2)
	b.pow = growPow(w.pow, max(maxShort, lex.maxBytes))
	cat := w.cat[:0]
	for i := 0; i < len(t); {
		if size := spaceAt(t, i); size > 0 {
			i += size
			b.spaces++
			continue
		}
		if b.full() {
			b.grow(i, len(t))
		}
		start := i
		i = wordEnd(t, i)
		id := lex.id(t[start:i])
		wt := &lex.types[id]
		if n := int(wt.bytes); n >= len(b.pow) {
			b.pow = growPow(b.pow, n)
		}
		b.add(id, start, wt.bytes, wt.runes, wt.hash)
		cat = append(cat, t[start:i]...)
	}
	b.done(w)
	w.cat = cat
	w.pow = growPow(w.pow, min(len(cat), 10*lex.maxBytes))
}

func TestSplitBytewise(t *testing.T) {
	var lex lexicon
	var fast, naive words
	for _, body := range generatedTexts(t) {
		lex.startPost()
		fast.split(body, &lex)
		splitBytewise(&naive, body, &lex)
		if !reflect.DeepEqual(fast, naive) {
			t.Fatalf("%.40q…: split and splitBytewise differ", body)
		}
	}
}

func BenchmarkSplit(b *testing.B) {
	texts := generatedTexts(b)
	for _, c := range []struct {
		name  string
		split func(w *words, t string, lex *lexicon)
	}{{"short words by 16 bytes", (*words).split}, {"byte by byte", splitBytewise}} {
		b.Run(c.name, func(b *testing.B) {
			var lex lexicon
			var w words
			i := 0
			for b.Loop() {
				lex.startPost()
				c.split(&w, texts[i%len(texts)], &lex)
				i++
			}
		})
	}
}

// everyWordACandidate is findCandidates without its filter.
func everyWordACandidate(d *dupNGrams, w *words) {
	d.candidates, d.maxN = d.candidates[:0], d.maxN[:0]
	for i := range w.count() {
		d.candidates, d.maxN = append(d.candidates, int32(i)), append(d.maxN, 10)
	}
	for k := range d.candsFor {
		d.candsFor[k] = w.count()
	}
}

func BenchmarkDupNGrams(b *testing.B) {
	texts := generatedTexts(b)
	analyzers := make([]Analyzer, len(texts))
	for k, body := range texts {
		analyzers[k].Tokenize(body, 0)
		var filtered, every dupNGrams
		filtered.findCandidates(&analyzers[k].words)
		everyWordACandidate(&every, &analyzers[k].words)
		for n := 5; n <= 10; n++ {
			cat := string(analyzers[k].words.cat)
			if x, y := filtered.repeatedRunes(cat, &analyzers[k].words, n), every.repeatedRunes(cat, &analyzers[k].words, n); x != y {
				b.Fatalf("text %d, n = %d: %d repeated runes among the candidates, %d among every word", k, n, x, y)
			}
		}
	}
	for _, c := range []struct {
		name       string
		candidates func(d *dupNGrams, w *words)
	}{{"candidates", (*dupNGrams).findCandidates}, {"every word", everyWordACandidate}} {
		b.Run(c.name, func(b *testing.B) {
			var d dupNGrams
			i := 0
			for b.Loop() {
				w := &analyzers[i%len(analyzers)].words
				c.candidates(&d, w)
				for n := 5; n <= 10; n++ {
					d.repeatedRunes(string(w.cat), w, n)
				}
				i++
			}
		})
	}
}

// findEveryPosition is topNGrams.find without its pruning.
func findEveryPosition(t *topNGrams, w *words) []int {
	t.class = append(t.class[:0], w.types...)
	t.counts = t.counts[:0]
	found := t.result[:0]
	for n := 2; n <= 4 && n <= w.count(); n++ {
		t.refine(w, n, 0, false)
		t.best = 1
		for c, count := range t.counts {
			if count > t.counts[t.best] {
				t.best = c
			}
		}
		at := int(t.lastAt[t.best])
		found = append(found, (int(w.catRunes[at+n]-w.catRunes[at])+n-1)*int(t.counts[t.best]))
	}
	return found
}

func BenchmarkTopNGrams(b *testing.B) {
	texts := generatedTexts(b)
	analyzers := make([]Analyzer, len(texts))
	for k, body := range texts {
		analyzers[k].Tokenize(body, 0)
		var pruned, every topNGrams
		if x, y := pruned.find(&analyzers[k].words), findEveryPosition(&every, &analyzers[k].words); !reflect.DeepEqual(x, y) {
			b.Fatalf("text %d: pruned %v, every position %v", k, x, y)
		}
	}
	for _, c := range []struct {
		name string
		find func(t *topNGrams, w *words) []int
	}{{"pruned", (*topNGrams).find}, {"every position", findEveryPosition}} {
		b.Run(c.name, func(b *testing.B) {
			var t topNGrams
			i := 0
			for b.Loop() {
				c.find(&t, &analyzers[i%len(analyzers)].words)
				i++
			}
		})
	}
}

func BenchmarkFragments(b *testing.B) {
	texts := generatedTexts(b)
	analyzers := make([]Analyzer, len(texts))
	for k, body := range texts {
		analyze(&analyzers[k], body)
	}
	for _, c := range []struct {
		name string
		cut  func(c *fragmenter, b *blockWords, visit func(*fragment))
	}{{"by words", (*fragmenter).byWords}, {"by bytes", (*fragmenter).byBytes}} {
		b.Run(c.name, func(b *testing.B) {
			words := 0
			visit := func(fr *fragment) { words += fr.words }
			i := 0
			for b.Loop() {
				a := &analyzers[i%len(analyzers)]
				cut := fragmenter{a: a}
				for k := range a.blocks {
					if !a.blocks[k].needsBytePath {
						c.cut(&cut, &a.blocks[k], visit)
					}
				}
				i++
			}
		})
	}
}

func BenchmarkLexicon(b *testing.B) {
	texts := generatedTexts(b)
	text.Syllables("the") // indexes the syllable table before the clock starts
	b.Run("kept between posts", func(b *testing.B) {
		var a Analyzer
		i := 0
		for b.Loop() {
			analyze(&a, texts[i%len(texts)])
			i++
		}
	})
	b.Run("afresh each post", func(b *testing.B) {
		i := 0
		for b.Loop() {
			var a Analyzer
			analyze(&a, texts[i%len(texts)])
			i++
		}
	})
}

// BenchmarkGopherGenerated is the Gopher set alone, one op a text.
func BenchmarkGopherGenerated(b *testing.B) {
	texts := generatedTexts(b)
	var a Analyzer
	b.SetBytes(int64(len(texts[0])))
	i := 0
	for b.Loop() {
		a.Tokenize(texts[i%len(texts)], 0)
		a.Gopher()
		i++
	}
}

func BenchmarkNormalizeSentence(b *testing.B) {
	var frags []string
	for _, body := range generatedTexts(b) {
		text.ForEachFragment(body, func(f string, _ int) { frags = append(frags, f) })
	}
	b.Run("one pass", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			for _, f := range frags {
				buf, _, _ = normalizeSentence(buf, f)
			}
		}
	})
	b.Run("rune at a time, then counted", func(b *testing.B) {
		for b.Loop() {
			for _, f := range frags {
				n := normalizeSentenceRef(f)
				_, _ = text.CountWords(f), utf8.RuneCountInString(n)
			}
		}
	})
}

// BenchmarkSubTable counts the white-space words of each text afresh, in
// a subTable and in a Go map.
func BenchmarkSubTable(b *testing.B) {
	var texts [][][]byte
	for _, body := range generatedTexts(b) {
		var words [][]byte
		for _, w := range strings.Fields(body) {
			words = append(words, []byte(w))
		}
		texts = append(texts, words)
	}
	b.Run("subTable", func(b *testing.B) {
		var t subTable
		i := 0
		for b.Loop() {
			words := texts[i%len(texts)]
			t.reset(len(words) / 4)
			for _, w := range words {
				t.addBytes(w, 0)
			}
			i++
		}
	})
	b.Run("map", func(b *testing.B) {
		i := 0
		for b.Loop() {
			words := texts[i%len(texts)]
			m := make(map[string]int32, len(words)/4)
			for _, w := range words {
				m[string(w)]++
			}
			i++
		}
	})
}
