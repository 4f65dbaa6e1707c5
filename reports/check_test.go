package reports

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/alphanode/postscore/pipeline"
	"github.com/parquet-go/parquet-go"
)

// rewriteScores replaces out's scores.parquet by rows written as Row with
// the field named field given type typ (and its Parquet tag), each row's
// value of it made by conv from the Row's.
func rewriteScores(t *testing.T, out string, rows []pipeline.Row, field string, typ reflect.Type, tag string, conv func(reflect.Value) reflect.Value) {
	t.Helper()
	rt := reflect.TypeFor[pipeline.Row]()
	fields := make([]reflect.StructField, rt.NumField())
	k := -1
	for i := range fields {
		fields[i] = rt.Field(i)
		if fields[i].Name == field {
			fields[i].Type, fields[i].Tag, k = typ, reflect.StructTag(`parquet:"`+tag+`"`), i
		}
	}
	if k < 0 && field != "" {
		t.Fatalf("Row has no field %s", field)
	}
	ft := reflect.StructOf(fields)
	f, err := os.Create(filepath.Join(out, pipeline.ScoresName))
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewWriter(f, parquet.SchemaOf(reflect.New(ft).Interface()))
	for _, r := range rows {
		v := reflect.New(ft).Elem()
		src := reflect.ValueOf(r)
		for i := range fields {
			if i == k {
				v.Field(i).Set(conv(src.Field(i)))
			} else {
				v.Field(i).Set(src.Field(i))
			}
		}
		if err := w.Write(v.Addr().Interface()); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestForeignScoresRefused (issue 21, defect 5): report and compare read a
// run only when its files are as postscore writes them and as its manifest
// says; otherwise the error names the file, the column and the difference.
func TestForeignScoresRefused(t *testing.T) {
	clean := scoreRun(t, testCorpus, nil)
	rows, err := pipeline.ReadParquet[pipeline.Row](filepath.Join(clean, pipeline.ScoresName))
	if err != nil || len(rows) != 8 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	copyRun := func() string {
		out := t.TempDir()
		for _, name := range []string{pipeline.ManifestName, pipeline.ErrorsName, pipeline.DuplicatesName} {
			b, _ := os.ReadFile(filepath.Join(clean, name))
			os.WriteFile(filepath.Join(out, name), b, 0o644)
		}
		return out
	}
	same := func(v reflect.Value) reflect.Value { return v }
	thousand := make([]pipeline.Row, 0, 1000)
	for i := range 1000 {
		thousand = append(thousand, rows[i%len(rows)])
	}
	quality1066 := make([]pipeline.Row, len(rows))
	copy(quality1066, rows)
	for i := range quality1066 {
		q := int32(1066)
		quality1066[i].Quality = &q
	}
	type foreignComponent struct {
		Feature int64   `parquet:"feature"`
		Weight  float32 `parquet:"weight"`
	}
	cases := []struct {
		name  string
		rows  []pipeline.Row
		field string
		typ   reflect.Type
		tag   string
		conv  func(reflect.Value) reflect.Value
		want  string
	}{
		{"depth_varchar", rows, "Depth", reflect.TypeFor[*string](), "depth,optional", func(v reflect.Value) reflect.Value {
			if v.IsNil() {
				return reflect.Zero(reflect.TypeFor[*string]())
			}
			s := strconv.Itoa(int(v.Elem().Int()))
			return reflect.ValueOf(&s)
		}, "column depth is optional BYTE_ARRAY STRING, postscore writes optional INT32"},
		{"components_other_struct", rows, "QualityComponents", reflect.TypeFor[[]foreignComponent](), "quality_components,list", func(reflect.Value) reflect.Value {
			return reflect.ValueOf([]foreignComponent{{Feature: 7, Weight: 0.5}})
		}, "column quality_components.list.element.feature is required group LIST > repeated group > required group > required INT64 INT(64,true), postscore writes required group LIST > repeated group > required group > required BYTE_ARRAY STRING"},
		{"quality_1066", quality1066, "", nil, "", same, "column quality is 1066 at row 0, outside 0 to 100"},
		{"thousand_rows", thousand, "", nil, "", same, "has 1000 rows, but its manifest says 8 rows"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := copyRun()
			rewriteScores(t, out, c.rows, c.field, c.typ, c.tag, c.conv)
			// A foreign file under a manifest that lists it (as a crafted
			// run would have): the checks below the stamps must catch it.
			if err := pipeline.RecordFiles(out, []string{pipeline.ScoresName}); err != nil {
				t.Fatal(err)
			}
			scores := filepath.Join(out, pipeline.ScoresName)
			_, err := Summarize(out)
			if err == nil || !strings.Contains(err.Error(), scores) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("report: %v\nwant an error naming %s and %q", err, scores, c.want)
			}
			_, err = Compare(clean, out, t.TempDir())
			if err == nil || !strings.Contains(err.Error(), "new run: ") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("compare: %v\nwant an error naming the new run and %q", err, c.want)
			}
		})
	}
}

// TestSwappedFileRefused: a file that is not the one its manifest lists
// (another run's, or a damaged one) is refused before it is read.
func TestSwappedFileRefused(t *testing.T) {
	clean := scoreRun(t, testCorpus, nil)
	other := scoreRun(t, testCorpus, nil)
	b, err := os.ReadFile(filepath.Join(other, pipeline.ErrorsName))
	if err != nil {
		t.Fatal(err)
	}
	b = append(b[:len(b)-1], b[len(b)-1]^1) // one bit of the footer's magic flipped
	if err := os.WriteFile(filepath.Join(clean, pipeline.ErrorsName), b, 0o644); err != nil {
		t.Fatal(err)
	}
	want := pipeline.ErrorsName + " is not the file its manifest lists"
	if _, err := Summarize(clean); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("report: %v, want %q", err, want)
	}
}
