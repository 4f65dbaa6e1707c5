package features

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/alphanode/postscore/features/post"
)

// expensivePost is size bytes of unit repeated after a title: a post built
// to cost the parser and the measures the most for its size.
func expensivePost(size int, unit string) []byte {
	b := bytes.NewBufferString("A title\n\n")
	for b.Len()+len(unit) <= size {
		b.WriteString(unit)
	}
	return b.Bytes()
}

// TestAllocPerByte: posts of tiny blocks, one-letter words or one
// enormous word allocate a bounded number of bytes per byte, not hundreds
// a tiny paragraph (issue 21, defect 10).
func TestAllocPerByte(t *testing.T) {
	const size = 4 << 20
	for _, c := range []struct{ name, unit string }{
		{"blank lines", "a\n\n"},
		{"tiny paragraphs", "a b.\n\n"},
		{"headings", "Hd\n\n"},
		{"bullets", "- a\n"},
		{"one word", "a "},
		{"no spaces", "x"},
		{"one paragraph", "lorem ipsum dolor sit amet, consectetur adipiscing elit. "},
	} {
		data := expensivePost(size, c.unit)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		p, err := post.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var m Measurer
		m.Measure(p, 20000)
		runtime.ReadMemStats(&after)
		per := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(data))
		t.Logf("%-16s %5.1f bytes allocated a byte", c.name, per)
		if per > MaxAllocPerByte {
			t.Errorf("%s: %.1f bytes allocated a byte of the post, over %d", c.name, per, MaxAllocPerByte)
		}
	}
}
