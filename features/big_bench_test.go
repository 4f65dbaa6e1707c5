package features

import (
	"testing"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/features/text"
)

// BenchmarkMeasureBig measures a 1 MiB post of many paragraphs.
func BenchmarkMeasureBig(b *testing.B) {
	p, err := post.Parse(bigPost(1<<20, "paragraphs"))
	if err != nil {
		b.Fatal(err)
	}
	text.Syllables("the") // indexes the syllable table before the clock starts
	var m Measurer
	for b.Loop() {
		m.Measure(p, 20000)
	}
}
