package features

import (
	"slices"
	"unsafe"

	"github.com/alphanode/postscore/features/post"
)

// bodyText writes METRICS.md's body text into m.body and returns it: the
// blocks as a reader sees them, images left out; consecutive bullets joined
// with \n, other neighbours with \n\n, and a bullet's text after "• ". It
// notes where each non-image block ends in it in m.ends. The text is
// m.body's memory, valid until the next post: nothing measured may keep a
// piece of it.
func (m *Measurer) bodyText(p *post.Post) string {
	// The per-block array gets its room at once: by appends, a post of
	// millions of blocks would hold it up to three times over.
	m.ends = slices.Grow(m.ends[:0], len(p.Blocks)+1)
	if p.PlainText {
		m.ends = append(m.ends, int32(len(p.Text)))
		return p.Text
	}
	size := 0
	for _, bl := range p.Blocks {
		size += len(bl.Text) + 4
	}
	b := slices.Grow(m.body[:0], size)
	prev := post.BlockKind(0)
	for _, bl := range p.Blocks {
		if bl.Kind == post.Image {
			continue
		}
		if prev != 0 {
			if prev == post.Bullet && bl.Kind == post.Bullet {
				b = append(b, '\n')
			} else {
				b = append(b, "\n\n"...)
			}
		}
		if bl.Kind == post.Bullet {
			b = append(b, "• "...)
		}
		b = append(b, bl.Text...)
		m.ends = append(m.ends, int32(len(b)))
		prev = bl.Kind
	}
	m.body = b
	return unsafe.String(unsafe.SliceData(b), len(b))
}
