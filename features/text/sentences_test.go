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

// TestSentenceCounter: counting a paragraph at a time from its fragments
// gives CountSentences of the paragraphs joined by blank lines, where a
// fragment without . ! ? runs on into the next paragraph.
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
			c.StartParagraph(p)
			ForEachFragment(p, func(frag string, start int) { c.Fragment(frag, start, CountWords(frag)) })
			c.EndParagraph()
		}
		if got, want := c.Count(), CountSentences(strings.Join(paras, "\n\n")); got != want {
			t.Fatalf("%q: %d sentences, CountSentences says %d", paras, got, want)
		}
	}
}
