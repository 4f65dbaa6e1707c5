package features

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/features/text"
)

// bigPost builds a post of about size bytes: paragraphs of distinct
// sentences (with a share of repeats), headings every 20 paragraphs, images
// and bullets, and a meta block. style "one" puts the whole body in one
// paragraph; "many" makes every paragraph a single short sentence.
func bigPost(size int, style string) []byte {
	var b strings.Builder
	b.WriteString("|\n\na very long post\n\n")
	words := strings.Fields("cache query deploy rollback owner result change measure verify input error message staging production review metric latency index")
	para := 0
	for b.Len() < size {
		if style != "one" && para%20 == 0 {
			fmt.Fprintf(&b, "section %d of the long post\n\n", para/20)
		}
		n := 4
		if style == "many" {
			n = 1
		}
		for s := range n {
			k := para*7 + s
			if k%10 == 3 {
				k = 3 // a repeated sentence
			}
			fmt.Fprintf(&b, "The %s %s for item %d keeps the %s next to the %s. ", words[k%len(words)], words[(k/3)%len(words)], k, words[(k/7)%len(words)], words[(k/11)%len(words)])
		}
		if style == "one" {
			continue
		}
		b.WriteString("\n\n")
		if para%50 == 0 {
			fmt.Fprintf(&b, "figure %d of the post\nfigure %d of the post. image source: example.com\n  • check item %d\n\n", para, para, para)
		}
		para++
	}
	b.WriteString("\n\nsite post meta\nreading time5\npayload\n  • paragraphs: 10\n")
	return []byte(b.String())
}

// allocated is the number of bytes Parse+Measure allocate on data, with a
// fresh Measurer.
func allocated(data []byte) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	p, _ := post.Parse(data)
	Measure(p, 20000)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// manyParagraphs is a post of n one-sentence paragraphs.
func manyParagraphs(n int) []byte {
	var b strings.Builder
	b.WriteString("a post of many paragraphs\n\n")
	for i := range n {
		fmt.Fprintf(&b, "Item %d of the list is fine.\n\n", i)
	}
	return []byte(b.String())
}

// TestLinearAllocation: parse and measure allocate memory linear in the
// post's size, for many paragraphs, one huge paragraph, and 100,000
// one-line paragraphs, which are measured right. (Their time is checked by
// TestLinearTime, with -tags timing in make bench: a timing does not belong
// in the default test run.)
func TestLinearAllocation(t *testing.T) {
	text.Syllables("the") // indexes the syllable table before the clock starts
	for _, style := range []string{"paragraphs", "one", "many"} {
		small, big := bigPost(1<<20, style), bigPost(4<<20, style)
		as, ab := allocated(small), allocated(big)
		t.Logf("%s: allocated %d and %d bytes, ratio %.2f", style, as, ab, float64(ab)/float64(as))
		if float64(ab) > 5*float64(as) {
			t.Errorf("%s: 4 MiB allocated %d bytes, 1 MiB %d: %.1f× (want at most 5: linear would be 4)", style, ab, as, float64(ab)/float64(as))
		}
	}
	big := manyParagraphs(100000)
	p, _ := post.Parse(big)
	if f := Measure(p, 20000); f.ParagraphCount != 100000 || f.SentenceCount != 100000 {
		t.Errorf("paragraphs %d, sentences %d; want 100,000 each", f.ParagraphCount, f.SentenceCount)
	}
}
