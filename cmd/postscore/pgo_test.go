package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestProfileIsFresh: default.pgo, the profile the binary is optimised
// with, was made from the hot code as it is (scripts/pgo.sh records the
// sha256 of the sources of features and its subpackages in
// default.pgo.sources, as scripts/hot-sources-sha256.sh computes it). A profile of older
// code still builds, but optimises lines that have moved.
func TestProfileIsFresh(t *testing.T) {
	recorded, err := os.ReadFile("default.pgo.sources")
	if err != nil {
		t.Fatalf("%v: run make pgo and commit the profile", err)
	}
	root := filepath.Join("..", "..")
	var files []string // features/ and its subpackages, slash-separated, from the root
	err = filepath.WalkDir(filepath.Join(root, "features"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			rel, _ := filepath.Rel(root, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files) // byte order, as the script's LC_ALL=C sort
	sum := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		sum.Write([]byte(f + "\n"))
		sum.Write(b)
	}
	if got := hex.EncodeToString(sum.Sum(nil)); got != strings.TrimSpace(string(recorded)) {
		t.Errorf("features has changed since default.pgo was made (sources %s, the profile's %s): run make pgo and commit the profile", got, strings.TrimSpace(string(recorded)))
	}
}
