package minhash

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
)

func TestSimplify(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Café, 1,000 cafés!", "cafe 0 cafes"},
		{"Don't STOP — ever", "dont stop ever"},
		{"a - b", "a b"},                // a word of punctuation alone is no word
		{"x\u00a0y\tz\n\nw", "x y z w"}, // no-break space, tab and newlines separate words
		{"Ünïcödé 2nd 3.14", "unicode 0nd 0"},
		{"“quoted” «guillemets» 「括弧」", "quoted guillemets 括弧"},
		{"tab\x01stop", "tabstop"}, // a control character is removed
		{"x\x1cy", "x y"},          // a separator is white space
		{"１２", "0"},                // the full-width one is punctuation: datatrove's list has it
		{"   ", ""},
	}
	for _, c := range cases {
		var s simplified
		s.simplify(c.in)
		if got := string(s.text); got != c.want {
			t.Errorf("simplify(%q) = %q, want %q", c.in, got, c.want)
		}
		if len(s.starts) != len(strings.Fields(c.want)) || len(s.ends) != len(s.starts) {
			t.Errorf("simplify(%q): %d starts, %d ends, want %d words", c.in, len(s.starts), len(s.ends), len(strings.Fields(c.want)))
		}
	}
}

func TestSimplifyOffsets(t *testing.T) {
	var s simplified
	s.simplify("Café, 1,000 cafés!")
	if fmt.Sprint(s.starts, s.ends) != "[0 5 7] [4 6 12]" {
		t.Errorf("starts, ends = %v %v, want [0 5 7] [4 6 12]", s.starts, s.ends)
	}
}

// TestSignHandComputed works out a small signature: 2-word shingles, 8 bins.
// "A b. C" is the words a b c, so the shingles "a b" and "b c".
func TestSignHandComputed(t *testing.T) {
	// FNV-1a 64 of "a" is the published test vector; Go's hash/fnv agrees.
	var hA, hB, hC uint64 = 0xaf63dc4c8601ec8c, 0xaf63df4c8601f1a5, 0xaf63de4c8601eff2
	if fnv64a("a") != hA || fnv64a("b") != hB || fnv64a("c") != hC {
		t.Fatal("FNV-1a of the words is not the one worked with")
	}
	// "a b": hA·0x100000001b3 + hB = 0xb7ffc1543b46e389 (mod 2⁶⁴), fmix64 of it
	// 0x38c9c3bbcdf655d0: bin (0x38c9c3bb·8)>>32 = 1, value 0xcdf655d0.
	// "b c": hB·0x100000001b3 + hC = 0xb809f2543b4f8b51, fmix64 of it
	// 0xe1b3cee37fae54a0: bin (0xe1b3cee3·8)>>32 = 7, value 0x7fae54a0.
	if hA*shinglePrime+hB != 0xb7ffc1543b46e389 || fmix64(0xb7ffc1543b46e389) != 0x38c9c3bbcdf655d0 ||
		hB*shinglePrime+hC != 0xb809f2543b4f8b51 || fmix64(0xb809f2543b4f8b51) != 0xe1b3cee37fae54a0 {
		t.Fatal("the shingle hashes are not the ones worked with")
	}
	// Their bytes: fmix64(0xcdf655d0<<32 | 1) = 0x656da5629ed18c7e, low byte
	// 0x7e; fmix64(0x7fae54a0<<32 | 7) = 0xa05e6dd579c2c203, low byte 0x03.
	if fmix64(0xcdf655d0<<32|1) != 0x656da5629ed18c7e || fmix64(0x7fae54a0<<32|7) != 0xa05e6dd579c2c203 {
		t.Fatal("the bins' bytes are not the ones worked with")
	}
	p := Params{ShingleWords: 2, Bins: 8, Bands: 2, Rows: 4, Threshold: 0.8}
	sig := NewSigner(p).Sign("A b. C")
	if sig.Bins[1] != 0x7e || sig.Bins[7] != 0x03 {
		t.Fatalf("bins 1 and 7 = %#x %#x, want 0x7e 0x03", sig.Bins[1], sig.Bins[7])
	}
	// Every other bin holds the value of the nearest filled bin to its right,
	// as its own byte: bin 0 bin 1's, bins 2 to 6 bin 7's.
	nearestRight := map[int]uint64{0: 0xcdf655d0, 2: 0x7fae54a0, 3: 0x7fae54a0, 4: 0x7fae54a0, 5: 0x7fae54a0, 6: 0x7fae54a0}
	for i, value := range nearestRight {
		if want := byte(fmix64(value<<32 | uint64(i))); sig.Bins[i] != want {
			t.Errorf("bin %d = %#x, want %#x", i, sig.Bins[i], want)
		}
	}
	if sig.TextHash != xxhash.Sum64String("a b c") {
		t.Errorf("TextHash = %#x, want xxHash64(\"a b c\")", sig.TextHash)
	}
}

func fnv64a(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func TestSignShortAndEmpty(t *testing.T) {
	s := NewSigner(DefaultParams)
	if sig := s.Sign(" ... — "); sig.Bins != nil || sig.TextHash != 0 {
		t.Errorf("a text without words has signature %v %#x, want none", sig.Bins, sig.TextHash)
	}
	// Fewer words than a shingle: the text is one shingle, every bin its value.
	sig := s.Sign("The cat sat.")
	value := uint32(shingleHash([]uint64{fnv64a("the"), fnv64a("cat"), fnv64a("sat")}))
	for i, v := range sig.Bins {
		if want := binByte(value, i); v != want {
			t.Fatalf("bin %d = %#x, want %#x (the one shingle's value, as bin %d's byte)", i, v, want, i)
		}
	}
}

// TestShortTextsUnrelated: 600 distinct three-word texts, each one shingle
// copied into every bin, are alike in nothing: no pair's estimate reaches
// 0.5, where bytes shared by all bins would make 1 pair in 256 equal.
func TestShortTextsUnrelated(t *testing.T) {
	s := NewSigner(DefaultParams)
	var sigs [][]byte
	for i := range 600 {
		sigs = append(sigs, s.Sign(madeUpWord("a", i)+" "+madeUpWord("b", i)+" "+madeUpWord("c", i)).Bins)
	}
	for i := range sigs {
		for j := range i {
			if e := Estimate(sigs[i], sigs[j]); e >= 0.5 {
				t.Fatalf("texts %d and %d: estimate %.3f, want under 0.5", j, i, e)
			}
		}
	}
}

func TestExactCopiesAgree(t *testing.T) {
	s := NewSigner(DefaultParams)
	a := s.Sign("One two three four five six seven.")
	b := s.Sign("one, two; THREE four five six seven")
	if !bytes.Equal(a.Bins, b.Bins) || a.TextHash != b.TextHash {
		t.Error("texts equal once normalised have different signatures")
	}
	if e := Estimate(a.Bins, b.Bins); e != 1 {
		t.Errorf("Estimate of equal signatures = %v, want 1", e)
	}
}

// TestEstimateAccuracy: for 1,000 pairs of texts, one an edit of the other
// by a random share of its words (so that their Jaccard spreads over 0 to
// 1), the estimate is within 0.05 of the exact Jaccard for 95% of pairs.
func TestEstimateAccuracy(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := NewSigner(DefaultParams)
	within, counts := 0, [10]int{}
	const pairs = 1000
	for range pairs {
		a := randomWords(rng, 100+rng.IntN(1900))
		b := editWords(rng, a, rng.Float64()*0.25)
		ta, tb := strings.Join(a, " "), strings.Join(b, " ")
		exact := Jaccard(Shingles(ta, 5), Shingles(tb, 5))
		est := Estimate(s.Sign(ta).Bins, s.Sign(tb).Bins)
		if math.Abs(est-exact) <= 0.05 {
			within++
		}
		counts[min(9, int(exact*10))]++
	}
	t.Logf("pairs by exact Jaccard decile: %v", counts)
	if within < pairs*95/100 {
		t.Errorf("%d of %d estimates within 0.05 of the exact Jaccard, want at least 95%%", within, pairs)
	}
	for d, n := range counts[1:] {
		if n < 20 {
			t.Errorf("only %d pairs with Jaccard in [%.1f, %.1f): the test does not spread", n, float64(d+1)/10, float64(d+2)/10)
		}
	}
}

// randomWords is n words drawn from 20,000 made-up ones.
func randomWords(rng *rand.Rand, n int) []string {
	words := make([]string, n)
	for i := range words {
		words[i] = madeUpWord("w", rng.IntN(20000))
	}
	return words
}

// madeUpWord is prefix and i in letters (digits would normalise to "0").
func madeUpWord(prefix string, i int) string {
	w := []byte(prefix)
	for ; i > 0; i /= 26 {
		w = append(w, byte('a'+i%26))
	}
	return string(w)
}

// editWords changes a share of a's words: each is replaced, dropped, or
// followed by a new one, with the share's probability.
func editWords(rng *rand.Rand, a []string, share float64) []string {
	var b []string
	for _, w := range a {
		if rng.Float64() >= share {
			b = append(b, w)
			continue
		}
		switch rng.IntN(3) {
		case 0:
			b = append(b, madeUpWord("x", rng.IntN(20000)))
		case 1:
		case 2:
			b = append(b, w, madeUpWord("y", rng.IntN(20000)))
		}
	}
	return b
}

func TestEqualBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 40 {
		a, b := make([]byte, n), make([]byte, n)
		for i := range a {
			a[i], b[i] = byte(rng.IntN(4)), byte(rng.IntN(4))
		}
		if got, want := equalBytes(a, b), equalBytesNaive(a, b); got != want {
			t.Errorf("equalBytes(%v, %v) = %d, want %d", a, b, got, want)
		}
	}
	if zeroBytes(0x00FF800100000080) != 0x8000000080808000 {
		t.Errorf("zeroBytes = %#x", zeroBytes(0x00FF800100000080))
	}
}

func equalBytesNaive(a, b []byte) int {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return n
}

func BenchmarkEqualBytes(b *testing.B) {
	x, y := make([]byte, 512), make([]byte, 512)
	for i := range x {
		x[i], y[i] = byte(i), byte(i*7)
	}
	b.Run("naive", func(b *testing.B) {
		for b.Loop() {
			equalBytesNaive(x, y)
		}
	})
	b.Run("eight-at-a-time", func(b *testing.B) {
		for b.Loop() {
			equalBytes(x, y)
		}
	})
}

func BenchmarkSign(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	text := strings.Join(randomWords(rng, 1500), " ")
	s := NewSigner(DefaultParams)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s.Sign(text)
	}
}

func TestValidate(t *testing.T) {
	if err := DefaultParams.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []Params{
		{ShingleWords: 0, Bins: 512, Bands: 14, Rows: 8, Threshold: 0.8},
		{ShingleWords: 5, Bins: 100, Bands: 14, Rows: 8, Threshold: 0.8},
		{ShingleWords: 5, Bins: 64, Bands: 14, Rows: 8, Threshold: 0.8},
		{ShingleWords: 5, Bins: 512, Bands: 14, Rows: 8, Threshold: 0},
		{ShingleWords: 5, Bins: 512, Bands: 14, Rows: 8, Threshold: math.NaN()},
		{ShingleWords: 5, Bins: 512, Bands: 2305843009213693952, Rows: 8, Threshold: 0.8}, // Bands·Rows overflows to 0
	}
	for _, p := range bad {
		if p.Validate() == nil {
			t.Errorf("%+v is valid, want an error", p)
		}
	}
}

// BenchmarkSignShort signs a three-word text: one shingle, 511 empty bins
// to fill.
func BenchmarkSignShort(b *testing.B) {
	s := NewSigner(DefaultParams)
	for b.Loop() {
		s.Sign("three short words")
	}
}
