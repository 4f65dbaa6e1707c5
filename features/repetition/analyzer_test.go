package repetition

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features/text"
)

// TestLexiconIsOnlyACache: an Analyzer carrying its lexicon from text to
// text (and emptying it when it outgrows lexiconMax) says of every text
// what a fresh one says.
func TestLexiconIsOnlyACache(t *testing.T) {
	texts := generatedTexts(t)
	// A text of more distinct words than the lexicon keeps: the next text
	// starts with an emptied lexicon.
	var b strings.Builder
	for i := range lexiconMax + 1000 {
		fmt.Fprintf(&b, "Word%d and word%d. ", i, i)
		if i%50 == 49 {
			b.WriteString("\n\n")
		}
	}
	order := append([]string{}, texts[:len(texts)/2]...)
	order = append(order, b.String(), texts[0])
	order = append(order, texts[len(texts)/2:]...)
	order = append(order, texts[:10]...) // again, warm

	var warm Analyzer
	emptied, size := false, 0
	for k, body := range order {
		got := analyze(&warm, body)
		if n := len(warm.lex.types); n < size {
			emptied = true
			// Emptied afresh: the huge text's tables are let go.
			lex := &warm.lex
			for name, c := range map[string]int{"long words": cap(lex.long.slots), "short words": cap(lex.short.slots), "lower-cased words": cap(lex.lowerIDs.slots), "sentence tokens": cap(lex.tokenIDs.slots)} {
				if c > 8192 {
					t.Errorf("the emptied lexicon keeps a table of %d slots for %s", c, name)
				}
			}
		} else {
			size = n
		}
		var fresh Analyzer
		if want := analyze(&fresh, body); !reflect.DeepEqual(got, want) {
			t.Fatalf("text %d: the warm Analyzer's results differ from a fresh one's", k)
		}
	}
	if !emptied {
		t.Error("the lexicon was never emptied: the test did not reach lexiconMax")
	}
}

// TestTrim: Trim lets go of the space a huge text grew, and the Analyzer
// then says what a fresh one says.
func TestTrim(t *testing.T) {
	huge := strings.Repeat("The cache for item keeps the owner next to the index. ", 100000)
	var a Analyzer
	analyze(&a, huge)
	a.Trim()
	if c := cap(a.words.cat) + cap(a.words.types) + cap(a.lex.lowerBuf); c != 0 {
		t.Errorf("%d bytes of room kept after Trim", c)
	}
	for _, body := range append(generatedTexts(t)[:5], huge) {
		var fresh Analyzer
		if got, want := analyze(&a, body), analyze(&fresh, body); !reflect.DeepEqual(got, want) {
			t.Fatalf("after Trim, %.40q… reads differently", body)
		}
	}
}

// TestNoQuadraticPath counts work instead of timing it: the n-gram tables
// probe a bounded number of slots per n-gram, however many paragraphs,
// repeats or near-identical lines a text has.
func TestNoQuadraticPath(t *testing.T) {
	var oneParagraph, manyParagraphs strings.Builder
	for i := range 100000 {
		fmt.Fprintf(&manyParagraphs, "Item %d of the list is fine.\n\n", i)
	}
	for k := 0; oneParagraph.Len() < 4<<20; k++ {
		if k%10 == 3 {
			k = 3 // a repeated sentence
		}
		fmt.Fprintf(&oneParagraph, "The cache %d keeps the owner %d next to the index %d. ", k, k/3, k/7)
	}
	for _, body := range []string{manyParagraphs.String(), oneParagraph.String()} {
		var a Analyzer
		analyze(&a, body)
		probes := a.gopher.top.pairs.probes + a.gopher.dup.table.probes
		words := int64(text.CountTokens(body))
		if per := float64(probes) / float64(9*words); per > 4 {
			t.Errorf("%d probes for %d words: %.1f a lookup (want a small constant)", probes, words, per)
		} else {
			t.Logf("%d words: %.2f probes a lookup", words, per)
		}
	}
}
