package pipeline

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/scoring"
)

// generatedRows scores the 100 generated posts of testdata/generated as a
// run's worker does: what make bench writes, in miniature.
func generatedRows(b *testing.B) []Row {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "generated", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no generated posts: %v", err)
	}
	asOf, _ := post.ParseDate("2026-11-27")
	w := scorePool(context.Background(), Options{AsOf: asOf, Model: scoring.DefaultModel(), MaxBytes: DefaultMaxBytes}).NewWorker()
	var rows []Row
	for _, f := range files {
		res := w(Input{Path: f, DocPath: filepath.Base(f), Format: "post"})
		if res.row != nil {
			rows = append(rows, *res.row)
		}
	}
	if len(rows) < 90 {
		b.Fatalf("%d of %d generated posts scored", len(rows), len(files))
	}
	return rows
}

// BenchmarkSinkGenerated writes scores.parquet rows, one op a row, in files
// of one row group of DefaultRowGroupRows (a checkpoint part).
func BenchmarkSinkGenerated(b *testing.B) {
	rows := generatedRows(b)
	dir := b.TempDir()
	var s *parquetSink[Row]
	i := 0
	for b.Loop() {
		if s == nil {
			var err error
			if s, err = newParquetSink[Row](filepath.Join(dir, "scores.parquet"), DefaultRowGroupRows, Version); err != nil {
				b.Fatal(err)
			}
		}
		if err := s.Write(rows[i%len(rows)]); err != nil {
			b.Fatal(err)
		}
		i++
		if i%DefaultRowGroupRows == 0 {
			if err := s.Commit(nil); err != nil {
				b.Fatal(err)
			}
			s = nil
		}
	}
	if s != nil {
		s.Abort()
	}
}
