package features

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/alphanode/postscore/features/post"
)

// bodySHA256Plain is bodyDigest.of written the plain way: the oracle its
// test compares with, and the naive side of its benchmark.
func bodySHA256Plain(p *post.Post, body string) string {
	h := sha256.New()
	field := func(s string) {
		fmt.Fprintf(h, "%d:", len(s))
		io.WriteString(h, s)
	}
	if p.Format == post.FormatPost {
		field(p.Title)
	}
	field(body)
	for _, b := range p.Blocks {
		if b.Image != nil {
			field(b.Text)
			field(b.Image.Caption)
			field(b.Image.Source)
		}
	}
	fmt.Fprintf(h, "code blocks %d, tables %d, links %d", p.CodeBlocks, p.Tables, p.Links)
	return hex.EncodeToString(h.Sum(nil))
}

// digestPosts are the testdata posts, parsed, with their body texts.
func digestPosts(t testing.TB) (posts []*post.Post, bodies []string) {
	files, _ := filepath.Glob("../testdata/corpus/*/*")
	var m Measurer
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		p, err := post.Parse(data)
		if err != nil {
			continue
		}
		posts = append(posts, p)
		bodies = append(bodies, string(m.bodyText(p)))
	}
	if len(posts) < 5 {
		t.Fatalf("only %d testdata posts parsed", len(posts))
	}
	return posts, bodies
}

// TestBodyDigestIsThePlainSHA256: the reused digest gives each post the
// hash the plain way gives it, post after post (its state is reset).
func TestBodyDigestIsThePlainSHA256(t *testing.T) {
	posts, bodies := digestPosts(t)
	var d bodyDigest
	for i, p := range posts {
		if got, want := d.of(p, bodies[i]), bodySHA256Plain(p, bodies[i]); got != want {
			t.Errorf("post %d (%q): %s, want %s", i, p.Title, got, want)
		}
	}
}

func BenchmarkBodySHA256(b *testing.B) {
	posts, bodies := digestPosts(b)
	b.Run("plain", func(b *testing.B) {
		for i := range b.N {
			bodySHA256Plain(posts[i%len(posts)], bodies[i%len(posts)])
		}
	})
	b.Run("reused", func(b *testing.B) {
		var d bodyDigest
		for i := range b.N {
			d.of(posts[i%len(posts)], bodies[i%len(posts)])
		}
	})
}
