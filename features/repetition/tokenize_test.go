package repetition

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alphanode/postscore/features/text"
)

// TestSplitIsPython: split's words (their bytes, offsets, and
// the concatenation's byte and rune ends) are Python's t.split(), on random
// texts whose words end on every ASCII space, on Unicode spaces, on other
// control bytes (which are not spaces) and at the end of the text, with
// words short enough for the 16-byte path and longer.
func TestSplitIsPython(t *testing.T) {
	pieces := []string{"a", "ab", "word", "fifteen-bytes!!", "sixteen-bytes!!!", "x1234567890abcdefghij",
		"é", "naïve", "\x01ctl", "del\x7f", "a\x1bb", "•", "·mid·",
		// Lead bytes 0xC9, 0xDC and 0xE0, whose low six bits are those of
		// \t, \x1c and space: not spaces.
		"aɐb", "ab\u0710", "wordก"}
	seps := []string{" ", "\t", "\n", "\v", "\f", "\r", "\x1c", "\x1d", "\x1e", "\x1f", "  ", "\u00a0", "\u2003", "\u3000", "\u0085"}
	r := rand.New(rand.NewPCG(11, 12))
	var lex lexicon
	var w words
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
			lex, w = lexicon{}, words{}
		}
		lex.startPost()
		w.split(sample, &lex)
		want := strings.FieldsFunc(sample, text.IsSpace)
		if w.count() != len(want) {
			t.Fatalf("%q: %d words, want %d (%q)", sample, w.count(), len(want), want)
		}
		cat, runes := "", 0
		for k, word := range want {
			at, n := int(w.at[k]), int(lex.types[w.types[k]].bytes)
			if got := sample[at : at+n]; got != word {
				t.Fatalf("%q: word %d is %q, want %q", sample, k, got, word)
			}
			cat += word
			runes += utf8.RuneCountInString(word)
			if int(w.catStarts[k+1]) != len(cat) || int(w.catRunes[k+1]) != runes {
				t.Fatalf("%q: word %d ends at byte %d rune %d of the concatenation, want %d and %d", sample, k, w.catStarts[k+1], w.catRunes[k+1], len(cat), runes)
			}
		}
		if string(w.cat) != cat {
			t.Fatalf("%q: concatenation %q, want %q", sample, w.cat, cat)
		}
	}
}

// TestASCIISpaces: the tokenizer's one-word set of ASCII spaces is
// text.IsASCIISpace's, and every ASCII space is below 0x21 (the set's reach).
func TestASCIISpaces(t *testing.T) {
	for c := range 256 {
		inSet := c <= ' ' && asciiSpaces>>c&1 != 0
		if isSpace := text.IsASCIISpace(byte(c)); inSet != isSpace {
			t.Errorf("byte %#x: in asciiSpaces %v, text.IsASCIISpace %v", c, inSet, isSpace)
		}
	}
	if n := bits.OnesCount64(asciiSpaces); n != 10 { // \t \n \v \f \r, U+001C-U+001F, space
		t.Errorf("asciiSpaces has %d bytes, want 10", n)
	}
}

// TestLayoutExample holds the package comment's worked example to what
// split makes of it.
func TestLayoutExample(t *testing.T) {
	var a Analyzer
	a.Tokenize("the cat sat on the mat", 0)
	w := &a.words
	got := fmt.Sprintln(w.types, w.at, string(w.cat), w.catStarts, w.catRunes)
	if want := "[0 1 2 3 0 4] [0 4 8 12 15 19] thecatsatonthemat [0 3 6 9 11 14 17] [0 3 6 9 11 14 17]\n"; got != want {
		t.Errorf("layout %s, the package comment says %s", got, want)
	}
	B := uint64(rollBase)
	the := mulMod61(mulMod61('t'+1, B)+'h'+1, B) + 'e' + 1
	if w.prefixHash[1] != the || spanHash(w.prefixHash, w.pow, w.catStarts, 4, 5) != the {
		t.Errorf("h(the) = %d, prefixHash[1] %d, span of word 4 %d", the, w.prefixHash[1], spanHash(w.prefixHash, w.pow, w.catStarts, 4, 5))
	}
	if top := *a.Gopher().TopNGramCharFrac[0]; top != 7.0/22 {
		t.Errorf("top 2-gram fraction %v, the package comment says 7/22", top)
	}
}
