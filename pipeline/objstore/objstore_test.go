package objstore_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alphanode/postscore/pipeline/objstore"
	"github.com/alphanode/postscore/pipeline/objstore/s3test"
	"gocloud.dev/blob/memblob"
)

// opener opens an empty store for a test.
type opener func(t *testing.T) *objstore.Store

// fileStore is a store over a new local directory, through file://.
func fileStore(t *testing.T) *objstore.Store {
	t.Helper()
	s, err := objstore.Open(context.Background(), "file://"+filepath.ToSlash(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// memStore is a store over a new in-memory bucket, under a prefix.
func memStore(t *testing.T) *objstore.Store {
	s := objstore.NewStore(memblob.OpenBucket(nil), "runs/one", "mem://test/runs/one")
	t.Cleanup(func() { s.Close() })
	return s
}

// s3Store is a store under a prefix of a new versitygw's bucket.
func s3Store(t *testing.T) *objstore.Store {
	return s3test.Start(t).Open(t, "runs/one")
}

var openers = map[string]opener{"file": fileStore, "mem": memStore, "s3": s3Store}

func forEachStore(t *testing.T, test func(t *testing.T, open opener)) {
	for name, open := range openers {
		t.Run(name, func(t *testing.T) { test(t, open) })
	}
}

func TestIsURL(t *testing.T) {
	for s, want := range map[string]bool{
		"s3://b/p": true, "gs://b": true, "azblob://c/p": true, "file:///tmp/x": true, "ftp://x": true,
		"/tmp/x": false, "corpus": false, "C://x": false, `C:\x`: false, "s3:/b": false, "": false, "a/s3://b": false,
	} {
		if got := objstore.IsURL(s); got != want {
			t.Errorf("IsURL(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	_, err := objstore.Open(ctx, "ftp://host/x")
	if !errors.Is(err, objstore.ErrUnsupportedScheme) || !strings.Contains(err.Error(), "s3://") {
		t.Errorf("ftp://: %v", err)
	}
	if _, err := objstore.Open(ctx, "s3:///prefix"); err == nil || !strings.Contains(err.Error(), "no bucket") {
		t.Errorf("s3:///prefix: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "missing")
	_, err = objstore.Open(ctx, "file://"+filepath.ToSlash(missing))
	if !errors.Is(err, objstore.ErrBucketNotFound) {
		t.Errorf("file:// of a missing directory: %v", err)
	}
}

func TestOpenFilePrefix(t *testing.T) {
	dir := t.TempDir()
	s, err := objstore.Open(context.Background(), "file://"+filepath.ToSlash(dir)+"/")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, want := s.URL(), "file://"+filepath.ToSlash(dir); got != want {
		t.Errorf("URL() = %q, want %q", got, want)
	}
}

// trickyTree is a local tree whose names sort differently in a flat S3
// listing than on a disk.
var trickyTree = []string{
	"a/b", "a/x", "a.txt", "a-b", "a0", "a b", ".hidden", ".git/config", "Z", "é.md",
	"b/c/d.md", "b/c.md", "b/.cache/x", "b/c-d/e", "z/y/x/w.txt", "a/.h/q", "a/b.d/e", "a/b-c",
}

func writeTree(t *testing.T, dir string, names []string) {
	t.Helper()
	for i, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, bytes.Repeat([]byte{'x'}, i+1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// localOrder is the order of a local walk: filepath.WalkDir reads each
// directory sorted by name, as postscore's walker does; hidden entries
// skipped (a directory once) and counted.
func localOrder(t *testing.T, dir string) (keys []string, hidden int64) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") {
			hidden++
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			keys = append(keys, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys, hidden
}

func walkKeys(t *testing.T, s *objstore.Store) ([]string, int64) {
	t.Helper()
	var keys []string
	hidden, err := s.Walk(context.Background(), func(e objstore.Entry) error {
		keys = append(keys, e.Key)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys, hidden
}

// CheckWalkOrder uploads trickyTree to s and checks that Walk visits it in
// the local walker's order.
func checkWalkOrder(t *testing.T, s *objstore.Store) {
	local := t.TempDir()
	writeTree(t, local, trickyTree)
	if err := s.UploadDir(context.Background(), local, ""); err != nil {
		t.Fatal(err)
	}
	want, wantHidden := localOrder(t, local)
	got, hidden := walkKeys(t, s)
	if !slices.Equal(got, want) || hidden != wantHidden {
		t.Errorf("Walk:\n got %q (hidden %d)\nwant %q (hidden %d)", got, hidden, want, wantHidden)
	}
}

func TestWalkOrder(t *testing.T) {
	forEachStore(t, func(t *testing.T, open opener) { checkWalkOrder(t, open(t)) })
}

// TestWalkLocalTree walks a local tree in place through file://.
func TestWalkLocalTree(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, trickyTree)
	s, err := objstore.Open(context.Background(), "file://"+filepath.ToSlash(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want, wantHidden := localOrder(t, dir)
	got, hidden := walkKeys(t, s)
	if !slices.Equal(got, want) || hidden != wantHidden {
		t.Errorf("Walk:\n got %q (hidden %d)\nwant %q (hidden %d)", got, hidden, want, wantHidden)
	}
}

// TestWalkObjectStoreOnly: what a bucket can hold and a disk cannot: an
// object and a "directory" of one name, directory markers, empty names.
func TestWalkObjectStoreOnly(t *testing.T) {
	s := memStore(t)
	for _, k := range []string{"a", "a/b", "d/", "d/e", "x//y", "a.txt"} {
		if err := s.Bucket().WriteAll(context.Background(), "runs/one/"+k, []byte(k), nil); err != nil {
			t.Fatal(err)
		}
	}
	got, hidden := walkKeys(t, s)
	want := []string{"a", "a/b", "a.txt", "d/e", "x//y"}
	if !slices.Equal(got, want) || hidden != 0 {
		t.Errorf("Walk: got %q (hidden %d), want %q", got, hidden, want)
	}
}

func TestWalkStopsOnError(t *testing.T) {
	s := memStore(t)
	put(t, s, "a", "1")
	put(t, s, "b", "2")
	stop := errors.New("stop")
	n := 0
	_, err := s.Walk(context.Background(), func(objstore.Entry) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Walk after fn's error: %v, %d calls", err, n)
	}
}

func put(t *testing.T, s *objstore.Store, key, content string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Upload(context.Background(), key, p); err != nil {
		t.Fatal(err)
	}
}
