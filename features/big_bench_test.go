package features

import "testing"

// BenchmarkMeasureBig measures a 1 MiB post of many paragraphs.
func BenchmarkMeasureBig(b *testing.B) {
	p, err := Parse(bigPost(1<<20, "paragraphs"))
	if err != nil {
		b.Fatal(err)
	}
	cmuLines()
	var m Measurer
	for b.Loop() {
		m.Measure(p, 20000)
	}
}
