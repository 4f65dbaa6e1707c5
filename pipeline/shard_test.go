package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"
)

// TestShardBoundaries: shard i of N begins at ⌈i·T/N⌉ (worked by hand).
func TestShardBoundaries(t *testing.T) {
	for _, c := range []struct {
		total int64
		n     int
		want  []int64
	}{
		{1000, 3, []int64{0, 334, 667, 1000}},
		{10, 4, []int64{0, 3, 5, 8, 10}}, // 2.5 → 3, 5, 7.5 → 8
		{2, 5, []int64{0, 1, 1, 2, 2, 2}},
		{0, 3, []int64{0, 0, 0, 0}},
		{1 << 62, 3, []int64{0, 1537228672809129302, 3074457345618258603, 1 << 62}}, // i·T overflows int64
	} {
		var got []int64
		for i := 0; i <= c.n; i++ {
			got = append(got, shardBoundary(i, c.n, c.total))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("T=%d N=%d: %v, want %v", c.total, c.n, got, c.want)
		}
	}
}

func TestParseShard(t *testing.T) {
	if s, err := ParseShard("2/7"); err != nil || s != (Shard{Index: 2, Count: 7, From: "--shard"}) || s.String() != "2-of-7" {
		t.Errorf("2/7: %+v, %v", s, err)
	}
	for _, bad := range []string{"7/7", "-1/3", "1/0", "x", "1/", "/3", "1/3/4"} {
		if _, err := ParseShard(bad); !errors.Is(err, ErrBadShard) || !strings.Contains(err.Error(), "--shard") {
			t.Errorf("%q: %v, want ErrBadShard naming --shard", bad, err)
		}
	}
	env := map[string]string{"SLURM_ARRAY_TASK_ID": "4"}
	if s, err := ShardFromEnv(5, func(k string) string { return env[k] }); err != nil || s != (Shard{Index: 4, Count: 5, From: "SLURM_ARRAY_TASK_ID"}) {
		t.Errorf("Slurm: %+v, %v", s, err)
	}
	env["JOB_COMPLETION_INDEX"] = "1" // Kubernetes' comes first
	if s, err := ShardFromEnv(5, func(k string) string { return env[k] }); err != nil || s.Index != 1 || s.From != "JOB_COMPLETION_INDEX" {
		t.Errorf("Kubernetes: %+v, %v", s, err)
	}
	if _, err := ShardFromEnv(5, func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID") {
		t.Errorf("no variable: %v", err)
	}
}

// TestJSONLSpans: a span holds the lines that start in it; line numbers
// count every line before them, blank ones too, and a span that begins
// inside a line starts at the next one.
func TestJSONLSpans(t *testing.T) {
	// Offsets: line 1 at 0 (12 bytes + \n), line 2 at 13 (blank), line 3
	// at 14 (two spaces, then 12 bytes), line 4 at 29.
	text := `{"text":"a"}` + "\n" + "\n" + `  {"text":"b"}` + "\n" + `{"text":"c"}`
	path := filepath.Join(t.TempDir(), "s.jsonl")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		from, to int64
		toEnd    bool
		want     string
	}{
		{0, 0, true, "s.jsonl:1 s.jsonl:3 s.jsonl:4"},
		{0, 14, false, "s.jsonl:1"},
		{0, 15, false, "s.jsonl:1 s.jsonl:3"},                             // line 3 starts at 14, its text at 16
		{1, 14, false, ""},                                                // inside line 1, then the blank line 2
		{13, 29, false, "s.jsonl:3"},                                      // line 2's start, up to line 4's
		{14, 0, true, "s.jsonl:3 s.jsonl:4"},                              // exactly at line 3
		{15, 0, true, "s.jsonl:4"},                                        // inside line 3
		{29, 100, false, "s.jsonl:4"},                                     // the last line, no line end
		{30, 0, true, ""},                                                 // inside the last line
		{-50, 0, false, ""},                                               // a span that ends before the file
		{-50, 1, false, "s.jsonl:1"},                                      // a span that began in an earlier file
		{int64(len(text)), 0, true, ""},                                   // the file's end
		{int64(len(text)) + 10, 0, true, ""},                              // past it
		{13, 14, false, ""},                                               // the blank line alone
		{14, 29, false, "s.jsonl:3"},                                      // line 3 alone
		{0, 1, false, "s.jsonl:1"},                                        // its first byte
		{28, 29, false, ""},                                               // line 3's line end
		{29, 30, false, "s.jsonl:4"},                                      // line 4's first byte
		{16, 29, false, ""},                                               // line 3's text, not its start
		{0, int64(len(text)) + 1, false, "s.jsonl:1 s.jsonl:3 s.jsonl:4"}, // all
	} {
		sp := span{from: c.from, to: c.to, toEnd: c.toEnd, size: int64(len(text))}
		var got []string
		err := jsonlDocs(context.Background(), Input{Path: path, DocPath: "s.jsonl"}, docOptions{TextField: "text", MaxBytes: 100}, sp, func(in Input) error {
			got = append(got, in.DocPath)
			return nil
		})
		if err != nil || strings.Join(got, " ") != c.want {
			t.Errorf("span [%d, %d) toEnd %v: %q, %v; want %q", c.from, c.to, c.toEnd, got, err, c.want)
		}
	}
}

// TestParquetSpans: a Parquet file of four row groups of 3, 3, 3 and 1
// rows and equal bytes is split by the groups' shares of the file.
func TestParquetSpans(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.parquet")
	writeParquetRows(t, path, 10, 3)
	fi, _ := os.Stat(path)
	size := fi.Size()
	all := parquetSpanDocs(t, path, span{from: 0, toEnd: true, size: size, ownsFile: true})
	if len(all) != 10 || all[0] != "c.parquet:1" || all[9] != "c.parquet:10" {
		t.Fatalf("the whole file: %v", all)
	}
	// Two halves at any cut hold every row once, in order.
	for _, cut := range []int64{1, size / 4, size / 3, size / 2, 2 * size / 3, size - 1} {
		first := parquetSpanDocs(t, path, span{from: 0, to: cut, size: size, ownsFile: true})
		second := parquetSpanDocs(t, path, span{from: cut, toEnd: true, size: size})
		if got := append(first, second...); !reflect.DeepEqual(got, all) {
			t.Errorf("cut at %d of %d: %v + %v", cut, size, first, second)
		}
	}
	// The second group starts at a quarter of the file, or near it: a span
	// from there to the end has rows 4 to 10.
	if got := parquetSpanDocs(t, path, span{from: size / 4, toEnd: true, size: size}); len(got) != 7 || got[0] != "c.parquet:4" {
		t.Errorf("from a quarter: %v, want rows 4 to 10", got)
	}
}

// writeParquetRows writes rows text rows, perGroup to a row group.
func writeParquetRows(t *testing.T, path string, rows, perGroup int) {
	type doc struct {
		ID   string `parquet:"id"`
		Text string `parquet:"text"`
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[doc](f, parquet.MaxRowsPerRowGroup(int64(perGroup)))
	for i := range rows {
		if _, err := w.Write([]doc{{ID: fmt.Sprint(i), Text: fmt.Sprintf("Post %d\n\nSome words of post number %d.", i, i)}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func parquetSpanDocs(t *testing.T, path string, sp span) []string {
	t.Helper()
	var got []string
	err := parquetDocs(context.Background(), Input{Path: path, DocPath: filepath.Base(path)}, docOptions{TextField: "text", IDField: "id", MaxBytes: 1 << 20}, sp, func(in Input) error {
		if in.Err != nil {
			t.Errorf("%s: %s", in.DocPath, in.Err.Reason)
		}
		got = append(got, in.DocPath)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestShardsEqualUnsharded: the rows of shards 0..N-1, one after another,
// are the unsharded run's, on a corpus of files, a JSONL file split across
// shards, a compressed one that cannot be, a Parquet file of many row
// groups, empty files and inputs that are errors.
func TestShardsEqualUnsharded(t *testing.T) {
	corpus := shardCorpus(t)
	unsharded, _ := runCorpus(t, []string{corpus}, 2)
	wantRows := readRows[Row](t, filepath.Join(unsharded, ScoresName))
	wantErrs := readRows[ErrorRow](t, filepath.Join(unsharded, ErrorsName))
	for _, n := range []int{1, 2, 5, 13} {
		out := t.TempDir()
		var rows []Row
		var errs []ErrorRow
		for i := range n {
			s := Shard{Index: i, Count: n, From: "--shard"}
			_, err := Run(context.Background(), Options{Corpus: []string{corpus}, Out: out, Shard: &s, AsOf: asOf(t), Workers: 2, MaxErrors: -1, CheckpointInputs: 7})
			if err != nil {
				t.Fatalf("shard %s: %v", s, err)
			}
			rows = append(rows, readRows[Row](t, filepath.Join(ShardDir(out, s), ScoresName))...)
			errs = append(errs, readRows[ErrorRow](t, filepath.Join(ShardDir(out, s), ErrorsName))...)
		}
		if !reflect.DeepEqual(docPaths(rows), docPaths(wantRows)) || !reflect.DeepEqual(rows, wantRows) {
			t.Errorf("N=%d: the shards' rows are not the unsharded run's:\n%v\nwant\n%v", n, docPaths(rows), docPaths(wantRows))
		}
		if !reflect.DeepEqual(errs, wantErrs) {
			t.Errorf("N=%d: the shards' error rows are not the unsharded run's:\n%+v\nwant\n%+v", n, errs, wantErrs)
		}
		if _, err := Merge(context.Background(), MergeOptions{Out: out}); err != nil {
			t.Fatalf("N=%d: merge: %v", n, err)
		}
		if got := readRows[Row](t, filepath.Join(out, ScoresName)); !reflect.DeepEqual(got, wantRows) {
			t.Errorf("N=%d: the merged rows are not the unsharded run's", n)
		}
	}
}

// shardCorpus writes a small corpus of every kind of input a shard splits
// or keeps whole.
func shardCorpus(t *testing.T) string {
	dir := t.TempDir()
	post := func(i int) string {
		return fmt.Sprintf("Post %d\n\n%s\n", i, strings.Repeat(fmt.Sprintf("Sentence %d is here to be read. ", i), 1+i%7))
	}
	var jsonl strings.Builder
	for i := range 40 {
		fmt.Fprintf(&jsonl, "{\"id\":\"j%d\",\"text\":%q}\n", i, post(i))
		if i%9 == 0 {
			jsonl.WriteString("\n  \nnot json\n")
		}
	}
	files := map[string]string{
		"a/one.txt": post(1), "a/two.md": "---\ntitle: Two\n---\n\n" + post(2), "a/empty.txt": "",
		"b/big.jsonl": jsonl.String(), "b/empty.jsonl": "", "c/last.txt": post(3), "d/zz.txt": "",
	}
	for i := range 12 {
		files[fmt.Sprintf("e/%02d.txt", i)] = post(i)
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zf, _ := os.Create(filepath.Join(dir, "b", "small.jsonl.zst"))
	zw, _ := zstd.NewWriter(zf)
	zw.Write([]byte(jsonl.String()[:2000] + "\n"))
	zw.Close()
	zf.Close()
	writeParquetRows(t, filepath.Join(dir, "c", "rows.parquet"), 30, 4)
	os.Symlink("/nonexistent", filepath.Join(dir, "c", "broken.txt"))
	return dir
}

// TestShardResume: a shard's --resume starts a shard not begun, returns a
// complete one as it is, and refuses one made differently; an unsharded
// run's --resume still needs an interrupted run.
func TestShardResume(t *testing.T) {
	corpus := shardCorpus(t)
	out := t.TempDir()
	s := Shard{Index: 1, Count: 3, From: "--shard"}
	opts := Options{Corpus: []string{corpus}, Out: out, Shard: &s, AsOf: asOf(t), Workers: 2, MaxErrors: -1, Resume: true}
	first, err := Run(context.Background(), opts)
	if err != nil || first.Inputs == 0 {
		t.Fatalf("--resume on a shard not begun: %+v, %v; want it scored", first, err)
	}
	before, _ := os.ReadFile(filepath.Join(ShardDir(out, s), ManifestName))
	again, err := Run(context.Background(), opts)
	after, _ := os.ReadFile(filepath.Join(ShardDir(out, s), ManifestName))
	if err != nil || again.Inputs != first.Inputs || string(before) != string(after) {
		t.Errorf("--resume on a complete shard: %v, manifest changed %v; want it left as it is", err, string(before) != string(after))
	}
	opts.AsOf++
	if _, err := Run(context.Background(), opts); !errors.Is(err, ErrOutputExists) {
		t.Errorf("--resume on a shard made with another as-of: %v, want ErrOutputExists", err)
	}
	whole := Options{Corpus: []string{corpus}, Out: t.TempDir(), AsOf: asOf(t), Workers: 2, MaxErrors: -1, Resume: true}
	if _, err := Run(context.Background(), whole); !errors.Is(err, ErrCannotResume) {
		t.Errorf("--resume on an empty OUT, unsharded: %v, want ErrCannotResume", err)
	}
}

// TestShardSeesCorpusChange: a file added between the listing and the
// feed's walk makes the shard's run fail, not cut at other places.
func TestShardSeesCorpusChange(t *testing.T) {
	corpus := shardCorpus(t)
	opts := Options{Corpus: []string{corpus}, Shard: &Shard{Index: 0, Count: 2}}
	if err := opts.setDefaults(); err != nil {
		t.Fatal(err)
	}
	l, err := listCorpus(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.shard = planShard(*opts.Shard, l)
	walk := func() error {
		return newFeed(opts, nil, nil).walk(context.Background(), func(Input) error { return nil })
	}
	if err := walk(); err != nil {
		t.Fatalf("the corpus as listed: %v", err)
	}
	os.WriteFile(filepath.Join(corpus, "a", "new.txt"), []byte("New\n\nA post added after the listing.\n"), 0o644)
	if err := walk(); err == nil || !strings.Contains(err.Error(), "the corpus changed") {
		t.Errorf("a file added after the listing: %v, want the corpus changed", err)
	}
}

// TestCountFiles: the progress's total counts the files a run reads (of a
// shard, its own), and is left unknown when a file holds many inputs.
func TestCountFiles(t *testing.T) {
	dir := t.TempDir()
	for i := range 6 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.txt", i)), []byte(strings.Repeat("x", 100)), 0o644)
	}
	count := func(opts Options) (int64, error) {
		if err := opts.setDefaults(); err != nil {
			t.Fatal(err)
		}
		if opts.Shard != nil {
			l, err := listCorpus(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			opts.shard = planShard(*opts.Shard, l)
		}
		return newFeed(opts, nil, nil).countFiles(context.Background())
	}
	if n, err := count(Options{Corpus: []string{dir}}); n != 6 || err != nil {
		t.Errorf("6 files: %d, %v", n, err)
	}
	if n, err := count(Options{Corpus: []string{dir}, Shard: &Shard{Index: 1, Count: 3}}); n != 2 || err != nil {
		t.Errorf("shard 1 of 3 of 6 files of 100 bytes: %d, %v; want 2", n, err)
	}
	os.WriteFile(filepath.Join(dir, "more.jsonl"), []byte(`{"text":"a"}`+"\n"), 0o644)
	if _, err := count(Options{Corpus: []string{dir}}); !errors.Is(err, errUncounted) {
		t.Errorf("with a JSONL file: %v, want errUncounted", err)
	}
}

// TestShardReportsItsUnreadablePart: a JSONL or Parquet file that cannot
// be opened is an error row for each shard that reads part of it, the ones
// not holding its start naming their part by the byte it begins at: no
// input goes unaccounted for.
func TestShardReportsItsUnreadablePart(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone")
	o := docOptions{TextField: "text", IDField: "id", MaxBytes: 100}
	for name, read := range map[string]containerReader{"big.jsonl": jsonlDocs, "big.parquet": parquetDocs} {
		var got []string
		for _, sp := range []span{{from: -10, to: 500, size: 1000, ownsFile: true}, {from: 500, toEnd: true, size: 1000}} {
			read(context.Background(), Input{Path: missing, DocPath: name}, o, sp, func(in Input) error {
				got = append(got, in.DocPath+" "+in.Err.Kind)
				return nil
			})
		}
		if want := name + " vanished|" + name + "@500 vanished"; strings.Join(got, "|") != want {
			t.Errorf("%s: error rows %q, want %q", name, got, want)
		}
	}
}

// TestNamesFromBuckets: the names a bucket's manifest and shard folders
// give are checked before they name local files or shards.
func TestNamesFromBuckets(t *testing.T) {
	for name, want := range map[string]bool{"scores.parquet": true, "report.html": true, "": false, ".": false, "..": false,
		"../../etc/passwd": false, "a/b": false, `a\b`: true, ".hidden": false} {
		if got := isRunFileName(name); got != want {
			t.Errorf("isRunFileName(%q) = %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string]bool{"0-of-1": true, "6-of-7": true, "0-of-0": false, "7-of-7": false, "00-of-2": false, "1-of-02": false, "-1-of-2": false, "a-of-2": false} {
		if _, got := parseShardDir(name); got != want {
			t.Errorf("parseShardDir(%q) ok = %v, want %v", name, got, want)
		}
	}
}
