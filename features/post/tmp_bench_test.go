package post

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func BenchmarkTmpDir(b *testing.B) {
	var posts [][]byte
	var size int64
	filepath.WalkDir(os.Getenv("D"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, os.Getenv("EXT")) {
			return err
		}
		data, _ := os.ReadFile(path)
		posts = append(posts, data)
		size += int64(len(data))
		return nil
	})
	b.SetBytes(size)
	for b.Loop() {
		for _, d := range posts {
			if os.Getenv("EXT") == ".md" {
				ParseMarkdown(d)
			} else {
				Parse(d)
			}
		}
	}
}
