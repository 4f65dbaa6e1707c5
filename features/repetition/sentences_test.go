package repetition

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features/text"
)

// TestFragmentsByWordsAndBytes holds the word-type path of the sentence
// pass (byWords) to the byte path (text.ForEachFragment,
// normalizeSentence, sentenceKey) on random texts: the same fragments,
// offsets, word counts, lengths, keys and syllables, when the block's words
// let the word path read it.
func TestFragmentsByWordsAndBytes(t *testing.T) {
	// The first ones are plain words; the rest need the byte path.
	pieces := []string{"a", "B", "Don't", "well-known", "end.", "Why?", "wow!!", "...", "?!", "—", "it)", "É", "ÉCOLE", "ß", "日本", "_x", "7", "•", "İ", "Ⱥ", "x\xffy", ".", "'s", "1.4.3", "e.g.", "(see", "\"Quote\"", "'tis", "U.S.", "a.b"}
	const plainPieces = 22
	seps := []string{" ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2003"}
	r := rand.New(rand.NewPCG(5, 6))
	var a Analyzer
	plain, byBytes := 0, 0
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
			a = Analyzer{} // a fresh lexicon now and then
		}
		a.Tokenize(sample, 1)
		a.CountBlock(Block{Start: 0, End: len(sample)})
		block, cut := &a.blocks[0], fragmenter{a: &a}
		pass := sentencePass{a: &a, scratch: &a.sentences, block: block}
		describe := func(fr *fragment) string {
			d := fmt.Sprintf("%q@%d w%d r%d s%d", fr.text, fr.start, fr.words, fr.runes, a.syllables(fr))
			if fr.words >= minSentenceWords {
				d += fmt.Sprintf(" %q=%q", fr.key, a.sentenceText(string(fr.key)))
				first, end := fr.first, fr.end
				if first < 0 {
					first, end = pass.tokensOf(fr)
				}
				d += fmt.Sprintf(" tokens %d-%d", first, end)
			}
			return d
		}
		var want, got []string
		pass.token = int(block.first)
		cut.byBytes(block, func(fr *fragment) { want = append(want, describe(fr)) })
		if block.needsBytePath {
			byBytes++
			continue
		}
		plain++
		cut.byWords(block, func(fr *fragment) { got = append(got, describe(fr)) })
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%q:\nby words:\n%s\nby bytes:\n%s", sample, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	if plain < 5000 || byBytes < 1000 {
		t.Fatalf("%d texts by words, %d by bytes: the test no longer exercises both", plain, byBytes)
	}
}

// sentenceRecorder is a SentenceVisitor that writes down what it is told,
// the words numbered in the order it meets them.
type sentenceRecorder struct {
	told    []string
	numbers map[int32]int
}

func (r *sentenceRecorder) Block(prose bool) {
	r.told = append(r.told, fmt.Sprintf("block prose=%v", prose))
}

func (r *sentenceRecorder) Sentence(text string, words int, tags []uint32, lower []int32, repeat bool) {
	if r.numbers == nil {
		r.numbers = map[int32]int{}
	}
	var ns []int
	for _, l := range lower {
		if _, ok := r.numbers[l]; !ok {
			r.numbers[l] = len(r.numbers)
		}
		ns = append(ns, r.numbers[l])
	}
	r.told = append(r.told, fmt.Sprintf("%q %d words, tags %v, words %v, repeat %v", text, words, tags, ns, repeat))
}

// TestSentenceVisitor: the visitor is told each block and each sentence
// (3+ words), a repeat marked, with its tokens' tags and words. The tag
// here is a token's length.
func TestSentenceVisitor(t *testing.T) {
	body := "We ran the tests. Ok.\n\n• We ran the tests.\n\nThe tests (e.g. these) ran."
	spans := []Block{{Start: 0, End: 21, Prose: true}, {Start: 27, End: 44}, {Start: 46, End: len(body), Prose: true}}
	var rec sentenceRecorder
	a := Analyzer{Tag: func(token string) uint32 { return uint32(len(token)) }, Visitor: &rec}
	a.Tokenize(body, len(spans))
	for _, b := range spans {
		a.CountBlock(b)
	}
	a.Sentences()
	want := []string{
		"block prose=true",
		`"We ran the tests." 4 words, tags [2 3 3 6], words [0 1 2 3], repeat false`,
		// "Ok." has one word: no sentence.
		"block prose=false",
		`"We ran the tests." 4 words, tags [2 3 3 6], words [0 1 2 3], repeat true`,
		"block prose=true",
		// "e.g." sends the block to the byte path: its fragments are "The
		// tests (e." (3 words), "g." and "these) ran." (2 each); the tokens
		// are found by offset, and "(e.g.", which holds more than the
		// fragment, stands whole (no capital follows its inner stop).
		`"The tests (e." 3 words, tags [3 5 5], words [2 3 4], repeat false`,
	}
	if strings.Join(rec.told, "\n") != strings.Join(want, "\n") {
		t.Errorf("told\n%s\nwant\n%s", strings.Join(rec.told, "\n"), strings.Join(want, "\n"))
	}
}

// TestRepeatedCounts holds the counts of the repeated sentences (the dedup
// measures' input) to a direct recomputation: every block's fragments in
// order, normalised; a kept sentence seen before adds its words, and in a
// paragraph one sentence and its syllables.
func TestRepeatedCounts(t *testing.T) {
	var a Analyzer
	checked := 0
	for _, body := range generatedTexts(t) {
		var want ProseCounts
		wantWords := 0
		seen := map[string]bool{}
		for _, b := range paragraphs(body) {
			text.ForEachFragment(body[b.Start:b.End], func(frag string, _ int) {
				ns, words, _ := normalizeSentence(nil, frag)
				if words < minSentenceWords {
					return
				}
				if seen[string(ns)] {
					wantWords += words
					if b.Prose {
						want.Words += words
						want.Sentences++
						want.Syllables += text.CountSyllables(frag)
					}
				}
				seen[string(ns)] = true
			})
		}
		got := analyze(&a, body).Sentences
		if got.RepeatedProse != want || got.RepeatedWords != wantWords {
			t.Fatalf("%.40q…: repeated prose %+v and %d words, recomputed %+v and %d", body, got.RepeatedProse, got.RepeatedWords, want, wantWords)
		}
		if want.Sentences > 0 {
			checked++
		}
	}
	if checked < 10 {
		t.Fatalf("only %d texts repeat prose sentences: the test no longer exercises it", checked)
	}
}
