package features

import (
	"github.com/alphanode/postscore/features/minhash"
	"os"
	"path/filepath"
	"testing"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/features/text"
)

func BenchmarkParse(b *testing.B) {
	data := loadSeed(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := post.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMeasure(b *testing.B) {
	p, err := post.Parse(loadSeed(b))
	if err != nil {
		b.Fatal(err)
	}
	text.Syllables("the") // indexes the syllable table before the clock starts
	var m Measurer
	b.ReportAllocs()
	for b.Loop() {
		m.Measure(p, 20000)
	}
}

// loadGenerated parses the 100 generated posts of testdata/generated: what
// make bench scores, in miniature.
func loadGenerated(b testing.TB) (posts []*post.Post, bytes int64) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "generated", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no generated posts: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		p, err := post.Parse(data)
		if err != nil {
			continue // the malformed ones
		}
		posts = append(posts, p)
		bytes += int64(len(data))
	}
	return posts, bytes
}

// BenchmarkMeasureGenerated measures the generated sample, one op a post.
func BenchmarkMeasureGenerated(b *testing.B) {
	signer := minhash.NewSigner(minhash.DefaultParams)
	b.Run("unsigned", func(b *testing.B) { benchmarkMeasureGenerated(b, Measurer{}) })
	b.Run("signed", func(b *testing.B) { benchmarkMeasureGenerated(b, Measurer{Signer: signer}) })
	b.Run("nochecks", func(b *testing.B) { benchmarkMeasureGenerated(b, Measurer{Signer: signer, SkipChecks: true}) })
}

// benchmarkMeasureGenerated measures the generated sample with m: the
// sub-benchmarks show the share of the time of the near-duplicate
// signature (unsigned against signed) and of the readability checks
// (signed, as a run measures, against nochecks).
func benchmarkMeasureGenerated(b *testing.B, m Measurer) {
	posts, n := loadGenerated(b)
	text.Syllables("the") // indexes the syllable table before the clock starts
	b.SetBytes(n / int64(len(posts)))
	i := 0
	for b.Loop() {
		m.Measure(posts[i%len(posts)], 20000)
		i++
	}
}

// BenchmarkParseGenerated parses the generated sample, one op a post.
func BenchmarkParseGenerated(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "generated", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no generated posts: %v", err)
	}
	var data [][]byte
	var n int64
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
		n += int64(len(d))
	}
	b.SetBytes(n / int64(len(data)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		post.Parse(data[i%len(data)])
		i++
	}
}
