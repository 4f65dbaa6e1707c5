package checks

import "testing"

func TestWordOf(t *testing.T) {
	tests := []struct {
		token string
		flags Flags
	}{
		{"However,", TransitionWord | ClauseEnd},
		{"(tired)", Participle | AdjectiveParticiple | ClauseEnd},
		{"It's", Be},
		{"it’s", Be}, // typographic apostrophe: still "it's", not "its"
		{"its", Article},
		{"I'm", Be},
		{"was", Be},
		{"been", Be | Adverb},
		{"gotten", Get | Participle},
		{"—", ClauseEnd},
		{"--", ClauseEnd},
		{"-", ClauseEnd},
		{"The", Article},
		{"by", By},
		{"quickly", Adverb},
		{"fly", 0},
		{"needed", Participle},
		{"need", 0},
		{"speed", 0},
		{"agreed", Participle},
		{"hundred", 0},
		{"bed", 0},
		{"used", Participle},
		{"written", Participle},
		{"open", 0},
		{"token", 0},
		{"unexpected", Participle | AdjectiveParticiple},
		{"uninstalled", Participle},
		{"understood", Participle},
		{`said,"`, Participle | ClauseEnd},
		{"e.g.,", TransitionWord | ClauseEnd},
		{"word.", 0},
		{"(as", 0},
	}
	for _, tc := range tests {
		if got := WordOf(tc.token).Flags; got != tc.flags {
			t.Errorf("WordOf(%q).Flags = %b, want %b", tc.token, got, tc.flags)
		}
	}
}

func TestWordOfPhrase(t *testing.T) {
	if WordOf("The").Phrase == 0 || WordOf("The").Phrase != WordOf("the").Phrase {
		t.Errorf(`"The" and "the" want the same non-zero phrase number`)
	}
	for _, token := range []string{"was", "—", "However,", "It's"} {
		if p := WordOf(token).Phrase; p != 0 {
			t.Errorf("WordOf(%q).Phrase = %d, want 0", token, p)
		}
	}
}

func TestWords(t *testing.T) {
	got := Words(" The report\twas  written. ", nil)
	want := []Flags{Article, 0, Be, Participle}
	if len(got) != len(want) {
		t.Fatalf("Words gave %d Words, want %d", len(got), len(want))
	}
	for i, w := range got {
		if w.Flags != want[i] {
			t.Errorf("word %d: flags %b, want %b", i, w.Flags, want[i])
		}
	}
}

func TestPassive(t *testing.T) {
	tests := []struct {
		sentence string
		want     bool
	}{
		{"The report was written by the team.", true},
		{"The team wrote the report.", false},
		{"She is tired.", false},
		{"He was interested in maths.", false},
		{"He was interested by the offer.", true}, // adjective participle with "by"
		{"She is tired, by the way.", false},      // "by" in another clause
		{"They got married in June.", false},
		{"It has been a long year.", false},
		{"It's been a long year.", false},
		{"The code has been rewritten.", true},
		{"The tests are being run nightly.", true},
		{"The results were quickly published.", true},
		{"The results were not quickly published.", true},
		{"The server got fired up.", true},
		{"He got fired.", true},
		{"Is the tool getting fixed?", true}, // "is the" stops; "getting fixed" is one
		{"The bed is red.", false},
		{"It is needed.", true},
		{"It isn't needed.", true},
		{"The data is the thing, used daily.", false},
		{"This was, as expected, shown later.", false}, // the clause ends after "was"
		{"It's called postscore.", true},
		{"It’s called postscore.", true},
		{"The package is open.", false},
		{"The garden is often open.", false},
		{"The result was unexpected.", false},
		{"The package was uninstalled.", true},
		{"The project is no longer maintained.", true},
		{"The speed is what we need.", false},
		// -ed adjectives after be: qualities and feelings, not actions.
		{"He is talented.", false},
		{"The docs are outdated.", false},
		{"It's complicated.", false},
		{"We are excited to announce it.", false},
		{"She was surprised by the result.", true}, // "by": the adjective reads as a passive
		// A quote mark before the word hides neither the adjective nor the
		// participle.
		{"She is 'tired'.", false},
		{"She is ’tired’.", false},
		{"It was 'supposed' to work.", false},
		{"It was 'written' by hand.", true},
		// Degree words between the auxiliary and the participle.
		{"The package is most easily installed from CRAN.", true},
		{"It is only used here.", true},
	}
	for _, tc := range tests {
		if got := Passive(Words(tc.sentence, nil)); got != tc.want {
			t.Errorf("Passive(%q) = %v, want %v", tc.sentence, got, tc.want)
		}
	}
}

func TestTransition(t *testing.T) {
	tests := []struct {
		sentence string
		want     bool
	}{
		{"However, it failed.", true},
		{"As a result the test failed.", true},
		{"For example, DuckDB reads it.", true},
		{"On the other hand, it is slow.", true},
		{"The result was good.", false},
		{"He ran as fast as he could.", false}, // "as" alone is none
		{"In addition to that", true},
		{"For, example, this.", false},         // a comma inside the phrase
		{"In other, words this works.", false}, // likewise
		{"In other words, it works.", true},
		{"We tested it as well.", true},
		{"It was slow, but it worked.", true},
		{"That is to say it works.", true},
		{"That is good.", false},
		{"The tool reads files in order.", false}, // "in order" without "to"
	}
	for _, tc := range tests {
		if got := Transition(Words(tc.sentence, nil)); got != tc.want {
			t.Errorf("Transition(%q) = %v, want %v", tc.sentence, got, tc.want)
		}
	}
}

// TestPhraseTables checks the phrase lists against the tables' limits:
// every phrase has 2 to 4 words and is found in a sentence of its own.
func TestPhraseTables(t *testing.T) {
	n := 0
	for _, category := range transitionPhrases {
		for _, p := range category {
			n++
			// Inside a sentence, and with its words' own flags cleared, so
			// that a phrase holding a single-word transition ("even though")
			// is found by the phrase tables alone.
			ws := Words("we saw "+p+" it", nil)
			for i := range ws {
				ws[i].Flags &^= TransitionWord
			}
			if !Transition(ws) {
				t.Errorf("phrase %q is not found", p)
			}
		}
	}
	if n < 40 {
		t.Errorf("%d transition phrases, want 40 or more", n)
	}
}

var benchTokens = []string{
	"However,", "the", "report", "was", "quickly", "written", "by", "(tired)",
	"It's", "—", "unexpected", "garden", "2024", "DuckDB's", "needed.",
}

func BenchmarkWordOf(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		WordOf(benchTokens[i%len(benchTokens)])
	}
}

// BenchmarkSentence times the two rules on a sentence that holds neither, so
// that both read every word.
func BenchmarkSentence(b *testing.B) {
	ws := Words("The team measured every post in the corpus and wrote all of the "+
		"numbers to a table that the editors read in a week.", nil)
	if Passive(ws) || Transition(ws) {
		b.Fatal("the benchmark sentence should hold no passive and no transition")
	}
	b.ReportMetric(float64(len(ws)), "words")
	for b.Loop() {
		Passive(ws)
		Transition(ws)
	}
}

// TestLight: each check's light at and about its thresholds (lights.go's
// table): a threshold itself is on the better side.
func TestLight(t *testing.T) {
	cases := []struct {
		column string
		value  float64
		want   Light
	}{
		{"long_sentence_share", 0.25, Good}, {"long_sentence_share", 0.26, OK},
		{"long_sentence_share", 0.30, OK}, {"long_sentence_share", 0.31, Bad},
		{"passive_sentence_share", 0.10, Good}, {"passive_sentence_share", 0.15, OK},
		{"passive_sentence_share", 0.16, Bad},
		{"transition_sentence_share", 0.30, Good}, {"transition_sentence_share", 0.29, OK},
		{"transition_sentence_share", 0.20, OK}, {"transition_sentence_share", 0.19, Bad},
		{"max_same_start_run", 2, Good}, {"max_same_start_run", 3, Bad},
		{"longest_paragraph_words", 150, Good}, {"longest_paragraph_words", 200, OK},
		{"longest_paragraph_words", 201, Bad},
		{"longest_section_words", 300, Good}, {"longest_section_words", 350, OK},
		{"longest_section_words", 351, Bad},
	}
	for _, c := range cases {
		if got := ByColumn(c.column).Light(c.value); got != c.want {
			t.Errorf("%s at %v: %s, want %s", c.column, c.value, got, c.want)
		}
	}
	if ByColumn("flesch_reading_ease") != nil {
		t.Error("a column that no check reads has a check")
	}
}
