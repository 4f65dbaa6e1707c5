package pipeline

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alphanode/postscore/features/minhash"
)

// signatureRow is the part of a scores.parquet row the duplicate stage
// reads, for corpora of signatures alone.
type signatureRow struct {
	PostID       string  `parquet:"post_id"`
	DocPath      string  `parquet:"doc_path"`
	TextHash     *string `parquet:"text_hash,optional"`
	LastReviewed *int32  `parquet:"last_reviewed,optional,date"`
	Minhash      []byte  `parquet:"minhash"`
}

// writeSignatureCorpus writes n posts' signatures to dir/scores.parquet:
// random ones (posts alike in nothing), and among them, every 20th post a
// near-copy of an earlier one (5% of its bins changed: a Jaccard of about
// 0.95) and every 100th an exact copy. It returns the planted copies' doc
// paths.
func writeSignatureCorpus(t testing.TB, dir string, n int) (planted map[string]bool) {
	planted = map[string]bool{}
	p := minhash.DefaultParams
	w, err := NewParquetWriter[signatureRow](filepath.Join(dir, ScoresName))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(uint64(n), 25))
	var kept [][]byte // 1,000 of the signatures so far, to copy from
	var first signatureRow
	for i := range n {
		sig, hash := make([]byte, p.Bins), fmt.Sprintf("%016x", rng.Uint64())
		switch {
		case i%100 == 99:
			copy(sig, first.Minhash) // exact copies of the first post: the largest cluster
			hash = *first.TextHash
			planted[docPathOf(i)] = true
		case i%20 == 19 && len(kept) > 0:
			copy(sig, kept[rng.IntN(len(kept))])
			for range p.Bins / 20 {
				sig[rng.IntN(p.Bins)]++
			}
			planted[docPathOf(i)] = true
		default:
			for b := range sig {
				sig[b] = byte(rng.Uint32())
			}
		}
		if len(kept) < 1000 {
			kept = append(kept, sig)
		} else {
			kept[rng.IntN(1000)] = sig
		}
		row := signatureRow{PostID: strconv.Itoa(i), DocPath: docPathOf(i), TextHash: &hash, Minhash: sig}
		if i == 0 {
			first = row
		}
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(nil); err != nil {
		t.Fatal(err)
	}
	return planted
}

// TestDuplicateStageScale times the corpus-wide stage on signatures alone,
// at the sizes POSTSCORE_DEDUP_SCALE lists ("100000,300000,1000000"; make
// bench sets it), each in a child process whose peak RSS it reads; without
// the variable it runs 20,000 posts. Targets: 1,000,000 posts in at most 60
// s and 1 GiB.
func TestDuplicateStageScale(t *testing.T) {
	if dir := os.Getenv("POSTSCORE_DEDUP_STAGE_DIR"); dir != "" {
		runDuplicateStage(t, dir)
		return
	}
	sizes := []int{20_000}
	if s := os.Getenv("POSTSCORE_DEDUP_SCALE"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(f)
			if err != nil {
				t.Fatalf("POSTSCORE_DEDUP_SCALE: %v", err)
			}
			sizes = append(sizes, n)
		}
	}
	for _, n := range sizes {
		dir := t.TempDir()
		planted := writeSignatureCorpus(t, dir, n)
		cmd := exec.Command(os.Args[0], "-test.run", "^TestDuplicateStageScale$")
		cmd.Env = append(os.Environ(), "POSTSCORE_DEDUP_STAGE_DIR="+dir)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		secs := time.Since(start).Seconds()
		if err != nil {
			t.Fatalf("%d posts: the stage failed: %v\n%s", n, err, out)
		}
		peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10
		rows, err := ReadParquet[DuplicateRow](filepath.Join(dir, DuplicatesName))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("duplicate stage: %8d posts  %6.1f s  peak RSS %6.1f MiB  %d rows in duplicates.parquet (%d copies planted)",
			n, secs, float64(peak)/(1<<20), len(rows), len(planted))
		if n >= 1_000_000 && (secs > 60 || peak > 1<<30) {
			t.Errorf("%d posts took %.1f s and %.0f MiB: over 60 s or 1 GiB", n, secs, float64(peak)/(1<<20))
		}
		missed, unplanted := copiesFound(rows, planted)
		if missed > len(planted)/100 || unplanted > 0 {
			t.Errorf("%d of %d planted copies are not found as copies, and %d posts not planted are", missed, len(planted), unplanted)
		}
	}
}

func docPathOf(i int) string { return fmt.Sprintf("%07d.txt", i) }

// copiesFound counts the planted copies that no row calls a copy (exact or
// near), and the rows that call a post a copy that was not planted as one.
func copiesFound(rows []DuplicateRow, planted map[string]bool) (missed, unplanted int) {
	found := map[string]bool{}
	for _, r := range rows {
		if r.Match == MatchCanonical {
			continue
		}
		found[r.DocPath] = true
		if !planted[r.DocPath] {
			unplanted++
		}
	}
	for p := range planted {
		if !found[p] {
			missed++
		}
	}
	return missed, unplanted
}

// runDuplicateStage is the child: the stage alone on dir/scores.parquet.
func runDuplicateStage(t *testing.T, dir string) {
	if _, err := writeDuplicates(dir, minhash.DefaultParams, nil, nil); err != nil {
		t.Fatal(err)
	}
}
