package main

// Acceptance tests of issue 24: a corpus scored as N shards (score --shard
// I/N, or --shards N with the scheduler's index in JOB_COMPLETION_INDEX or
// SLURM_ARRAY_TASK_ID) and then merged (merge OUT) gives the unsharded run's
// scores.parquet and errors.parquet, every column of every row in the same
// order; merge refuses shards that do not belong together, naming the shard
// and the difference. They run the built binary as a scheduler's tasks
// would, and were written against the CLI's contract, before its code:
//
//	OUT/shards/I-of-N/{scores.parquet,errors.parquet,manifest.json}  a shard's complete run, no reports
//	manifest "shard": {index, count, index_from, listing_sha256, listing_inputs, listing_bytes, first_byte, end_byte}
//	merged manifest "merged_shards": N; inputs, rows, errors and bytes summed

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/alphanode/postscore/pipeline"
	"github.com/parquet-go/parquet-go"
)

const shardAsOf = "2026-11-27"

// smallCorpus is what `make demo` scores: the hand-written posts and bad
// files, and 100 generated posts (about 110 inputs, some of them error rows).
func smallCorpus() []string {
	return []string{filepath.Join("..", "..", "testdata", "corpus"), filepath.Join("..", "..", "testdata", "generated")}
}

// mixedCorpus is the 20,000 generated posts (1% malformed) between the two
// testdata directories: three CORPUS arguments whose shard boundaries fall
// inside the large one.
func mixedCorpus(t *testing.T) []string {
	small := smallCorpus()
	return []string{small[0], bigCorpus(t), small[1]}
}

// jsonlCorpus writes three JSONL files into a new directory: a.jsonl (1,500
// documents), b.jsonl (200) and c.jsonl (700), so that a.jsonl alone is over
// half the bytes and a shard boundary must fall inside it. The documents are
// generated posts (1 to 30 paragraphs: lines of 1 to 30 KB), with a one-line
// note every 50th line and, every 97th line, a blank line (no input, but it
// counts in the line numbers of doc_path) or a bad line (not JSON, no text
// field, a text that is not a string, a line cut short), each an error row.
func jsonlCorpus(t *testing.T) string {
	t.Helper()
	posts, err := filepath.Glob(filepath.Join(bigCorpus(t), "*", "*.txt"))
	if err != nil || len(posts) < 2400 {
		t.Fatalf("the generated corpus holds %d posts (%v), want 2,400 to draw from", len(posts), err)
	}
	slices.Sort(posts)
	bad := []string{"", "this line is not JSON", `{"id":"no-text"}`, `{"id":"number","text":42}`, `{"id":"cut","text":"a line cut sh`}
	dir := t.TempDir()
	next := 0
	for _, f := range []struct {
		name string
		docs int
	}{{"a.jsonl", 1500}, {"b.jsonl", 200}, {"c.jsonl", 700}} {
		var b bytes.Buffer
		for k := range f.docs {
			switch {
			case k%97 == 96:
				b.WriteString(bad[k/97%len(bad)])
			case k%50 == 49:
				fmt.Fprintf(&b, `{"id":"%s-note-%d","text":"A short note."}`, f.name, k)
			default:
				text, err := os.ReadFile(posts[next])
				if err != nil {
					t.Fatal(err)
				}
				next++
				line, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("%s-%d", f.name, k), "text": string(text)})
				b.Write(line)
			}
			b.WriteByte('\n')
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// result is what one postscore process said and how it ended.
type result struct {
	stdout, stderr string
	code           int
}

// postscoreWith runs bin with args and env (nil: the test's own). It may be
// called from any goroutine: a failure to start is reported as code -1.
func postscoreWith(t *testing.T, bin string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Errorf("running %s: %v", bin, err)
		r.code = -1
	}
	return r
}

// mustRun runs postscore and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) {
	t.Helper()
	if out, code := runBin(t, args...); code != 0 {
		t.Fatalf("postscore %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
}

// scoreArgs is `score CORPUS... -o OUT --as-of shardAsOf -q EXTRA...`.
func scoreArgs(corpus []string, out string, extra ...string) []string {
	args := append([]string{"score"}, corpus...)
	return append(append(args, "-o", out, "--as-of", shardAsOf, "-q"), extra...)
}

// shardFlag is `--shard I/N`.
func shardFlag(i, n int) []string { return []string{"--shard", fmt.Sprintf("%d/%d", i, n)} }

// shardDir is where shard I of N writes its run.
func shardDir(out string, i, n int) string {
	return filepath.Join(out, "shards", fmt.Sprintf("%d-of-%d", i, n))
}

// unshardedRun scores corpus in one run (no reports) into a directory that
// lives as long as t.
func unshardedRun(t *testing.T, corpus []string) string {
	t.Helper()
	ref := filepath.Join(t.TempDir(), "unsharded")
	mustRun(t, scoreArgs(corpus, ref, "--no-report")...)
	if m := readRunManifest(t, ref); m.Errors == 0 || m.Rows == 0 {
		t.Fatalf("the unsharded run has %d rows and %d errors: the corpus must give both", m.Rows, m.Errors)
	}
	return ref
}

// scoreShards runs the N shards of corpus into out, one after another.
func scoreShards(t *testing.T, corpus []string, out string, n int, extra ...string) {
	t.Helper()
	for i := range n {
		mustRun(t, scoreArgs(corpus, out, append(shardFlag(i, n), extra...)...)...)
	}
}

// shardSpan is a shard manifest's "shard" object.
type shardSpan struct {
	Index         int    `json:"index"`
	Count         int    `json:"count"`
	IndexFrom     string `json:"index_from"` // "--shard", "JOB_COMPLETION_INDEX" or "SLURM_ARRAY_TASK_ID"
	ListingSHA256 string `json:"listing_sha256"`
	ListingInputs int64  `json:"listing_inputs"`
	ListingBytes  int64  `json:"listing_bytes"`
	FirstByte     int64  `json:"first_byte"`
	EndByte       int64  `json:"end_byte"` // the shard's share of the listing is [first_byte, end_byte)
}

// runManifest is the part of manifest.json these tests read, decoded here
// rather than through pipeline.Manifest so that they name the JSON fields
// of the contract.
type runManifest struct {
	Inputs       int64      `json:"inputs"`
	Rows         int64      `json:"rows"`
	Errors       int64      `json:"errors"`
	Bytes        int64      `json:"bytes"`
	Resumes      int        `json:"resumes"`
	MergedShards *int       `json:"merged_shards"` // a merged run's
	Shard        *shardSpan `json:"shard"`         // a shard's
}

func readRunManifest(t *testing.T, dir string) runManifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, pipeline.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m runManifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", filepath.Join(dir, pipeline.ManifestName), err)
	}
	return m
}

// checkShards checks that out holds the N complete shards, each made as
// shard I of N by index source from, their byte spans tiling the same
// listing from 0 to listing_bytes in index order, and no reports; it
// returns their manifests.
func checkShards(t *testing.T, out string, n int, from string) []runManifest {
	t.Helper()
	shards := make([]runManifest, n)
	for i := range n {
		dir := shardDir(out, i, n)
		if _, err := pipeline.VerifyRun(dir); err != nil {
			t.Fatalf("shard %d of %d is not a complete run: %v", i, n, err)
		}
		if reports, _ := filepath.Glob(filepath.Join(dir, "report.*")); len(reports) > 0 {
			t.Errorf("%s holds reports %v: a shard writes none, merge does", dir, reports)
		}
		m := readRunManifest(t, dir)
		s := m.Shard
		if s == nil {
			t.Fatalf("%s: no \"shard\" in its manifest", dir)
		}
		if s.Index != i || s.Count != n || s.IndexFrom != from {
			t.Errorf("%s: manifest says shard %d of %d from %q, want %d of %d from %q", dir, s.Index, s.Count, s.IndexFrom, i, n, from)
		}
		first := shards[0].Shard
		switch {
		case i == 0 && s.FirstByte != 0:
			t.Errorf("%s: first_byte %d, want 0", dir, s.FirstByte)
		case i > 0 && (s.ListingSHA256 != first.ListingSHA256 || s.ListingInputs != first.ListingInputs || s.ListingBytes != first.ListingBytes):
			t.Errorf("%s: listing %s (%d inputs, %d bytes), shard 0's %s (%d, %d)", dir, s.ListingSHA256, s.ListingInputs, s.ListingBytes, first.ListingSHA256, first.ListingInputs, first.ListingBytes)
		case i > 0 && s.FirstByte != shards[i-1].Shard.EndByte:
			t.Errorf("%s: first_byte %d, but shard %d ends at %d", dir, s.FirstByte, i-1, shards[i-1].Shard.EndByte)
		}
		if s.EndByte < s.FirstByte || len(s.ListingSHA256) != 64 || s.ListingInputs <= 0 {
			t.Errorf("%s: shard %+v", dir, *s)
		}
		if m.Inputs != m.Rows+m.Errors {
			t.Errorf("%s: %d inputs but %d rows + %d errors", dir, m.Inputs, m.Rows, m.Errors)
		}
		shards[i] = m
	}
	if last := shards[n-1].Shard; last.EndByte != last.ListingBytes {
		t.Errorf("the last shard ends at byte %d of the listing's %d", last.EndByte, last.ListingBytes)
	}
	return shards
}

// checkMerged checks that merge made of out one complete run of n shards
// that equals the unsharded run ref: the same rows and error rows, the same
// inputs, rows, errors and bytes in the manifest, merged_shards n, and the
// reports.
func checkMerged(t *testing.T, ref, out string, n int) {
	t.Helper()
	if _, err := pipeline.VerifyRun(out); err != nil {
		t.Fatalf("the merged run is not complete: %v", err)
	}
	sameRunRows(t, ref, out)
	want, got := readRunManifest(t, ref), readRunManifest(t, out)
	if got.Inputs != want.Inputs || got.Rows != want.Rows || got.Errors != want.Errors || got.Bytes != want.Bytes {
		t.Errorf("merged manifest: %d inputs, %d rows, %d errors, %d bytes; unsharded: %d, %d, %d, %d",
			got.Inputs, got.Rows, got.Errors, got.Bytes, want.Inputs, want.Rows, want.Errors, want.Bytes)
	}
	if got.MergedShards == nil || *got.MergedShards != n {
		t.Errorf("merged manifest: merged_shards %v, want %d", got.MergedShards, n)
	}
	for _, f := range []string{"report.md", "report.html", "report.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("merge wrote no %s: %v", f, err)
		}
	}
}

// sameRunRows fails unless got's scores.parquet and errors.parquet hold
// want's rows, every column, in the same order, under the same schema.
func sameRunRows(t *testing.T, want, got string) {
	t.Helper()
	sameRows(t, want, got, pipeline.ScoresName, func(r pipeline.Row) string { return r.DocPath })
	sameRows(t, want, got, pipeline.ErrorsName, func(r pipeline.ErrorRow) string { return r.DocPath })
}

// sameRows compares file name in two runs row by row, and names the first
// row that differs and its columns.
func sameRows[T any](t *testing.T, wantDir, gotDir, name string, docPath func(T) string) {
	t.Helper()
	wantPath, gotPath := filepath.Join(wantDir, name), filepath.Join(gotDir, name)
	if w, g := parquetSchema(t, wantPath), parquetSchema(t, gotPath); w != g {
		t.Errorf("%s: schema differs from %s's:\n%s\nwant\n%s", gotPath, wantPath, g, w)
	}
	want, got := readParquet[T](t, wantPath), readParquet[T](t, gotPath)
	for i := range min(len(want), len(got)) {
		if !reflect.DeepEqual(want[i], got[i]) {
			t.Errorf("%s: row %d (%s) differs from the unsharded run's row %d (%s) in %v",
				gotPath, i, docPath(got[i]), i, docPath(want[i]), differingColumns(want[i], got[i]))
			return
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, the unsharded run's %d", gotPath, len(got), len(want))
	}
}

// differingColumns names the columns (by their Parquet names) in which two
// rows differ.
func differingColumns[T any](a, b T) []string {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	var cols []string
	for i := range va.NumField() {
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			f := va.Type().Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("parquet"), ",")
			cols = append(cols, cmp.Or(name, f.Name))
		}
	}
	return cols
}

func parquetSchema(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return pf.Schema().String()
}

// checkBalance: the shards' shares of the listing's bytes, and the bytes
// each read (its manifest's "bytes"), are within 10% of each other.
func checkBalance(t *testing.T, shards []runManifest) {
	t.Helper()
	spans, read := make([]int64, len(shards)), make([]int64, len(shards))
	for i, m := range shards {
		spans[i], read[i] = m.Shard.EndByte-m.Shard.FirstByte, m.Bytes
	}
	for _, c := range []struct {
		what string
		v    []int64
	}{{"shares of the listing (end_byte - first_byte)", spans}, {"bytes read (manifest bytes)", read}} {
		lo, hi := slices.Min(c.v), slices.Max(c.v)
		if lo <= 0 || float64(hi)/float64(lo) > 1.10 {
			t.Errorf("%d shards' %s are not within 10%% of each other: %v (max/min %.3f)", len(shards), c.what, c.v, float64(hi)/float64(lo))
		}
	}
}

// TestShardMergeEqualsUnsharded: for N = 1, 3 and 7, the N shards of a
// corpus, merged, give the unsharded run's rows and error rows (every
// column, in order) and its counts; on 20,000 generated posts between the
// testdata directories, and on three JSONL files of which the first is split
// across shards by line ranges. With N = 7, the shards are balanced by bytes
// within 10%.
func TestShardMergeEqualsUnsharded(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: 1+1+3+7 runs over 20,000 posts")
	}
	for _, c := range []struct {
		name   string
		corpus []string
	}{
		{"20000 generated posts and testdata", mixedCorpus(t)},
		{"three JSONL files", []string{jsonlCorpus(t)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ref := unshardedRun(t, c.corpus)
			for _, n := range []int{1, 3, 7} {
				t.Run(fmt.Sprintf("N=%d", n), func(t *testing.T) {
					out := filepath.Join(t.TempDir(), "out")
					scoreShards(t, c.corpus, out, n)
					shards := checkShards(t, out, n, "--shard")
					var inputs int64
					for _, m := range shards {
						inputs += m.Inputs
					}
					if want := readRunManifest(t, ref).Inputs; inputs != want {
						t.Errorf("the %d shards have %d inputs in all, the unsharded run %d", n, inputs, want)
					}
					mustRun(t, "merge", out)
					checkMerged(t, ref, out, n)
					if n == 7 {
						checkBalance(t, shards)
					}
				})
			}
		})
	}
}

// schedulerEnv is the test's environment without either scheduler index,
// plus name=value when name is not empty (as a Kubernetes Indexed Job or a
// Slurm array task sets it).
func schedulerEnv(name, value string) []string {
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "JOB_COMPLETION_INDEX=") || strings.HasPrefix(kv, "SLURM_ARRAY_TASK_ID=")
	})
	if name != "" {
		env = append(env, name+"="+value)
	}
	return env
}

// TestShardsFromSchedulerIndex: --shards 3 with the task's index in
// JOB_COMPLETION_INDEX, or in SLURM_ARRAY_TASK_ID, makes the shards that
// --shard I/3 makes (the same rows, the same span of the same listing), and
// the manifest says where the index came from. The three tasks run at once
// into one OUT, as a scheduler runs them.
func TestShardsFromSchedulerIndex(t *testing.T) {
	corpus := smallCorpus()
	byFlag := filepath.Join(t.TempDir(), "by-flag")
	scoreShards(t, corpus, byFlag, 3)
	want := checkShards(t, byFlag, 3, "--shard")
	bin := postscoreBin(t)
	for _, v := range []string{"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"} {
		out := filepath.Join(t.TempDir(), v)
		results := make([]result, 3)
		var wg sync.WaitGroup
		for i := range 3 {
			wg.Go(func() {
				results[i] = postscoreWith(t, bin, schedulerEnv(v, fmt.Sprint(i)), scoreArgs(corpus, out, "--shards", "3")...)
			})
		}
		wg.Wait()
		for i, r := range results {
			if r.code != 0 {
				t.Fatalf("%s=%d postscore score --shards 3: exit %d\n%s%s", v, i, r.code, r.stdout, r.stderr)
			}
		}
		got := checkShards(t, out, 3, v)
		for i := range 3 {
			sameRunRows(t, shardDir(byFlag, i, 3), shardDir(out, i, 3))
			w := *want[i].Shard
			w.IndexFrom = v
			if *got[i].Shard != w {
				t.Errorf("%s=%d: shard %+v, --shard %d/3 made %+v", v, i, *got[i].Shard, i, *want[i].Shard)
			}
		}
	}
}

// TestShardUsageErrors: a shard that cannot be told is a usage mistake
// (exit 2) that names what is wrong.
func TestShardUsageErrors(t *testing.T) {
	corpus := smallCorpus()
	bin := postscoreBin(t)
	for _, c := range []struct {
		name     string
		env      []string
		flags    []string
		mentions []string
	}{
		{"--shards without either variable", schedulerEnv("", ""), []string{"--shards", "3"}, []string{"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"}},
		{"--shard I = N", nil, []string{"--shard", "3/3"}, []string{"--shard"}},
		{"--shard not I/N", nil, []string{"--shard", "x"}, []string{"--shard"}},
		{"--shard of 0 shards", nil, []string{"--shard", "1/0"}, []string{"--shard"}},
		{"--shard negative", nil, []string{"--shard=-1/3"}, []string{"--shard"}},
		{"JOB_COMPLETION_INDEX = N", schedulerEnv("JOB_COMPLETION_INDEX", "3"), []string{"--shards", "3"}, []string{"JOB_COMPLETION_INDEX"}},
		{"SLURM_ARRAY_TASK_ID not a number", schedulerEnv("SLURM_ARRAY_TASK_ID", "x"), []string{"--shards", "3"}, []string{"SLURM_ARRAY_TASK_ID"}},
	} {
		out := filepath.Join(t.TempDir(), "out")
		r := postscoreWith(t, bin, c.env, scoreArgs(corpus, out, c.flags...)...)
		if r.code != 2 || !containsAll(r.stderr, c.mentions) || strings.Contains(r.stderr, "unknown flag") {
			t.Errorf("%s: postscore score ... %s: exit %d, want 2 naming %q; it said:\n%s%s", c.name, strings.Join(c.flags, " "), r.code, c.mentions, r.stdout, r.stderr)
		}
	}
}

func containsAll(s string, words []string) bool {
	return !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(s, w) })
}

func containsAny(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
}

// otherVersionBin builds postscore as another version would be built.
func otherVersionBin(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "postscore-other")
	out, err := exec.Command("go", "build", "-pgo=off", "-tags", "crashtest",
		"-ldflags", "-X github.com/alphanode/postscore/pipeline.Version=other", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("building another version: %v\n%s", err, out)
	}
	return bin
}

// checkMergeRefused runs merge on out and fails unless it exits 1, its
// stderr names one of the shard directories and one of the words that say
// the problem, and out holds no merged file.
func checkMergeRefused(t *testing.T, out string, shards, problem []string) {
	t.Helper()
	r := postscoreWith(t, postscoreBin(t), nil, "merge", out)
	if r.code != 1 || !containsAny(r.stderr, shards) || !containsAny(r.stderr, problem) {
		t.Errorf("merge: exit %d, want 1 with a message naming %s and %s; it said:\n%s%s",
			r.code, strings.Join(shards, " or "), strings.Join(problem, " or "), r.stdout, r.stderr)
	}
	for _, f := range []string{pipeline.ScoresName, pipeline.ErrorsName, pipeline.ManifestName, "report.md"} {
		if _, err := os.Stat(filepath.Join(out, f)); err == nil {
			t.Errorf("a refused merge left %s", f)
		}
	}
}

// TestMergeRefuses: merge refuses (exit 1) shards that are not the N
// complete shards of one run, naming the shard and the difference: a shard
// missing; one made with another model, another --as-of or another
// postscore version; a shard of another N beside them; two shards whose
// directories were swapped, so their names and manifests disagree. (A shard
// interrupted mid-run is refused too: TestShardKilledAndResumed.)
func TestMergeRefuses(t *testing.T) {
	corpus := smallCorpus()
	good := filepath.Join(t.TempDir(), "good")
	scoreShards(t, corpus, good, 3)
	model := filepath.Join(t.TempDir(), "half-life-30.toml")
	os.WriteFile(model, bytes.Replace(mustModel(t), []byte("half_life_days = 180"), []byte("half_life_days = 30"), 1), 0o644)
	other := otherVersionBin(t)
	// remake replaces shard 1 of 3 with one made by bin with flags.
	remake := func(bin string, flags ...string) func(t *testing.T, out string) {
		return func(t *testing.T, out string) {
			os.RemoveAll(shardDir(out, 1, 3))
			args := append(append([]string{"score"}, corpus...), append([]string{"-o", out, "-q"}, append(shardFlag(1, 3), flags...)...)...)
			if r := postscoreWith(t, bin, nil, args...); r.code != 0 {
				t.Fatalf("postscore %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
			}
		}
	}
	for _, c := range []struct {
		name    string
		spoil   func(t *testing.T, out string)
		shards  []string // the message names one of these
		problem []string // and says one of these
	}{
		{"a shard missing", func(t *testing.T, out string) { os.RemoveAll(shardDir(out, 1, 3)) },
			[]string{"1-of-3"}, []string{"missing", "not found", "no such"}},
		{"a shard made with another model", remake(postscoreBin(t), "--as-of", shardAsOf, "--model", model),
			[]string{"1-of-3"}, []string{"model"}},
		{"a shard made with another --as-of", remake(postscoreBin(t), "--as-of", "2026-12-01"),
			[]string{"1-of-3"}, []string{"as-of", "as_of"}},
		{"a shard made by another postscore version", remake(other, "--as-of", shardAsOf),
			[]string{"1-of-3"}, []string{"version"}},
		{"a shard of 7 beside the 3 shards of 3", func(t *testing.T, out string) { mustRun(t, scoreArgs(corpus, out, shardFlag(1, 7)...)...) },
			[]string{"1-of-7"}, []string{"overlap", "of 7", "count"}},
		{"shards 1 and 2 swapped", func(t *testing.T, out string) {
			one, two, tmp := shardDir(out, 1, 3), shardDir(out, 2, 3), filepath.Join(out, "shards", "swap")
			for _, mv := range [][2]string{{one, tmp}, {two, one}, {tmp, two}} {
				if err := os.Rename(mv[0], mv[1]); err != nil {
					t.Fatal(err)
				}
			}
		}, []string{"1-of-3", "2-of-3"}, []string{"manifest", "index"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			copyTree(t, good, out)
			c.spoil(t, out)
			checkMergeRefused(t, out, c.shards, c.problem)
		})
	}
}

// killMidRun starts postscore with args and SIGKILLs it once it has
// committed one or two more checkpoint parts into work (the run's
// .postscore-work), then 0-40 ms later, as TestKillAndResume does: the kill
// follows the run's progress, not the clock.
func killMidRun(t *testing.T, work string, rng *rand.Rand, args ...string) {
	t.Helper()
	parts := func() int {
		committed, _ := filepath.Glob(filepath.Join(work, "errors-*.parquet"))
		return len(committed)
	}
	target, extra := parts()+1+rng.IntN(2), time.Duration(rng.IntN(41))*time.Millisecond
	cmd := exec.Command(postscoreBin(t), args...)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	due := time.After(time.Hour) // armed when the parts are there
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			if target > 0 && parts() >= target {
				target, due = 0, time.After(extra)
			}
		case <-due:
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			return
		case err := <-done:
			t.Fatalf("postscore %s ended before it was killed (%v, %d parts committed):\n%s", strings.Join(args, " "), err, parts(), log.String())
		}
	}
}

// TestShardKilledAndResumed: shard 1 of 3 of the 20,000-post corpus is
// SIGKILLed mid-run; merge refuses it as incomplete. The shard is resumed,
// killed again, and resumed to the end with the same command and --resume;
// the merged run then equals the unsharded run.
func TestShardKilledAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	corpus := mixedCorpus(t)
	ref := unshardedRun(t, corpus)
	out := filepath.Join(t.TempDir(), "out")
	// About 6,700 inputs in 500-input parts: two kills, each after one or
	// two more parts, leave the shard well short of its end.
	args := func(i int, resume bool) []string {
		a := scoreArgs(corpus, out, append(shardFlag(i, 3), "--checkpoint-every", "500")...)
		if resume {
			a = append(a, "--resume")
		}
		return a
	}
	mustRun(t, args(0, false)...)
	mustRun(t, args(2, false)...)
	killed := shardDir(out, 1, 3)
	rng := rand.New(rand.NewPCG(24, 5))
	killMidRun(t, filepath.Join(killed, pipeline.WorkDirName), rng, args(1, false)...)
	if _, err := os.Stat(filepath.Join(killed, pipeline.ManifestName)); err == nil {
		t.Fatalf("the killed shard has a %s", pipeline.ManifestName)
	}
	if _, err := os.Stat(filepath.Join(killed, pipeline.WorkDirName)); err != nil {
		t.Fatalf("the killed shard has no %s: %v", pipeline.WorkDirName, err)
	}
	checkMergeRefused(t, out, []string{"1-of-3"}, []string{"incomplete", "not complete", "no complete run", "interrupted", "--resume"})

	killMidRun(t, filepath.Join(killed, pipeline.WorkDirName), rng, args(1, true)...)
	mustRun(t, args(1, true)...)
	shards := checkShards(t, out, 3, "--shard")
	if shards[1].Resumes < 1 {
		t.Errorf("the resumed shard's manifest says %d resumes", shards[1].Resumes)
	}
	if _, err := os.Stat(filepath.Join(killed, pipeline.WorkDirName)); !os.IsNotExist(err) {
		t.Errorf("the resumed shard's work directory outlived it: %v", err)
	}
	mustRun(t, "merge", out)
	checkMerged(t, ref, out, 3)
}

// TestMergeTwice: merge into an OUT that holds a merged run already is
// refused as score refuses an OUT that holds results (exit 2, pointing to
// --force), leaving the run as it was; with --force it is made again, the
// same.
func TestMergeTwice(t *testing.T) {
	corpus := smallCorpus()
	ref := unshardedRun(t, corpus)
	out := filepath.Join(t.TempDir(), "out")
	scoreShards(t, corpus, out, 3)
	mustRun(t, "merge", out)
	before, err := os.ReadFile(filepath.Join(out, pipeline.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	r := postscoreWith(t, postscoreBin(t), nil, "merge", out)
	if r.code != 2 || !strings.Contains(r.stderr, "--force") {
		t.Errorf("a second merge: exit %d, want 2 pointing to --force; it said:\n%s%s", r.code, r.stdout, r.stderr)
	}
	if after, _ := os.ReadFile(filepath.Join(out, pipeline.ManifestName)); !bytes.Equal(after, before) {
		t.Errorf("a refused second merge changed the merged manifest")
	}
	checkMerged(t, ref, out, 3)
	mustRun(t, "merge", out, "--force")
	checkMerged(t, ref, out, 3)
}
