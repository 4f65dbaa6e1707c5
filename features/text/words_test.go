package text

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"a well-balanced post", []string{"a", "wellbalanced", "post"}},
		{"don't stop", []string{"don't", "stop"}},
		{"DON'T", []string{"DONT"}}, // the apostrophe rule is case-sensitive
		{"'tis the season", []string{"'tis", "the", "season"}},
		{"version 1.4.3 now", []string{"version", "143", "now"}},
		{"they're here, and 'quoted' words", []string{"they're", "here", "and", "quoted", "words"}},
		{"snake_case — dash", []string{"snake_case", "dash"}},
		{"café naïve Ünïcode", []string{"café", "naïve", "Ünïcode"}},
		{"a\u00a0b\u2003c\x1cd", []string{"a", "b", "c", "d"}}, // Unicode and \x1c white space
		{"• item", []string{"item"}},
		{"combining e\u0301 mark", []string{"combining", "e", "mark"}}, // U+0301 is not a word character
	}
	for _, c := range cases {
		var got []string
		ForEachWord(c.text, nil, func(w []byte) { got = append(got, string(w)) })
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("words(%q) = %q, want %q", c.text, got, c.want)
		}
		if n := CountWords(c.text); n != len(c.want) {
			t.Errorf("CountWords(%q) = %d, want %d", c.text, n, len(c.want))
		}
	}
}

func TestCounts(t *testing.T) {
	text := "It's 2 o'clock, Ann_B!\n  ok"
	// chars: everything but the 4 white-space characters (2 spaces after \n, 1 space, 1 \n) → 27-4... counted below by hand.
	if got, want := CountChars(text), len("It's")+len("2")+len("o'clock,")+len("Ann_B!")+len("ok"); got != want {
		t.Errorf("CountChars = %d, want %d", got, want)
	}
	// letters: Its(3) 2(1) oclock(6) Ann_B(5) ok(2)
	if got := CountLetters(text); got != 17 {
		t.Errorf("CountLetters = %d, want 17", got)
	}
	if got := CountTokens(text); got != 5 {
		t.Errorf("CountTokens = %d, want 5", got)
	}
}

// TestTallyMatchesCounts: the counts taken during the word pass are the ones
// CountChars, CountLetters and CountTokens give, on random texts.
func TestTallyMatchesCounts(t *testing.T) {
	alphabet := []rune("ab Z_9'.!? \n\t\u00a0éß—•\x1c\u0301'stve")
	r := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		n := r.IntN(60)
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[r.IntN(len(alphabet))]
		}
		text := string(rs)
		var tally Tally
		words := 0
		ForEachWordTally(text, nil, func([]byte) { words++ }, &tally)
		want := Tally{CountChars(text), CountLetters(text), CountTokens(text)}
		if tally != want || words != CountWords(text) {
			t.Fatalf("%q: tally %+v words %d, want %+v words %d", text, tally, words, want, CountWords(text))
		}
	}
}
