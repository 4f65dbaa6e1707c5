package text

import (
	"strings"
	"sync"
	"testing"
)

func TestSyllableTable(t *testing.T) {
	cases := []struct {
		word string
		want int
	}{
		{"the", 1}, {"hello", 2}, {"monopoly", 4}, {"interpersonal", 5}, {"day's", 1}, {"through", 1},
	}
	for _, c := range cases {
		if n, ok := LookupSyllables(c.word); !ok || n != c.want {
			t.Errorf("table %q = %d, %v; want %d", c.word, n, ok, c.want)
		}
	}
	if _, ok := LookupSyllables("remove_punctuation"); ok {
		t.Error("remove_punctuation should not be in the table")
	}
	if !strings.Contains(CMUDictLicense(), "Carnegie Mellon") {
		t.Error("licence text missing")
	}
}

func TestFallbackSyllables(t *testing.T) {
	// Counted by hand.
	cases := []struct {
		word string
		want int
	}{
		{"make", 1}, {"table", 2}, {"jumped", 1}, {"wanted", 2}, {"makes", 1}, {"boxes", 2},
		{"radio", 3}, {"nation", 2}, {"quiet", 2}, {"rhythm", 1}, {"postgres", 2}, {"rules", 1}, {"tables", 2},
		{"refactoring", 4}, {"text_a", 2}, {"2026", 1}, {"xyz", 1}, {"dockerfile", 3}, {"yes", 1},
	}
	for _, c := range cases {
		if got := FallbackSyllables(c.word); got != c.want {
			t.Errorf("fallback %q = %d, want %d", c.word, got, c.want)
		}
	}
}

// TestFallbackAgainstTable measures the fallback on every alphabetic word of
// the CMU table: the share it gets exactly right and within one syllable.
func TestFallbackAgainstTable(t *testing.T) {
	exact, within1, total := 0, 0, 0
	for _, at := range cmuLines() {
		w, n := cmuEntry(at)
		if strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
			continue
		}
		total++
		d := fallbackSyllables([]byte(w)) - int(n)
		if d == 0 {
			exact++
		}
		if d >= -1 && d <= 1 {
			within1++
		}
	}
	pe, p1 := float64(exact)/float64(total), float64(within1)/float64(total)
	t.Logf("fallback vs CMU table on %d words: %.1f%% exact, %.1f%% within one syllable", total, 100*pe, 100*p1)
	if pe < 0.80 || p1 < 0.97 {
		t.Errorf("fallback agreement fell: %.3f exact, %.3f within one", pe, p1)
	}
}

// TestCMUTableSorted: lookupCMU's binary search needs the table sorted by
// its words' bytes, each word once, every line "word<TAB>count".
func TestCMUTableSorted(t *testing.T) {
	lines := cmuLines()
	if len(lines) != 123455 {
		t.Fatalf("%d lines in the table, want 123455", len(lines))
	}
	prev := ""
	for k, at := range lines {
		w, n := cmuEntry(at)
		if k > 0 && w <= prev {
			t.Fatalf("line %d: %q after %q: the table is not sorted, or repeats a word", k+1, w, prev)
		}
		if w == "" || strings.ContainsAny(w, "\t\n") {
			t.Fatalf("line %d: %q, %d syllables", k+1, w, n)
		}
		if got, ok := lookupCMU(w); !ok || got != n {
			t.Fatalf("lookupCMU(%q) = %d, %v; the table says %d", w, got, ok, n)
		}
		prev = w
	}
	for _, w := range []string{"", "zzzzzzzz", "!", "aa\x00"} {
		if n, ok := lookupCMU(w); ok {
			t.Errorf("lookupCMU(%q) = %d: not in the table", w, n)
		}
	}
}

// BenchmarkCMUIndex builds what a lookup needs on a run's first post: the
// index of the table's lines, or a map of its words.
func BenchmarkCMUIndex(b *testing.B) {
	b.Run("line index", func(b *testing.B) {
		for b.Loop() {
			dictOnce = sync.Once{}
			cmuLines()
		}
	})
	b.Run("map", func(b *testing.B) {
		for b.Loop() {
			m := make(map[string]uint8, 123455)
			for _, at := range cmuLines() {
				w, n := cmuEntry(at)
				m[w] = n
			}
		}
	})
}
