package post

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// The speed tricks of this package, each against the plain way it
// replaces; TestParseDateIsTimeParse, TestHasCaptionSep and TestTrims hold
// them to the same answers.

func BenchmarkParseDate(b *testing.B) {
	for _, c := range []struct {
		name  string
		parse func(s string) (Date, error)
	}{
		{"ten bytes read", ParseDate},
		{"time.Parse", func(s string) (Date, error) {
			t, err := time.Parse("2006-01-02", s)
			return DateOf(t), err
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.parse("2026-06-29")
			}
		})
	}
}

// BenchmarkIsTrailer asks of each line whether it is the trailer, as
// findMetaAndTrailer does.
func BenchmarkIsTrailer(b *testing.B) {
	lines := generatedLines(b)
	for _, c := range []struct {
		name string
		is   func(l string) bool
	}{
		{"by its first byte and length", isTrailer},
		{"trimmed and folded", func(l string) bool { return strings.EqualFold(strings.TrimSpace(l), "Similar Posts") }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				for _, l := range lines {
					c.is(l)
				}
			}
		})
	}
}

// trimLeftDecoding is trimLeftSpace with each rune beyond ASCII decoded.
func trimLeftDecoding(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				return s[i:]
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return s[i:]
		}
		i += size
	}
	return ""
}

// BenchmarkIsBlank asks of each line whether it is blank, as parseBody
// does.
func BenchmarkIsBlank(b *testing.B) {
	lines := generatedLines(b)
	for _, c := range []struct {
		name string
		trim func(l string) string
	}{
		{"ASCII a byte at a time, runes by their bytes", trimLeftSpace},
		{"ASCII a byte at a time, runes decoded", trimLeftDecoding},
		{"strings.TrimLeftFunc", func(l string) string { return strings.TrimLeftFunc(l, unicode.IsSpace) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				for _, l := range lines {
					_ = c.trim(l) == ""
				}
			}
		})
	}
}

// generatedLines are the lines of the generated sample, testdata/generated.
func generatedLines(b *testing.B) []string {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "generated", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no generated posts: %v", err)
	}
	var lines []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		x := newLineIndex(string(data))
		lines = append(lines, x.lines(0, x.len())...)
	}
	return lines
}

// BenchmarkHasCaptionSep looks for the caption separator in every line of
// the generated sample, as parseBody does.
func BenchmarkHasCaptionSep(b *testing.B) {
	lines := generatedLines(b)
	for _, c := range []struct {
		name string
		has  func(l string) bool
	}{
		{"from its colon", hasCaptionSep},
		{"strings.Contains", func(l string) bool { return strings.Contains(l, captionSep) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				for _, l := range lines {
					c.has(l)
				}
			}
		})
	}
}
