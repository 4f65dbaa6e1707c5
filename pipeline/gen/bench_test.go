package gen

import "testing"

// BenchmarkGenerate makes one post (no file writes).
func BenchmarkGenerate(b *testing.B) {
	o := Options{N: 1 << 30, Seed: 1, AsOf: DefaultAsOf}
	var buf []byte
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		buf, _ = Generate(&o, i, buf)
		i++
	}
}
