package repetition

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features/text"
)

// generatedTexts reads the 100 generated posts of testdata/generated, each
// whole as a text: what make bench scores, in miniature.
func generatedTexts(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "generated", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated posts: %v", err)
	}
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}

// paragraphs are the blocks of body: its runs of text between blank lines
// ("\n\n"), every other one prose.
func paragraphs(body string) []Block {
	var blocks []Block
	for start := 0; start < len(body); {
		end := strings.Index(body[start:], "\n\n")
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		blocks = append(blocks, Block{Start: start, End: end, Prose: len(blocks)%2 == 0})
		start = end + 2
	}
	return blocks
}

// analysis is all an Analyzer says of a text.
type analysis struct {
	Counts    []BlockCounts
	Distinct  int
	Hits      text.StopWordHits
	Sentences Sentences
	Gopher    Gopher
}

// analyze tokenizes body, counts its paragraphs and reads the rest.
func analyze(a *Analyzer, body string) analysis {
	var r analysis
	blocks := paragraphs(body)
	a.Tokenize(body, len(blocks))
	for _, b := range blocks {
		r.Counts = append(r.Counts, a.CountBlock(b))
	}
	r.Distinct, r.Hits = a.DistinctWords(), a.StopWordHits()
	r.Sentences, r.Gopher = a.Sentences(), a.Gopher()
	return r
}
