package features

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSentenceFragmentsByWords holds the word-type path of the sentence
// pass (sentenceFragments) to the byte path (forEachFragmentAt,
// normalizeSentence, sentenceKey) on random texts: the same fragments,
// offsets, word counts, lengths and keys, or a refusal.
func TestSentenceFragmentsByWords(t *testing.T) {
	// The first ones are plain words; the rest make sentenceFragments refuse.
	pieces := []string{"a", "B", "Don't", "well-known", "end.", "Why?", "wow!!", "...", "?!", "—", "it)", "É", "ÉCOLE", "ß", "日本", "_x", "7", "•", "İ", "Ⱥ", "x\xffy", ".", "'s", "1.4.3", "e.g.", "(see", "\"Quote\"", "'tis", "U.S.", "a.b"}
	const plainPieces = 22
	seps := []string{" ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2003"}
	r := rand.New(rand.NewPCG(5, 6))
	var m Measurer
	plain, refused := 0, 0
	for trial := range 20000 {
		var b strings.Builder
		if r.IntN(5) == 0 {
			b.WriteString(seps[r.IntN(len(seps))])
		}
		for i := range r.IntN(25) {
			if i > 0 {
				b.WriteString(seps[r.IntN(len(seps))])
			}
			// Mostly plain words, as in prose.
			if r.IntN(30) > 0 {
				b.WriteString(pieces[r.IntN(plainPieces)])
			} else {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
		}
		if r.IntN(5) == 0 {
			b.WriteString(seps[r.IntN(len(seps))])
		}
		text := b.String()
		if trial%100 == 0 {
			m = Measurer{} // a fresh lexicon now and then
		}
		m.gopher.lex.startPost()
		W := m.gopher.tokenize(text)

		var want []string
		forEachFragmentAt(text, func(frag string, start int) {
			var words, runes int
			m.lbuf, words, runes = normalizeSentence(m.lbuf, frag)
			key := m.sentenceKey(nil, m.lbuf)
			want = append(want, fmt.Sprintf("%q@%d w%d r%d %q=%q", frag, start, words, runes, key, m.lbuf))
		})
		var got []string
		ok := m.sentenceFragments(text, 0, len(text), 0, W, func(frag string, start, words, runes int, key []byte) {
			got = append(got, fmt.Sprintf("%q@%d w%d r%d %q=%q", frag, start, words, runes, key, m.sentenceText(string(key))))
		})
		if !ok {
			refused++
			if len(got) > 0 {
				t.Fatalf("%q: refused after visiting %q", text, got)
			}
			continue
		}
		plain++
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%q:\nby words:\n%s\nby bytes:\n%s", text, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	if plain < 5000 || refused < 1000 {
		t.Fatalf("%d texts by words, %d refused: the test no longer exercises both", plain, refused)
	}
}
