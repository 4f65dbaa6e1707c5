package gen_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/minhash"
	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/pipeline/gen"
)

// planted is a corpus generated in memory, posts and truth by index.
type planted struct {
	o     gen.Options
	posts [][]byte
	truth []gen.Truth
	index map[string]int // by truth path
}

var (
	plantedOnce   sync.Once
	plantedCorpus *planted
)

// plantedPosts is 4,000 export-format posts, 2% malformed, a quarter of
// them planted copies, shared by the tests that only read it.
func plantedPosts() *planted {
	plantedOnce.Do(func() {
		plantedCorpus = generate(gen.Options{N: 4000, Seed: 17, Malformed: 0.02, NearDups: 0.25, AsOf: gen.DefaultAsOf})
	})
	return plantedCorpus
}

func generate(o gen.Options) *planted {
	c := &planted{o: o, index: map[string]int{}}
	for i := range o.N {
		data, tr := gen.Generate(&o, i, nil)
		c.posts = append(c.posts, data)
		c.truth = append(c.truth, tr)
		c.index[tr.Path] = i
	}
	return c
}

// original is the index of a copy's original.
func (c *planted) original(t *testing.T, tr gen.Truth) int {
	t.Helper()
	j, ok := c.index[tr.Duplicate.Of]
	if !ok {
		t.Fatalf("%s: its original %q is no post of the corpus", tr.Path, tr.Duplicate.Of)
	}
	return j
}

// bodyText is a generated post's body text, as postscore reads it.
func bodyText(t *testing.T, o gen.Options, data []byte) string {
	t.Helper()
	parse := post.Parse
	if o.Markdown {
		parse = post.ParseMarkdown
	}
	p, err := parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return features.BodyText(p)
}

// TestNearDupsShare: about RATE of the posts are planted copies, with and
// without malformed posts among them.
func TestNearDupsShare(t *testing.T) {
	for _, c := range []struct {
		name string
		c    *planted
	}{
		{"rate 0.25, 2% malformed", plantedPosts()},
		{"rate 0.05", generate(gen.Options{N: 4000, Seed: 3, NearDups: 0.05, AsOf: gen.DefaultAsOf})},
	} {
		copies := 0
		for _, tr := range c.c.truth {
			if tr.Duplicate != nil {
				copies++
			}
		}
		share := float64(copies) / float64(c.c.o.N)
		// Each post is a copy by its own draw: three standard deviations.
		if tol := 3 * math.Sqrt(c.c.o.NearDups*(1-c.c.o.NearDups)/float64(c.c.o.N)); math.Abs(share-c.c.o.NearDups) > tol {
			t.Errorf("%s: %d copies of %d posts, a share of %.3f, want %g within %.3f", c.name, copies, c.c.o.N, share, c.c.o.NearDups, tol)
		}
		t.Logf("%s: %d copies in %d posts", c.name, copies, c.c.o.N)
	}
}

// TestNearDupsOriginals: a copy's original is an earlier post of its own
// (no copy, not malformed); the copy, never malformed, is reviewed later
// than its original, or neither has a date, so that the canonical rule
// (earliest last_reviewed, else input order) picks the original.
func TestNearDupsOriginals(t *testing.T) {
	c := plantedPosts()
	dated := 0
	for i, tr := range c.truth {
		d := tr.Duplicate
		if d == nil {
			continue
		}
		j := c.original(t, tr)
		orig := c.truth[j]
		switch {
		case j >= i:
			t.Errorf("%s: a copy of %s, a later post", tr.Path, orig.Path)
		case orig.Duplicate != nil || orig.Malformed != "" || tr.Malformed != "":
			t.Errorf("%s (malformed %q): a copy of %s, itself a copy (%v) or malformed (%q)", tr.Path, tr.Malformed, orig.Path, orig.Duplicate, orig.Malformed)
		case tr.LastReviewed == "" && orig.LastReviewed == "":
		case tr.LastReviewed <= orig.LastReviewed || orig.LastReviewed == "":
			t.Errorf("%s: reviewed %q, its original %s %q", tr.Path, tr.LastReviewed, orig.Path, orig.LastReviewed)
		default:
			dated++
		}
		if tr.PostID == orig.PostID || tr.Title != orig.Title {
			t.Errorf("%s: post id %s and title %q, its original's %s and %q: want a post id of its own and the same title", tr.Path, tr.PostID, tr.Title, orig.PostID, orig.Title)
		}
	}
	if dated == 0 {
		t.Error("no copy has a review date")
	}
}

// TestNearDupsJaccard: each copy's truth holds the Jaccard similarity of
// its body text's shingles and its original's, computed here again from
// the bytes; exact copies' is 1, and near copies' are spread over 0.5 to
// 1, some in each tenth.
func TestNearDupsJaccard(t *testing.T) {
	c := plantedPosts()
	var bands [10]int
	exact, near := 0, 0
	for i, tr := range c.truth {
		d := tr.Duplicate
		if d == nil {
			continue
		}
		j := c.original(t, tr)
		a := minhash.Shingles(bodyText(t, c.o, c.posts[j]), minhash.DefaultParams.ShingleWords)
		b := minhash.Shingles(bodyText(t, c.o, c.posts[i]), minhash.DefaultParams.ShingleWords)
		if got := minhash.Jaccard(a, b); got != d.Jaccard {
			t.Errorf("%s: Jaccard %v with %s, truth %v", tr.Path, got, d.Of, d.Jaccard)
		}
		switch d.Kind {
		case gen.ExactCopy:
			exact++
			if d.Jaccard != 1 {
				t.Errorf("%s: an exact copy with Jaccard %v", tr.Path, d.Jaccard)
			}
		case gen.NearCopy:
			near++
			if d.Jaccard >= 1 || d.Edited <= 0 || d.Reworded+d.Dropped+d.Added+d.Reordered == 0 {
				t.Errorf("%s: a near copy with Jaccard %v after edits %+v", tr.Path, d.Jaccard, *d)
			}
			bands[int(d.Jaccard*10)]++
		default:
			t.Errorf("%s: kind %q", tr.Path, d.Kind)
		}
	}
	for b := 5; b < 10; b++ {
		if bands[b] < near/20 {
			t.Errorf("%d of %d near copies have a Jaccard in [%.1f, %.1f): want at least a twentieth", bands[b], near, float64(b)/10, float64(b+1)/10)
		}
	}
	if exact < (exact+near)/8 || exact > (exact+near)/3 {
		t.Errorf("%d exact copies of %d: want about a fifth", exact, exact+near)
	}
	t.Logf("%d exact copies, %d near ones; near copies by tenths of Jaccard: %v", exact, near, bands)
}

// TestNearDupsExactCopies: an exact copy's bytes differ from its
// original's, often in its body text too (case, punctuation, line breaks),
// but the two normalise to the same text: their signatures' text hashes
// are equal. A near copy's is not.
func TestNearDupsExactCopies(t *testing.T) {
	c := plantedPosts()
	signer := minhash.NewSigner(minhash.DefaultParams)
	exact, bodyDiffers := 0, 0
	for i, tr := range c.truth {
		if tr.Duplicate == nil {
			continue
		}
		j := c.original(t, tr)
		ob, cb := bodyText(t, c.o, c.posts[j]), bodyText(t, c.o, c.posts[i])
		same := signer.Sign(ob).TextHash == signer.Sign(cb).TextHash
		if tr.Duplicate.Kind == gen.NearCopy {
			if same {
				t.Errorf("%s: a near copy whose text normalises to its original's", tr.Path)
			}
			continue
		}
		exact++
		if !same {
			t.Errorf("%s: an exact copy whose text does not normalise to its original's:\n%s\n---\n%s", tr.Path, cb, ob)
		}
		if bytes.Equal(c.posts[i], c.posts[j]) {
			t.Errorf("%s: the same bytes as its original", tr.Path)
		}
		if ob != cb {
			bodyDiffers++
		}
	}
	if bodyDiffers < exact*3/4 {
		t.Errorf("%d of %d exact copies have their original's body text byte for byte: want most to differ", exact-bodyDiffers, exact)
	}
}

// TestBodyTextIsSigned: the text the truth's Jaccard is computed from is
// the text Measure signs.
func TestBodyTextIsSigned(t *testing.T) {
	for _, md := range []bool{false, true} {
		o := gen.Options{N: 50, Seed: 5, AsOf: gen.DefaultAsOf, Markdown: md}
		m := features.Measurer{Signer: minhash.NewSigner(minhash.DefaultParams)}
		signer := minhash.NewSigner(minhash.DefaultParams)
		for i := range o.N {
			data, _ := gen.Generate(&o, i, nil)
			body := bodyText(t, o, data)
			want := signer.Sign(body)
			parse := post.Parse
			if md {
				parse = post.ParseMarkdown
			}
			p, _ := parse(data)
			got := m.Measure(p, o.AsOf).Signature
			if got.TextHash != want.TextHash || !bytes.Equal(got.Bins, want.Bins) {
				t.Fatalf("post %d (markdown %v): Measure signs another text than BodyText", i, md)
			}
		}
	}
}

// TestNearDupsRateZero: with --near-dups 0 the corpus is today's
// (TestBundledSampleIsCurrent holds it), and with a rate the posts that
// are not copies, and their truth, are those of the corpus without one.
func TestNearDupsRateZero(t *testing.T) {
	for _, md := range []bool{false, true} {
		o := gen.Options{N: 1500, Seed: 3, Malformed: 0.05, AsOf: gen.DefaultAsOf, Markdown: md}
		plain, dups := t.TempDir(), t.TempDir()
		mustWrite(t, plain, o, 2)
		o.NearDups = 0.3
		mustWrite(t, dups, o, 2)
		want, got := readTruth(t, plain), readTruth(t, dups)
		copies := 0
		for i, tr := range got {
			a, _ := os.ReadFile(filepath.Join(plain, tr.Path))
			b, _ := os.ReadFile(filepath.Join(dups, tr.Path))
			if tr.Duplicate != nil {
				copies++
				if bytes.Equal(a, b) {
					t.Errorf("%s: a copy, but the post of the corpus without copies", tr.Path)
				}
				continue
			}
			wantLine, _ := json.Marshal(want[i])
			gotLine, _ := json.Marshal(tr)
			if !bytes.Equal(a, b) || !bytes.Equal(wantLine, gotLine) {
				t.Errorf("%s (markdown %v): not a copy, but not the post (or truth) of the corpus without copies", tr.Path, md)
			}
		}
		if copies < 300 {
			t.Errorf("markdown %v: %d copies in 1,500 posts at 0.3", md, copies)
		}
	}
}

// TestNearDupsSameSeedSameTree: with copies, the same options write the
// same bytes with any number of workers, as Markdown and JSONL too; a JSONL
// copy's truth names its original by shard and line.
func TestNearDupsSameSeedSameTree(t *testing.T) {
	for _, o := range []gen.Options{
		{N: 1500, Seed: 3, Malformed: 0.05, NearDups: 0.2, AsOf: gen.DefaultAsOf},
		{N: 1500, Seed: 3, Malformed: 0.05, NearDups: 0.2, AsOf: gen.DefaultAsOf, Markdown: true},
		{N: 1500, Seed: 3, Malformed: 0.05, NearDups: 0.2, AsOf: gen.DefaultAsOf, JSONL: true},
	} {
		a, b := t.TempDir(), t.TempDir()
		mustWrite(t, a, o, 1)
		mustWrite(t, b, o, 3)
		if ha, hb := treeHash(t, a), treeHash(t, b); ha != hb {
			t.Errorf("markdown %v, jsonl %v: the same options wrote different trees", o.Markdown, o.JSONL)
		}
		if o.JSONL {
			checkJSONLOriginals(t, a)
		}
	}
}

// checkJSONLOriginals checks that each copy of the JSONL corpus in dir
// names its original by the shard and line that hold it.
func checkJSONLOriginals(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "shard-0000.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ids []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var l struct{ ID string }
		json.Unmarshal(sc.Bytes(), &l)
		ids = append(ids, l.ID)
	}
	copies := 0
	for _, tr := range readTruth(t, dir) {
		d := tr.Duplicate
		if d == nil {
			continue
		}
		copies++
		if d.Of != "shard-0000.jsonl" || d.OfLine < 1 || d.OfLine >= tr.Line || ids[d.OfLine-1] != gen.Path(d.OfLine-1) {
			t.Errorf("%s:%d: a copy of %s:%d", tr.Path, tr.Line, d.Of, d.OfLine)
		}
	}
	if copies == 0 {
		t.Error("no copies in the JSONL corpus")
	}
}

// TestNearDupsMatchTruth: copies' truth (counts, repeated sentences,
// dates and their warnings, post ids) is what postscore finds in them, in
// both formats.
func TestNearDupsMatchTruth(t *testing.T) {
	for _, md := range []bool{false, true} {
		t.Run(fmt.Sprintf("markdown=%v", md), func(t *testing.T) {
			kinds := gen.MalformedKinds
			if md {
				kinds = gen.MarkdownMalformedKinds
			}
			checkCorpusAgainstTruth(t, gen.Options{N: 2000, Seed: 7, Malformed: 0.02, NearDups: 0.4, AsOf: gen.DefaultAsOf, Markdown: md}, kinds)
		})
	}
}
