package text

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	cases := []struct {
		text  string
		frags []string
		count int
	}{
		{"", nil, 0},
		{"Hi.", []string{"Hi."}, 1}, // one short fragment: at least 1
		{"One two three. Four five six!", []string{"One two three.", "Four five six!"}, 2},
		{"Wait... what? Yes we can do it.", []string{"Wait...", "what?", "Yes we can do it."}, 1},
		{"no end here\n\nnext para goes on.", []string{"no end here\n\nnext para goes on."}, 1},
		{"...leading dots then words here.", []string{"leading dots then words here."}, 1},
		{" space first, then more words.", []string{"space first, then more words."}, 1},
	}
	for _, c := range cases {
		var got []string
		ForEachFragment(c.text, func(f string, _ int) { got = append(got, f) })
		if strings.Join(got, "|") != strings.Join(c.frags, "|") {
			t.Errorf("fragments(%q) = %q, want %q", c.text, got, c.frags)
		}
		if n := CountSentences(c.text); n != c.count {
			t.Errorf("CountSentences(%q) = %d, want %d", c.text, n, c.count)
		}
	}
}

// TestProseSentences: a paragraph break ends a sentence (METRICS.md
// section 2), where textstat's whole-string rule lets a fragment without
// . ! ? run on over the blank line. Each case gives both counts, worked
// out by hand; where they differ, the case says why.
func TestProseSentences(t *testing.T) {
	cases := []struct {
		prose               string
		postscore, textstat int
	}{
		{"", 0, 0},
		{"One two three. Four five six!", 2, 2}, // one paragraph: the same rule
		// Three unpunctuated titles: three sentences, not one of nine words.
		{"Talk one title\n\nTalk two title\n\nTalk three title", 3, 1},
		// The first paragraph's fragment ends at its break; textstat runs
		// it on into "four five six." as one fragment of six words.
		{"one two three\n\nfour five six.", 2, 1},
		// Two words each side: two short fragments here, one of four words
		// for textstat.
		{"no end\n\nhere goes.", 1, 1},
		{"A b\n\nc d e f.", 1, 1},
		// Punctuated paragraphs: the break changes nothing.
		{"One two three.\n\nFour five six.", 2, 2},
		{"Hi.\n\nOk.", 1, 1}, // no fragment of three words: at least 1
	}
	for _, c := range cases {
		if got := CountProseSentences(c.prose); got != c.postscore {
			t.Errorf("CountProseSentences(%q) = %d, want %d", c.prose, got, c.postscore)
		}
		if got := CountSentences(c.prose); got != c.textstat {
			t.Errorf("CountSentences(%q) = %d, want textstat's %d", c.prose, got, c.textstat)
		}
	}
}

// TestSentenceCounter: counting a paragraph at a time gives
// CountProseSentences of the paragraphs joined by blank lines.
func TestSentenceCounter(t *testing.T) {
	parts := []string{"one two three", "four five.", "six seven eight nine.", "...", "— ", "ten", "eleven twelve!", "?! thirteen fourteen fifteen", "'s a b", "x.y z w"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 4000 {
		var paras []string
		for range r.IntN(5) {
			var b []string
			for range 1 + r.IntN(3) {
				b = append(b, parts[r.IntN(len(parts))])
			}
			paras = append(paras, strings.TrimSpace(strings.Join(b, " ")))
		}
		var c SentenceCounter
		for _, p := range paras {
			c.StartParagraph()
			ForEachFragment(p, func(frag string, _ int) { c.Fragment(CountWords(frag)) })
		}
		if got, want := c.Count(), CountProseSentences(strings.Join(paras, "\n\n")); got != want {
			t.Fatalf("%q: %d sentences, CountProseSentences says %d", paras, got, want)
		}
	}
}
