package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/file"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
)

// parquetDocs calls emit for each row of a Parquet corpus file in the row
// groups the span sp holds, reading the text and id columns with Arrow in
// record batches. A file whose columns cannot be read as text and id is one
// error row (parquetColumns says why).
func parquetDocs(ctx context.Context, in Input, o docOptions, sp span, emit func(Input) error) error {
	fail := func(kind, reason string) error {
		if !sp.ownsFile {
			return nil
		}
		return emit(Input{Path: in.Path, DocPath: in.DocPath, Err: &ErrorRow{Stage: StageRead, Kind: kind, Reason: reason}})
	}
	f, err := openParquet(ctx, in)
	if err != nil {
		return emit(sp.fileError(in, openError(unwrapPath(err))))
	}
	rdr, err := file.NewParquetReader(f)
	if err != nil {
		f.Close()
		return fail(ErrKindBadParquet, fmt.Sprintf("not a Parquet file: %v", err))
	}
	defer rdr.Close() // closes f
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 1024}, memory.DefaultAllocator)
	if err != nil {
		return fail(ErrKindBadParquet, err.Error())
	}
	leaves, reason := parquetColumns(fr, o)
	if reason != "" {
		return fail(ErrKindBadParquet, reason)
	}
	groups, row := rowGroupsIn(rdr, sp)
	if len(groups) == 0 {
		return nil
	}
	rr, err := fr.GetRecordReader(ctx, leaves, groups)
	if err != nil {
		return fail(ErrKindBadParquet, err.Error())
	}
	defer rr.Release()
	for rr.Next() {
		rec := rr.Record()
		texts := stringsOf(rec.Column(rec.Schema().FieldIndices(o.TextField)[0]))
		var ids arrowStrings
		if len(leaves) > 1 {
			ids = stringsOf(rec.Column(rec.Schema().FieldIndices(o.IDField)[0]))
		}
		for i := range int(rec.NumRows()) {
			row++
			doc := Input{Path: in.Path, DocPath: fmt.Sprintf("%s:%d", in.DocPath, row)}
			t, ok := texts.at(i)
			switch {
			case !ok:
				doc.Err = &ErrorRow{Stage: StageParse, Kind: ErrKindEmpty, Reason: fmt.Sprintf("row %d: %q is null", row, o.TextField)}
			case int64(len(t)) > o.MaxBytes:
				doc.Err = &ErrorRow{Stage: StageRead, Kind: ErrKindTooLarge, Reason: fmt.Sprintf("row %d is over --max-bytes %d", row, o.MaxBytes)}
			default:
				doc.Data = []byte(t)
				doc.Format = docFormat(doc.Data)
				if ids != nil {
					doc.ID, _ = ids.at(i)
				}
			}
			if err := emit(doc); err != nil {
				return err
			}
		}
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
		return emit(Input{Path: in.Path, DocPath: fmt.Sprintf("%s:%d", in.DocPath, row+1), Err: &ErrorRow{Stage: StageRead, Kind: ErrKindBadParquet, Reason: fmt.Sprintf("reading after row %d: %v (the rest of the file is not read)", row, err)}})
	}
	return nil
}

// parquetSource is what Arrow reads a Parquet corpus file through.
type parquetSource interface {
	parquet.ReaderAtSeeker
	io.Closer
}

// openParquet opens a Parquet corpus file, or object for ranged reads.
func openParquet(ctx context.Context, in Input) (parquetSource, error) {
	if in.obj != nil {
		return in.obj.store.ReaderAt(ctx, in.obj.key, in.obj.size), nil
	}
	return openCorpusFile(in.Path)
}

// rowGroupsIn returns the row groups of the file that the span holds, and
// how many rows the groups before them have. A row group's position is its
// share of the file: the file's size times the uncompressed bytes of the
// groups before it over all of them (the footer's sizes, which every shard
// reads alike; positions grow with the group's index, so a shard's groups
// are consecutive). Groups with no rows are left out.
func rowGroupsIn(rdr *file.Reader, sp span) (groups []int, rowsBefore int) {
	meta := rdr.MetaData()
	var total int64
	for i := range rdr.NumRowGroups() {
		total += meta.RowGroup(i).TotalByteSize()
	}
	var before int64
	for i := range rdr.NumRowGroups() {
		g := meta.RowGroup(i)
		at := int64(0)
		if total > 0 {
			at = new(big.Int).Quo(new(big.Int).Mul(big.NewInt(before), big.NewInt(sp.size)), big.NewInt(total)).Int64()
		}
		before += g.TotalByteSize()
		switch {
		case sp.holds(at) && g.NumRows() > 0:
			groups = append(groups, i)
		case len(groups) == 0:
			rowsBefore += int(g.NumRows())
		}
	}
	return groups, rowsBefore
}

// parquetColumns finds the text column and, when the file has one, the id
// column, and returns their leaf column indices (text first), or why they
// cannot be read. The text must be a string or binary column; the id a
// string or binary column, or an integer one, read as its decimal string
// (other types, such as floating point or dates, have no single spelling
// that a post_id could be matched by).
func parquetColumns(fr *pqarrow.FileReader, o docOptions) (leaves []int, reason string) {
	sc, err := fr.Schema()
	if err != nil {
		return nil, fmt.Sprintf("cannot read the schema: %v", err)
	}
	column := func(name, flag string, idOK bool) (leaf int, reason string) {
		idx := sc.FieldIndices(name)
		if len(idx) == 0 {
			return -1, ""
		}
		dt := sc.Field(idx[0]).Type
		want := "text (string or binary)"
		if idOK {
			want = "text or an integer"
		}
		if !isTextType(dt) && !(idOK && arrow.IsInteger(dt.ID())) {
			return -1, fmt.Sprintf("column %q is %s, not %s: give %s the column that holds it (the file has %s)", name, dt, want, flag, fieldList(sc))
		}
		return fr.ParquetReader().MetaData().Schema.ColumnIndexByName(name), ""
	}
	text, reason := column(o.TextField, "--text-field", false)
	if reason != "" {
		return nil, reason
	}
	if text < 0 {
		return nil, fmt.Sprintf("no column %q (--text-field); the file has %s", o.TextField, fieldList(sc))
	}
	id, reason := column(o.IDField, "--id-field", true)
	if reason != "" {
		return nil, reason
	}
	if id < 0 {
		return []int{text}, ""
	}
	return []int{text, id}, ""
}

// fieldList names a schema's columns and their types: "id string, text bool".
func fieldList(sc *arrow.Schema) string {
	var cols []string
	for _, f := range sc.Fields() {
		cols = append(cols, f.Name+" "+f.Type.String())
	}
	return strings.Join(cols, ", ")
}

// isTextType reports whether a column of type dt holds text.
func isTextType(dt arrow.DataType) bool {
	switch dt.ID() {
	case arrow.STRING, arrow.LARGE_STRING, arrow.BINARY, arrow.LARGE_BINARY:
		return true
	}
	return false
}

// arrowStrings reads the values of a text or integer Arrow column.
type arrowStrings interface{ at(i int) (string, bool) }

type strCol struct{ a *array.String }

func (c strCol) at(i int) (string, bool) { return c.a.Value(i), !c.a.IsNull(i) }

type lstrCol struct{ a *array.LargeString }

func (c lstrCol) at(i int) (string, bool) { return c.a.Value(i), !c.a.IsNull(i) }

type binCol struct {
	a interface {
		ValueString(i int) string // without a copy
		IsNull(i int) bool
	}
}

func (c binCol) at(i int) (string, bool) { return c.a.ValueString(i), !c.a.IsNull(i) }

// valueStrCol reads any other column by Arrow's own spelling of its values:
// an integer's decimal digits (parquetColumns lets no other type through).
type valueStrCol struct{ a arrow.Array }

func (c valueStrCol) at(i int) (string, bool) {
	if c.a.IsNull(i) {
		return "", false // ValueStr spells a null "(null)"
	}
	return c.a.ValueStr(i), true
}

func stringsOf(a arrow.Array) arrowStrings {
	switch x := a.(type) {
	case *array.String:
		return strCol{x}
	case *array.LargeString:
		return lstrCol{x}
	case *array.Binary:
		return binCol{x}
	case *array.LargeBinary:
		return binCol{x}
	}
	return valueStrCol{a}
}
