package features

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"slices"
	"strconv"
	"unsafe"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/features/text"
)

// BodyText is p's body text as Measure measures and signs it (the text
// its near-duplicate signature is of): METRICS.md's body text, images left
// out. It is for callers outside a run, such as the corpus generator's
// ground truth, that need the exact text a post's signature covers.
func BodyText(p *post.Post) string {
	var m Measurer
	return m.bodyText(p)
}

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
		m.plainBlocks(p)
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

// plainBlocks finds the paragraphs of a plain-text post in its text, the
// body: m.plain holds them, with the line and the trimmed text of
// p.Blocks (the same runs of lines that are not blank), and m.ends their
// ends in the text.
func (m *Measurer) plainBlocks(p *post.Post) {
	m.plain = m.plain[:0]
	text.ForEachParagraph(p.Text, func(para string, start int) {
		line := int32(1)
		if k := len(m.plain); k < len(p.Blocks) {
			line = p.Blocks[k].Line
		}
		m.plain = append(m.plain, post.Block{Kind: post.Paragraph, Text: para, Line: line})
		m.ends = append(m.ends, int32(start+len(para)))
	})
}

// bodyDigest computes body_sha256, the hex sha256 of the text a reader
// sees of a post: the export format's title line, the body text, each
// image's alt text, caption and source (the body text leaves images out),
// and the counts of code blocks, tables and links (their text is kept out
// of it). A Markdown title is left out: it is front matter, or repeats the
// first block. The front matter, the meta block and the Similar Posts
// trailer are metadata. Each field is hashed after its length and a colon
// ("5:hello"), so that no text passes for another field's.
//
// It keeps its hash state and buffers from one post to the next: a fresh
// sha256, a string-to-bytes copy of the body and fmt for each length cost
// a tenth of Measure (BenchmarkBodySHA256, against bodySHA256Plain).
type bodyDigest struct {
	h   hash.Hash // sha256, reset for each post
	buf []byte    // a field's length prefix, or the counts line
	sum [sha256.Size]byte
}

// of returns p's body_sha256; body is p's body text (Measurer.bodyText).
func (d *bodyDigest) of(p *post.Post, body string) string {
	if d.h == nil {
		d.h = sha256.New()
	}
	d.h.Reset()
	if p.Format == post.FormatPost {
		d.field(p.Title)
	}
	d.field(body)
	for _, b := range p.Blocks {
		if b.Image != nil {
			d.field(b.Text)
			d.field(b.Image.Caption)
			d.field(b.Image.Source)
		}
	}
	d.buf = append(d.buf[:0], "code blocks "...)
	d.buf = strconv.AppendInt(d.buf, int64(p.CodeBlocks), 10)
	d.buf = append(d.buf, ", tables "...)
	d.buf = strconv.AppendInt(d.buf, int64(p.Tables), 10)
	d.buf = append(d.buf, ", links "...)
	d.buf = strconv.AppendInt(d.buf, int64(p.Links), 10)
	d.h.Write(d.buf)
	return hex.EncodeToString(d.h.Sum(d.sum[:0]))
}

// field hashes s after its length and a colon.
func (d *bodyDigest) field(s string) {
	d.buf = strconv.AppendInt(d.buf[:0], int64(len(s)), 10)
	d.buf = append(d.buf, ':')
	d.h.Write(d.buf)
	// A hash reads what it is given and keeps none of it: s's bytes are
	// handed over without a copy.
	d.h.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
}
