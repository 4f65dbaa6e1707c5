package text

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

// cmudictTSV is the CMU Pronouncing Dictionary 0.7a reduced to "word<TAB>count"
// (count = stress-marked vowels of the first pronunciation). Licence:
// cmudict/LICENSE-cmudict.txt, which ships with the binary (see Licenses).
//
//go:embed cmudict/syllables.tsv
var cmudictTSV string

//go:embed cmudict/LICENSE-cmudict.txt
var cmudictLicense string

// CMUDictLicense is the licence text of the embedded syllable table.
func CMUDictLicense() string { return cmudictLicense }

var (
	dictOnce  sync.Once
	dictLines []int32 // where each line of cmudictTSV starts
)

// cmuLines indexes the lines of the embedded table, on first use: 1.5 ms,
// where a map of its 123,455 words takes 20 to 30 ms to build, on the path
// of every run's first post (BenchmarkCMUIndex).
func cmuLines() []int32 {
	dictOnce.Do(func() {
		lines := make([]int32, 0, 123456)
		for at := 0; at < len(cmudictTSV); {
			lines = append(lines, int32(at))
			nl := strings.IndexByte(cmudictTSV[at:], '\n')
			if nl < 0 {
				break
			}
			at += nl + 1
		}
		dictLines = lines
	})
	return dictLines
}

// cmuEntry returns the word and syllable count of the table's line that
// starts at offset at ("word<TAB>count").
func cmuEntry(at int32) (word string, count uint8) {
	line := cmudictTSV[at:]
	if nl := strings.IndexByte(line, '\n'); nl >= 0 {
		line = line[:nl]
	}
	tab := strings.IndexByte(line, '\t')
	if tab < 0 {
		return line, 0
	}
	n := 0
	for _, c := range []byte(line[tab+1:]) {
		if c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
		}
	}
	return line[:tab], uint8(min(n, 255))
}

// lookupCMU returns the table's count for the lower-cased word w, by binary
// search: the table is sorted by its words' bytes, each word once
// (TestCMUTableSorted).
func lookupCMU(w string) (uint8, bool) {
	lines := cmuLines()
	k, found := slices.BinarySearchFunc(lines, w, func(at int32, w string) int {
		word, _ := cmuEntry(at)
		return strings.Compare(word, w)
	})
	if !found {
		return 0, false
	}
	_, n := cmuEntry(lines[k])
	return n, true
}

// LookupSyllables returns the CMU table's count for the lower-cased word w.
func LookupSyllables(w string) (int, bool) {
	n, ok := lookupCMU(w)
	return int(n), ok
}

// Syllables counts the syllables of a lower-cased word: the CMU table's
// count, or FallbackSyllables' estimate for a word it lacks.
func Syllables(w string) int {
	if n, ok := lookupCMU(w); ok {
		return int(n)
	}
	return fallbackSyllables([]byte(w))
}

// CountSyllables counts the syllables of t's words (ForEachWord), each
// lower-cased.
func CountSyllables(t string) int {
	n := 0
	var lower []byte
	ForEachWord(t, nil, func(w []byte) {
		lower = Lower(lower, w)
		n += Syllables(string(lower))
	})
	return n
}

// FallbackSyllables estimates the syllables of a word the CMU table lacks:
// vowel groups with the usual English corrections (silent final e, -le, -ed,
// -es, vowel pairs spoken as two syllables), at least 1. Its agreement with
// the table is measured in TestFallbackAgainstTable.
func FallbackSyllables(word string) int {
	return fallbackSyllables([]byte(strings.ToLower(word)))
}

func isVowelByte(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// hiatus lists vowel pairs usually spoken as two syllables ("cre-ate",
// "ra-di-o", "qui-et"); the vowel-group count sees them as one.
var hiatus = [...]string{"ia", "io", "iu", "eo", "ua", "uo", "ie", "ea", "oe"}

// hiatusExceptions are endings where those pairs are one syllable.
var hiatusExceptions = [...]string{"tion", "sion", "cial", "tial", "cian", "ious", "eous", "ield", "ief", "iev", "iec", "ean", "ear", "eal", "eat", "ead", "eas", "eak", "eam", "each", "ease", "ie", "ies", "ied", "oes", "oe", "uat", "uar", "qua", "quo", "gua", "guo", "ual", "ea"}

// fallbackSyllables is FallbackSyllables of a lower-cased word.
func fallbackSyllables(w []byte) int {
	// Keep ASCII letters only; other scripts count as one syllable a vowel-less run.
	letters := make([]byte, 0, 32)
	for _, c := range w {
		if 'a' <= c && c <= 'z' {
			letters = append(letters, c)
		}
	}
	if len(letters) == 0 {
		return 1
	}
	n := 0
	prevVowel := false
	for i, c := range letters {
		v := isVowelByte(c) && !(c == 'y' && i == 0)
		if v && !prevVowel {
			n++
		}
		prevVowel = v
	}
	s := string(letters)
	// Vowel pairs spoken as two syllables.
	for _, h := range hiatus {
		for i := strings.Index(s, h); i >= 0; {
			if !hiatusException(s, i) {
				n++
			}
			j := strings.Index(s[i+1:], h)
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
	l := len(s)
	switch {
	case l > 2 && s[l-1] == 'e' && s[l-2] == 'l' && !isVowelByte(s[l-3]):
		// "-le" after a consonant is its own syllable ("table"): already counted.
	case l > 2 && s[l-1] == 'e' && !isVowelByte(s[l-2]):
		n-- // silent final e ("make")
	case l > 3 && strings.HasSuffix(s, "ed") && s[l-3] != 't' && s[l-3] != 'd' && !isVowelByte(s[l-3]):
		n-- // "-ed" after a consonant other than t or d ("jumped")
	case l > 3 && strings.HasSuffix(s, "es") && !strings.ContainsRune("sxzcgi", rune(s[l-3])) && !isVowelByte(s[l-3]) && isVowelByte(s[l-4]):
		n-- // "-es" after vowel + consonant other than a sibilant ("makes", not "boxes" or "postgres")
	}
	return max(n, 1)
}

// hiatusException reports whether the vowel pair at s[i] is in one of
// hiatusExceptions, one syllable.
func hiatusException(s string, i int) bool {
	for _, e := range hiatusExceptions {
		// The exception must cover the pair at i.
		for k := max(0, i-len(e)+2); k <= i && k+len(e) <= len(s); k++ {
			if s[k:k+len(e)] == e {
				if e == "ie" || e == "oe" || e == "ea" {
					if k+len(e) == len(s) && e != "ea" { // word-final "-ie", "-oe"
						return true
					}
					if e == "ea" {
						return true
					}
					continue
				}
				return true
			}
		}
	}
	return false
}
