package pipeline

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/post"
	_ "github.com/duckdb/duckdb-go/v2"
)

// copyTree copies the testdata corpus so that tests can add files to it.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if fi.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func asOf(t testing.TB) post.Date {
	d, err := post.ParseDate("2026-11-27")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func runCorpus(t *testing.T, corpus []string, workers int) (string, *Manifest) {
	t.Helper()
	out := t.TempDir()
	m, err := Run(context.Background(), Options{Corpus: corpus, Out: out, AsOf: asOf(t), Workers: workers, MaxErrors: -1, CommandLine: []string{"postscore", "test"}})
	if err != nil {
		t.Fatal(err)
	}
	return out, m
}

func readRows[T any](t *testing.T, path string) []T {
	t.Helper()
	rows, err := ReadParquet[T](path)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func openDuck(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryOne[T any](t *testing.T, db *sql.DB, q string, args ...any) T {
	t.Helper()
	var v T
	if err := db.QueryRow(q, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

// testCorpus is testdata/corpus plus an unreadable file, a hidden file and a
// non-UTF-8 file name.
func testCorpus(t *testing.T) string {
	dir := t.TempDir()
	copyTree(t, filepath.Join("..", "testdata", "corpus"), dir)
	locked := filepath.Join(dir, "bad", "locked.txt")
	if err := os.WriteFile(locked, []byte("locked\n\nthis file cannot be read by anyone but root.\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".hidden.txt"), []byte("hidden\n\nnever read.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "posts", "caf\xe9.txt"), []byte("latin-1 name\n\na file whose name is not UTF-8.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestScoreTestdata(t *testing.T) {
	corpus := testCorpus(t)
	out, m := runCorpus(t, []string{corpus}, 2)
	scores, errs := filepath.Join(out, ScoresName), filepath.Join(out, ErrorsName)
	db := openDuck(t)

	// Every input is accounted for.
	rows := queryOne[int64](t, db, "SELECT count(*) FROM read_parquet(?)", scores)
	errRows := queryOne[int64](t, db, "SELECT count(*) FROM read_parquet(?)", errs)
	if rows+errRows != m.Inputs || rows != m.Rows || errRows != m.Errors {
		t.Errorf("rows %d + errors %d != inputs %d (manifest rows %d errors %d)", rows, errRows, m.Inputs, m.Rows, m.Errors)
	}
	// bad/binary.png is no input: its extension names no format auto reads.
	if m.Inputs != 13 || m.HiddenSkipped != 1 || !reflect.DeepEqual(m.Skipped, map[string]int64{".png": 1}) || m.Excluded != 0 {
		t.Errorf("inputs = %d, hidden = %d, skipped %v, excluded %d; want 13, 1, .png 1 and 0", m.Inputs, m.HiddenSkipped, m.Skipped, m.Excluded)
	}

	// Column types as DuckDB sees them.
	types := map[string]string{}
	r, err := db.Query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))", scores)
	if err != nil {
		t.Fatal(err)
	}
	for r.Next() {
		var n, ty string
		if err := r.Scan(&n, &ty); err != nil {
			t.Fatal(err)
		}
		types[n] = ty
	}
	wantTypes := map[string]string{
		"post_id": "VARCHAR", "quality": "INTEGER", "quality_exact": "DOUBLE", "word_count": "INTEGER",
		"repetition_ratio": "DOUBLE", "last_reviewed": "DATE", "as_of": "DATE", "days_since_review": "INTEGER",
		"flag_image_heavy": "BOOLEAN", "stack": "VARCHAR[]", "tools": "VARCHAR[]", "warnings": "VARCHAR[]",
		"meta_unknown": "VARCHAR[]", "view_count": "BIGINT", "claimed_quality": "INTEGER",
		"entities":           `STRUCT("name" VARCHAR, "type" VARCHAR)[]`,
		"image_sources":      `STRUCT("source" VARCHAR, url VARCHAR, caption VARCHAR)[]`,
		"quality_components": `STRUCT(feature VARCHAR, "value" DOUBLE, curve_value DOUBLE, weight DOUBLE, points DOUBLE, lost DOUBLE, used_missing BOOLEAN)[]`,
	}
	for col, want := range wantTypes {
		if types[col] != want {
			t.Errorf("column %s is %q in DuckDB, want %q", col, types[col], want)
		}
	}
	for _, name := range features.NumericNames() {
		if _, ok := types[name]; !ok {
			t.Errorf("feature %s has no column", name)
		}
	}

	// A component that counted its missing value says so, in a column
	// DuckDB reads as a boolean: score.freshness in every post without a
	// review date, with a null value and the missing value 0 as its curve
	// value; no other post's.
	usedMissing := queryOne[int64](t, db, `SELECT count(*) FROM (SELECT unnest(quality_components) AS c, last_reviewed FROM read_parquet(?))
		WHERE c.used_missing AND c.feature = 'score.freshness' AND c.value IS NULL AND c.curve_value = 0 AND last_reviewed IS NULL`, scores)
	noReview := queryOne[int64](t, db, "SELECT count(*) FROM read_parquet(?) WHERE last_reviewed IS NULL", scores)
	allUsed := queryOne[int64](t, db, "SELECT count(*) FROM (SELECT unnest(quality_components) AS c FROM read_parquet(?)) WHERE c.used_missing", scores)
	if noReview == 0 || usedMissing != noReview || allUsed != noReview {
		t.Errorf("%d posts without a review date, %d whose score.freshness used its missing value 0, %d components used theirs in all", noReview, usedMissing, allUsed)
	}

	// Statistics: each row group's column chunks carry min, max and null
	// count, equal to what the rows hold (one row group here).
	for _, col := range []string{"quality", "doc_path", "word_count", "last_reviewed"} {
		var gotMin, gotMax, wantMin, wantMax string
		var gotNulls, wantNulls int64
		if err := db.QueryRow(`SELECT stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata(?) WHERE path_in_schema = ?`,
			scores, col).Scan(&gotMin, &gotMax, &gotNulls); err != nil {
			t.Fatalf("statistics of %s: %v", col, err)
		}
		if err := db.QueryRow(fmt.Sprintf(`SELECT CAST(min(%[1]s) AS VARCHAR), CAST(max(%[1]s) AS VARCHAR), count(*) - count(%[1]s) FROM read_parquet(?)`, col),
			scores).Scan(&wantMin, &wantMax, &wantNulls); err != nil {
			t.Fatal(err)
		}
		if gotMin != wantMin || gotMax != wantMax || gotNulls != wantNulls {
			t.Errorf("statistics of %s: min %q max %q nulls %d; the rows: %q %q %d", col, gotMin, gotMax, gotNulls, wantMin, wantMax, wantNulls)
		}
	}

	// The seed's row.
	var (
		pid, lastReviewed, rev, difficulty                                               string
		paras, heads, bullets, images, words, prose, sentences, days, freshness, quality int
		claimedQ, claimedP, claimedRT, gap                                               int
		heavy                                                                            bool
		tools                                                                            string
		entities                                                                         int
	)
	err = db.QueryRow(`SELECT post_id, CAST(last_reviewed AS VARCHAR), revision_version, difficulty, paragraph_count, heading_count,
		bullet_count, image_count, word_count, prose_word_count, sentence_count, days_since_review, freshness, quality,
		claimed_quality, claimed_paragraphs, claimed_reading_time, paragraph_gap, flag_image_heavy, array_to_string(tools, ','), len(entities)
		FROM read_parquet(?) WHERE doc_path = 'seed/000_3c46a61df17ffb0d.txt'`, scores).Scan(
		&pid, &lastReviewed, &rev, &difficulty, &paras, &heads, &bullets, &images, &words, &prose, &sentences, &days, &freshness, &quality,
		&claimedQ, &claimedP, &claimedRT, &gap, &heavy, &tools, &entities)
	if err != nil {
		t.Fatal(err)
	}
	got := []any{pid, lastReviewed, rev, difficulty, paras, heads, bullets, images, words, prose, sentences, days, freshness, claimedQ, claimedP, claimedRT, gap, heavy, tools, entities}
	want := []any{"alphanode-006681", "2026-06-29", "1.4.3", "advanced", 10, 5, 5, 5, 466, 436, 29, 151, 56, 97, 9, 13, 1, true, "fastapi,pytest,uvicorn,ruff,git,logs", 3}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("seed row:\n got %v\nwant %v", got, want)
	}
	if quality >= 80 {
		t.Errorf("seed quality %d: should be clearly below its claimed 97", quality)
	}

	// Error rows and warned posts, as FORMAT.md says.
	errByPath := map[string]string{}
	er, err := db.Query("SELECT doc_path, stage || ':' || kind FROM read_parquet(?)", errs)
	if err != nil {
		t.Fatal(err)
	}
	for er.Next() {
		var p, k string
		if err := er.Scan(&p, &k); err != nil {
			t.Fatal(err)
		}
		errByPath[p] = k
	}
	wantErr := map[string]string{
		"bad/empty.txt": "parse:empty", "bad/only-preamble.txt": "parse:only_preamble",
		"bad/mostly-invalid.txt": "parse:not_text",
	}
	if os.Geteuid() != 0 {
		wantErr["bad/locked.txt"] = "read:permission_denied"
	} // root reads a mode-000 file: it is then a post like any other
	if !reflect.DeepEqual(errByPath, wantErr) {
		t.Errorf("error rows:\n got %v\nwant %v", errByPath, wantErr)
	}
	warned := map[string]string{}
	wr, err := db.Query("SELECT doc_path, array_to_string(warnings, '|') FROM read_parquet(?) WHERE len(warnings) > 0", scores)
	if err != nil {
		t.Fatal(err)
	}
	for wr.Next() {
		var p, w string
		if err := wr.Scan(&p, &w); err != nil {
			t.Fatal(err)
		}
		warned[p] = w
	}
	wantWarn := map[string]string{
		"bad/invalid-utf8.txt":    "invalid_utf8|no_meta",
		"posts/no-meta.txt":       "no_meta",
		`posts/caf\xE9.txt`:       "no_meta",
		"posts/future-review.txt": "review_date_in_future: 2027-03-01",
		"posts/bad-meta.txt":      `bad_meta_value: reading time = "thirteen"|claimed_score_out_of_range: score.quality = 140|bad_meta_value: score.freshness = "high"|bad_meta_value: revision.last reviewed = "2026-13-45"|unknown_meta_key`,
	}
	if os.Geteuid() == 0 {
		wantWarn["bad/locked.txt"] = "no_meta"
	}
	if !reflect.DeepEqual(warned, wantWarn) {
		t.Errorf("warnings:\n got %v\nwant %v", warned, wantWarn)
	}

	// The key-value metadata carries the manifest's facts.
	kv := map[string]string{}
	kr, err := db.Query("SELECT decode(key), decode(value) FROM parquet_kv_metadata(?)", scores)
	if err != nil {
		t.Fatal(err)
	}
	for kr.Next() {
		var k, v string
		if err := kr.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		kv[k] = v
	}
	if kv["postscore.model_hash"] != m.ModelHash || kv["postscore.as_of"] != "2026-11-27" || kv["postscore.rows"] != "10" || kv["postscore.inputs"] != "13" {
		t.Errorf("kv metadata: %v", kv)
	}
	var fromKV Manifest
	if err := json.Unmarshal([]byte(kv["postscore.manifest"]), &fromKV); err != nil || fromKV.Rows != m.Rows || fromKV.ModelName != "postscore-default" {
		t.Errorf("postscore.manifest: %v %+v", err, fromKV)
	}
	onDisk, err := ReadManifest(out)
	if err != nil || onDisk.Inputs != 13 || onDisk.Errors != int64(len(wantErr)) {
		t.Errorf("manifest.json: %v %+v", err, onDisk)
	}
	// No temporary file is left behind.
	left, _ := filepath.Glob(filepath.Join(out, ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestWorkersDeterministic(t *testing.T) {
	corpus := testCorpus(t)
	out1, _ := runCorpus(t, []string{corpus}, 1)
	out2, _ := runCorpus(t, []string{corpus}, 2)
	a, b := readRows[Row](t, filepath.Join(out1, ScoresName)), readRows[Row](t, filepath.Join(out2, ScoresName))
	if len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Errorf("--workers 1 and 2 differ (%d and %d rows)", len(a), len(b))
	}
	ea, eb := readRows[ErrorRow](t, filepath.Join(out1, ErrorsName)), readRows[ErrorRow](t, filepath.Join(out2, ErrorsName))
	if !reflect.DeepEqual(ea, eb) {
		t.Errorf("error rows differ:\n%v\n%v", ea, eb)
	}
	for i := 1; i < len(a); i++ {
		if a[i-1].DocPath >= a[i].DocPath && !strings.Contains(a[i].DocPath, "/") == !strings.Contains(a[i-1].DocPath, "/") {
			t.Errorf("rows out of input order: %s then %s", a[i-1].DocPath, a[i].DocPath)
		}
	}
}

func TestRefusesExistingOut(t *testing.T) {
	corpus := filepath.Join("..", "testdata", "corpus", "seed")
	out, _ := runCorpus(t, []string{corpus}, 1)
	_, err := Run(context.Background(), Options{Corpus: []string{corpus}, Out: out, AsOf: asOf(t), MaxErrors: -1})
	if err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("second run into the same OUT: %v", err)
	}
	if _, err := Run(context.Background(), Options{Corpus: []string{corpus}, Out: out, AsOf: asOf(t), Force: true, MaxErrors: -1}); err != nil {
		t.Fatalf("--force: %v", err)
	}
}

func TestMaxErrors(t *testing.T) {
	out := t.TempDir()
	_, err := Run(context.Background(), Options{Corpus: []string{filepath.Join("..", "testdata", "corpus", "bad")}, Out: out, AsOf: asOf(t), MaxErrors: 1})
	if err == nil || !strings.Contains(err.Error(), "over --max-errors 1") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, ScoresName)); !os.IsNotExist(err) {
		t.Errorf("a failed run left scores.parquet: %v", err)
	}
	if left, _ := os.ReadDir(out); len(left) != 0 {
		t.Errorf("a failed run left %v", left)
	}
}

func TestRealPostsTxt(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "real", "roweb3-txt")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s is not here (CI has ../shared beside the clone): %v", dir, err)
	}
	out, m := runCorpus(t, []string{dir}, 2)
	db := openDuck(t)
	n := queryOne[int64](t, db, "SELECT count(*) FROM read_parquet(?) WHERE quality IS NOT NULL AND freshness IS NULL", filepath.Join(out, ScoresName))
	if m.Inputs != 250 || m.Rows != 250 || n != 250 {
		t.Errorf("roweb3-txt: %d inputs, %d rows, %d with quality and no freshness", m.Inputs, m.Rows, n)
	}
}

func TestSchemaDocumentsEveryColumn(t *testing.T) {
	files := []string{ScoresName, ErrorsName, DuplicatesName}
	for _, file := range files {
		cols, _ := Schema(file)
		for _, c := range cols {
			if c.Meaning == "" {
				t.Errorf("%s: column %s has no meaning in the column table", file, c.Name)
			}
		}
	}
	// The schema's DuckDB types are DuckDB's own.
	out, _ := runCorpus(t, []string{filepath.Join("..", "testdata", "corpus", "seed")}, 1)
	db := openDuck(t)
	for _, file := range files {
		docs, _ := Schema(file)
		checkDuckDBTypes(t, db, filepath.Join(out, file), docs)
	}
}

// checkDuckDBTypes checks that DuckDB reads the columns of the Parquet file
// at path as docs says, in order.
func checkDuckDBTypes(t *testing.T, db *sql.DB, path string, docs []ColumnDoc) {
	t.Helper()
	r, err := db.Query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))", path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	i := 0
	for r.Next() {
		var n, ty string
		if err := r.Scan(&n, &ty); err != nil {
			t.Fatal(err)
		}
		// DuckDB quotes some field names inside STRUCT(...); compare without quotes.
		if i >= len(docs) || docs[i].Name != n || docs[i].DuckDB != strings.ReplaceAll(ty, `"`, "") {
			t.Errorf("%s column %d: DuckDB says %s %s, schema says %+v", filepath.Base(path), i, n, ty, docs[min(i, len(docs)-1)])
		}
		i++
	}
	if i != len(docs) {
		t.Errorf("%s: DuckDB has %d columns, schema %d", filepath.Base(path), i, len(docs))
	}
}

// TestReadmeSQL runs every DuckDB statement of README.md and
// docs/DUPLICATES.md against real runs: those that read duplicates.parquet
// against a corpus with copies (duplicateCorpus), the others against
// testdata/corpus. Each returns rows.
func TestReadmeSQL(t *testing.T) {
	var stmts []string
	for _, doc := range []string{"README.md", filepath.Join("docs", "DUPLICATES.md")} {
		stmts = append(stmts, sqlStatements(t, filepath.Join("..", doc))...)
	}
	out, _ := runCorpus(t, []string{filepath.Join("..", "testdata", "corpus")}, 2)
	dupOut, _ := runCorpus(t, []string{duplicateCorpus(t)}, 2)
	db := openDuck(t)
	n := 0
	for _, stmt := range stmts {
		dir := out
		if strings.Contains(stmt, DuplicatesName) {
			dir = dupOut
		}
		stmt = strings.ReplaceAll(stmt, "'out/", "'"+dir+"/")
		rows, err := db.Query(stmt)
		if err != nil {
			t.Errorf("statement fails: %v\n%s", err, stmt)
			continue
		}
		got := 0
		for rows.Next() {
			got++
		}
		rows.Close()
		if got == 0 && !strings.Contains(stmt, "INTERVAL") {
			t.Errorf("statement returns no rows:\n%s", stmt)
		}
		n++
	}
	if n != 9 {
		t.Errorf("ran %d statements, want 9 (6 in README's first sql block, 1 in its second, 2 in docs/DUPLICATES.md)", n)
	}
}

// sqlStatements are the statements of the ```sql blocks of the Markdown
// file at path.
func sqlStatements(t *testing.T, path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var stmts []string
	rest := string(data)
	for {
		var ok bool
		if _, rest, ok = strings.Cut(rest, "```sql\n"); !ok {
			return stmts
		}
		var block string
		block, rest, _ = strings.Cut(rest, "```")
		for _, stmt := range strings.Split(block, ";") {
			if strings.TrimSpace(stmt) != "" {
				stmts = append(stmts, stmt)
			}
		}
	}
}

// TestScoreGeneratedSample scores the generated posts under testdata and
// holds every row to the generator's truth.
func TestScoreGeneratedSample(t *testing.T) {
	out, m := runCorpus(t, []string{filepath.Join("..", "testdata", "generated")}, 2)
	if m.Inputs != 100 || m.Rows != 100 {
		t.Fatalf("inputs %d rows %d", m.Inputs, m.Rows)
	}
	truthFile, err := os.ReadFile(filepath.Join("..", "testdata", "generated-truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	type truth struct {
		Path                                  string
		Paragraphs, Headings, Bullets, Images int
		RepeatedSentences                     int    `json:"repeated_sentences"`
		LastReviewed                          string `json:"last_reviewed"`
		PostID                                string `json:"post_id"`
	}
	want := map[string]truth{}
	for _, line := range strings.Split(strings.TrimSpace(string(truthFile)), "\n") {
		var tr truth
		if err := json.Unmarshal([]byte(line), &tr); err != nil {
			t.Fatal(err)
		}
		want[filepath.Base(tr.Path)] = tr
	}
	for _, r := range readRows[Row](t, filepath.Join(out, ScoresName)) {
		tr, ok := want[r.DocPath]
		if !ok {
			t.Errorf("%s: not in the truth", r.DocPath)
			continue
		}
		lr := ""
		if r.LastReviewed != nil {
			lr = post.Date(*r.LastReviewed).String()
		}
		got := []any{int(r.ParagraphCount), int(r.HeadingCount), int(r.BulletCount), int(r.ImageCount), int(r.RepeatedSentenceCount), lr, r.PostID}
		exp := []any{tr.Paragraphs, tr.Headings, tr.Bullets, tr.Images, tr.RepeatedSentences, tr.LastReviewed, tr.PostID}
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("%s: got %v, truth %v", r.DocPath, got, exp)
		}
	}
}

// TestBadInputs: a FIFO, a link out of the corpus (to a device), a
// directory link loop, a broken link, a file over --max-bytes and files
// deleted mid-run: the run completes and inputs = rows + errors.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("a good post\n\nwith a paragraph of text that ends well.\n"), 0o644)
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Symlink("/dev/null", filepath.Join(dir, "device.txt"))
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "inner.txt"), []byte("inner post\n\nreached once, not through the loop.\n"), 0o644)
	os.Symlink("..", filepath.Join(dir, "sub", "loop"))
	os.Symlink("nowhere.txt", filepath.Join(dir, "broken.txt"))
	os.WriteFile(filepath.Join(dir, "huge.txt"), bytes.Repeat([]byte("word "), 300), 0o644)
	out := t.TempDir()
	m, err := Run(context.Background(), Options{Corpus: []string{dir}, Out: out, AsOf: asOf(t), MaxErrors: -1, MaxBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range readRows[ErrorRow](t, filepath.Join(out, ErrorsName)) {
		got[e.DocPath] = e.Stage + ":" + e.Kind
	}
	want := map[string]string{
		"pipe.txt": "read:not_regular_file", "device.txt": "read:" + ErrKindLinkNotFollowed,
		"broken.txt": "read:broken_symlink", "huge.txt": "read:too_large",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("error rows %v, want %v", got, want)
	}
	if m.Rows != 2 || m.Inputs != m.Rows+m.Errors || m.LoopsSkipped != 1 {
		t.Errorf("manifest: inputs %d rows %d errors %d loops %d", m.Inputs, m.Rows, m.Errors, m.LoopsSkipped)
	}
}

func TestFilesDeletedMidRun(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := range 3000 {
		p := filepath.Join(dir, fmt.Sprintf("%05d.txt", i))
		os.WriteFile(p, []byte(fmt.Sprintf("post %d\n\nthe body of post number %d, which may vanish.\n", i, i)), 0o644)
		paths = append(paths, p)
	}
	// Delete every third file while the run reads them.
	go func() {
		for i := len(paths) - 1; i >= 0; i -= 3 {
			os.Remove(paths[i])
		}
	}()
	out := t.TempDir()
	m, err := Run(context.Background(), Options{Corpus: []string{dir}, Out: out, AsOf: asOf(t), MaxErrors: -1, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if m.Inputs != m.Rows+m.Errors {
		t.Errorf("inputs %d != rows %d + errors %d", m.Inputs, m.Rows, m.Errors)
	}
	for k := range m.ErrorsByKind {
		if k != "vanished" {
			t.Errorf("unexpected error kind %s", k)
		}
	}
	t.Logf("%d inputs seen, %d rows, %d vanished", m.Inputs, m.Rows, m.ErrorsByKind["vanished"])
}
