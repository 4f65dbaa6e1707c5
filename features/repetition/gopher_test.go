package repetition

import (
	"math/rand/v2"
	"strings"
	"testing"
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

func TestGopherByHand(t *testing.T) {
	// T = "a b\n\na b\n\nc" (L = 11). Paragraphs: "a b","a b","c" → 1 dup of 3, 3 chars.
	// Lines split at \n+: the same. Words a b a b c: 2-grams "a b"×2 (ℓ=3, k=2) → 6/11.
	// 3-grams "a b a","b a b","a b c": top is the first, ℓ=5, k=1 → 5/11. 4-grams: ℓ=7 → 7/11.
	g := ComputeGopher("a b\n\na b\n\nc")
	want := map[string]float64{
		"dup_para_frac": 1.0 / 3, "dup_para_char_frac": 3.0 / 11, "dup_line_frac": 1.0 / 3, "dup_line_char_frac": 3.0 / 11,
		"top_2_gram_char_frac": 6.0 / 11, "top_3_gram_char_frac": 5.0 / 11, "top_4_gram_char_frac": 7.0 / 11,
		"dup_5_gram_char_frac": 0, "dup_10_gram_char_frac": 0,
	}
	cols := map[string]*float64{
		"dup_para_frac": g.DupParaFrac, "dup_para_char_frac": g.DupParaCharFrac, "dup_line_frac": g.DupLineFrac, "dup_line_char_frac": g.DupLineCharFrac,
		"top_2_gram_char_frac": g.TopNGramCharFrac[0], "top_3_gram_char_frac": g.TopNGramCharFrac[1], "top_4_gram_char_frac": g.TopNGramCharFrac[2],
		"dup_5_gram_char_frac": g.DupNGramCharFrac[0], "dup_10_gram_char_frac": g.DupNGramCharFrac[5],
	}
	for k, w := range want {
		if v := cols[k]; v == nil || !near(*v, w, 1e-15) {
			t.Errorf("%s = %v, want %v", k, deref(v), w)
		}
	}
	// dup n-grams join with no separator: "ab"+"c" and "a"+"bc" are the same key.
	words := "ab c d e f a bc d e f"
	g = ComputeGopher(words)
	// 5-grams: i=0 "abcdef"; i=1 "cdefa"; ... i=5 "abcdef" seen → +6 runes. L = 21.
	if v := g.DupNGramCharFrac[0]; v == nil || !near(*v, 6.0/21, 1e-15) {
		t.Errorf("dup_5_gram_char_frac = %v, want %v", v, 6.0/21)
	}
	if g := ComputeGopher(""); g.DupParaFrac != nil || g.TopNGramCharFrac[0] != nil {
		t.Errorf("empty text must be null: %+v", g)
	}
	if g := ComputeGopher("one"); g.TopNGramCharFrac[0] != nil || g.DupNGramCharFrac[0] == nil || *g.DupNGramCharFrac[0] != 0 {
		t.Errorf("one word: top n-grams null, dup n-grams 0: %+v", g)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func near(a, b, tol float64) bool { return a-b <= tol && b-a <= tol }

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

// TestPowAt: rollBase^n past the table is the table's product continued.
func TestPowAt(t *testing.T) {
	pow := growPow(nil, 1<<20)
	if len(pow) != powTableLen {
		t.Fatalf("pow has %d entries, want powTableLen %d", len(pow), powTableLen)
	}
	want := pow[len(pow)-1]
	for n := len(pow); n < len(pow)+5000; n++ {
		want = mulMod61(want, rollBase)
		if got := powAt(pow, n); got != want {
			t.Fatalf("powAt(%d) = %d, want %d", n, got, want)
		}
	}
	if powAt(pow, 0) != 1 || powAt(nil, 0) != 1 || powAt(nil, 1) != rollBase {
		t.Errorf("powAt(0) or powAt(1) wrong")
	}
}
