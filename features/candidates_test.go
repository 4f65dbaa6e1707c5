package features

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alphanode/postscore/features/text"
)

// dupNGramNaive is datatrove's find_all_duplicate, literally: a set of the
// words joined with no separator, jumping n words past a repeat.
func dupNGramNaive(words []string, n int) int {
	seen := map[string]bool{}
	rep := 0
	for i := 0; i <= len(words)-n; {
		k := strings.Join(words[i:i+n], "")
		if seen[k] {
			rep += len([]rune(k))
			i += n
		} else {
			seen[k] = true
			i++
		}
	}
	return rep
}

// topNGramNaive is datatrove's find_top_duplicate over get_n_grams,
// literally: Counter.most_common(1) of the n-grams joined with one space
// (ties: the first seen), its length times its count, over L.
func topNGramNaive(words []string, n int, L float64) *float64 {
	if len(words) < n {
		return nil
	}
	counts := map[string]int{}
	var order []string
	for i := 0; i+n <= len(words); i++ {
		k := strings.Join(words[i:i+n], " ")
		if counts[k] == 0 {
			order = append(order, k)
		}
		counts[k]++
	}
	best := order[0]
	for _, k := range order {
		if counts[k] > counts[best] {
			best = k
		}
	}
	v := float64(len([]rune(best))*counts[best]) / L
	return &v
}

// TestDupNGramsExact: the candidate filter and the hashed tables give
// datatrove's duplicate and top n-gram values exactly, on texts built to
// repeat and to collide across word boundaries ("ab c" and "a bc"), with
// words separated by any white space.
func TestDupNGramsExact(t *testing.T) {
	vocab := []string{"a", "ab", "b", "bc", "c", "abc", "the", "cache", "thecache", "is", "slow", "isslow", "é", "éé", "x1234567890abcdef"}
	r := rand.New(rand.NewPCG(1, 9))
	for trial := range 3000 {
		n := 1 + r.IntN(200)
		words := make([]string, n)
		for i := range words {
			if i > 10 && r.IntN(4) == 0 {
				words[i] = words[r.IntN(i)] // a repeat
			} else {
				words[i] = vocab[r.IntN(len(vocab))]
			}
		}
		seps := []string{" ", " ", " ", "\n", "  ", "\t", "\u00a0", "\u3000 "}
		var b strings.Builder
		for i, w := range words {
			if i > 0 {
				b.WriteString(seps[r.IntN(len(seps))])
			}
			b.WriteString(w)
		}
		sample := b.String()
		g := ComputeGopher(sample)
		L := float64(len([]rune(sample)))
		for k := range 6 {
			want := float64(dupNGramNaive(words, k+5)) / L
			if got := *g.DupNGramCharFrac[k]; got != want {
				t.Fatalf("trial %d, n=%d: %v, datatrove %v\n%q", trial, k+5, got, want, sample)
			}
		}
		for k := range 3 {
			want, got := topNGramNaive(words, k+2, L), g.TopNGramCharFrac[k]
			if (want == nil) != (got == nil) || want != nil && *got != *want {
				t.Fatalf("trial %d, top %d-gram: %v, datatrove %v\n%q", trial, k+2, got, want, sample)
			}
		}
	}
}

// TestNgramTableTagBits: the n-gram table answers exactly whatever tag bits
// a post's length leaves (12 for short posts, none for one of 2^31 words),
// on n-grams that collide across word boundaries.
func TestNgramTableTagBits(t *testing.T) {
	words := strings.Fields("a bc ab c abc a b c ab c a bc abc abc a b c x y a bc")
	var cs strings.Builder
	starts := []int32{0}
	for _, w := range words {
		cs.WriteString(w)
		starts = append(starts, int32(cs.Len()))
	}
	sample := cs.String()
	for _, w := range []int{len(words), 1 << 20, 1<<31 - 1} {
		for _, n := range []int{1, 2, 3} {
			var tab ngramTable
			tab.reset(len(words), w)
			seen := map[string]bool{}
			for i := 0; i+n <= len(words); i++ {
				key := sample[starts[i]:starts[i+n]]
				// A poor hash (the key's length) makes every equal-length
				// n-gram share a tag and a probe chain.
				if got := tab.add(uint64(len(key))<<40, i, sample, starts, n); got != seen[key] {
					t.Errorf("w=%d n=%d: %q at %d: seen %v, want %v", w, n, key, i, got, seen[key])
				}
				seen[key] = true
			}
		}
	}
}

// TestTokenizeSplitsAsPython: tokenize's words (their bytes, offsets, and
// the concatenation's byte and rune ends) are Python's t.split(), on random
// texts whose words end on every ASCII space, on Unicode spaces, on other
// control bytes (which are not spaces) and at the end of the text, with
// words short enough for the 16-byte path and longer.
func TestTokenizeSplitsAsPython(t *testing.T) {
	pieces := []string{"a", "ab", "word", "fifteen-bytes!!", "sixteen-bytes!!!", "x1234567890abcdefghij",
		"é", "naïve", "\x01ctl", "del\x7f", "a\x1bb", "•", "·mid·",
		// Lead bytes 0xC9, 0xDC and 0xE0, whose low six bits are those of
		// \t, \x1c and space: not spaces.
		"aɐb", "ab\u0710", "wordก"}
	seps := []string{" ", "\t", "\n", "\v", "\f", "\r", "\x1c", "\x1d", "\x1e", "\x1f", "  ", "\u00a0", "\u2003", "\u3000", "\u0085"}
	r := rand.New(rand.NewPCG(11, 12))
	var s gopherScratch
	for trial := range 5000 {
		var b strings.Builder
		for i := range r.IntN(30) {
			if i > 0 || r.IntN(4) == 0 {
				b.WriteString(seps[r.IntN(len(seps))])
			}
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		if r.IntN(3) == 0 {
			b.WriteString(seps[r.IntN(len(seps))])
		}
		sample := b.String()
		if trial%500 == 0 {
			s = gopherScratch{}
		}
		s.lex.startPost()
		W := s.tokenize(sample)
		want := strings.FieldsFunc(sample, text.IsSpace)
		if W != len(want) {
			t.Fatalf("%q: %d words, want %d (%q)", sample, W, len(want), want)
		}
		cat, runes := "", 0
		for k, w := range want {
			at, n := int(s.at[k]), int(s.lex.words[s.ids[k]].bytes)
			if got := sample[at : at+n]; got != w {
				t.Fatalf("%q: word %d is %q, want %q", sample, k, got, w)
			}
			cat += w
			runes += utf8.RuneCountInString(w)
			if int(s.cstarts[k+1]) != len(cat) || int(s.crunes[k+1]) != runes {
				t.Fatalf("%q: word %d ends at byte %d rune %d of the concatenation, want %d and %d", sample, k, s.cstarts[k+1], s.crunes[k+1], len(cat), runes)
			}
		}
		if string(s.buf) != cat {
			t.Fatalf("%q: concatenation %q, want %q", sample, s.buf, cat)
		}
	}
}
