package main

// Acceptance tests of issue 25: the near-duplicate clusters that score
// writes at the end of a run, and merge at the end of a sharded one, to
// OUT/duplicates.parquet, checked against the copies gen --near-dups plants
// and against the posts' true Jaccard similarities. They were written
// against the contract, before the stage's code:
//
//	duplicates.parquet: a row a post in a cluster (pipeline.DuplicateRow),
//	clusters numbered 1, 2, ... in input order of their first post, each
//	cluster's posts in input order; match canonical, exact or near; the
//	canonical post the earliest last_reviewed (ties and no dates: input
//	order).

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/minhash"
	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/pipeline"
	"github.com/alphanode/postscore/pipeline/gen"
)

// Bars of the ground-truth test.
const (
	recallJaccard    = 0.85 // planted pairs at least this alike must be found ...
	minRecall        = 0.95 // ... this often
	precisionJaccard = 0.7  // a reported pair is right when its posts are at least this alike ...
	minPrecision     = 0.95 // ... this often
	precisionSample  = 1000 // reported pairs checked by brute force, at most
	minCanonical     = 0.95 // found copies whose canonical post is their original (reviewed earlier)
)

// dupCorpus writes n generated posts, rate of them planted copies, into a
// new directory, and returns it with the truth gen wrote there (which
// score leaves out, by gen's marker).
func dupCorpus(t *testing.T, n int, seed uint64, rate float64) (string, []gen.Truth) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	o := gen.Options{N: n, Seed: seed, Malformed: 0.01, NearDups: rate, AsOf: gen.DefaultAsOf}
	if _, err := gen.Write(context.Background(), dir, o, 2, nil); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, gen.TruthName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var truth []gen.Truth
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var tr gen.Truth
		if err := json.Unmarshal(sc.Bytes(), &tr); err != nil {
			t.Fatal(err)
		}
		truth = append(truth, tr)
	}
	if len(truth) != n {
		t.Fatalf("the truth has %d lines for %d posts", len(truth), n)
	}
	return dir, truth
}

// readDuplicates reads the clusters of the run in out.
func readDuplicates(t *testing.T, out string) []pipeline.DuplicateRow {
	t.Helper()
	path := filepath.Join(out, pipeline.DuplicatesName)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("duplicates.parquet not written: %v", err)
	}
	return readParquet[pipeline.DuplicateRow](t, path)
}

// TestDuplicatesGroundTruth scores 20,000 generated posts, a tenth of them
// planted exact or near copies of another, and checks the clusters against
// what was planted (recall) and against the posts themselves (precision):
//   - recall: of the planted pairs whose true Jaccard is at least
//     recallJaccard, at least minRecall have the copy in its original's
//     cluster;
//   - precision: of the reported pairs (each non-canonical post with its
//     cluster's canonical post), at least minPrecision of a random sample
//     have a true Jaccard of at least precisionJaccard, computed here by
//     brute force from the two files;
//   - the clusters hold together (checkClusters), and a found copy's
//     canonical post is its original, reviewed earlier, and an exact
//     copy's match is exact.
func TestDuplicatesGroundTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: 20,000 posts generated and scored")
	}
	corpus, truth := dupCorpus(t, 20000, 25, 0.1)
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, scoreArgs([]string{corpus}, out, "--no-report")...)
	rows := readDuplicates(t, out)
	checkClusters(t, rows)
	checkRecall(t, truth, rows)
	checkPrecision(t, corpus, rows)
}

// checkClusters checks the file's shape: clusters numbered from 1 in the
// order they come, each cluster's rows together, in input order (doc_path
// order, in a generated corpus), as many as its cluster_size; one
// canonical row, the post every row names as canonical; similarities in
// [0, 1], 1 for the canonical post and its exact copies.
func checkClusters(t *testing.T, rows []pipeline.DuplicateRow) {
	t.Helper()
	bad := 0
	fail := func(format string, args ...any) {
		if bad++; bad <= 10 {
			t.Errorf(format, args...)
		}
	}
	prev := int32(0)
	for start := 0; start < len(rows); {
		c := rows[start]
		end := start
		for end < len(rows) && rows[end].ClusterID == c.ClusterID {
			end++
		}
		cluster := rows[start:end]
		if c.ClusterID != prev+1 {
			fail("row %d (%s): cluster %d after cluster %d", start, c.DocPath, c.ClusterID, prev)
		}
		prev = c.ClusterID
		if int(c.ClusterSize) != len(cluster) || len(cluster) < 2 {
			fail("cluster %d: %d rows, cluster_size %d", c.ClusterID, len(cluster), c.ClusterSize)
		}
		checkCluster(cluster, fail)
		start = end
	}
	t.Logf("%d posts in clusters", len(rows))
}

// checkCluster checks one cluster's rows.
func checkCluster(cluster []pipeline.DuplicateRow, fail func(string, ...any)) {
	canonical := 0
	for k, r := range cluster {
		if k > 0 && r.DocPath <= cluster[k-1].DocPath {
			fail("cluster %d: %s after %s, not in input order", r.ClusterID, r.DocPath, cluster[k-1].DocPath)
		}
		if r.CanonicalDocPath != cluster[0].CanonicalDocPath || r.CanonicalRule != cluster[0].CanonicalRule {
			fail("cluster %d: %s names canonical %s (%s), %s names %s (%s)", r.ClusterID, r.DocPath, r.CanonicalDocPath, r.CanonicalRule,
				cluster[0].DocPath, cluster[0].CanonicalDocPath, cluster[0].CanonicalRule)
		}
		if r.CanonicalRule != "earliest_date" && r.CanonicalRule != "input_order" {
			fail("cluster %d: canonical_rule %q", r.ClusterID, r.CanonicalRule)
		}
		switch {
		case r.Match == "canonical":
			canonical++
			if r.DocPath != r.CanonicalDocPath || r.Similarity != 1 {
				fail("cluster %d: %s is canonical, with canonical_doc_path %s and similarity %v", r.ClusterID, r.DocPath, r.CanonicalDocPath, r.Similarity)
			}
		case r.Match == "exact" && r.Similarity != 1, r.Match == "near" && !(r.Similarity >= 0 && r.Similarity <= 1):
			fail("cluster %d: %s, %s, similarity %v", r.ClusterID, r.DocPath, r.Match, r.Similarity)
		case r.Match != "exact" && r.Match != "near":
			fail("cluster %d: %s: match %q", r.ClusterID, r.DocPath, r.Match)
		}
	}
	if canonical != 1 {
		fail("cluster %d: %d canonical rows", cluster[0].ClusterID, canonical)
	}
}

// checkRecall checks that the planted pairs at least recallJaccard alike
// are found (the copy in its original's cluster), and that a found copy's
// canonical post is its original (it was reviewed earlier, or neither
// was, and it comes first), an exact copy's match then exact.
func checkRecall(t *testing.T, truth []gen.Truth, rows []pipeline.DuplicateRow) {
	t.Helper()
	byPath := map[string]pipeline.DuplicateRow{}
	for _, r := range rows {
		byPath[r.DocPath] = r
	}
	var planted, found [11]int // by tenths of true Jaccard
	want, got, canonical, wrongMatch := 0, 0, 0, 0
	for _, tr := range truth {
		d := tr.Duplicate
		if d == nil {
			continue
		}
		band := int(d.Jaccard * 10)
		planted[band]++
		c, cok := byPath[tr.Path]
		o, ook := byPath[d.Of]
		in := cok && ook && c.ClusterID == o.ClusterID
		if in {
			found[band]++
			if c.CanonicalDocPath == d.Of {
				canonical++
			}
			if d.Kind == gen.ExactCopy && c.CanonicalDocPath == d.Of && c.Match != pipeline.MatchExact {
				if wrongMatch++; wrongMatch <= 10 {
					t.Errorf("%s: an exact copy of its cluster's canonical post %s, but match %q", tr.Path, d.Of, c.Match)
				}
			}
		}
		if d.Jaccard >= recallJaccard {
			want++
			if in {
				got++
			}
		}
	}
	recall := float64(got) / float64(max(1, want))
	t.Logf("recall %.4f: %d of %d planted pairs with true Jaccard >= %v found; by tenths of Jaccard, found %v of planted %v",
		recall, got, want, recallJaccard, found, planted)
	if want == 0 || recall < minRecall {
		t.Errorf("recall %.4f (%d of %d planted pairs with Jaccard >= %v), want >= %v", recall, got, want, recallJaccard, minRecall)
	}
	all := 0
	for _, n := range found {
		all += n
	}
	t.Logf("%d of the %d found copies have their original as canonical post", canonical, all)
	if float64(canonical) < minCanonical*float64(all) {
		t.Errorf("%d of %d found copies have their original as the canonical post, want >= %v of them: it was reviewed earlier", canonical, all, minCanonical)
	}
}

// checkPrecision checks that the reported pairs are alike: of a random
// sample of at most precisionSample, at least minPrecision have a true
// Jaccard of precisionJaccard, from the two files as postscore reads them.
func checkPrecision(t *testing.T, corpus string, rows []pipeline.DuplicateRow) {
	t.Helper()
	var pairs [][2]string
	for _, r := range rows {
		if r.Match != "canonical" {
			pairs = append(pairs, [2]string{r.DocPath, r.CanonicalDocPath})
		}
	}
	if len(pairs) == 0 {
		t.Fatal("no reported pairs")
	}
	rand.New(rand.NewPCG(25, 1)).Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	pairs = pairs[:min(len(pairs), precisionSample)]
	shingles := map[string]map[string]struct{}{}
	right := 0
	var wrong []string
	for _, p := range pairs {
		j := minhash.Jaccard(fileShingles(t, corpus, p[0], shingles), fileShingles(t, corpus, p[1], shingles))
		if j >= precisionJaccard {
			right++
		} else if len(wrong) < 10 {
			wrong = append(wrong, fmt.Sprintf("%s ~ %s: %.3f", p[0], p[1], j))
		}
	}
	precision := float64(right) / float64(len(pairs))
	t.Logf("precision %.4f: %d of %d reported pairs sampled (of %d) have true Jaccard >= %v", precision, right, len(pairs), len(rows)-countClusters(rows), precisionJaccard)
	if precision < minPrecision {
		t.Errorf("precision %.4f, want >= %v; pairs under %v: %s", precision, minPrecision, precisionJaccard, strings.Join(wrong, "; "))
	}
}

func countClusters(rows []pipeline.DuplicateRow) int {
	ids := map[int32]bool{}
	for _, r := range rows {
		ids[r.ClusterID] = true
	}
	return len(ids)
}

// fileShingles is the shingle set of the post at doc path p of corpus,
// parsed by the real parser, of the body text postscore signs; memo keeps
// those already read.
func fileShingles(t *testing.T, corpus, p string, memo map[string]map[string]struct{}) map[string]struct{} {
	t.Helper()
	if s, ok := memo[p]; ok {
		return s
	}
	data, err := os.ReadFile(filepath.Join(corpus, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	parse := post.Parse
	if strings.HasSuffix(p, ".md") {
		parse = post.ParseMarkdown
	}
	doc, err := parse(data)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	s := minhash.Shingles(features.BodyText(doc), minhash.DefaultParams.ShingleWords)
	memo[p] = s
	return s
}

// TestDuplicatesSameForShardsAndWorkers: duplicates.parquet is the same,
// row for row, for --workers 1 and 4, and for the corpus scored as N = 1,
// 3 and 7 shards and merged: on 3,000 generated posts, a fifth of them
// planted copies, most in another shard than their original.
func TestDuplicatesSameForShardsAndWorkers(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: 2+1+3+7 runs over 3,000 posts")
	}
	corpus, _ := dupCorpus(t, 3000, 26, 0.2)
	ref := filepath.Join(t.TempDir(), "workers-1")
	mustRun(t, scoreArgs([]string{corpus}, ref, "--no-report", "--workers", "1")...)
	rows := readDuplicates(t, ref)
	if len(rows) < 500 {
		t.Fatalf("%d posts in clusters with --workers 1: want most of the 600 copies and their originals", len(rows))
	}
	t.Logf("%d posts in %d clusters", len(rows), countClusters(rows))
	t.Run("workers=4", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "workers-4")
		mustRun(t, scoreArgs([]string{corpus}, out, "--no-report", "--workers", "4")...)
		sameDuplicates(t, ref, out)
	})
	for _, n := range []int{1, 3, 7} {
		t.Run(fmt.Sprintf("N=%d", n), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			scoreShards(t, []string{corpus}, out, n)
			mustRun(t, "merge", out)
			sameDuplicates(t, ref, out)
		})
	}
}

// sameDuplicates fails unless got's duplicates.parquet holds want's rows,
// every column, in the same order.
func sameDuplicates(t *testing.T, want, got string) {
	t.Helper()
	readDuplicates(t, got) // says so when there is no file
	sameRows(t, want, got, pipeline.DuplicatesName, func(r pipeline.DuplicateRow) string { return r.DocPath })
}
