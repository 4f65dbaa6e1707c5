package features

import (
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/features/text"
)

func TestRepetitionRatio(t *testing.T) {
	// Sentences (normalised, rune lengths): "the cat sat down" (16) ×2,
	// "a dog ran off" (13), "too short" (2 words: not kept).
	p, err := post.ParseText("title\n\nThe cat sat down. A dog ran off.\n\nthe  CAT sat down! Too short.\n\nmeta post meta\n")
	if err != nil {
		t.Fatal(err)
	}
	f := Measure(p, 0)
	if want := 16.0 / (16 + 13 + 16); !near(f.RepetitionRatio, want, 1e-15) {
		t.Errorf("repetition_ratio = %v, want %v", f.RepetitionRatio, want)
	}
	if len(f.RepeatedSentences) != 1 || f.RepeatedSentences[0] != (RepeatedSentence{"the cat sat down", 2}) {
		t.Errorf("repeated = %+v", f.RepeatedSentences)
	}
	// Image alt and caption repeat each other by construction: not repetition.
	p, _ = post.ParseText("t\n\nan image of a cat\nan image of a cat. image source: example.com\n\nan image of a cat sits here.\n")
	if f := Measure(p, 0); f.RepetitionRatio != 0 || f.ImageCount != 1 {
		t.Errorf("image markup counted as repetition: %v images=%d", f.RepetitionRatio, f.ImageCount)
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
	cols := gopherColumns(&g)
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

// TestSentenceCountAcrossParagraphs: Measure counts the prose's sentences
// from each paragraph's fragments; that must equal textstat's count on the
// paragraphs joined by blank lines, where a fragment without . ! ? runs on.
func TestSentenceCountAcrossParagraphs(t *testing.T) {
	parts := []string{"one two three", "four five.", "six seven eight nine.", "...", "— ", "ten", "eleven twelve!", "?! thirteen fourteen fifteen", "'s a b", "x.y z w"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 4000 {
		var paras []string
		for range 1 + r.IntN(5) {
			var b []string
			for range 1 + r.IntN(3) {
				b = append(b, parts[r.IntN(len(parts))])
			}
			paras = append(paras, strings.Join(b, " "))
		}
		p := &post.Post{Title: "t", Format: "post"}
		for _, x := range paras {
			p.Blocks = append(p.Blocks, post.Block{Kind: post.Paragraph, Text: strings.TrimSpace(x)})
		}
		f := Measure(p, 0)
		if want := text.CountSentences(ProseText(p)); f.SentenceCount != want {
			t.Fatalf("%q: %d sentences, textstat counts %d", ProseText(p), f.SentenceCount, want)
		}
	}
}

// normalizeSentenceRef is normalizeSentence as it was first written: a
// rune at a time, without the word count.
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
