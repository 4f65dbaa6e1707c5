package gen_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/pipeline"
	"github.com/alphanode/postscore/pipeline/gen"
	_ "github.com/duckdb/duckdb-go/v2"
)

func readTruth(t *testing.T, dir string) []gen.Truth {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, gen.TruthName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []gen.Truth
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var tr gen.Truth
		if err := json.Unmarshal(sc.Bytes(), &tr); err != nil {
			t.Fatal(err)
		}
		out = append(out, tr)
	}
	return out
}

// TestGeneratedCorpusMatchesTruth generates 5,000 posts (2% malformed),
// scores them, and checks every count and date of every post against
// truth.jsonl, and every malformed file against its error or warning.
func TestGeneratedCorpusMatchesTruth(t *testing.T) {
	checkCorpusAgainstTruth(t, gen.Options{N: 5000, Seed: 7, Malformed: 0.02, AsOf: gen.DefaultAsOf}, gen.MalformedKinds)
}

// TestGeneratedMarkdownMatchesTruth is the same check on the same posts
// written as Markdown, with their code blocks, tables and links: the counts
// of MARKDOWN.md section 2, which the Markdown reader must find. Among
// them: footnotes are bullets; an indented code block is a code block (its
// lines neither paragraphs nor sentences); a link whose text spans lines,
// a bare URL, a link in a table or a footnote is a link; a date with a time
// keeps its own calendar day.
func TestGeneratedMarkdownMatchesTruth(t *testing.T) {
	checkCorpusAgainstTruth(t, gen.Options{N: 5000, Seed: 7, Malformed: 0.02, AsOf: gen.DefaultAsOf, Markdown: true}, gen.MarkdownMalformedKinds)
}

// truthRow is what checkCorpusAgainstTruth reads of a post's row.
type truthRow struct {
	postID, rev, lastReviewed, warnings                   string
	paras, heads, bullets, images, noAlt, repeated, extra int
	code, tables, links                                   int
	claimedQ, claimedP, claimedRT                         sql.NullInt64
}

// checkCorpusAgainstTruth writes the corpus o, scores it, and checks every
// post's row or error row against its truth, and that every kind of kinds
// was written.
func checkCorpusAgainstTruth(t *testing.T, o gen.Options, kinds []string) {
	dir := t.TempDir()
	if _, err := gen.Write(context.Background(), dir, o, 2, nil); err != nil {
		t.Fatal(err)
	}
	truth := readTruth(t, dir)
	if len(truth) != o.N {
		t.Fatalf("truth has %d lines", len(truth))
	}
	out := t.TempDir()
	corpus := t.TempDir()
	// Score the posts only, not truth.jsonl.
	for _, tr := range truth {
		os.MkdirAll(filepath.Join(corpus, filepath.Dir(tr.Path)), 0o755)
		if err := os.Rename(filepath.Join(dir, tr.Path), filepath.Join(corpus, tr.Path)); err != nil {
			t.Fatal(err)
		}
	}
	m, err := pipeline.Run(context.Background(), pipeline.Options{Corpus: []string{corpus}, Out: out, AsOf: o.AsOf, MaxErrors: -1})
	if err != nil {
		t.Fatal(err)
	}
	if m.Inputs != int64(o.N) || m.Rows+m.Errors != int64(o.N) {
		t.Fatalf("manifest: %+v", m)
	}
	rows, errs := readRows(t, out)
	malformedSeen := map[string]int{}
	differ := map[string]int{} // posts whose row differs from the truth, by what differs
	bad := 0
	fail := func(what, format string, args ...any) {
		differ[what]++
		bad++
		if bad <= 20 {
			t.Errorf(format, args...)
		}
	}
	for _, tr := range truth {
		malformedSeen[tr.Malformed]++
		if tr.ExpectError != "" {
			if errs[tr.Path] != tr.ExpectError {
				fail("error", "%s (%s): error %q, want %q", tr.Path, tr.Malformed, errs[tr.Path], tr.ExpectError)
			}
			continue
		}
		r, ok := rows[tr.Path]
		if !ok {
			fail("no row", "%s (%s): no row (error %q)", tr.Path, tr.Malformed, errs[tr.Path])
			continue
		}
		checkRow(tr, r, fail)
	}
	for _, k := range kinds {
		if malformedSeen[k] == 0 {
			t.Errorf("no post of malformed kind %s among %d at %g", k, o.N, o.Malformed)
		}
	}
	if bad > 0 {
		t.Errorf("%d differences from the truth, by what differs: %v", bad, differ)
	}
	t.Logf("checked %d posts: %d rows, %d error rows; malformed: %v", len(truth), len(rows), len(errs), malformedSeen)
}

// readRows reads a run's rows by document path, and its error rows' kinds.
func readRows(t *testing.T, out string) (map[string]truthRow, map[string]string) {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows := map[string]truthRow{}
	q, err := db.Query(`SELECT doc_path, post_id, coalesce(revision_version, ''), coalesce(CAST(last_reviewed AS VARCHAR), ''),
		array_to_string(list_transform(warnings, w -> split_part(w, ':', 1)), ','),
		paragraph_count, heading_count, bullet_count, image_count, images_without_alt, repeated_sentence_count, repeated_words,
		code_block_count, table_count, link_count,
		claimed_quality, claimed_paragraphs, claimed_reading_time
		FROM read_parquet(?)`, filepath.Join(out, pipeline.ScoresName))
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	for q.Next() {
		var p string
		var r truthRow
		if err := q.Scan(&p, &r.postID, &r.rev, &r.lastReviewed, &r.warnings, &r.paras, &r.heads, &r.bullets, &r.images, &r.noAlt, &r.repeated, &r.extra,
			&r.code, &r.tables, &r.links, &r.claimedQ, &r.claimedP, &r.claimedRT); err != nil {
			t.Fatal(err)
		}
		rows[p] = r
	}
	errs := map[string]string{}
	eq, err := db.Query("SELECT doc_path, kind FROM read_parquet(?)", filepath.Join(out, pipeline.ErrorsName))
	if err != nil {
		t.Fatal(err)
	}
	defer eq.Close()
	for eq.Next() {
		var p, k string
		eq.Scan(&p, &k)
		errs[p] = k
	}
	return rows, errs
}

// checkRow compares a post's row with its truth.
func checkRow(tr gen.Truth, r truthRow, fail func(what, format string, args ...any)) {
	optEq := func(a sql.NullInt64, b *int) bool {
		return a.Valid == (b != nil) && (b == nil || a.Int64 == int64(*b))
	}
	got := []int{r.paras, r.heads, r.bullets, r.images, r.noAlt, r.repeated, r.code, r.tables, r.links}
	want := []int{tr.Paragraphs, tr.Headings, tr.Bullets, tr.Images, tr.ImagesWithoutAlt, tr.RepeatedDistinct, tr.CodeBlocks, tr.Tables, tr.Links}
	names := []string{"paragraphs", "headings", "bullets", "images", "no-alt", "repeated", "code", "tables", "links"}
	for k := range got {
		if got[k] != want[k] {
			fail(names[k], "%s: %s %d, truth %d (all: %v, truth %v)", tr.Path, names[k], got[k], want[k], got, want)
		}
	}
	if r.lastReviewed != tr.LastReviewed {
		fail("last_reviewed", "%s: last_reviewed %q, truth %q", tr.Path, r.lastReviewed, tr.LastReviewed)
	}
	if r.postID != tr.PostID && tr.PostID != "" || r.rev != tr.RevisionVersion {
		fail("post_id/rev", "%s: post_id/rev %q %q, truth %q %q", tr.Path, r.postID, r.rev, tr.PostID, tr.RevisionVersion)
	}
	if !optEq(r.claimedQ, tr.ClaimedQuality) || !optEq(r.claimedP, tr.ClaimedParas) || !optEq(r.claimedRT, tr.ClaimedReading) {
		fail("claims", "%s: claimed quality/paragraphs/reading time %v %v %v, truth %v %v %v", tr.Path, r.claimedQ, r.claimedP, r.claimedRT, tr.ClaimedQuality, tr.ClaimedParas, tr.ClaimedReading)
	}
	want2 := append([]string(nil), tr.ExpectWarnings...)
	gotW := strings.Split(r.warnings, ",")
	if r.warnings == "" {
		gotW = nil
	}
	sort.Strings(want2)
	sort.Strings(gotW)
	if strings.Join(gotW, ",") != strings.Join(want2, ",") {
		fail("warnings", "%s (%s): warnings %v, want %v", tr.Path, tr.Malformed, gotW, want2)
	}
}

func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(b)
		h.Write([]byte(rel + " " + hex.EncodeToString(sum[:]) + "\n"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func mustWrite(t *testing.T, dir string, o gen.Options, workers int) {
	t.Helper()
	if _, err := gen.Write(context.Background(), dir, o, workers, nil); err != nil {
		t.Fatal(err)
	}
}

// TestBundledSampleIsCurrent regenerates testdata/generated (100 posts, seed
// 42) and finds it byte for byte: a change to the generator's output is a
// change of every corpus ever generated, and must be made on purpose.
func TestBundledSampleIsCurrent(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, gen.Options{N: 100, Seed: 42, AsOf: gen.DefaultAsOf}, 2)
	for _, tr := range readTruth(t, dir) {
		got, err := os.ReadFile(filepath.Join(dir, tr.Path))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", "..", "testdata", "generated", filepath.Base(tr.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from testdata/generated (regenerate it with: postscore gen -n 100 --seed 42, flattened)", tr.Path)
		}
	}
	got, _ := os.ReadFile(filepath.Join(dir, gen.TruthName))
	want, err := os.ReadFile(filepath.Join("..", "..", "testdata", "generated-truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("truth.jsonl differs from testdata/generated-truth.jsonl")
	}
}

// TestWriteErrorNamesTheFile: a file that cannot be created stops the
// corpus with an error that names it.
func TestWriteErrorNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "0001", "0001003.txt")
	if err := os.MkdirAll(blocker, 0o755); err != nil { // a directory where a post must go
		t.Fatal(err)
	}
	_, err := gen.Write(context.Background(), dir, gen.Options{N: 3000, Seed: 1, AsOf: gen.DefaultAsOf}, 2, nil)
	if err == nil || !strings.Contains(err.Error(), blocker) {
		t.Fatalf("err = %v, want one naming %s", err, blocker)
	}
}

func TestSameSeedSameTree(t *testing.T) {
	o := gen.Options{N: 1500, Seed: 3, Malformed: 0.05, AsOf: gen.DefaultAsOf}
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	mustWrite(t, a, o, 1)
	mustWrite(t, b, o, 2)
	o.Seed = 4
	mustWrite(t, c, o, 2)
	ha, hb, hc := treeHash(t, a), treeHash(t, b), treeHash(t, c)
	if ha != hb {
		t.Errorf("same seed, different trees: %s %s", ha, hb)
	}
	if ha == hc {
		t.Error("different seeds wrote the same tree")
	}
	for _, jsonl := range []bool{true} {
		o := gen.Options{N: 12000, Seed: 3, Malformed: 0.05, AsOf: gen.DefaultAsOf, JSONL: jsonl}
		x, y := t.TempDir(), t.TempDir()
		mustWrite(t, x, o, 1)
		mustWrite(t, y, o, 2)
		if treeHash(t, x) != treeHash(t, y) {
			t.Error("JSONL: same seed, different trees")
		}
		if _, err := os.Stat(filepath.Join(x, "shard-0001.jsonl")); err != nil {
			t.Errorf("12,000 posts should make two shards: %v", err)
		}
	}
}

func TestVariety(t *testing.T) {
	// Over 2,000 posts every dimension the scores look at varies.
	var paras, images, reps, missing, future, revisions, inflated, trueParas = map[int]bool{}, map[int]bool{}, 0, 0, 0, 0, 0, 0
	ids := map[string]int{}
	o := gen.Options{N: 2000, Seed: 11, AsOf: gen.DefaultAsOf}
	for i := range o.N {
		_, tr := gen.Generate(&o, i, nil)
		paras[tr.Paragraphs] = true
		images[tr.Images] = true
		if tr.RepeatedDistinct > 0 {
			reps++
		}
		if tr.LastReviewed == "" {
			missing++
		} else if d, _ := post.ParseDate(tr.LastReviewed); d > o.AsOf {
			future++
		}
		ids[tr.PostID]++
		if tr.ScoresInflated {
			inflated++
		}
		if tr.ParasClaimTrue {
			trueParas++
		}
	}
	for _, n := range ids {
		if n > 1 {
			revisions++
		}
	}
	if len(paras) < 25 || len(images) < 14 || reps < 300 || missing < 80 || future < 15 || revisions < 50 || inflated < 700 || trueParas < 700 {
		t.Errorf("variety: %d paragraph counts, %d image counts, %d with repeats, %d undated, %d future, %d ids with revisions, %d inflated, %d true paragraph claims",
			len(paras), len(images), reps, missing, future, revisions, inflated, trueParas)
	}
}
