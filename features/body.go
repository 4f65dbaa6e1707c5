package features

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
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

// bodySHA256 is the hex sha256 of the text a reader sees of p: the export
// format's title line, the body text, each image's alt text, caption and
// source (the body text leaves images out), and the counts of code blocks,
// tables and links (their text is kept out of it). A Markdown title is left
// out: it is front matter, or repeats the first block. The front matter,
// the meta block and the Similar Posts trailer are metadata. Each field is
// hashed with its length before it, so that no text passes for another
// field's.
func bodySHA256(p *post.Post, body string) string {
	h := sha256.New()
	if p.Format == post.FormatPost {
		hashField(h, p.Title)
	}
	hashField(h, body)
	for _, b := range p.Blocks {
		if b.Image != nil {
			hashField(h, b.Text)
			hashField(h, b.Image.Caption)
			hashField(h, b.Image.Source)
		}
	}
	fmt.Fprintf(h, "code blocks %d, tables %d, links %d", p.CodeBlocks, p.Tables, p.Links)
	return hex.EncodeToString(h.Sum(nil))
}

// hashField writes s into h after its length.
func hashField(h hash.Hash, s string) {
	fmt.Fprintf(h, "%d:", len(s))
	io.WriteString(h, s)
}
