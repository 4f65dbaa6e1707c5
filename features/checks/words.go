package checks

import (
	"strings"
	"unicode/utf8"

	"github.com/alphanode/postscore/features/text"
)

// Flags say what a word can be in the rules.
type Flags uint16

const (
	// Be is a form of "be" that can head a passive, contractions included.
	Be Flags = 1 << iota
	// Get is a form of "get" (the get-passive: "got fired").
	Get
	// Participle is a past participle: regular -ed or an irregular one.
	Participle
	// AdjectiveParticiple is a participle that after be or get is usually
	// an adjective or an idiom ("tired", "interested", "married"); such a
	// word also has Participle.
	AdjectiveParticiple
	// Adverb may stand between the auxiliary and the participle.
	Adverb
	// By is "by", which makes an AdjectiveParticiple a passive.
	By
	// ClauseEnd marks a token that ends a clause: it ends with , ; : a
	// dash or a closing bracket.
	ClauseEnd
	// Article is a determiner after which a sentence's beginning is its
	// first two words.
	Article
	// TransitionWord is a single-word transition ("however", "because").
	TransitionWord
)

// Word is what the checks know of one white-space token.
type Word struct {
	Flags Flags
	// Phrase is the word's number in the vocabulary of multi-word
	// transition phrases; 0: in none.
	Phrase uint8
}

// WordOf classifies one white-space-delimited token as it appears in the
// text ("However,", "(tired)", "It's", "—"). Its METRICS.md word, lower-cased,
// decides the word flags and the phrase number; its raw trailing
// punctuation decides ClauseEnd. A token without a word character gets only
// ClauseEnd, or nothing.
func WordOf(token string) Word {
	var w Word
	if endsClause(token) {
		w.Flags |= ClauseEnd
	}
	var arr [64]byte
	word := wordOf(token, arr[:0])
	if len(word) == 0 {
		return w
	}
	w.Flags |= flagsOf(string(word))
	w.Phrase = phraseNumber[string(word)]
	return w
}

// Words appends the Words of sentence s's white-space tokens (Python's
// str.split()) to buf, for callers that keep no cache of Words.
func Words(s string, buf []Word) []Word {
	start := -1
	for i, r := range s {
		switch {
		case text.IsSpace(r):
			if start >= 0 {
				buf = append(buf, WordOf(s[start:i]))
				start = -1
			}
		case start < 0:
			start = i
		}
	}
	if start >= 0 {
		buf = append(buf, WordOf(s[start:]))
	}
	return buf
}

// wordOf returns token's METRICS.md word lower-cased, written into buf
// (empty: none). A typographic apostrophe (’) counts as the ASCII one, so
// that "it’s" is the contraction "it's" and not the possessive "its".
func wordOf(token string, buf []byte) []byte {
	if strings.ContainsRune(token, '’') {
		token = strings.ReplaceAll(token, "’", "'")
	}
	var word []byte
	text.ForEachWord(token, nil, func(w []byte) {
		word = text.Lower(buf, w)
	})
	// A quote mark before a word is no part of it ("she is 'tired'"); the
	// contractions 's and 're are words of their own.
	for len(word) > 3 && word[0] == '\'' {
		word = word[1:]
	}
	return word
}

// closers are the characters after a clause-ending mark that do not hide
// it: sentence ends and closing quotes (`said,"` ends a clause).
const closers = `.!?"'”’»`

// endsClause reports whether token ends a clause: after closers are cut,
// it ends with , ; : a closing bracket or a dash (— – or --), or it is a
// lone hyphen standing for a dash.
func endsClause(token string) bool {
	if token == "-" {
		return true
	}
	t := strings.TrimRight(token, closers)
	if t == "" {
		return false
	}
	if strings.HasSuffix(t, "--") {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case ',', ';', ':', ')', ']', '}', '—', '–':
		return true
	}
	return false
}

// flagsOf gives a lower-cased word's flags: those of the fixed lists, then
// the rules on its spelling (-ly adverbs, -ed participles, un-...-ed
// adjectives).
func flagsOf(w string) Flags {
	f := listed[w]
	if lyAdverb(w) {
		f |= Adverb
	}
	if f&Participle == 0 && regularParticiple(w) {
		f |= Participle
		if unAdjective(w) {
			f |= AdjectiveParticiple
		}
	}
	return f
}

// listed maps each word of the fixed lists to its flags.
var listed = func() map[string]Flags {
	m := map[string]Flags{}
	add := func(f Flags, lists ...[]string) {
		for _, l := range lists {
			for _, w := range l {
				m[w] |= f
			}
		}
	}
	add(Be, beForms, beContractions)
	add(Get, getForms)
	add(Participle, irregularParticiples, adjectiveParticiples)
	add(AdjectiveParticiple, adjectiveParticiples)
	add(Adverb, interveningAdverbs)
	add(By, []string{"by"})
	add(Article, articles)
	add(TransitionWord, transitionWords...)
	return m
}()

// articles are the determiners after which a sentence's beginning is its
// first two words ("The report", "Our team").
var articles = []string{
	"a", "an", "the", "this", "that", "these", "those",
	"my", "our", "your", "his", "her", "its", "their",
}
