package text

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestIsSpaceIsUnicodeIsSpace: beyond ASCII (where it is Python's
// str.isspace), IsSpace answers as unicode.IsSpace on every code point.
func TestIsSpaceIsUnicodeIsSpace(t *testing.T) {
	spaces := 0
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune+1; r++ {
		if IsSpace(r) != unicode.IsSpace(r) {
			t.Errorf("IsSpace(%U) = %v, unicode.IsSpace says %v", r, IsSpace(r), unicode.IsSpace(r))
		}
		if IsSpace(r) {
			spaces++
		}
	}
	if spaces != 19 { // U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000
		t.Errorf("%d white-space code points beyond ASCII, want 19", spaces)
	}
}

// TestByteClasses: the byte tests are the rune tests on ASCII, and no byte
// of a multi-byte character is a space or a word byte.
func TestByteClasses(t *testing.T) {
	for c := range 256 {
		b := byte(c)
		wantSpace, wantWord := false, false
		if c < utf8.RuneSelf {
			wantSpace, wantWord = IsSpace(rune(c)), IsWordRune(rune(c))
		}
		if IsASCIISpace(b) != wantSpace || IsASCIIWord(b) != wantWord {
			t.Errorf("byte %#x: space %v word %v, want %v %v", c, IsASCIISpace(b), IsASCIIWord(b), wantSpace, wantWord)
		}
	}
}

// BenchmarkIsSpace: IsSpace's list of the white space beyond ASCII against
// unicode.IsSpace's table search, on a bullet list's text (every item
// starts with •, which is not space).
func BenchmarkIsSpace(b *testing.B) {
	s := []rune(strings.Repeat("• an item of the list, with — and é\u00a0\n", 100))
	for _, c := range []struct {
		name    string
		isSpace func(rune) bool
	}{{"listed", IsSpace}, {"unicode.IsSpace", unicode.IsSpace}} {
		b.Run(c.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				for _, r := range s {
					if r >= utf8.RuneSelf && c.isSpace(r) {
						n++
					}
				}
			}
		})
	}
}
