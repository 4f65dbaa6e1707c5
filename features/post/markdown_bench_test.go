package post

import (
	"os"
	"path/filepath"
	"testing"

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
	linkifying := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote, extension.Linkify))
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
