package features

import (
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/features/text"
)

// warm is one Measurer kept across fuzz inputs, as a worker keeps it across
// posts: its lexicon must never change a result.
var (
	warmMu sync.Mutex
	warm   Measurer
)

// FuzzParseMeasure: every input, read in each format (post, Markdown,
// plain text), yields a post or an error, never a panic, and a post's
// measures are finite and consistent.
func FuzzParseMeasure(f *testing.F) {
	f.Add([]byte("---\ntitle: x\n---\n# h\n\n![a](b)\n```\ncode\n```\n| a |\n|---|\n"))
	f.Add([]byte("+++\ntitle = 1\n+++\ntext [l](u) <img src=x>{{< figure src=y >}}\n===\n"))
	f.Add(loadSeed(f))
	f.Add([]byte("t\n\nbody.\n\nsite post meta\ntopicx\nscore\n  • quality: 120\nimage sources\n  • source: a\nSimilar Posts\nother\n"))
	f.Add([]byte(""))
	f.Add([]byte("|\n\n"))
	f.Add([]byte("t\r\n\r\n\xff\xfeoops. oops. oops.\n"))
	f.Add([]byte("t\n\nx\nx. image source: h\n  • a\n\nh\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, parse := range []func([]byte) (*post.Post, error){post.Parse, post.ParseMarkdown, post.ParsePlainText} {
			checkParseMeasure(t, parse, data)
		}
	})
}

func checkParseMeasure(t *testing.T, parse func([]byte) (*post.Post, error), data []byte) {
	p, err := parse(data)
	if err != nil {
		if _, ok := post.IsParseError(err); !ok {
			t.Fatalf("error is not a ParseError: %v", err)
		}
		return
	}
	if p == nil {
		t.Fatal("nil post and nil error")
	}
	ft := Measure(p, 20000)
	warmMu.Lock()
	fw := warm.Measure(p, 20000)
	warmMu.Unlock()
	if !reflect.DeepEqual(ft, fw) {
		t.Fatalf("a warm Measurer measures differently from a fresh one")
	}
	// The word counts from the shared white-space split equal CountWords,
	// block by block (or over the whole text, read as plain text).
	words, prose := 0, 0
	if p.PlainText {
		words, prose = text.CountWords(p.Text), text.CountWords(p.Text)
	} else {
		for _, bl := range p.Blocks {
			if bl.Kind != post.Image {
				words += text.CountWords(bl.Text)
				if bl.Kind == post.Paragraph {
					prose += text.CountWords(bl.Text)
				}
			}
		}
	}
	if ft.WordCount != words || ft.ProseWordCount != prose {
		t.Fatalf("words %d, prose words %d; CountWords gives %d and %d", ft.WordCount, ft.ProseWordCount, words, prose)
	}
	if want := text.CountProseSentences(proseText(p)); ft.SentenceCount != want {
		t.Fatalf("sentence_count %d, textstat's count on the prose text %d", ft.SentenceCount, want)
	}
	n := len(data) + 1
	if ft.RepetitionRatio < 0 || ft.RepetitionRatio > 1 || math.IsNaN(ft.RepetitionRatio) {
		t.Fatalf("repetition_ratio %v", ft.RepetitionRatio)
	}
	if ft.ProseWordCount > ft.WordCount {
		t.Fatalf("prose words %d > words %d", ft.ProseWordCount, ft.WordCount)
	}
	for name, v := range gopherColumns(&ft.Gopher) {
		// top_n_gram fractions count overlapping n-grams and can exceed 1
		// ("a a a a": 3 × "a a" over 7 characters); the others cannot.
		limit := 1.0
		if strings.HasPrefix(name, "top_") {
			limit = float64(n)
		}
		if v != nil && (*v < 0 || *v > limit || math.IsNaN(*v)) {
			t.Fatalf("%s = %v", name, *v)
		}
	}
	for _, v := range []*float64{ft.FleschReadingEase, ft.SmogIndex, ft.GunningFog, ft.ImageDensity, ft.AvgSentenceWords} {
		if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0)) {
			t.Fatalf("non-finite measure %v", *v)
		}
	}
}
