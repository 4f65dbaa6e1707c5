package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProfileIsFresh: default.pgo, the profile the binary is optimised
// with, was made from the hot code as it is (scripts/pgo.sh records the
// sha256 of features' sources in default.pgo.sources). A profile of older
// code still builds, but optimises lines that have moved.
func TestProfileIsFresh(t *testing.T) {
	recorded, err := os.ReadFile("default.pgo.sources")
	if err != nil {
		t.Fatalf("%v: run make pgo and commit the profile", err)
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "features", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.New()
	for _, f := range files { // Glob sorts them, as the script's LC_ALL=C ls does
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sum.Write([]byte(filepath.ToSlash(strings.TrimPrefix(f, filepath.Join("..", "..")+string(filepath.Separator))) + "\n"))
		sum.Write(b)
	}
	if got := hex.EncodeToString(sum.Sum(nil)); got != strings.TrimSpace(string(recorded)) {
		t.Errorf("features has changed since default.pgo was made (sources %s, the profile's %s): run make pgo and commit the profile", got, strings.TrimSpace(string(recorded)))
	}
}
