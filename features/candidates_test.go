package features

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

// TestDupNGramsExact: the candidate filter and the hashed tables give
// datatrove's duplicate n-gram counts exactly, on texts built to repeat and
// to collide across word boundaries ("ab c" and "a bc").
func TestDupNGramsExact(t *testing.T) {
	vocab := []string{"a", "ab", "b", "bc", "c", "abc", "the", "cache", "thecache", "is", "slow", "isslow", "é", "éé", "x1234567890abcdef"}
	r := rand.New(rand.NewPCG(1, 9))
	for trial := range 3000 {
		n := 5 + r.IntN(200)
		words := make([]string, n)
		for i := range words {
			if i > 10 && r.IntN(4) == 0 {
				words[i] = words[r.IntN(i)] // a repeat
			} else {
				words[i] = vocab[r.IntN(len(vocab))]
			}
		}
		text := strings.Join(words, " ")
		g := ComputeGopher(text)
		L := float64(len([]rune(text)))
		for k := range 6 {
			want := float64(dupNGramNaive(words, k+5)) / L
			if got := *g.DupNGramCharFrac[k]; got != want {
				t.Fatalf("trial %d, n=%d: %v, datatrove %v\n%q", trial, k+5, got, want, text)
			}
		}
	}
}
