package features

import (
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
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
		forEachWord(c.text, nil, func(w []byte) { got = append(got, string(w)) })
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("words(%q) = %q, want %q", c.text, got, c.want)
		}
		if n := CountWords(c.text); n != len(c.want) {
			t.Errorf("CountWords(%q) = %d, want %d", c.text, n, len(c.want))
		}
	}
}

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
		forEachFragment(c.text, func(f string) { got = append(got, f) })
		if strings.Join(got, "|") != strings.Join(c.frags, "|") {
			t.Errorf("fragments(%q) = %q, want %q", c.text, got, c.frags)
		}
		if n := CountSentences(c.text); n != c.count {
			t.Errorf("CountSentences(%q) = %d, want %d", c.text, n, c.count)
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

func TestReadabilityFormulas(t *testing.T) {
	// W=100, S=5, Y=150, P=10, C=500, Lt=450, Wt=100.
	r := Readability(ReadabilityCounts{Words: 100, Sentences: 5, Syllables: 150, Polysyllables: 10, Chars: 500, Letters: 450, Tokens: 100})
	cases := []struct {
		name string
		got  *float64
		want float64
	}{
		{"flesch_reading_ease", r.FleschReadingEase, 206.835 - 1.015*20 - 84.6*1.5},      // 59.635
		{"flesch_kincaid_grade", r.FleschKincaidGrade, 0.39*20 + 11.8*1.5 - 15.59},       // 9.91
		{"smog_index", r.SmogIndex, 1.043*7.745966692414834 + 3.1291},                    // √60
		{"coleman_liau_index", r.ColemanLiauIndex, 0.058*450 - 0.296*5 - 15.8},           // 8.82
		{"automated_readability_index", r.AutomatedReadability, 4.71*5 + 0.5*20 - 21.43}, // 12.12
		{"gunning_fog", r.GunningFog, 0.4 * (20 + 10)},                                   // 12
	}
	for _, c := range cases {
		if c.got == nil || !near(*c.got, c.want, 1e-9) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	empty := Readability(ReadabilityCounts{})
	if empty.FleschReadingEase != nil || empty.SmogIndex != nil || empty.AutomatedReadability != nil {
		t.Errorf("empty text must give null readability: %+v", empty)
	}
}

func TestRepetitionRatio(t *testing.T) {
	// Sentences (normalised, rune lengths): "the cat sat down" (16) ×2,
	// "a dog ran off" (13), "too short" (2 words: not kept).
	p, err := ParseText("title\n\nThe cat sat down. A dog ran off.\n\nthe  CAT sat down! Too short.\n\nmeta post meta\n")
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
	p, _ = ParseText("t\n\nan image of a cat\nan image of a cat. image source: example.com\n\nan image of a cat sits here.\n")
	if f := Measure(p, 0); f.RepetitionRatio != 0 || f.ImageCount != 1 {
		t.Errorf("image markup counted as repetition: %v images=%d", f.RepetitionRatio, f.ImageCount)
	}
}

func TestGopherByHand(t *testing.T) {
	// T = "a b\n\na b\n\nc" (L = 11). Paragraphs: "a b","a b","c" → 1 dup of 3, 3 chars.
	// Lines split at \n+: the same. Words a b a b c: 2-grams "a b"×2 (ℓ=3, k=2) → 6/11.
	// 3-grams "a b a","b a b","a b c": top is the first, ℓ=5, k=1 → 5/11. 4-grams: ℓ=7 → 7/11.
	g := ComputeGopher("a b\n\na b\n\nc")
	want := map[string]float64{
		"dup_para_frac": 1.0 / 3, "dup_para_char_frac": 3.0 / 11, "dup_line_frac": 1.0 / 3, "dup_line_char_frac": 3.0 / 11,
		"top_2_gram_char_frac": 6.0 / 11, "top_3_gram_char_frac": 5.0 / 11, "top_4_gram_char_frac": 7.0 / 11,
		"dup_5_gram_char_frac": 0, "dup_10_gram_char_frac": 0,
	}
	cols := gopherColumns(&g)
	for k, w := range want {
		if v := cols[k]; v == nil || !near(*v, w, 1e-15) {
			t.Errorf("%s = %v, want %v", k, deref(v), w)
		}
	}
	// dup n-grams join with no separator: "ab"+"c" and "a"+"bc" are the same key.
	words := "ab c d e f a bc d e f"
	g = ComputeGopher(words)
	// 5-grams: i=0 "abcdef"; i=1 "cdefa"; ... i=5 "abcdef" seen → +6 runes. L = 21.
	if v := g.DupNGramCharFrac[0]; v == nil || !near(*v, 6.0/21, 1e-15) {
		t.Errorf("dup_5_gram_char_frac = %v, want %v", v, 6.0/21)
	}
	if g := ComputeGopher(""); g.DupParaFrac != nil || g.TopNGramCharFrac[0] != nil {
		t.Errorf("empty text must be null: %+v", g)
	}
	if g := ComputeGopher("one"); g.TopNGramCharFrac[0] != nil || g.DupNGramCharFrac[0] == nil || *g.DupNGramCharFrac[0] != 0 {
		t.Errorf("one word: top n-grams null, dup n-grams 0: %+v", g)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
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
		var tally charTally
		words := 0
		forEachWordTally(text, nil, func([]byte) { words++ }, &tally)
		want := charTally{CountChars(text), CountLetters(text), CountTokens(text)}
		if tally != want || words != CountWords(text) {
			t.Fatalf("%q: tally %+v words %d, want %+v words %d", text, tally, words, want, CountWords(text))
		}
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
		p := &Post{Title: "t", Format: "post"}
		for _, x := range paras {
			p.Blocks = append(p.Blocks, Block{Kind: Paragraph, Text: strings.TrimSpace(x)})
		}
		f := Measure(p, 0)
		if want := CountSentences(ProseText(p)); f.SentenceCount != want {
			t.Fatalf("%q: %d sentences, textstat counts %d", ProseText(p), f.SentenceCount, want)
		}
	}
}

// normalizeSentenceRef is normalizeSentence as it was first written: a
// rune at a time, without the word count.
func normalizeSentenceRef(s string) string {
	var buf []byte
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = len(buf) > 0
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	for len(buf) > 0 && (isSentenceEnd(rune(buf[len(buf)-1])) || buf[len(buf)-1] == ' ') {
		buf = buf[:len(buf)-1]
	}
	return string(buf)
}

// TestNormalizeSentence: the one-pass normalisation equals the rune-at-a-time
// one, and its word count equals CountWords, on random mixes of letters,
// apostrophes, punctuation, Unicode letters and spaces and invalid bytes.
func TestNormalizeSentence(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"  The  Cache\tIS slow!! ", "the cache is slow"},
		{"Don't STOP. ", "don't stop"},
		{"Élan  Über?!", "élan über"},
	} {
		if got, _, _ := normalizeSentence(nil, c.in); string(got) != c.want {
			t.Errorf("normalizeSentence(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	pieces := []string{"a", "B", "don", "'", "t", "'s", "'ve", " ", "  ", "\t", "\n", ".", "!", "?", ",", "-", "É", "ß", "日本", "\u00a0", "\u2003", "\xff", "_", "7", "•", "Ⱥ", "İ"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		got, words, runes := normalizeSentence(nil, s)
		if want := normalizeSentenceRef(s); string(got) != want {
			t.Fatalf("normalizeSentence(%q) = %q, want %q", s, got, want)
		}
		if want := CountWords(s); words != want {
			t.Fatalf("normalizeSentence(%q) counts %d words, CountWords %d", s, words, want)
		}
		if want := utf8.RuneCount(got); runes != want {
			t.Fatalf("normalizeSentence(%q) counts %d runes, its result has %d", s, runes, want)
		}
	}
}

// TestIsSpaceIsUnicodeIsSpace: beyond ASCII (where it is Python's
// str.isspace), isSpace answers as unicode.IsSpace on every code point; and
// trimBlanks is strings.TrimLeft(s, " \t").
func TestIsSpaceIsUnicodeIsSpace(t *testing.T) {
	spaces := 0
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune+1; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Errorf("isSpace(%U) = %v, unicode.IsSpace says %v", r, isSpace(r), unicode.IsSpace(r))
		}
		if isSpace(r) {
			spaces++
		}
	}
	if spaces != 19 { // U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000
		t.Errorf("%d white-space code points beyond ASCII, want 19", spaces)
	}
	for _, s := range []string{"", " ", "\t \t", "  • item", "\t- x ", "x  ", " \u00a0x", "\n x"} {
		if got, want := trimBlanks(s), strings.TrimLeft(s, " \t"); got != want {
			t.Errorf("trimBlanks(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestASCIISpaces: the tokenizer's one-word set of ASCII spaces is
// asciiClass's, and every ASCII space is below 0x21 (the set's reach).
func TestASCIISpaces(t *testing.T) {
	for c := range utf8.RuneSelf {
		inSet := c <= ' ' && asciiSpaces>>c&1 != 0
		if isSpace := asciiClass[c]&classSpace != 0; inSet != isSpace {
			t.Errorf("byte %#x: in asciiSpaces %v, asciiClass space %v", c, inSet, isSpace)
		}
	}
	if n := bits.OnesCount64(asciiSpaces); n != 10 { // \t \n \v \f \r, U+001C-U+001F, space
		t.Errorf("asciiSpaces has %d bytes, want 10", n)
	}
}

// TestSpaceRuneLen: spaceRuneLen agrees with decoding the rune and isSpace,
// for every non-ASCII rune, cut short, and on invalid bytes.
func TestSpaceRuneLen(t *testing.T) {
	check := func(s string) {
		r, size := utf8.DecodeRuneInString(s)
		want := 0
		if isSpace(r) {
			want = size
		}
		if got := spaceRuneLen(s); got != want {
			t.Fatalf("spaceRuneLen(% x) = %d, want %d", s, got, want)
		}
	}
	spaces := 0
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		check(s + "x")
		for k := 1; k < len(s); k++ {
			check(s[:k])
			check(s[:k] + "x")
		}
		if spaceRuneLen(s) > 0 {
			spaces++
		}
	}
	if spaces != 19 { // U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000
		t.Errorf("%d white-space runes beyond ASCII, want 19", spaces)
	}
	for _, s := range []string{"\x80", "\xff", "\xc2", "\xe2\x80", "\xed\xa0\x80"} {
		check(s)
	}
}
