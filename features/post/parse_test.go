package post

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/alphanode/postscore/features/text"
)

func kinds(p *Post) string {
	var b []string
	for _, bl := range p.Blocks {
		b = append(b, bl.Kind.String())
	}
	return strings.Join(b, ",")
}

func TestParseBlocks(t *testing.T) {
	text := "|\n| |\n\nMy Title\n\nintro line one\nline two.\n\nA heading\n\n  • first\n  - second\n* third\nalt text\nalt text. image source: example.com\ncaption only. image source: cdn.example\n\nnot a heading.\n\nshort line\nfollowed by text\n\nlast heading"
	p, err := ParseText(text)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "My Title" {
		t.Errorf("title %q", p.Title)
	}
	want := "paragraph,heading,bullet,bullet,bullet,image,image,paragraph,paragraph,paragraph"
	if got := kinds(p); got != want {
		t.Errorf("blocks = %s\nwant     %s", got, want)
	}
	b := p.Blocks
	if b[0].Text != "intro line one line two." || b[0].Line != 6 {
		t.Errorf("paragraph = %+v", b[0])
	}
	if b[5].Text != "alt text" || b[5].Image.Source != "example.com" || b[6].Text != "" || b[6].Image.Caption != "caption only" || b[6].Image.Source != "cdn.example" {
		t.Errorf("images = %+v %+v", b[5], b[6])
	}
	if b[8].Text != "short line followed by text" {
		t.Errorf("a heading-shaped line with text after it is a paragraph: %+v", b[8])
	}
	// "last heading" is at the end of the body with no blank line after it: a paragraph.
	if b[9].Text != "last heading" {
		t.Errorf("last block = %+v", b[9])
	}
	if len(p.Warnings) != 1 || p.Warnings[0] != WarnNoMeta {
		t.Errorf("warnings = %v", p.Warnings)
	}
}

func TestParseNotAPost(t *testing.T) {
	cases := []struct {
		name string
		data string
		kind string
	}{
		{"empty", "", ErrKindEmpty},
		{"blank", " \n\n  \n", ErrKindEmpty},
		{"only preamble", "|\n | \n\n", ErrKindOnlyPreamble},
		{"NUL", "title\x00\n\nbody", ErrKindNotText},
		{"binary", "\xff\xfe\xfd\xfc title and more text", ErrKindNotText},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.data))
		kind, ok := IsParseError(err)
		if !ok || kind != c.kind {
			t.Errorf("%s: err = %v, want kind %s", c.name, err, c.kind)
		}
	}
}

func TestParseEncoding(t *testing.T) {
	// BOM, CRLF and lone CR, trailing spaces, one invalid byte in 60.
	data := "\xef\xbb\xbftitle  \r\n\r\nfirst para with a bad \xff byte in it.\rsecond line\r\n"
	p, err := Parse([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "title" || len(p.Blocks) != 1 || p.Blocks[0].Text != "first para with a bad \uFFFD byte in it. second line" {
		t.Errorf("parsed %q %+v", p.Title, p.Blocks)
	}
	if p.Warnings[0] != WarnInvalidUTF8 {
		t.Errorf("warnings = %v", p.Warnings)
	}
}

const metaPost = `t

body text here.

site name post meta

topicproblem / stack
reading timethirteen
view count12,345
score
  • quality: 120
  • depth: high
  • clarity: 50
revision
  • version: 1.10.0
  • last reviewed: 2026-13-45
flags
  • has images: 1
  • image heavy: yes
mystery keyvalue
image sources
    • source: a
    • url: http://a
    • source: b
payload
  • paragraphs: 1
  • flavour: sweet
Similar Posts
other post one
other post two`

func TestParseMeta(t *testing.T) {
	p, err := ParseText(metaPost)
	if err != nil {
		t.Fatal(err)
	}
	m := p.Meta
	if !m.Present || m.Site != "site name" || *m.Topic != "problem / stack" {
		t.Errorf("meta header/topic: %+v", m)
	}
	if m.ReadingTime != nil || *m.ViewCount != 12345 {
		t.Errorf("reading time %v view count %v", m.ReadingTime, m.ViewCount)
	}
	if *m.ClaimedQuality != 120 || m.ClaimedDepth != nil || *m.ClaimedClarity != 50 || m.ClaimedFreshness != nil {
		t.Errorf("scores: %v %v %v", m.ClaimedQuality, m.ClaimedDepth, m.ClaimedClarity)
	}
	if p.RevisionVersion != "1.10.0" || m.LastReviewed != nil {
		t.Errorf("revision: %q %v", p.RevisionVersion, m.LastReviewed)
	}
	if !*m.FlagHasImages || m.FlagImageHeavy != nil {
		t.Errorf("flags: %v %v", m.FlagHasImages, m.FlagImageHeavy)
	}
	if len(m.ImageSources) != 2 || m.ImageSources[0] != (ImageSource{Source: "a", URL: "http://a"}) || !m.HasImageSources {
		t.Errorf("image sources: %+v", m.ImageSources)
	}
	if strings.Join(m.Unknown, "|") != "mystery keyvalue|payload.flavour: sweet" {
		t.Errorf("unknown: %q", m.Unknown)
	}
	if strings.Join(p.SimilarPosts, "|") != "other post one|other post two" {
		t.Errorf("similar: %q", p.SimilarPosts)
	}
	want := []string{
		`bad_meta_value: reading time = "thirteen"`,
		`claimed_score_out_of_range: score.quality = 120`,
		`bad_meta_value: score.depth = "high"`,
		`bad_meta_value: revision.last reviewed = "2026-13-45"`,
		`bad_meta_value: flags.image heavy = "yes"`,
		`unknown_meta_key`,
		`unknown_meta_subkey`,
	}
	if strings.Join(p.Warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(p.Warnings, "\n"), strings.Join(want, "\n"))
	}
	// post_id falls back to reference, then to nothing (the pipeline uses the path).
	if p.PostID != "" {
		t.Errorf("post_id %q", p.PostID)
	}
}

// TestIsVersionIsTheRegexp holds isVersion to the regexp it replaced, on
// every string of up to five characters from an alphabet that can build
// each case.
func TestIsVersionIsTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`^v?[0-9]+(\.[0-9]+)*$`)
	alphabet := []string{"", "v", "0", "7", ".", "x", "-"}
	var walk func(s string, n int)
	checked := 0
	walk = func(s string, n int) {
		if got, want := isVersion(s), re.MatchString(s); got != want {
			t.Errorf("isVersion(%q) = %v, the regexp says %v", s, got, want)
		}
		checked++
		if n == 0 {
			return
		}
		for _, c := range alphabet[1:] {
			walk(s+c, n-1)
		}
	}
	walk("", 5)
	if !isVersion("v1.10.0") || isVersion("1.4.") || checked < 1000 {
		t.Errorf("checked %d strings", checked)
	}
}

// TestParseDateIsTimeParse holds ParseDate's fast path to time.Parse, on
// every day of 1899-2101 and on near misses (day 0, 29-32, month 0 or 13,
// signs and spaces).
func TestParseDateIsTimeParse(t *testing.T) {
	check := func(s string) {
		got, gotErr := ParseDate(s)
		tm, err := time.Parse("2006-01-02", s)
		if (gotErr != nil) != (err != nil) || err == nil && got != DateOf(tm) {
			t.Errorf("ParseDate(%q) = %v, %v; time.Parse: %v, %v", s, got, gotErr, tm, err)
		}
	}
	for y := 1899; y <= 2101; y++ {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				check(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	for _, s := range []string{"2026-1-06", "2026-01-6 ", "+026-01-06", "2026/01/06", "0000-01-01", "9999-12-31", "2026-02-29", "2024-02-29", "2100-02-29", "2000-02-29", "١٢٣٤-01-01"} {
		check(s)
	}
}

// TestSplitMetaKey: a column-0 meta line splits at the known key it starts
// with, with or without the separator the export lost.
func TestSplitMetaKey(t *testing.T) {
	for _, k := range metaKeys {
		for _, line := range []string{k.key, k.key + "value", k.key + " value  "} {
			key, form, value, ok := splitMetaKey(line)
			want := strings.TrimSpace(line[len(k.key):])
			if !ok || key != k.key || form != k.form || value != want {
				t.Errorf("splitMetaKey(%q) = %q %v %q %v, want %q %v %q", line, key, form, value, ok, k.key, k.form, want)
			}
		}
	}
	for _, c := range []struct {
		line, key, value string
		ok               bool
	}{
		{"Topic: x", "", "", false}, // keys are lower case
		{"author jane", "", "", false},
		{"x", "", "", false},
		{"stacks", "stack", "s", true}, // no separator: the key is what is known
	} {
		if key, _, value, ok := splitMetaKey(c.line); key != c.key || value != c.value || ok != c.ok {
			t.Errorf("splitMetaKey(%q) = %q %q %v, want %q %q %v", c.line, key, value, ok, c.key, c.value, c.ok)
		}
	}
}

// TestLineIndex: a lineIndex's lines are strings.Split at "\n" with the
// spaces and tabs trimmed off each line's end, and nothing else (a "\r", a
// no-break space and leading blanks stay).
func TestLineIndex(t *testing.T) {
	for _, text := range []string{"", "\n", "a", "a\n", "\na", "a \t\nb\t \n \n", "  x  \n\ty\r \n\u00a0\n\n", "one\ntwo\n\nthree \t"} {
		want := strings.Split(text, "\n")
		for i, l := range want {
			want[i] = strings.TrimRight(l, " \t")
		}
		x := newLineIndex(text)
		if got := x.lines(0, x.len()); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
			t.Errorf("newLineIndex(%q) lines %q, want %q", text, got, want)
		}
	}
}

// TestTrims: trimLeftSpace is strings.TrimLeftFunc(s, unicode.IsSpace) and
// trimBlanks is strings.TrimLeft(s, " \t"), on random mixes of ASCII and
// Unicode white space, separators that are not white space to Go (U+001C),
// bullets and invalid bytes.
func TestTrims(t *testing.T) {
	pieces := []string{" ", "\t", "\n", "\v", "\r", "\x1c", "\u00a0", "\u0085", "\u2003", "\u3000", "\u2028", "•", "·", "x", "-", "\xff", "\xe2\x80"}
	r := rand.New(rand.NewPCG(13, 14))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := trimLeftSpace(s), strings.TrimLeftFunc(s, unicode.IsSpace); got != want {
			t.Fatalf("trimLeftSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := trimBlanks(s), strings.TrimLeft(s, " \t"); got != want {
			t.Fatalf("trimBlanks(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestHasCaptionSep holds hasCaptionSep to strings.Contains on random lines
// made of pieces of the separator.
func TestHasCaptionSep(t *testing.T) {
	pieces := []string{". image source", ":", " ", ": ", "image", ". ", "x", "source:", ".", "::"}
	r := rand.New(rand.NewPCG(7, 8))
	found := 0
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		l := b.String()
		want := strings.Contains(l, captionSep)
		if got := hasCaptionSep(l); got != want {
			t.Fatalf("hasCaptionSep(%q) = %v, strings.Contains %v", l, got, want)
		}
		if want {
			found++
		}
	}
	if found < 100 {
		t.Fatalf("only %d lines held the separator: the test no longer exercises it", found)
	}
}

// TestSpaceRuneLen: spaceRuneLen agrees with decoding the rune and isSpace,
// for every non-ASCII rune, cut short, and on invalid bytes.
func TestSpaceRuneLen(t *testing.T) {
	check := func(s string) {
		r, size := utf8.DecodeRuneInString(s)
		want := 0
		if text.IsSpace(r) {
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
