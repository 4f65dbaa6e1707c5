package objstore_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alphanode/postscore/pipeline/objstore"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPublish(t *testing.T) {
	forEachStore(t, func(t *testing.T, open opener) { checkPublish(t, open(t)) })
}

// checkPublish: the old manifest goes first and the new one comes last;
// a Publish that fails midway leaves no manifest.
func checkPublish(t *testing.T, s *objstore.Store) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"scores.parquet": "s1", "errors.parquet": "e1", "manifest.json": "m1"})
	names := []string{"scores.parquet", "errors.parquet", "manifest.json"}
	if err := s.Publish(ctx, dir, names); err != nil {
		t.Fatal(err)
	}
	got, _ := walkKeys(t, s)
	if want := []string{"errors.parquet", "manifest.json", "scores.parquet"}; !slices.Equal(got, want) {
		t.Errorf("after Publish: %q", got)
	}
	// The second publish fails at its second file (missing): the old
	// manifest must be gone, the first file new, the manifest not written.
	writeFiles(t, dir, map[string]string{"scores.parquet": "s2", "manifest.json": "m2"})
	os.Remove(filepath.Join(dir, "errors.parquet"))
	if err := s.Publish(ctx, dir, names); err == nil {
		t.Fatal("Publish with a missing file: no error")
	}
	if _, err := s.Stat(ctx, "manifest.json"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed Publish left a manifest: %v", err)
	}
	if b, _ := s.ReadAll(ctx, "scores.parquet", 10); string(b) != "s2" {
		t.Errorf("scores.parquet after a failed Publish: %q, want the new one (uploaded before the failure)", b)
	}
	if err := s.Publish(ctx, dir, nil); err == nil {
		t.Error("Publish of no files: no error")
	}
}

func TestFetchRun(t *testing.T) {
	forEachStore(t, func(t *testing.T, open opener) { checkFetchRun(t, open(t)) })
}

func checkFetchRun(t *testing.T, s *objstore.Store) {
	ctx := context.Background()
	src := t.TempDir()
	man := `{"rows": 1, "files": [{"name": "scores.parquet"}, {"name": "errors.parquet"}, {"name": "report.md"}]}`
	writeFiles(t, src, map[string]string{"scores.parquet": "s", "errors.parquet": "e", "report.md": "r", "extra.txt": "x", "manifest.json": man})
	if err := s.Publish(ctx, src, []string{"scores.parquet", "errors.parquet", "report.md", "extra.txt", "manifest.json"}); err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	if err := s.FetchRun(ctx, dst, "extra.txt"); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"scores.parquet": "s", "errors.parquet": "e", "report.md": "r", "extra.txt": "x", "manifest.json": man} {
		if b, err := os.ReadFile(filepath.Join(dst, name)); string(b) != want {
			t.Errorf("%s after FetchRun: %q %v", name, b, err)
		}
	}
	// A manifest that names a file outside the run is refused.
	writeFiles(t, src, map[string]string{"manifest.json": `{"files": [{"name": "../../etc/passwd"}]}`})
	if err := s.Upload(ctx, "manifest.json", filepath.Join(src, "manifest.json")); err != nil {
		t.Fatal(err)
	}
	if err := s.FetchRun(ctx, t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a file name") {
		t.Errorf("FetchRun of a manifest naming ../..: %v", err)
	}
	if err := s.Delete(ctx, "manifest.json"); err != nil {
		t.Fatal(err)
	}
	if err := s.FetchRun(ctx, t.TempDir()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("FetchRun without a manifest: %v, want fs.ErrNotExist", err)
	}
}
