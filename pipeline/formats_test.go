package pipeline

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/alphanode/postscore/pipeline/gen"
	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"
)

// scoresOnly blanks a row's identity columns, which differ between a file
// and the same text as a JSONL line or a Parquet row.
func scoresOnly(r Row) Row {
	r.PostID, r.DocPath = "", ""
	return r
}

// TestContainerCorporaMatchFiles: a zstd JSONL corpus and a Parquet corpus
// of the same 10,000 generated posts give the same rows as the files.
func TestContainerCorporaMatchFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	const n = 10000
	files, shards := t.TempDir(), t.TempDir()
	o := gen.Options{N: n, Seed: 21, AsOf: gen.DefaultAsOf}
	if _, err := gen.Write(context.Background(), files, o, 2, nil); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(files, gen.TruthName))
	o.JSONL = true
	if _, err := gen.Write(context.Background(), shards, o, 2, nil); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(shards, gen.TruthName))

	// Compress the shards with zstd, and copy them into one Parquet file.
	zdir, pdir := t.TempDir(), t.TempDir()
	type doc struct {
		ID   string `parquet:"id"`
		Text string `parquet:"text"`
	}
	pf, _ := os.Create(filepath.Join(pdir, "corpus.parquet"))
	pw := parquet.NewGenericWriter[doc](pf, parquet.MaxRowsPerRowGroup(3000))
	shardFiles, _ := filepath.Glob(filepath.Join(shards, "*.jsonl"))
	for _, s := range shardFiles {
		raw, _ := os.ReadFile(s)
		zf, _ := os.Create(filepath.Join(zdir, filepath.Base(s)+".zst"))
		zw, _ := zstd.NewWriter(zf)
		zw.Write(raw)
		zw.Close()
		zf.Close()
		sc := bufio.NewScanner(strings.NewReader(string(raw)))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var d doc
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				t.Fatal(err)
			}
			pw.Write([]doc{d})
		}
	}
	pw.Close()
	pf.Close()

	fileOut, _ := runCorpus(t, []string{files}, 2)
	want := map[string]Row{}
	for _, r := range readRows[Row](t, filepath.Join(fileOut, ScoresName)) {
		want[r.DocPath] = scoresOnly(r)
	}
	if len(want) != n {
		t.Fatalf("%d file rows", len(want))
	}
	for _, c := range []struct{ name, dir string }{{"jsonl.zst", zdir}, {"parquet", pdir}} {
		out, m := runCorpus(t, []string{c.dir}, 2)
		if m.Inputs != n || m.Rows != n {
			t.Errorf("%s: %d inputs, %d rows", c.name, m.Inputs, m.Rows)
		}
		diff := 0
		for _, r := range readRows[Row](t, filepath.Join(out, ScoresName)) {
			w, ok := want[r.PostID] // the id field is the file's path
			if !ok || !reflect.DeepEqual(scoresOnly(r), w) {
				if diff++; diff <= 3 {
					t.Errorf("%s: %s (%s) differs from its file", c.name, r.PostID, r.DocPath)
				}
			}
		}
		if diff > 0 {
			t.Errorf("%s: %d of %d rows differ", c.name, diff, n)
		}
	}
}

// TestJSONLBadLines: each line is an input; a bad line is an error row with
// its line number, and the file goes on.
func TestJSONLBadLines(t *testing.T) {
	dir := t.TempDir()
	lines := []string{
		`{"id": "a", "text": "a first post\n\nwith a paragraph that is long enough to read."}`,
		`{"id": 7, "text": "a second post\n\nits id is a number in the JSON."}`,
		`not json at all`,
		``,
		`{"id": "c"}`,
		`{"id": "d", "text": 42}`,
		`{"text": "no id here\n\nso the line's doc_path names it."}`,
	}
	os.WriteFile(filepath.Join(dir, "c.jsonl"), []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	out, m := runCorpus(t, []string{dir}, 1)
	if m.Inputs != 6 || m.Rows != 3 || m.Errors != 3 {
		t.Fatalf("inputs %d rows %d errors %d", m.Inputs, m.Rows, m.Errors)
	}
	var ids []string
	for _, r := range readRows[Row](t, filepath.Join(out, ScoresName)) {
		ids = append(ids, r.PostID+"="+r.DocPath)
	}
	if strings.Join(ids, " ") != "a=c.jsonl:1 7=c.jsonl:2 c.jsonl:7=c.jsonl:7" {
		t.Errorf("rows: %v", ids)
	}
	var errs []string
	for _, e := range readRows[ErrorRow](t, filepath.Join(out, ErrorsName)) {
		errs = append(errs, fmt.Sprintf("%s %s", e.DocPath, e.Reason))
	}
	want := []string{
		"c.jsonl:3 line 3 is not a JSON object: invalid character 'o' in literal null (expecting 'u')",
		`c.jsonl:5 line 5 has no field "text" (--text-field)`,
		`c.jsonl:6 line 6: field "text" is not a string`,
	}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("error rows:\n%s", strings.Join(errs, "\n"))
	}
}

// TestRealMarkdownCorpus scores all of roweb3-md: every post a row but the
// two empty headless stubs; Spanish and Portuguese posts get their language
// and no readability.
func TestRealMarkdownCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "real", "roweb3-md")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s is not here (CI has ../shared beside the clone)", dir)
	}
	out, m := runCorpus(t, []string{dir}, 2)
	if m.Inputs != 764 || m.Rows != 762 || m.Errors != 2 {
		t.Errorf("inputs %d rows %d errors %d", m.Inputs, m.Rows, m.Errors)
	}
	errs := readRows[ErrorRow](t, filepath.Join(out, ErrorsName))
	for _, e := range errs {
		if e.Kind != "empty" || !strings.Contains(e.Reason, "headless") || !strings.HasSuffix(e.DocPath, "/index.md") {
			t.Errorf("error row: %+v", e)
		}
	}
	byLang := map[string]int{}
	for _, r := range readRows[Row](t, filepath.Join(out, ScoresName)) {
		for _, lang := range []string{"es", "pt", "fr"} {
			if strings.HasSuffix(r.DocPath, ".index."+lang+".md") || strings.HasSuffix(r.DocPath, "/index."+lang+".md") {
				byLang[lang]++
				if r.Language != lang || r.FleschReadingEase != nil || r.DedupFleschReadingEase != nil {
					t.Errorf("%s: language %s, readability %v", r.DocPath, r.Language, r.FleschReadingEase)
				}
				if !strings.Contains(strings.Join(r.Warnings, "|"), "readability_not_english: "+lang) {
					t.Errorf("%s: warnings %v", r.DocPath, r.Warnings)
				}
			}
		}
		if r.Format != "markdown" {
			t.Errorf("%s read as %s", r.DocPath, r.Format)
		}
	}
	if byLang["es"] != 68 || byLang["pt"] != 17 || byLang["fr"] != 8 {
		t.Errorf("posts by language: %v", byLang)
	}
}

// TestJSONLDoc: one line's text and id, by the rules the old two-pass
// decoding followed (encoding/json into a map: the last of a repeated field
// counts, the whole line must be one object).
func TestJSONLDoc(t *testing.T) {
	o := docOptions{TextField: "text", IDField: "id"}
	for _, c := range []struct {
		line, text, id, reason string
	}{
		{`{"id": "a", "text": "hello\nworld \u00e9"}`, "hello\nworld é", "a", ""},
		{`{"text": "x", "id": 12.50}`, "x", "12.50", ""},
		{`{"text": "x", "id": null}`, "x", "", ""},
		{`{"text": "x", "id": true, "meta": {"a": [1, {"b": "}"}]}}`, "x", "true", ""},
		{`{"text": 1, "text": "second wins"}`, "second wins", "", ""},
		{`  {"text": "spaces around"}  `, "spaces around", "", ""},
		{`{"text": "x"} {"text": "y"}`, "", "", "line 1 is not a JSON object: more than one JSON value on the line"},
		{`{"text": "x"} ]`, "", "", "line 1 is not a JSON object: invalid character ']' looking for beginning of value"},
		{`[1, 2]`, "", "", "line 1 is not a JSON object: it is an array"},
		{`"just a string"`, "", "", "line 1 is not a JSON object: it is a string"},
		{`{"text": "unterminated`, "", "", "line 1 is not a JSON object: unexpected EOF"},
		{`{"id": "c"}`, "", "", `line 1 has no field "text" (--text-field)`},
		{`{"text": ["a"]}`, "", "", `line 1: field "text" is not a string`},
	} {
		text, id, e := jsonlDoc([]byte(c.line), 1, o)
		reason := ""
		if e != nil {
			reason = e.Reason
		}
		if string(text) != c.text || id != c.id || reason != c.reason {
			t.Errorf("%s: got text %q id %q error %q; want %q %q %q", c.line, text, id, reason, c.text, c.id, c.reason)
		}
	}
}

// TestJSONLDocFast holds the hand-written reader to encoding/json's on
// random lines, well-formed and not: wherever it takes a line, the same text
// and id; and it must take the plain lines corpus exports write.
func TestJSONLDocFast(t *testing.T) {
	o := docOptions{TextField: "text", IDField: "id"}
	pieces := []string{
		`{`, `}`, `"text"`, `"id"`, `"meta"`, `:`, `,`, ` `, "\t", "\r",
		`"hello"`, `"a\nb"`, `"tab\tx"`, `"q\"x\\y\/z"`, `"\b\f\r"`, `"\u00e9\u4e2d"`, `"\ud83d\ude00"`, `"\ud83d"`,
		`"\u12"`, `"\x"`, "\"raw\x01ctl\"", "\"bad\xffutf8\"", `"é中"`, `"unterminated`,
		`12`, `-0.5e+3`, `01`, `1.`, `-`, `true`, `false`, `null`, `nul`, `truex`,
		`[1,2]`, `{"a":1}`, `"te\u0078t"`,
	}
	r := rand.New(rand.NewPCG(11, 12))
	fast, same := 0, 0
	for range 200000 {
		var b strings.Builder
		if r.IntN(3) == 0 {
			// Mostly the shape of a real line, with random values.
			fmt.Fprintf(&b, `{"id":%s,"text":%s}`, pieces[10+r.IntN(len(pieces)-10)], pieces[10+r.IntN(len(pieces)-10)])
		} else {
			for range r.IntN(12) {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
		}
		line := []byte(b.String())
		text, id, ok := jsonlDocFast(line, o)
		if !ok {
			continue
		}
		fast++
		wantText, wantID, e := jsonlDocDecoder(line, 1, o)
		if e != nil {
			t.Fatalf("%q: the fast reader took it (text %q, id %q); encoding/json: %s", line, text, id, e.Reason)
		}
		if string(text) != string(wantText) || id != wantID {
			t.Fatalf("%q: fast text %q id %q; encoding/json text %q id %q", line, text, id, wantText, wantID)
		}
		same++
	}
	if fast < 5000 {
		t.Fatalf("the fast reader took only %d lines: the test no longer exercises it", fast)
	}
	for _, line := range []string{
		`{"id":"0000/0000000.txt","text":"|\n\ntitle\n\nbody \"quoted\" \u00e9."}`,
		` {"text": "x", "id": 7, "lang": "en", "score": -1.5e3, "ok": true, "gone": null}` + "\r",
	} {
		if _, _, ok := jsonlDocFast([]byte(line), o); !ok {
			t.Errorf("%s: a plain export line, left to encoding/json", line)
		}
	}
}

// TestCorpusFileOpenErrors: a JSONL or Parquet corpus file that cannot be
// opened is the same error row as a post file that cannot (not
// "unreadable", nor for Parquet "bad_parquet: not a Parquet file").
func TestCorpusFileOpenErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone")
	_, want := readLimited(missing, 100)
	if want == nil || want.Kind != "vanished" {
		t.Fatalf("a missing post file: %+v, want vanished", want)
	}
	o := docOptions{TextField: "text", IDField: "id", MaxBytes: 100}
	for name, docs := range map[string]containerReader{
		"jsonl": jsonlDocs, "parquet": parquetDocs,
	} {
		var got []Input
		err := docs(context.Background(), Input{Path: missing + "." + name, DocPath: "gone." + name}, o, wholeFile, func(in Input) error {
			got = append(got, in)
			return nil
		})
		if err != nil || len(got) != 1 || got[0].Err == nil || got[0].Err.Kind != want.Kind || got[0].Err.Reason != want.Reason {
			t.Errorf("%s: %v, %+v; want one row %s: %s", name, err, got, want.Kind, want.Reason)
		}
	}
}

// writeParquetDuckDB writes the result of a DuckDB SELECT as a Parquet file.
func writeParquetDuckDB(t *testing.T, db *sql.DB, path, query string) {
	t.Helper()
	if _, err := db.Exec(fmt.Sprintf("COPY (%s) TO '%s' (FORMAT parquet)", query, path)); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// parquetInputs runs parquetDocs on one file and returns what it emitted.
func parquetInputs(t *testing.T, path string) []Input {
	t.Helper()
	return docsOf(t, parquetDocs, path, 1<<20)
}

// TestParquetColumnTypes: a text column that is not a string is one error
// row for the file that names the column, its type and --text-field (not
// a panic, nor, for INT64, posts titled "0", "1"...); an id
// column of strings or integers is read (integers as their decimal
// string), of any other type an error row that names --id-field.
func TestParquetColumnTypes(t *testing.T) {
	db := openDuck(t)
	dir := t.TempDir()
	badText := map[string]string{
		"boolean":   "true",
		"double":    "1.5::DOUBLE",
		"date":      "DATE '2026-01-02'",
		"timestamp": "TIMESTAMP '2026-01-02 03:04:05'",
		"decimal":   "12.50::DECIMAL(10,2)",
		"tinyint":   "7::TINYINT",
		"hugeint":   "7::HUGEINT",
		"bigint":    "7::BIGINT",
		"list":      "[1, 2]",
		"struct":    "{'a': 1}",
		"map":       "MAP {'k': 1}",
	}
	for name, expr := range badText {
		path := filepath.Join(dir, name+".parquet")
		writeParquetDuckDB(t, db, path, "SELECT 'p' AS id, "+expr+" AS text FROM range(3)")
		got := parquetInputs(t, path)
		if len(got) != 1 || got[0].Err == nil {
			t.Errorf("%s: %d inputs %+v, want one error row", name, len(got), got)
			continue
		}
		e := got[0].Err
		if got[0].DocPath != name+".parquet" || e.Kind != ErrKindBadParquet ||
			!strings.Contains(e.Reason, `column "text" is `) || !strings.Contains(e.Reason, "--text-field") {
			t.Errorf("%s: %s %+v", name, got[0].DocPath, e)
		}
	}
	// The type is named as Arrow reads it.
	if e := parquetInputs(t, filepath.Join(dir, "boolean.parquet"))[0].Err; !strings.Contains(e.Reason, `column "text" is bool, not text (string or binary): give --text-field the column`) {
		t.Errorf("boolean: %s", e.Reason)
	} else {
		t.Log(e.Reason)
	}

	for _, c := range []struct {
		name, expr, wantID string
	}{
		{"id-varchar", "'a-1'", "a-1"},
		{"id-bigint", "42::BIGINT", "42"},
		{"id-integer", "-7::INTEGER", "-7"},
		{"id-utinyint", "200::UTINYINT", "200"},
		{"id-null", "NULL::BIGINT", ""},
	} {
		path := filepath.Join(dir, c.name+".parquet")
		writeParquetDuckDB(t, db, path, "SELECT "+c.expr+" AS id, 'a title\n\na paragraph of text.' AS text")
		got := parquetInputs(t, path)
		if len(got) != 1 || got[0].Err != nil || got[0].ID != c.wantID || got[0].DocPath != c.name+".parquet:1" {
			t.Errorf("%s: %+v, want one document with id %q", c.name, got, c.wantID)
		}
	}
	for _, name := range []string{"double", "boolean", "date", "list"} {
		path := filepath.Join(dir, "id-"+name+".parquet")
		writeParquetDuckDB(t, db, path, "SELECT "+badText[name]+" AS id, 'a title' AS text")
		got := parquetInputs(t, path)
		if len(got) != 1 || got[0].Err == nil || got[0].Err.Kind != ErrKindBadParquet ||
			!strings.Contains(got[0].Err.Reason, `column "id" is `) || !strings.Contains(got[0].Err.Reason, "--id-field") {
			t.Errorf("id %s: %+v", name, got)
		}
	}
}

// TestParquetBadColumnRunGoesOn: a Parquet file whose text column is not
// text is one error row, and the rest of the batch is scored.
func TestParquetBadColumnRunGoesOn(t *testing.T) {
	dir := t.TempDir()
	writeParquetDuckDB(t, openDuck(t), filepath.Join(dir, "b.parquet"), "SELECT 'p' AS id, true AS text")
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("a good post\n\nwith a paragraph of text that ends well.\n"), 0o644)
	out, m := runCorpus(t, []string{dir}, 2)
	if m.Inputs != 2 || m.Rows != 1 || m.Errors != 1 {
		t.Fatalf("inputs %d rows %d errors %d, want 2, 1, 1", m.Inputs, m.Rows, m.Errors)
	}
	e := readRows[ErrorRow](t, filepath.Join(out, ErrorsName))[0]
	if e.DocPath != "b.parquet" || e.Kind != ErrKindBadParquet {
		t.Errorf("error row %+v", e)
	}
}
