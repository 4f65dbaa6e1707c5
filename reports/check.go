package reports

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/alphanode/postscore/pipeline"
	"github.com/alphanode/postscore/scoring"
	"github.com/parquet-go/parquet-go"
)

// Reading a run trusts nothing it has not checked: reports and compare are
// pointed at directories, and a directory can hold another tool's Parquet
// under postscore's names. Before a row is read, each file's schema is held
// to the one postscore writes (the row types' own Parquet schema), and its
// row count to the manifest's; while rows are read, the values whose range
// the schema promises are held to it.

// openRun reads the manifest of the run in out, checks that each file is the
// one it lists (size and sha256: a damaged or swapped file never reaches a
// Parquet reader), and checks the Parquet files against postscore's schema
// and the manifest's counts (a manifest from before files carried stamps
// gets only the second check).
func openRun(out string) (*pipeline.Manifest, error) {
	man, err := pipeline.VerifyRun(out)
	if err != nil {
		return nil, err
	}
	if err := checkFile(filepath.Join(out, pipeline.ScoresName), schemaOf[pipeline.Row](), pipeline.OlderRunsMayLack, "rows", man.Rows); err != nil {
		return nil, err
	}
	if err := checkFile(filepath.Join(out, pipeline.ErrorsName), schemaOf[pipeline.ErrorRow](), noneMissing, "errors", man.Errors); err != nil {
		return nil, err
	}
	return man, nil
}

// noneMissing says that a run of an earlier postscore lacks none of a
// file's columns: the file is as old as its columns.
func noneMissing([]string) bool { return false }

// uncounted is the manifest's count of a file's rows when the manifest
// keeps none: the row count is not checked.
const uncounted = -1

func schemaOf[T any]() *parquet.Schema { return parquet.SchemaOf(new(T)) }

// notPostscore ends each message about a file that is not as postscore
// writes it, with what to do.
const notPostscore = "it is not a postscore %s of this version: score the corpus again, or point at a postscore run"

// checkFile checks the Parquet file at path against the schema want (but
// for the columns mayLack, which a run of an earlier postscore lacks) and
// its row count against the manifest's count (field says which; uncounted:
// not checked).
func checkFile(path string, want *parquet.Schema, mayLack func(path []string) bool, field string, manifestRows int64) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	pf, err := parquet.OpenFile(f, fi.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return fmt.Errorf("%s is not a readable Parquet file (%v): "+notPostscore, path, err, "file")
	}
	if diffs := schemaDiffs(want, pf.Schema(), mayLack); len(diffs) > 0 {
		return fmt.Errorf("%s: %s; "+notPostscore, path, strings.Join(diffs, "; "), "file")
	}
	if manifestRows != uncounted && pf.NumRows() != manifestRows {
		return fmt.Errorf("%s has %d rows, but its manifest says %d %s; "+notPostscore, path, pf.NumRows(), manifestRows, field, "run")
	}
	return nil
}

// maxDiffs is how many schema differences a message names.
const maxDiffs = 5

// schemaDiffs names the differences between the leaf columns of want and
// got: a column missing (unless mayLack says a run may lack the leaf
// column) or added, or one whose physical type, logical type or nesting
// (each node's repetition and logical type on its path: optional, LIST,
// struct) differs. The root's own repetition means nothing (Arrow writes it
// as repeated) and is not compared.
func schemaDiffs(want, got *parquet.Schema, mayLack func(path []string) bool) []string {
	var diffs []string
	for _, path := range want.Columns() {
		name := strings.Join(path, ".")
		w, _ := pathType(want, path)
		g, ok := pathType(got, path)
		switch {
		case !ok && mayLack(path):
		case !ok:
			diffs = append(diffs, fmt.Sprintf("no column %s (%s)", name, w))
		case g != w:
			diffs = append(diffs, fmt.Sprintf("column %s is %s, postscore writes %s", name, g, w))
		}
	}
	for _, path := range got.Columns() {
		if _, ok := pathType(want, path); !ok {
			g, _ := pathType(got, path)
			diffs = append(diffs, fmt.Sprintf("column %s (%s) is not postscore's", strings.Join(path, "."), g))
		}
	}
	if len(diffs) > maxDiffs {
		diffs = append(diffs[:maxDiffs], fmt.Sprintf("%d more differences", len(diffs)-maxDiffs))
	}
	return diffs
}

// pathType describes the nodes on a column's path below the root, such as
// "optional group LIST > repeated group > required group > required DOUBLE";
// ok is false when s has no such column.
func pathType(s *parquet.Schema, path []string) (desc string, ok bool) {
	var node parquet.Node = s
	parts := make([]string, 0, len(path))
	for _, name := range path {
		var child parquet.Node
		for _, f := range node.Fields() {
			if f.Name() == name {
				child = f
				break
			}
		}
		if child == nil {
			return "", false
		}
		parts = append(parts, nodeType(child))
		node = child
	}
	return strings.Join(parts, " > "), node.Leaf()
}

// nodeType is one node's repetition, physical type (or group) and logical
// type.
func nodeType(n parquet.Node) string {
	s := "required "
	switch {
	case n.Optional():
		s = "optional "
	case n.Repeated():
		s = "repeated "
	}
	if n.Leaf() {
		s += n.Type().Kind().String()
	} else {
		s += "group"
	}
	if lt := n.Type().LogicalType(); lt != nil {
		s += " " + lt.String()
	}
	return s
}

// scoreRange is the range the schema promises for each score column and
// its unrounded value (their meanings: "0-100").
var scoreRange = func() map[string][2]float64 {
	m := map[string][2]float64{}
	for k := range scoring.NumScores {
		sc := pipeline.ScoreColumns(k)
		m[sc.Value] = [2]float64{0, 100}
		m[sc.Exact] = [2]float64{0, 100}
	}
	return m
}()

// checkRanges checks the values of b's columns that have a promised range;
// first is the batch's first row in the file.
func checkRanges(path string, b *batch, first int) error {
	for name, i := range b.idx {
		r, ok := scoreRange[name]
		if !ok {
			continue
		}
		col := b.rec.Column(i)
		for row := range b.rows() {
			if v, ok := floatAt(col, row); ok && !(v >= r[0] && v <= r[1]) {
				return fmt.Errorf("%s: column %s is %s at row %d, outside %s to %s; "+notPostscore,
					path, name, formatNum(v), first+row, formatNum(r[0]), formatNum(r[1]), "file")
			}
		}
	}
	return nil
}
