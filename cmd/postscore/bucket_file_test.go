package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tests here run into buckets through file:// URLs: the same code as
// s3:// (gocloud.dev's fileblob), without a server. A file:// URL names a
// directory that must exist (as an s3:// URL's bucket must).

// bucketDir is a new directory served as a bucket, with an empty run/ and
// empty/ in it, and its file:// URL.
func bucketDir(t *testing.T) (string, string) {
	dir := filepath.Join(t.TempDir(), "bucket")
	for _, sub := range []string{"run", "empty"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir, "file://" + dir
}

// TestBucketStageKept: shards and merge remove only what they put in a
// --stage-dir the user gave; the shards' runs are uploaded.
func TestBucketStageKept(t *testing.T) {
	bucket, url := bucketDir(t)
	stage := filepath.Join(t.TempDir(), "stage") + "/" // a trailing separator, as a shell's completion gives
	keep := filepath.Join(stage, "keep.txt")
	os.MkdirAll(stage, 0o755)
	os.WriteFile(keep, []byte("the user's"), 0o644)
	corpus := filepath.Join("..", "..", "testdata", "corpus")
	for _, shard := range []string{"0/2", "1/2"} {
		mustRun(t, "score", corpus, "-o", url+"/run", "--shard", shard, "--as-of", "2026-11-27", "-q", "--stage-dir", stage)
	}
	mustRun(t, "merge", url+"/run", "--stage-dir", stage)
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("the stage's own file: %v, want it kept", err)
	}
	for _, name := range []string{"shards/0-of-2/manifest.json", "shards/1-of-2/scores.parquet", "manifest.json", "report.html"} {
		if _, err := os.Stat(filepath.Join(bucket, "run", name)); err != nil {
			t.Errorf("the bucket lacks run/%s: %v", name, err)
		}
	}
}

// TestBucketShardResume: a shard's --resume into a bucket leaves a shard
// published as it would make it, and refuses one made differently.
func TestBucketShardResume(t *testing.T) {
	_, url := bucketDir(t)
	corpus := filepath.Join("..", "..", "testdata", "corpus")
	args := []string{"score", corpus, "-o", url + "/run", "--shard", "0/2", "-q", "--resume"}
	mustRun(t, append(args, "--as-of", "2026-11-27")...)
	mustRun(t, append(args, "--as-of", "2026-11-27")...)
	msg, code := runBin(t, append(args, "--as-of", "2026-12-01")...)
	if code != exitUsage || !strings.Contains(msg, "made differently") || !strings.Contains(msg, "--as-of") {
		t.Errorf("--resume over a shard made with another --as-of: exit %d, %s; want %d naming --as-of", code, msg, exitUsage)
	}
	msg, code = runBin(t, append(args, "--as-of", "2026-11-27", "--max-bytes", "100000")...)
	if code != exitUsage || !strings.Contains(msg, "--max-bytes") {
		t.Errorf("--resume over a shard made with another --max-bytes: exit %d, %s; want %d naming --max-bytes", code, msg, exitUsage)
	}
}

// TestBucketUploadRetried: a run whose upload failed is uploaded by the
// same command with --resume, without being scored again; a run replaced
// with --force leaves none of the old run's files behind.
func TestBucketUploadRetried(t *testing.T) {
	bucket, url := bucketDir(t)
	corpus := filepath.Join("..", "..", "testdata", "corpus")
	stage := filepath.Join(t.TempDir(), "stage")
	blocker := filepath.Join(bucket, "run", "scores.parquet", "x") // no object can be written over a directory
	os.MkdirAll(blocker, 0o755)
	args := []string{"score", corpus, "-o", url + "/run", "--as-of", "2026-11-27", "-q", "--stage-dir", stage}
	msg, code := runBin(t, args...)
	if code == 0 || !strings.Contains(msg, "--resume") {
		t.Fatalf("an upload that fails: exit %d, %s; want a failure that says --resume", code, msg)
	}
	os.RemoveAll(filepath.Dir(blocker))
	msg, code = runBin(t, append(args, "--resume")...)
	if code != 0 || strings.Contains(msg, "inputs → 0 rows") {
		t.Fatalf("--resume after a failed upload: exit %d, %s", code, msg)
	}
	for _, name := range []string{"manifest.json", "scores.parquet", "report.md"} {
		if _, err := os.Stat(filepath.Join(bucket, "run", name)); err != nil {
			t.Errorf("after --resume the bucket lacks run/%s: %v", name, err)
		}
	}
	mustRun(t, append(args, "--force", "--no-report")...)
	if _, err := os.Stat(filepath.Join(bucket, "run", "report.md")); !os.IsNotExist(err) {
		t.Errorf("the replaced run's report.md: %v, want it removed", err)
	}
}

// TestBucketURLMistakes: an OUT that would vanish, and a corpus URL that
// names no objects, are refused.
func TestBucketURLMistakes(t *testing.T) {
	_, url := bucketDir(t)
	corpus := filepath.Join("..", "..", "testdata", "corpus")
	if msg, code := runBin(t, "score", corpus, "-o", "mem://b/run", "-q"); code != exitUsage || !strings.Contains(msg, "in-memory") {
		t.Errorf("-o mem://: exit %d, %s; want %d", code, msg, exitUsage)
	}
	msg, code := runBin(t, "score", url+"/empty", "-o", t.TempDir(), "-q", "--force")
	if code == 0 || !strings.Contains(msg, "holds no objects") {
		t.Errorf("a corpus URL of nothing: exit %d, %s; want a failure saying it holds no objects", code, msg)
	}
}
