// Package reports turns a run's Parquet and manifest into summary reports
// (Markdown, self-contained HTML, JSON) and compares two runs post by post.
// It reads only what the Parquet holds (columns read back with Arrow, in
// record batches) and never re-scores a post; a scoring run summarises the
// same columns from its rows as it writes them (Live), with the same rules.
package reports

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet/file"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
)

// batchRows is how many rows one Arrow record batch holds.
const batchRows = 8192

// scanColumns reads the named top-level columns of a Parquet file in record
// batches and calls fn with each batch. A name the file lacks is an error,
// and so is a value outside the range its column promises (checkRanges).
func scanColumns(path string, names []string, fn func(b *batch) error) error {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: batchRows, Parallel: true}, memory.DefaultAllocator)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	sc := rdr.MetaData().Schema
	var leaves []int
	found := map[string]bool{}
	for i := range sc.NumColumns() {
		top := sc.Column(i).ColumnPath()[0]
		if want[top] {
			leaves = append(leaves, i)
			found[top] = true
		}
	}
	for _, n := range names {
		if !found[n] {
			return fmt.Errorf("%s has no column %q: is it a postscore output of this version?", path, n)
		}
	}
	if rdr.NumRows() == 0 {
		return nil
	}
	rr, err := fr.GetRecordReader(context.Background(), leaves, nil)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	defer rr.Release()
	first := 0
	for rr.Next() {
		rec := rr.Record()
		b := &batch{rec: rec, idx: map[string]int{}}
		for i, f := range rec.Schema().Fields() {
			b.idx[f.Name] = i
		}
		if err := checkRanges(path, b, first); err != nil {
			return err
		}
		if err := fn(b); err != nil {
			return err
		}
		first += b.rows()
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	return nil
}

// columnNames are the top-level columns of the Parquet file at path.
func columnNames(path string) (map[string]bool, error) {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	defer rdr.Close()
	sc := rdr.MetaData().Schema
	names := map[string]bool{}
	for i := range sc.NumColumns() {
		names[sc.Column(i).ColumnPath()[0]] = true
	}
	return names, nil
}

// batch is one record batch with access by column name.
type batch struct {
	rec arrow.Record
	idx map[string]int
}

func (b *batch) rows() int { return int(b.rec.NumRows()) }

func (b *batch) col(name string) arrow.Array { return b.rec.Column(b.idx[name]) }

// float returns the value of a numeric column at row i; ok is false for null.
func (b *batch) float(name string, i int) (float64, bool) { return floatAt(b.col(name), i) }

// floatAt returns the value of numeric column a at row i; ok is false for
// null.
func floatAt(a arrow.Array, i int) (float64, bool) {
	if a.IsNull(i) {
		return 0, false
	}
	switch a := a.(type) {
	case *array.Float64:
		return a.Value(i), true
	case *array.Int32:
		return float64(a.Value(i)), true
	case *array.Int64:
		return float64(a.Value(i)), true
	case *array.Date32:
		return float64(a.Value(i)), true
	}
	return 0, false
}

func (b *batch) str(name string, i int) (string, bool) {
	a := b.col(name)
	if a.IsNull(i) {
		return "", false
	}
	if s, ok := a.(*array.String); ok {
		return s.Value(i), true
	}
	return "", false
}

// strs returns a LIST<STRING> value at row i.
func (b *batch) strs(name string, i int) []string {
	l, ok := b.col(name).(*array.List)
	if !ok || l.IsNull(i) {
		return nil
	}
	start, end := l.ValueOffsets(i)
	vals := l.ListValues().(*array.String)
	out := make([]string, 0, end-start)
	for k := start; k < end; k++ {
		out = append(out, vals.Value(int(k)))
	}
	return out
}

// component is one element of a *_components column.
type component struct {
	Feature string
	Value   *float64
	Points  float64
	Lost    float64
}

// components returns a LIST<STRUCT> components value at row i.
func (b *batch) components(name string, i int) []component {
	l, ok := b.col(name).(*array.List)
	if !ok || l.IsNull(i) {
		return nil
	}
	st := l.ListValues().(*array.Struct)
	fidx := map[string]int{}
	for k, f := range st.DataType().(*arrow.StructType).Fields() {
		fidx[f.Name] = k
	}
	feat := st.Field(fidx["feature"]).(*array.String)
	val := st.Field(fidx["value"]).(*array.Float64)
	lost := st.Field(fidx["lost"]).(*array.Float64)
	points := st.Field(fidx["points"]).(*array.Float64)
	start, end := l.ValueOffsets(i)
	var out []component
	for k := int(start); k < int(end); k++ {
		c := component{Feature: feat.Value(k), Lost: lost.Value(k), Points: points.Value(k)}
		if !val.IsNull(k) {
			v := val.Value(k)
			c.Value = &v
		}
		out = append(out, c)
	}
	return out
}
