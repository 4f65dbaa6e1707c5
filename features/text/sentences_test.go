package text

import (
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
