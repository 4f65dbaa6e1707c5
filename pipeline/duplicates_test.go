package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestDifferingPair(t *testing.T) {
	canonical := []string{"The cat sat on the mat.", "It was a sunny day.", "Nobody came to see it."}
	post := []string{"the cat sat on the MAT", "It was a rainy day.", "Nobody came to see it."}
	s, c := differingPair(post, canonical)
	if s == nil || *s != "It was a rainy day." || c == nil || *c != "It was a sunny day." {
		t.Errorf("differingPair = %v, %v; want the rainy day against the sunny day", deref(s), deref(c))
	}
	if s, c := differingPair(canonical[:2], canonical); s != nil || c != nil {
		t.Errorf("a post of the canonical's sentences differs by %v, %v; want none", deref(s), deref(c))
	}
	if s, c := differingPair([]string{"Entirely new words here."}, canonical); s == nil || c != nil {
		t.Errorf("a sentence sharing no word: %v, %v; want it and no canonical sentence", deref(s), deref(c))
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// prose is n sentences of made-up words, the same for the same seed.
func prose(seed uint64, n int) []string {
	rng := rand.New(rand.NewPCG(seed, 7))
	sentences := make([]string, n)
	for i := range sentences {
		words := make([]string, 8+rng.IntN(8))
		for k := range words {
			words[k] = string([]byte{byte('a' + rng.IntN(26)), byte('a' + rng.IntN(26)), byte('a' + rng.IntN(26)), byte('a' + rng.IntN(26))})
		}
		sentences[i] = strings.ToUpper(words[0][:1]) + strings.Join(words, " ")[1:] + "."
	}
	return sentences
}

// duplicateCorpus is a directory of four Markdown posts: a.md, an edit of
// b.md (two words of one sentence of 40 changed) dated later; b.md; c.md,
// b.md's body under other front matter, dated between; d.md, unrelated.
func duplicateCorpus(t *testing.T) string {
	dir := t.TempDir()
	original := prose(1, 40)
	write := func(name, date string, sentences []string) {
		body := fmt.Sprintf("---\ntitle: %s\ndate: %s\n---\n\n%s\n", name, date, strings.Join(sentences, " "))
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "2024-06-01", editedProse(original))
	write("b.md", "2024-01-01", original)
	write("c.md", "2024-03-01", original)
	write("d.md", "2024-01-01", prose(2, 40))
	return dir
}

// editedProse is sentences with two words of the 21st changed.
func editedProse(sentences []string) []string {
	edited := append([]string{}, sentences...)
	reworded := strings.Fields(sentences[20])
	reworded[1], reworded[2] = "rewritten", "again"
	edited[20] = strings.Join(reworded, " ")
	return edited
}

// TestDuplicatesOfARun: a post, an edit of it (two words of one sentence of 40 changed)
// dated later, an exact copy (other front matter) dated between, and an
// unrelated post give one cluster: the original canonical by its date, the
// copy exact, the edit near with the changed sentence against the original.
func TestDuplicatesOfARun(t *testing.T) {
	dir := duplicateCorpus(t)
	original := prose(1, 40)
	edited := editedProse(original)
	out, _ := runCorpus(t, []string{dir}, 2)
	rows := readRows[DuplicateRow](t, filepath.Join(out, DuplicatesName))
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%d %d %s %s %s %s", r.ClusterID, r.ClusterSize, r.DocPath, r.Match, r.CanonicalDocPath, r.CanonicalRule))
	}
	want := []string{"1 3 a.md near b.md earliest_date", "1 3 b.md canonical b.md earliest_date", "1 3 c.md exact b.md earliest_date"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("duplicates.parquet\n got %q\nwant %q", got, want)
	}
	if a := rows[0]; deref(a.Sentence) != edited[20] || deref(a.CanonicalSentence) != original[20] || a.Similarity >= 1 || a.Similarity < 0.8 {
		t.Errorf("a.md: sentence %q against %q, similarity %.3f; want the changed sentence against the original's, and 0.8 to 1",
			deref(a.Sentence), deref(a.CanonicalSentence), a.Similarity)
	}
}

// TestMergedSentencesNeedAbsoluteCorpus: merge reads the corpus again only
// when its CORPUS arguments name one place wherever merge runs.
func TestMergedSentencesNeedAbsoluteCorpus(t *testing.T) {
	ctx := context.Background()
	if mergedSentences(ctx, &Manifest{Corpus: []string{"posts"}}, nil) != nil {
		t.Error("a relative CORPUS is read again from merge's directory")
	}
	if mergedSentences(ctx, &Manifest{Corpus: []string{t.TempDir(), "s3://bucket/posts"}}, nil) == nil {
		t.Error("absolute and bucket CORPUS arguments are not read again")
	}
}

// TestSentencesOnlyFromScoredPosts: a post is read again only while its
// text is the one scored, and an interrupt stops the reading with
// ErrInterrupted.
func TestSentencesOnlyFromScoredPosts(t *testing.T) {
	dir := duplicateCorpus(t)
	out, _ := runCorpus(t, []string{dir}, 1)
	rows := readRows[Row](t, filepath.Join(out, ScoresName))
	wanted := map[string]uint64{}
	for _, r := range rows {
		if r.DocPath == "a.md" {
			h, _ := strconv.ParseUint(*r.TextHash, 16, 64)
			wanted[r.DocPath] = h
		}
	}
	opts := Options{Corpus: []string{dir}, MaxBytes: DefaultMaxBytes}
	got, err := corpusSentences(context.Background(), opts)(wanted)
	if err != nil || len(got["a.md"]) != 40 {
		t.Fatalf("a.md read again: %d sentences, %v; want its 40", len(got["a.md"]), err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("---\ntitle: a\n---\n\nAnother text altogether.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := corpusSentences(context.Background(), opts)(wanted); err != nil || got["a.md"] != nil {
		t.Errorf("a.md changed since it was scored, and its sentences are still taken: %q, %v", got["a.md"], err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := corpusSentences(ctx, opts)(wanted); !errors.Is(err, ErrInterrupted) {
		t.Errorf("an interrupted reading returns %v, want ErrInterrupted", err)
	}
}
