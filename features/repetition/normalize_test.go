package repetition

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/alphanode/postscore/features/text"
)

// normalizeSentenceRef is normalizeSentence the plain way: a rune at a
// time, without the word count.
func normalizeSentenceRef(s string) string {
	var buf []byte
	space := false
	for _, r := range s {
		if text.IsSpace(r) {
			space = len(buf) > 0
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	for len(buf) > 0 && (text.IsSentenceEnd(rune(buf[len(buf)-1])) || buf[len(buf)-1] == ' ') {
		buf = buf[:len(buf)-1]
	}
	return string(buf)
}

// TestNormalizeSentence: the one-pass normalisation equals the rune-at-a-time
// one, and its word count equals CountWords, on random mixes of letters,
// apostrophes, punctuation, Unicode letters and spaces and invalid bytes.
func TestNormalizeSentence(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"  The  Cache\tIS slow!! ", "the cache is slow"},
		{"Don't STOP. ", "don't stop"},
		{"Élan  Über?!", "élan über"},
	} {
		if got, _, _ := normalizeSentence(nil, c.in); string(got) != c.want {
			t.Errorf("normalizeSentence(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	pieces := []string{"a", "B", "don", "'", "t", "'s", "'ve", " ", "  ", "\t", "\n", ".", "!", "?", ",", "-", "É", "ß", "日本", "\u00a0", "\u2003", "\xff", "_", "7", "•", "Ⱥ", "İ"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		got, words, runes := normalizeSentence(nil, s)
		if want := normalizeSentenceRef(s); string(got) != want {
			t.Fatalf("normalizeSentence(%q) = %q, want %q", s, got, want)
		}
		if want := text.CountWords(s); words != want {
			t.Fatalf("normalizeSentence(%q) counts %d words, CountWords %d", s, words, want)
		}
		if want := utf8.RuneCount(got); runes != want {
			t.Fatalf("normalizeSentence(%q) counts %d runes, its result has %d", s, runes, want)
		}
	}
}
