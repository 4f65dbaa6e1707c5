package scoring

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/post"
)

// BenchmarkScoreGenerated scores the measured features of the generated
// sample (testdata/generated), one op a post.
func BenchmarkScoreGenerated(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "generated", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no generated posts: %v", err)
	}
	var fs []*features.Features
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		if p, err := post.Parse(data); err == nil {
			fs = append(fs, features.Measure(p, 20000))
		}
	}
	m := DefaultModel()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.Score(fs[i%len(fs)])
		i++
	}
}
