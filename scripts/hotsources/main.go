// Command hotsources prints the sha256 of the hot code that
// cmd/postscore/default.pgo profiles: the non-test Go files of features/
// and its subpackages, in byte order of their paths, each as its path and
// a newline, then its code as go/printer prints it without comments. A
// comment can thus be reworded without making the profile stale;
// TestProfileIsFresh fails when the code itself changed since `make pgo`.
//
//	go run ./scripts/hotsources    # from the module root
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	sum, err := hotSourcesSHA256("features")
	if err != nil {
		fmt.Fprintln(os.Stderr, "hotsources:", err)
		os.Exit(1)
	}
	fmt.Println(sum)
}

func hotSourcesSHA256(dir string) (string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			files = append(files, filepath.ToSlash(path))
		}
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	h := sha256.New()
	fset := token.NewFileSet()
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution) // comments left out
		if err != nil {
			return "", fmt.Errorf("parsing %s: %w", f, err)
		}
		fmt.Fprintf(h, "%s\n", f)
		if err := printer.Fprint(h, fset, file); err != nil {
			return "", fmt.Errorf("printing %s: %w", f, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
