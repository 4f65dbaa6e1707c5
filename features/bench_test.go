package features

import "testing"

func BenchmarkParse(b *testing.B) {
	data := loadSeed(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMeasure(b *testing.B) {
	p, err := Parse(loadSeed(b))
	if err != nil {
		b.Fatal(err)
	}
	syllableDict()
	var m Measurer
	b.ReportAllocs()
	for b.Loop() {
		m.Measure(p, 20000)
	}
}
