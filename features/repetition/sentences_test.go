package repetition

import (
	"fmt"
	"math/rand/v2"
	"reflect"
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
		describe := func(fr *fragment) string {
			d := fmt.Sprintf("%q@%d w%d r%d s%d", fr.text, fr.start, fr.words, fr.runes, a.syllables(fr))
			if fr.words >= minSentenceWords {
				d += fmt.Sprintf(" %q=%q", fr.key, a.sentenceText(string(fr.key)))
				ws, start := a.checkWords(fr, nil)
				d += fmt.Sprintf(" checks %v begins %v", ws, start)
			}
			return d
		}
		var want, got []string
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

// TestSentenceChecks counts the checks of a body worked out by hand:
//
//	P1  We ran the tests. We fixed the bug.
//	P2  We shipped the fix today. Then the cat sat down. The dog sat down.
//	H   We like heads
//	P3  We wrote more code here. The code was reviewed by Ann.
//	B   We add bullets
//
// Nine sentences of 3+ words, in paragraphs, the heading and the bullet;
// none over 20 words; one passive ("was reviewed"); one transition
// ("Then"). The same-start run "We … We … / We …" crosses P1's end: 3;
// "The cat" and "The dog" begin differently (an article takes the next
// word); the heading ends the run before P3's "We", and the bullet's "We"
// is in no run.
func TestSentenceChecks(t *testing.T) {
	blocks := []struct {
		text  string
		prose bool
	}{
		{"We ran the tests. We fixed the bug.", true},
		{"We shipped the fix today. Then the cat sat down. The dog sat down.", true},
		{"We like heads", false},
		{"We wrote more code here. The code was reviewed by Ann.", true},
		{"We add bullets", false},
	}
	var body strings.Builder
	var spans []Block
	for i, b := range blocks {
		if i > 0 {
			body.WriteString("\n\n")
		}
		start := body.Len()
		body.WriteString(b.text)
		spans = append(spans, Block{Start: start, End: body.Len(), Prose: b.prose})
	}
	a := Analyzer{KeepCheckSentences: true}
	a.Tokenize(body.String(), len(spans))
	for _, b := range spans {
		a.CountBlock(b)
	}
	got := a.Sentences().Checks
	want := SentenceChecks{
		Sentences: 9, Long: 0, Passive: 1, Transition: 1, MaxSameStartRun: 3,
		PassiveSentences: []string{"The code was reviewed by Ann."},
		SameStartRun:     []string{"We ran the tests.", "We fixed the bug.", "We shipped the fix today."},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("checks\n got %+v\nwant %+v", got, want)
	}
	a.SkipChecks = true
	if got := a.Sentences().Checks; !reflect.DeepEqual(got, SentenceChecks{}) {
		t.Errorf("with SkipChecks: %+v, want none", got)
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
