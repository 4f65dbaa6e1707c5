package gen

import "testing"

// BenchmarkGenerate makes one post (no file writes).
func BenchmarkGenerate(b *testing.B) {
	benchmarkGenerate(b, Options{N: 1 << 30, Seed: 1, AsOf: DefaultAsOf})
}

// BenchmarkGenerateMarkdown makes the same post as Markdown.
func BenchmarkGenerateMarkdown(b *testing.B) {
	benchmarkGenerate(b, Options{N: 1 << 30, Seed: 1, AsOf: DefaultAsOf, Markdown: true})
}

func benchmarkGenerate(b *testing.B, o Options) {
	var buf []byte
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		buf, _ = Generate(&o, i, buf)
		i++
	}
}
