package features

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/features/text"
)

// TestSentenceFragmentsByWords holds the word-type path of the sentence
// pass (sentenceFragments) to the byte path (forEachFragmentAt,
// normalizeSentence, sentenceKey) on random texts: the same fragments,
// offsets, word counts, lengths, keys and syllables, or a refusal.
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
		sample := b.String()
		if trial%100 == 0 {
			m = Measurer{} // a fresh lexicon now and then
		}
		m.gopher.lex.startPost()
		W := m.gopher.tokenize(sample)

		// The words worked out and the block's tok flags, as Measure's
		// countWord does: text is one block, of words 0..W-1.
		var toks uint8
		for k := range W {
			wt := &m.gopher.lex.words[m.gopher.ids[k]]
			if wt.low == typeUnknown {
				at := m.gopher.at[k]
				m.workOut(sample[at:at+wt.bytes], wt)
			}
			toks |= wt.tok
		}
		m.blockWords = append(m.blockWords[:0], 0, int32(W))
		m.blockAwkward = append(m.blockAwkward[:0], toks&tokAwkward != 0)
		var want []string
		text.ForEachFragment(sample, func(frag string, start int) {
			var words, runes int
			m.lbuf, words, runes = normalizeSentence(m.lbuf, frag)
			key := m.sentenceKey(nil, m.lbuf)
			want = append(want, fmt.Sprintf("%q@%d w%d r%d %q=%q s%d", frag, start, words, runes, key, m.lbuf, m.syllables(frag)))
		})
		var got []string
		ok := m.sentenceFragments(sample, 0, len(sample), 0, func(frag string, start, words, runes int, key []byte, a, b int) {
			got = append(got, fmt.Sprintf("%q@%d w%d r%d %q=%q s%d", frag, start, words, runes, key, m.sentenceText(string(key)), m.wordSyllables(a, b)))
		})
		if !ok {
			refused++
			if len(got) > 0 {
				t.Fatalf("%q: refused after visiting %q", sample, got)
			}
			continue
		}
		plain++
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%q:\nby words:\n%s\nby bytes:\n%s", sample, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	if plain < 5000 || refused < 1000 {
		t.Fatalf("%d texts by words, %d refused: the test no longer exercises both", plain, refused)
	}
}

// TestRepeatedProseCounts holds the counts of the prose's repeated sentences
// (the dedup measures' input) to a direct recomputation: every non-image
// block's fragments in order, normalised; a kept sentence seen before, in a
// paragraph, adds its words, one sentence and its syllables.
func TestRepeatedProseCounts(t *testing.T) {
	posts, _ := loadGenerated(t)
	seed, err := post.Parse(loadSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	posts = append(posts, seed)
	var m Measurer
	checked := 0
	for _, p := range posts {
		var want repeatCounts
		seen := map[string]bool{}
		for _, bl := range p.Blocks {
			if bl.Kind == post.Image {
				continue
			}
			text.ForEachFragment(bl.Text, func(frag string, _ int) {
				ns, words, _ := normalizeSentence(nil, frag)
				if words < minSentenceWords {
					return
				}
				if seen[string(ns)] && bl.Kind == post.Paragraph {
					want.words += words
					want.sentences++
					text.ForEachWord(frag, nil, func(w []byte) {
						want.syllables += text.Syllables(string(text.Lower(nil, w)))
					})
				}
				seen[string(ns)] = true
			})
		}
		if got := m.Measure(p, 20000).repeatedProse; got != want {
			t.Fatalf("%q: repeated prose %+v, recomputed %+v", p.Title, got, want)
		}
		if want.sentences > 0 {
			checked++
		}
	}
	if checked < 10 {
		t.Fatalf("only %d posts repeat prose sentences: the test no longer exercises it", checked)
	}
}
