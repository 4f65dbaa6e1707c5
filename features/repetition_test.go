package features

import (
	"math/rand/v2"
	"strings"
	"testing"

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
		if want := text.CountProseSentences(proseText(p)); f.SentenceCount != want {
			t.Fatalf("%q: %d sentences, textstat counts %d", proseText(p), f.SentenceCount, want)
		}
	}
}

// bodyTextOf is METRICS.md's body text of p, as Measure builds it.
func bodyTextOf(p *post.Post) string {
	var m Measurer
	return string(m.bodyText(p))
}

// proseText is METRICS.md's prose text: the paragraphs joined by blank
// lines (a plain-text post's whole text).
func proseText(p *post.Post) string {
	if p.PlainText {
		return p.Text
	}
	var paras []string
	for _, bl := range p.Blocks {
		if bl.Kind == post.Paragraph {
			paras = append(paras, bl.Text)
		}
	}
	return strings.Join(paras, "\n\n")
}
