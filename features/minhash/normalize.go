package minhash

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// simplified is a text normalised as datatrove's simplify_text normalises
// it, laid out for shingling: the words joined by single spaces in text,
// where each word starts and ends in it, and each word's 64-bit FNV-1a
// hash, worked out as its bytes are appended.
//
// For "Café, 1,000 cafés!" text is "cafe 0 cafes", starts [0 5 7], ends
// [4 6 12] and hashes [FNV-1a("cafe") FNV-1a("0") FNV-1a("cafes")].
type simplified struct {
	text         []byte
	starts, ends []int32
	hashes       []uint64
	word         uint64 // the open word's hash so far
}

// FNV-1a's 64-bit offset basis and prime.
const (
	fnvOffset = 0xcbf29ce484222325
	fnvPrime  = 0x100000001b3
)

// put appends the byte b to the open word.
func (s *simplified) put(b byte) {
	s.text = append(s.text, b)
	s.word = (s.word ^ uint64(b)) * fnvPrime
}

// putRune appends r, UTF-8 encoded, to the open word.
func (s *simplified) putRune(r rune) {
	var buf [utf8.UTFMax]byte
	for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
		s.put(b)
	}
}

// simplify sets s to body normalised, reusing s's space. It is
// simplify_text's steps done in one pass over the runes, each word at a
// time:
//   - lower case (rune by rune: Go's unicode.ToLower);
//   - white space (Python's str.isspace) separates words;
//   - datatrove's PUNCTUATION characters (all of ASCII's, some of CJK's and
//     typography's, and the C0 and C1 control characters that are not
//     white space) are removed, joining what they separated ("don't" is
//     "dont");
//   - a letter's diacritics are removed (NFD, then no Mn marks);
//   - a run of decimal digits is one "0".
//
// A word left empty (it was all punctuation) is no word.
func (s *simplified) simplify(body string) {
	s.text, s.starts, s.ends, s.hashes = s.text[:0], s.starts[:0], s.ends[:0], s.hashes[:0]
	inWord, inDigits := false, false
	for i := 0; i < len(body); {
		r, size := rune(body[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(body[i:])
		}
		if r < utf8.RuneSelf && asciiLetter[r] { // the common case, first
			inWord = s.startWord(inWord)
			s.put(asciiLower[r])
			inDigits = false
			i++
			continue
		}
		if r < utf8.RuneSelf && asciiSpace[r] || r >= utf8.RuneSelf && isSpace(r) {
			s.endWord(inWord)
			inWord, inDigits = false, false
			i += size
			continue
		}
		switch {
		case isPunctuation(r) || (r >= utf8.RuneSelf && unicode.Is(unicode.Mn, r)):
			// removed: a digit run goes on across it
		case unicode.IsDigit(r):
			if !inDigits {
				inWord = s.startWord(inWord)
				s.put('0')
			}
			inDigits = true
		default:
			inWord = s.startWord(inWord)
			s.appendLetter(r, body[i:i+size])
			inDigits = false
		}
		i += size
	}
	s.endWord(inWord)
}

// startWord opens a word unless one is open, and reports that one is.
func (s *simplified) startWord(inWord bool) bool {
	if !inWord {
		if len(s.starts) > 0 {
			s.text = append(s.text, ' ')
		}
		s.starts = append(s.starts, int32(len(s.text)))
		s.word = fnvOffset
	}
	return true
}

// endWord closes the open word, if any, and hashes it.
func (s *simplified) endWord(inWord bool) {
	if inWord {
		s.ends = append(s.ends, int32(len(s.text)))
		s.hashes = append(s.hashes, s.word)
	}
}

// appendLetter appends r (encoded as raw) lower-cased, without diacritics.
func (s *simplified) appendLetter(r rune, raw string) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		s.put(byte(r))
		return
	}
	lower := unicode.ToLower(r)
	if lower != r {
		raw = string(lower)
	}
	decomposed := norm.NFD.PropertiesString(raw).Decomposition()
	if decomposed == nil {
		s.putRune(lower)
		return
	}
	for _, d := range string(decomposed) {
		if !unicode.Is(unicode.Mn, d) {
			s.putRune(d)
		}
	}
}

// asciiLetter holds the ASCII letters, which simplify keeps, lower-cased by
// asciiLower: most of a text, so they are tested first.
var asciiLetter, asciiLower = func() (letter [utf8.RuneSelf]bool, lower [utf8.RuneSelf]byte) {
	for r := range rune(utf8.RuneSelf) {
		letter[r] = unicode.IsLetter(r)
		lower[r] = byte(unicode.ToLower(r))
	}
	return letter, lower
}()

// asciiSpace holds the ASCII characters isSpace holds.
var asciiSpace = func() (set [utf8.RuneSelf]bool) {
	for r := range rune(utf8.RuneSelf) {
		set[r] = isSpace(r)
	}
	return set
}()

// isSpace is Python's str.isspace, which simplify_text's \s follows:
// Go's unicode.IsSpace and the four separators U+001C to U+001F.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// isPunctuation reports whether datatrove's PUNCTUATION holds r.
func isPunctuation(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return asciiPunctuation[r]
	case r >= 0x7f && r < 0xa0: // C1 controls (U+0085 is white space: seen first)
		return true
	}
	_, ok := otherPunctuation[r]
	return ok
}

// asciiPunctuation holds every ASCII punctuation character and the control
// characters that are not white space: all of them are in PUNCTUATION.
var asciiPunctuation = func() (set [utf8.RuneSelf]bool) {
	for _, r := range "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" {
		set[r] = true
	}
	for r := range rune(0x20) {
		set[r] = !isSpace(r)
	}
	set[0x7f] = true
	return set
}()

// otherPunctuation is the rest of PUNCTUATION: typographic quotes and
// dashes, CJK and full-width punctuation (and datatrove's full-width digit
// one, kept as it has it).
var otherPunctuation = func() map[rune]struct{} {
	set := map[rune]struct{}{}
	for _, r := range "—”％１〈、━【「」，】；“《„’∶´．（–？！：～«〉》）。…►»" {
		set[r] = struct{}{}
	}
	return set
}()
