package post

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmtext "github.com/yuin/goldmark/text"
)

// realMarkdown reads the real Markdown posts of ../shared, or skips.
func realMarkdown(b *testing.B) (posts [][]byte, size int64) {
	b.Helper()
	dir := filepath.Join(sharedDir, "corpus", "real", "roweb3-md")
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		posts = append(posts, data)
		size += int64(len(data))
		return err
	})
	if err != nil || len(posts) == 0 {
		b.Skipf("%s is not here (CI has ../shared beside the clone): %v", dir, err)
	}
	return posts, size
}

// BenchmarkParseMarkdown reads the real Markdown posts into posts.
func BenchmarkParseMarkdown(b *testing.B) {
	posts, size := realMarkdown(b)
	b.SetBytes(size)
	for b.Loop() {
		for _, data := range posts {
			if _, err := ParseMarkdown(data); err != nil {
				if _, notAPost := IsParseError(err); !notAPost {
					b.Fatal(err)
				}
			}
		}
	}
}

// BenchmarkAutolinks parses the real posts with GFM's extended autolinks
// found by goldmark's Linkify inline parser, tried at every space
// (/linkify), and by the autolinks transformer, which looks only where one
// can start (/autolinks, what ParseMarkdown does).
func BenchmarkAutolinks(b *testing.B) {
	posts, size := realMarkdown(b)
	linkifying := goldmark.New(goldmark.WithExtensions(append(slices.Clone(markdownExtensions), extension.Linkify)...))
	for _, c := range []struct {
		name string
		md   goldmark.Markdown
	}{{"linkify", linkifying}, {"autolinks", markdown}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				for _, data := range posts {
					c.md.Parser().Parse(gmtext.NewReader(data))
				}
			}
		})
	}
}

// BenchmarkReadPage reads the real posts' pages from their syntax trees,
// plain raw HTML token by token (/tree, what ParseMarkdown does, falling
// back to the HTML for the rest), against rendering every page and parsing
// it as HTML (/html).
func BenchmarkReadPage(b *testing.B) {
	posts, size := realMarkdown(b)
	var docs []parsedMarkdown
	for _, data := range posts {
		decoded, _, _ := Decode(data)
		_, body, _, _ := splitFrontMatter(decoded)
		m, err := parseMarkdownBody(body, 1)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, m)
	}
	for _, way := range []string{"tree", "html"} {
		b.Run(way, func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				for _, m := range docs {
					r := m.newReader()
					if way == "tree" {
						r, _ = m.read()
					} else {
						_ = r.readHTML(m.doc, m.src)
					}
					r.finish()
				}
			}
		})
	}
}

// addTextNaive is addText a rune at a time: what addText's runs of plain
// text (plainRun) replace.
func (r *pageReader) addTextNaive(s string) {
	if len(r.holders) == 0 {
		r.push(Paragraph)
	}
	h := &r.holders[len(r.holders)-1]
	for _, c := range s {
		if isSpaceRune(c) {
			h.space = true
			continue
		}
		h.add(string(c), !unicode.Is(unicode.Cf, c))
	}
}

var addTextCases = []string{
	"Most teams find that the tests stop flaking once they test the onboarding doc. Keep the notes about the notification email next to the code.",
	"  two  spaces,\ta tab,\nand a line\u00a0with a no-break space; a zero\u200bwidth one, and “quotes” — a dash. ",
	"\u200b", " ", "x", "a  b", "a \u00e9 b",
}

// TestAddTextRuns holds addText to addTextNaive.
func TestAddTextRuns(t *testing.T) {
	for _, s := range addTextCases {
		var fast, naive pageReader
		fast.addText(s)
		naive.addTextNaive(s)
		f, n := fast.finish(), naive.finish()
		if fmt.Sprint(f) != fmt.Sprint(n) {
			t.Errorf("%q: runs %+v, a rune at a time %+v", s, f, n)
		}
	}
}

// BenchmarkAddText adds prose to a paragraph by runs (/runs, addText) and a
// rune at a time (/runes).
func BenchmarkAddText(b *testing.B) {
	s := strings.Repeat(addTextCases[0]+" ", 20)
	for _, c := range []struct {
		name string
		add  func(r *pageReader, s string)
	}{{"runs", (*pageReader).addText}, {"runes", (*pageReader).addTextNaive}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				var r pageReader
				c.add(&r, s)
				r.finish()
			}
		})
	}
}
