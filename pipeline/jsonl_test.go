package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
)

// jsonlInputs runs jsonlDocs on one file and returns what it emitted.
func jsonlInputs(t testing.TB, path string, maxBytes int64) []Input {
	t.Helper()
	return docsOf(t, jsonlDocs, path, maxBytes)
}

// docsOf runs a container reader (jsonlDocs, parquetDocs) on one file and
// returns the documents it emitted.
func docsOf(t testing.TB, expand containerReader, path string, maxBytes int64) []Input {
	t.Helper()
	var got []Input
	o := docOptions{TextField: "text", IDField: "id", MaxBytes: maxBytes}
	err := expand(context.Background(), Input{Path: path, DocPath: filepath.Base(path)}, o, wholeFile, func(in Input) error {
		got = append(got, in)
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return got
}

// docLines is what jsonlDocs emitted, one "doc_path data" or
// "doc_path kind" a document.
func docLines(ins []Input) string {
	var b strings.Builder
	for _, in := range ins {
		b.WriteString(in.DocPath + " ")
		if in.Err != nil {
			b.WriteString(in.Err.Kind)
		} else {
			b.Write(in.Data)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestJSONLBlankLines: blank lines (white space only) are no inputs, and
// the lines after them keep their numbers; a blank run at the end of a
// file, or a file of nothing else, emits nothing.
func TestJSONLBlankLines(t *testing.T) {
	dir := t.TempDir()
	text := "\n\n \t\r\n\f\v\n  " + `{"text":"a"}` + "\n\n" + `{"text":"b"}` + "\r\n \n\u00a0\n" + `{"text":"c"}` + "\n\n\n"
	path := filepath.Join(dir, "c.jsonl")
	os.WriteFile(path, []byte(text), 0o644)
	want := "c.jsonl:5 {\"text\":\"a\"}\nc.jsonl:7 {\"text\":\"b\"}\nc.jsonl:10 {\"text\":\"c\"}\n"
	if got := docLines(jsonlInputs(t, path, 1<<20)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	blank := filepath.Join(dir, "blank.jsonl")
	os.WriteFile(blank, bytes.Repeat([]byte("\n \n"), 1000), 0o644)
	if got := jsonlInputs(t, blank, 1<<20); len(got) != 0 {
		t.Errorf("a file of blank lines: %d inputs", len(got))
	}
}

// TestJSONLBlankLinesCostNothing: a megabyte of newlines costs no
// allocation a line (a formatted doc_path a line would cost some 460 ns).
func TestJSONLBlankLinesCostNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "blank.jsonl")
	data := append(bytes.Repeat([]byte("\n"), 1<<20), `{"text":"x"}`...)
	os.WriteFile(path, data, 0o644)
	allocs := testing.AllocsPerRun(3, func() {
		if got := jsonlInputs(t, path, 1<<20); len(got) != 1 || got[0].DocPath != "blank.jsonl:1048577" {
			t.Fatalf("%d inputs: %s", len(got), docLines(got))
		}
	})
	if allocs > 50 {
		t.Errorf("%.0f allocations for 1 MiB of newlines and one line, want at most 50", allocs)
	}
}

// allocated is the bytes f allocates on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestJSONLLongLineHeldOnce: a line of 8 MiB is allocated as one buffer of
// its exact size, plus its pieces while it is read (2x in all; growing one
// buffer cost 5x and a copy more); a line over --max-bytes is an error row
// that costs at most --max-bytes of it, whatever its length.
func TestJSONLLongLineHeldOnce(t *testing.T) {
	dir := t.TempDir()
	const n = 8 << 20
	line := `{"text":"` + strings.Repeat("word ", n/5) + `"}`
	path := filepath.Join(dir, "long.jsonl")
	os.WriteFile(path, []byte(line+"\n"), 0o644)
	var got []Input
	bytesAllocated := allocated(func() { got = jsonlInputs(t, path, 1<<30) })
	if len(got) != 1 || len(got[0].Data) != len(line) || cap(got[0].Data) != len(line) {
		t.Fatalf("%d inputs; the line is %d bytes, read as %d (capacity %d)", len(got), len(line), len(got[0].Data), cap(got[0].Data))
	}
	const slack = 1 << 20 // the 256 KiB reader and small change
	if limit := uint64(2*len(line) + slack); bytesAllocated > limit {
		t.Errorf("reading a %d-byte line allocated %d bytes (%.1fx), want at most %d", len(line), bytesAllocated, float64(bytesAllocated)/float64(len(line)), limit)
	}

	const maxBytes = 1 << 20
	bytesAllocated = allocated(func() { got = jsonlInputs(t, path, maxBytes) })
	if len(got) != 1 || got[0].Err == nil || got[0].Err.Kind != ErrKindTooLarge {
		t.Fatalf("a line over --max-bytes: %s", docLines(got))
	}
	if limit := uint64(2*maxBytes + slack); bytesAllocated > limit {
		t.Errorf("a %d-byte line over --max-bytes %d allocated %d bytes, want at most %d", len(line), maxBytes, bytesAllocated, limit)
	}
}

// TestJSONLGzip: a .jsonl.gz corpus reads as the same lines; a file that is
// not gzip is one error row.
func TestJSONLGzip(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(`{"text":"a"}` + "\n\n" + `{"text":"b"}` + "\n"))
	zw.Close()
	os.WriteFile(filepath.Join(dir, "c.jsonl.gz"), b.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.jsonl.gz"), []byte(`{"text":"a"}`), 0o644)
	if got, want := docLines(jsonlInputs(t, filepath.Join(dir, "c.jsonl.gz"), 1<<20)), "c.jsonl.gz:1 {\"text\":\"a\"}\nc.jsonl.gz:3 {\"text\":\"b\"}\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := jsonlInputs(t, filepath.Join(dir, "bad.jsonl.gz"), 1<<20); len(got) != 1 || got[0].Err == nil || got[0].Err.Kind != ErrKindBadCompression {
		t.Errorf("not gzip: %s", docLines(got))
	}
}

// BenchmarkJSONLBlankLines reads 50 MB of newlines (one op: the file).
func BenchmarkJSONLBlankLines(b *testing.B) {
	path := filepath.Join(b.TempDir(), "blank.jsonl")
	os.WriteFile(path, bytes.Repeat([]byte("\n"), 50e6), 0o644)
	b.SetBytes(50e6)
	for b.Loop() {
		jsonlInputs(b, path, 1<<20)
	}
}

// BenchmarkJSONLGzip reads the generated posts of testdata/generated as
// lines of a .jsonl.gz file, ten times over.
func BenchmarkJSONLGzip(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "generated", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no generated posts: %v", err)
	}
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	for i := range 10 * len(files) {
		text, err := os.ReadFile(files[i%len(files)])
		if err != nil {
			b.Fatal(err)
		}
		enc.Encode(map[string]string{"id": files[i%len(files)], "text": string(text)})
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(raw.Bytes())
	zw.Close()
	path := filepath.Join(b.TempDir(), "c.jsonl.gz")
	os.WriteFile(path, z.Bytes(), 0o644)
	b.SetBytes(int64(raw.Len()))
	for b.Loop() {
		jsonlInputs(b, path, 1<<20)
	}
}

// BenchmarkJSONLDoc: the hand-written reader of flat lines (jsonlDocFast)
// against encoding/json (jsonlDocDecoder) on a line of a 9 KB post, the
// size of make bench's.
func BenchmarkJSONLDoc(b *testing.B) {
	text := strings.Repeat("A sentence of a post, with \"quotes\" and a tab\tin it. ", 170)
	line, err := json.Marshal(map[string]any{"id": "post-1", "text": text, "lang": "en", "score": 0.5})
	if err != nil {
		b.Fatal(err)
	}
	o := docOptions{TextField: "text", IDField: "id", MaxBytes: 1 << 20}
	b.Run("decoder", func(b *testing.B) {
		b.SetBytes(int64(len(line)))
		for range b.N {
			if _, _, rerr := jsonlDocDecoder(line, 1, o); rerr != nil {
				b.Fatal(rerr.Reason)
			}
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(int64(len(line)))
		for range b.N {
			if _, _, ok := jsonlDocFast(line, o); !ok {
				b.Fatal("the fast reader refused a flat line")
			}
		}
	})
}
