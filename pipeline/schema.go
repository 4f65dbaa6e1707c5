package pipeline

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/alphanode/postscore/pipeline/internal/columns"
	"github.com/alphanode/postscore/scoring"
)

// ColumnDoc documents one output column.
type ColumnDoc struct {
	Name     string `json:"name"`
	Parquet  string `json:"parquet_type"`
	DuckDB   string `json:"duckdb_type"`
	Nullable bool   `json:"nullable"`
	Meaning  string `json:"meaning"`
}

// Schema documents the columns of the output file named file (ScoresName,
// ErrorsName or DuplicatesName; ok is false for another name), in file
// order: the types as the row type has Parquet write them, the meanings as
// the column table declares them.
func Schema(file string) (cols []ColumnDoc, ok bool) {
	var t reflect.Type
	var table []columns.Group
	switch file {
	case ScoresName:
		t, table = reflect.TypeFor[Row](), columns.Scores
	case ErrorsName:
		t, table = reflect.TypeFor[ErrorRow](), columns.Errors
	case DuplicatesName:
		t, table = reflect.TypeFor[DuplicateRow](), columns.Duplicates
	default:
		return nil, false
	}
	meaning := map[string]string{}
	for _, c := range columns.All(table) {
		meaning[c.Name] = c.Meaning
	}
	var out []ColumnDoc
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts := parseTag(f.Tag.Get("parquet"))
		pq, duck := columnTypes(f.Type, opts)
		out = append(out, ColumnDoc{
			Name: name, Parquet: pq, DuckDB: duck,
			Nullable: f.Type.Kind() == reflect.Pointer,
			Meaning:  meaning[name],
		})
	}
	return out, true
}

func parseTag(tag string) (string, map[string]bool) {
	parts := strings.Split(tag, ",")
	opts := map[string]bool{}
	for _, p := range parts[1:] {
		opts[p] = true
	}
	return parts[0], opts
}

func columnTypes(t reflect.Type, opts map[string]bool) (parquet, duck string) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int32:
		if opts["date"] {
			return "INT32 (DATE)", "DATE"
		}
		return "INT32", "INTEGER"
	case reflect.Int64:
		return "INT64", "BIGINT"
	case reflect.Float64:
		return "DOUBLE", "DOUBLE"
	case reflect.Bool:
		return "BOOLEAN", "BOOLEAN"
	case reflect.String:
		return "BYTE_ARRAY (STRING)", "VARCHAR"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "BYTE_ARRAY", "BLOB"
		}
		ep, ed := columnTypes(t.Elem(), nil)
		return "LIST<" + ep + ">", ed + "[]"
	case reflect.Struct:
		var ps, ds []string
		for i := range t.NumField() {
			f := t.Field(i)
			name, o := parseTag(f.Tag.Get("parquet"))
			p, d := columnTypes(f.Type, o)
			ps = append(ps, name+" "+p)
			ds = append(ds, name+" "+d)
		}
		return "STRUCT<" + strings.Join(ps, ", ") + ">", "STRUCT(" + strings.Join(ds, ", ") + ")"
	}
	panic(fmt.Sprintf("no Parquet type for %v", t))
}

// olderRunsLack names the scores.parquet columns whose table entry says
// OlderRunsLack.
var olderRunsLack = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range columns.All(columns.Scores) {
		if c.OlderRunsLack {
			m[c.Name] = true
		}
	}
	return m
}()

// OlderRunsMayLack reports whether a run written by an earlier postscore
// may lack the scores.parquet leaf column at path ("body_sha256", or
// "quality_components", "list", "element", "used_missing"): readers then
// take the run without it, where any other missing column makes it
// unreadable.
func OlderRunsMayLack(path []string) bool {
	if len(path) == 0 {
		return false
	}
	if olderRunsLack[path[0]] {
		return true
	}
	return isComponentsColumn(path[0]) && slices.Contains(componentFieldsOlderRunsLack, path[len(path)-1])
}

// isComponentsColumn reports whether name is a score's components column.
func isComponentsColumn(name string) bool {
	for k := range scoring.NumScores {
		if ScoreColumns(k).Components == name {
			return true
		}
	}
	return false
}

// ScoreColumnNames are the columns of scores.parquet that hold one score.
type ScoreColumnNames struct {
	Value      string // the score, rounded: "quality"
	Exact      string // the score before rounding: "quality_exact"
	Claimed    string // the score the post's meta claims: "claimed_quality"
	Components string // the score's components: "quality_components"
}

// ScoreColumns names the columns of score k.
func ScoreColumns(k scoring.ScoreIndex) ScoreColumnNames {
	n := k.String()
	return ScoreColumnNames{Value: n, Exact: n + "_exact", Claimed: "claimed_" + n, Components: n + "_components"}
}

// RowNumber returns the function that reads the numeric column called name
// (INT32, INT64, DOUBLE or DATE) of a Row: its value, and whether it is not
// null. ok is false when Row has no such column.
func RowNumber(name string) (get func(r *Row) (float64, bool), ok bool) {
	get, ok = rowNumbers[name]
	return get, ok
}

// nullableNumber is the number *p; ok is false for nil (null).
func nullableNumber[T int32 | int64 | float64](p *T) (v float64, ok bool) {
	if p == nil {
		return 0, false
	}
	return float64(*p), true
}
