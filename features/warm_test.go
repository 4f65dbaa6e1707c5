package features

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features/post"
)

// TestLexiconIsOnlyACache: a worker's Measurer, carrying what it learnt of
// the words from post to post (past the size at which it forgets it: the
// repetition package's test of the same name checks that it does),
// measures every post exactly as a fresh Measurer does.
func TestLexiconIsOnlyACache(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "generated", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated posts: %v", err)
	}
	var posts []*post.Post
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if p, err := post.Parse(data); err == nil {
			posts = append(posts, p)
		}
	}
	seed, err := post.Parse(loadSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	// A post of more distinct words than the lexicon keeps: the next post
	// starts with an emptied lexicon.
	var b strings.Builder
	b.WriteString("|\n\nA post of many words\n\n")
	for i := range 1<<17 + 1000 {
		fmt.Fprintf(&b, "Word%d and word%d. ", i, i)
		if i%50 == 49 {
			b.WriteString("\n\n")
		}
	}
	huge, err := post.Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	order := append([]*post.Post{seed}, posts[:len(posts)/2]...)
	order = append(order, huge, seed)
	order = append(order, posts[len(posts)/2:]...)
	order = append(order, posts[:10]...) // again, warm

	var worker Measurer
	for k, p := range order {
		got := worker.Measure(p, 20000)
		want := Measure(p, 20000)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("post %d (%q): the worker's measures differ from a fresh Measurer's", k, p.Title)
		}
	}
}

// TestTrimAfterHugePost: after a post past trimAbove the Measurer lets go of
// its scratch space, and measures the next posts as a fresh one does.
func TestTrimAfterHugePost(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	huge, err := post.Parse(bigPost(trimAbove+(1<<20), "paragraphs"))
	if err != nil {
		t.Fatal(err)
	}
	seed, err := post.Parse(loadSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	var m Measurer
	m.Measure(seed, 20000)
	if got, want := m.Measure(huge, 20000), Measure(huge, 20000); !reflect.DeepEqual(got, want) {
		t.Fatal("the huge post measures differently in a warm Measurer")
	}
	if c := cap(m.body) + cap(m.ends); c != 0 {
		t.Errorf("scratch kept after a %d-byte post: %d bytes of room for the body and its ends", trimAbove+(1<<20), c)
	}
	if got, want := m.Measure(seed, 20000), Measure(seed, 20000); !reflect.DeepEqual(got, want) {
		t.Fatal("the post after the huge one measures differently")
	}
	// A huge plain text: its paragraphs point into its text, which the
	// Measurer must not hold on to either.
	plain, err := post.ParsePlainText(bigPost(trimAbove+(1<<20), "paragraphs"))
	if err != nil {
		t.Fatal(err)
	}
	m.Measure(plain, 20000)
	if m.plain != nil {
		t.Errorf("a %d-byte plain text's %d paragraphs kept after it", len(plain.Text), len(m.plain))
	}
}
