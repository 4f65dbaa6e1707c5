package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/alphanode/postscore/pipeline"
	"github.com/alphanode/postscore/pipeline/gen"
	"github.com/alphanode/postscore/pipeline/objstore/s3test"
	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/parquet-go/parquet-go"
)

// TestBucketShardsAndMerge is the object storage acceptance: a
// corpus in a bucket of a real S3 server (versitygw) is scored as 3 shards
// into the bucket, merged there, and the merged files, read back with
// DuckDB, equal an unsharded local run of the same corpus row for row.
func TestBucketShardsAndMerge(t *testing.T) {
	srv := s3test.Start(t)
	corpus := bucketCorpus(t)
	srv.PutDir(t, corpus, "corpus")
	local := filepath.Join(t.TempDir(), "local")
	if msg, code := runBin(t, "score", corpus, "-o", local, "--as-of", "2026-11-27", "-q", "--no-report"); code != 0 {
		t.Fatalf("local score: %d %s", code, msg)
	}
	in, out := srv.URL("corpus"), srv.URL("runs/sharded")
	// The three tasks run at once and share one stage, as tasks on one node
	// may: each removes only its own files once uploaded.
	stage := filepath.Join(t.TempDir(), "stage")
	postscoreBin(t) // built before the tasks start
	var tasks sync.WaitGroup
	for i := range 3 {
		tasks.Go(func() {
			msg, code := runBin(t, "score", in, "-o", out, "--shard", fmt.Sprintf("%d/3", i), "--as-of", "2026-11-27", "-q", "--stage-dir", stage)
			if want := fmt.Sprintf("%s/shards/%d-of-3/", out, i); code != 0 || !strings.Contains(msg, want) {
				t.Errorf("shard %d: exit %d, %s; want 0 naming %s", i, code, msg, want)
			}
		})
	}
	tasks.Wait()
	if left, _ := os.ReadDir(stage); len(left) > 0 {
		t.Errorf("the shards left %v in their stage %s", left, stage)
	}
	if msg, code := runBin(t, "merge", out); code != 0 {
		t.Fatalf("merge: %d %s", code, msg)
	}
	merged := fetch(t, srv, "runs/sharded")
	if _, err := pipeline.VerifyRun(merged); err != nil {
		t.Fatalf("the merged run in the bucket: %v", err)
	}
	db := openDuckDB(t)
	for _, name := range []string{pipeline.ScoresName, pipeline.ErrorsName} {
		assertSameRowsDuckDB(t, db, filepath.Join(local, name), filepath.Join(merged, name))
	}
	got := parquetRowsOfShards(t, srv, db, 3)
	t.Logf("a.parquet's rows in shards 0, 1, 2: %v", got)
	if got[0] == 0 || got[1] == 0 || got[0]+got[1]+got[2] != 1500 {
		t.Errorf("a.parquet's rows in shards 0, 1, 2: %v; want them split between shards 0 and 1, 1,500 in all", got)
	}
	if msg, code := runBin(t, "merge", out); code != exitUsage || !strings.Contains(msg, "--force") {
		t.Errorf("a second merge: exit %d, %s; want %d asking for --force", code, msg, exitUsage)
	}
}

// bucketCorpus is, in one directory and in this order: a.parquet (1,500
// generated posts in row groups of 16, about 40% of the bytes: read by
// ranged GETs and split between shards 0 and 1), a JSONL file of 300 more,
// 600 more as files, and the testdata corpus's files.
func bucketCorpus(t *testing.T) string {
	dir := t.TempDir()
	if _, err := gen.Write(t.Context(), filepath.Join(dir, "posts"), gen.Options{N: 600, Seed: 3, Malformed: 0.02, AsOf: gen.DefaultAsOf}, 2, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := gen.Write(t.Context(), filepath.Join(dir, "jsonl"), gen.Options{N: 300, Seed: 4, JSONL: true, AsOf: gen.DefaultAsOf}, 2, nil); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"posts", "jsonl"} { // gen's own files are no posts
		os.Remove(filepath.Join(dir, sub, gen.TruthName))
		os.Remove(filepath.Join(dir, sub, gen.MarkerName))
	}
	copyTree(t, filepath.Join("..", "..", "testdata", "corpus"), filepath.Join(dir, "testdata"))
	writeParquetCorpus(t, filepath.Join(dir, "a.parquet"), 1500, 16)
	return dir
}

// writeParquetCorpus writes n generated posts as the id and text columns
// of a Parquet file, perGroup rows to a row group.
func writeParquetCorpus(t *testing.T, path string, n, perGroup int) {
	type doc struct {
		ID   string `parquet:"id"`
		Text string `parquet:"text"`
	}
	src := t.TempDir()
	if _, err := gen.Write(t.Context(), src, gen.Options{N: n, Seed: 5, JSONL: true, AsOf: gen.DefaultAsOf}, 2, nil); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := parquet.NewGenericWriter[doc](f, parquet.MaxRowsPerRowGroup(int64(perGroup)))
	shards, _ := filepath.Glob(filepath.Join(src, "*.jsonl"))
	for _, shard := range shards {
		if filepath.Base(shard) == gen.TruthName {
			continue
		}
		for _, line := range strings.Split(strings.TrimSpace(string(mustRead(t, shard))), "\n") {
			var d doc
			if err := json.Unmarshal([]byte(line), &d); err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write([]doc{d}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// parquetRowsOfShards counts, in each shard's scores in the bucket, the
// rows of a.parquet.
func parquetRowsOfShards(t *testing.T, srv *s3test.Server, db *sql.DB, n int) []int64 {
	var counts []int64
	for i := range n {
		dir := fetch(t, srv, fmt.Sprintf("runs/sharded/shards/%d-of-%d", i, n))
		var c int64
		q := fmt.Sprintf("SELECT count(*) FROM read_parquet('%s') WHERE doc_path LIKE 'a.parquet:%%'", filepath.Join(dir, pipeline.ScoresName))
		if err := db.QueryRow(q).Scan(&c); err != nil {
			t.Fatal(err)
		}
		counts = append(counts, c)
	}
	return counts
}

func openDuckDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// assertSameRowsDuckDB checks with DuckDB that two Parquet files hold the
// same rows in the same order: equal counts, and no row of one (with its
// position) missing from the other.
func assertSameRowsDuckDB(t *testing.T, db *sql.DB, want, got string) {
	t.Helper()
	numbered := func(path string) string {
		return fmt.Sprintf("(SELECT row_number() OVER () AS position, * FROM read_parquet('%s'))", path)
	}
	var wantN, gotN, missing, extra int64
	q := fmt.Sprintf(`SELECT (SELECT count(*) FROM read_parquet('%[1]s')), (SELECT count(*) FROM read_parquet('%[2]s')),
		(SELECT count(*) FROM (SELECT * FROM %[3]s EXCEPT ALL SELECT * FROM %[4]s)),
		(SELECT count(*) FROM (SELECT * FROM %[4]s EXCEPT ALL SELECT * FROM %[3]s))`, want, got, numbered(want), numbered(got))
	if err := db.QueryRow(q).Scan(&wantN, &gotN, &missing, &extra); err != nil {
		t.Fatalf("%s: %v", filepath.Base(got), err)
	}
	if wantN == 0 || wantN != gotN || missing != 0 || extra != 0 {
		t.Errorf("%s: %d rows merged from the bucket, %d in the local run; %d of the local rows missing, %d not in it", filepath.Base(got), gotN, wantN, missing, extra)
	}
}
