package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/alphanode/postscore/pipeline"
)

const seed = "../../testdata/corpus/seed/000_3c46a61df17ffb0d.txt"

// run runs postscore with args and returns stdout, stderr and the exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	root := newRootCmd()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetArgs(args)
	code, msg := exitStatus(root.ExecuteC())
	errb.WriteString(msg)
	return out.String(), errb.String(), code
}

func TestExplainSeed(t *testing.T) {
	out, errs, code := run(t, "explain", seed, "--as-of", "2026-11-27", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var e struct {
		Scores map[string]struct {
			Value   *int
			Claimed *int
			Reasons []struct{ Feature string }
		}
		RepeatedSentences []struct{ Count int } `json:"repeated_sentences"`
	}
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatal(err)
	}
	q := e.Scores["quality"]
	if *e.Scores["freshness"].Value != 56 || *q.Claimed != 97 || *q.Value >= 80 {
		t.Errorf("freshness %v, quality %v claimed %v", *e.Scores["freshness"].Value, *q.Value, *q.Claimed)
	}
	named := map[string]bool{}
	for _, r := range q.Reasons {
		named[r.Feature] = true
	}
	for _, f := range []string{"repetition_ratio", "dedup_image_density", "paragraph_gap", "dedup_reading_time_ratio"} {
		if !named[f] {
			t.Errorf("explain does not name %s among quality's reasons: %v", f, q.Reasons)
		}
	}
	if len(e.RepeatedSentences) != 2 {
		t.Errorf("repeated sentences: %v", e.RepeatedSentences)
	}
	text, _, _ := run(t, "explain", seed, "--as-of", "2026-11-27")
	for _, want := range []string{"false reading-time claim", "image density", "repeated sentences", "false paragraph claim", `under "the practical approach"`} {
		if !strings.Contains(text, want) {
			t.Errorf("explain text lacks %q", want)
		}
	}
}

// TestExplainNoReviewDate: explain says which components had a null
// feature and what each counted: quality's score.freshness its missing
// value 0 (an unknown review date is a stale one), freshness's
// days_since_review nothing.
func TestExplainNoReviewDate(t *testing.T) {
	out, _, code := run(t, "explain", "../../testdata/corpus/posts/no-meta.txt", "--as-of", "2026-11-27")
	for _, want := range []string{
		"note: quality: score.freshness is null, so the component counted its missing value: missing → 0 (no review date counts as stale)",
		`note: freshness: days_since_review is null, so its component was left out (missing = "skip"`,
		"FRESHNESS = null",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d, explain does not say %q:\n%s", code, want, out)
		}
	}
	if !regexp.MustCompile(`score\.freshness +null +rising 0→100 +missing → 0 +2 +0\.0 +16\.7`).MatchString(out) {
		t.Errorf("the component row of score.freshness does not show its missing value:\n%s", out)
	}
	js, _, _ := run(t, "explain", "../../testdata/corpus/posts/no-meta.txt", "--as-of", "2026-11-27", "--json")
	var e Explanation
	if err := json.Unmarshal([]byte(js), &e); err != nil {
		t.Fatal(err)
	}
	for _, c := range e.Scores["quality"].Components {
		if c.Feature == "score.freshness" && (!c.UsedMissing || c.Skipped || c.Value != nil || c.CurveValue == nil || *c.CurveValue != 0) {
			t.Errorf("explain --json: score.freshness %+v, want used_missing, value null, curve_value 0", c)
		}
	}
}

func TestModelCommand(t *testing.T) {
	out, _, code := run(t, "model")
	if code != 0 || !strings.Contains(out, `name = "postscore-default"`) {
		t.Fatalf("model: %d %s", code, out)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "m.toml")
	os.WriteFile(good, []byte(strings.Replace(out, "half_life_days = 180", "half_life_days = 90", 1)), 0o644)
	if out, errs, code := run(t, "model", "--check", good); code != 0 || !strings.Contains(out, "is valid") {
		t.Errorf("check good: %d %s %s", code, out, errs)
	}
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte(strings.Replace(out, `feature = "heading_count"`, `feature = "headings"`, 1)), 0o644)
	_, errs, code := run(t, "model", "--check", bad)
	if code != 2 || !strings.Contains(errs, bad) || !strings.Contains(errs, "component 4 (headings)") {
		t.Errorf("check bad: %d %s", code, errs)
	}
	// score refuses the broken model before reading any post.
	_, errs, code = run(t, "score", "../../testdata/corpus/seed", "-o", filepath.Join(dir, "out"), "--model", bad)
	if code != 2 || !strings.Contains(errs, "unknown feature") {
		t.Errorf("score --model bad: %d %s", code, errs)
	}
}

func TestScoreCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	stdout, errs, code := run(t, "score", "../../testdata/corpus", "-o", out, "--as-of", "2026-11-27", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(stdout, "11 inputs → 8 rows, 3 errors (empty 1, not_text 1, only_preamble 1), 9 warnings on 4 posts; skipped 1 .png; ") {
		t.Errorf("summary: %s", stdout)
	}
	// A second run into the same OUT is refused, and says how to proceed.
	_, errs, code = run(t, "score", "../../testdata/corpus", "-o", out, "-q")
	if code != 2 || !strings.Contains(errs, "--force") {
		t.Errorf("rerun: %d %s", code, errs)
	}
	_, errs, code = run(t, "score", "../../testdata/corpus", "-o", out, "--as-of", "2026-02-30")
	if code != 2 || !strings.Contains(errs, "YYYY-MM-DD") {
		t.Errorf("bad --as-of: %d %s", code, errs)
	}
	_, errs, code = run(t, "score", "../../testdata/corpus", "-o", out, "--max-bytes", "2000000000")
	if code != 2 || !strings.Contains(errs, "--max-bytes 2000000000: want 1 to 1073741824") {
		t.Errorf("--max-bytes over 1 GiB: %d %s", code, errs)
	}
	_, errs, code = run(t, "score", "no/such/corpus", "-o", out)
	if code != 2 || !strings.Contains(errs, "no/such/corpus") {
		t.Errorf("missing corpus: %d %s", code, errs)
	}
	_, errs, code = run(t, "score", "../../testdata/corpus/bad", "-o", filepath.Join(t.TempDir(), "o"), "--max-errors", "2", "-q")
	if code != 3 || !strings.Contains(errs, "over --max-errors 2") {
		t.Errorf("--max-errors: %d %s", code, errs)
	}
}

func TestSchemaCommand(t *testing.T) {
	out, _, code := run(t, "schema")
	if code != 0 || !strings.Contains(out, "last_reviewed") || !strings.Contains(out, "DATE") || !strings.Contains(out, `STRUCT(name VARCHAR, type VARCHAR)[]`) {
		t.Errorf("schema: %d\n%s", code, out)
	}
}

// TestSummaryLine: the summary's time and speed are this invocation's. A
// run interrupted a day ago (its manifest spans 86,400 s) and resumed now
// says how long the resume took and its own rate, not the day's.
func TestSummaryLine(t *testing.T) {
	m := &pipeline.Manifest{Inputs: 20000, Rows: 19990, Errors: 10, ErrorsByKind: map[string]int64{"empty": 10},
		Warnings: 5, PostsWithWarning: 4, Resumes: 1, DurationSeconds: 86400, PostsPerSecond: 7768, MBPerSecond: 70.1}
	want := "postscore: 20000 inputs → 19990 rows, 10 errors (empty 10), 5 warnings on 4 posts; resumed, this run: 1.52s, 7768 posts/s, 70.1 MB/s; wrote out/"
	if got := summaryLine(m, "out/", 1520*time.Millisecond); got != want {
		t.Errorf("resumed:\ngot  %s\nwant %s", got, want)
	}
	m.Resumes = 0
	want = "postscore: 20000 inputs → 19990 rows, 10 errors (empty 10), 5 warnings on 4 posts; 1.52s, 7768 posts/s, 70.1 MB/s; wrote out/"
	if got := summaryLine(m, "out", 1520*time.Millisecond); got != want {
		t.Errorf("fresh:\ngot  %s\nwant %s", got, want)
	}
	m.OutputsSkipped = 4 // an OUT inside the corpus: its scores, errors, manifest and report.md
	want = "postscore: 20000 inputs → 19990 rows, 10 errors (empty 10), 4 files of postscore's own outputs left out, 5 warnings on 4 posts; 1.52s, 7768 posts/s, 70.1 MB/s; wrote out/"
	if got := summaryLine(m, "out", 1520*time.Millisecond); got != want {
		t.Errorf("outputs left out:\ngot  %s\nwant %s", got, want)
	}
	m.OutputsSkipped = 0
	m.Skipped, m.Excluded = map[string]int64{".png": 3, ".yml": 988}, 12
	want = "postscore: 20000 inputs → 19990 rows, 10 errors (empty 10), 5 warnings on 4 posts; skipped 988 .yml, 3 .png; 12 excluded by --include/--exclude; 1.52s, 7768 posts/s, 70.1 MB/s; wrote out/"
	if got := summaryLine(m, "out", 1520*time.Millisecond); got != want {
		t.Errorf("skipped and excluded:\ngot  %s\nwant %s", got, want)
	}
}

// TestSummaryNamesTheMostSkipped: the summary line names the five
// extensions skipped most (ties by name), a sixth too rather than "1 more
// of 1 other extension", and counts the rest of seven or more together.
func TestSummaryNamesTheMostSkipped(t *testing.T) {
	m := &pipeline.Manifest{Skipped: map[string]int64{".yml": 9, ".png": 5, ".jpg": 5, ".css": 4, "(none)": 2, ".json": 1}}
	want := "skipped 9 .yml, 5 .jpg, 5 .png, 4 .css, 2 (none), 1 .json; "
	if got := leftOut(m); got != want {
		t.Errorf("six extensions:\ngot  %s\nwant %s", got, want)
	}
	m.Skipped[".svg"] = 1
	want = "skipped 9 .yml, 5 .jpg, 5 .png, 4 .css, 2 (none), 2 more of 2 other extensions; "
	if got := leftOut(m); got != want {
		t.Errorf("seven extensions:\ngot  %s\nwant %s", got, want)
	}
}

// TestScoreSelectsInputs: score over a site's directory scores only its
// posts and says in the summary line and the manifest what it skipped, by
// extension, apart from what --include and --exclude left out; a file
// named as a CORPUS argument is scored whatever its extension; a malformed
// glob is a usage error.
func TestScoreSelectsInputs(t *testing.T) {
	site := t.TempDir()
	for name, text := range map[string]string{
		"content/a.md":        "---\ntitle: A post\n---\n\nA paragraph of text that says something.\n",
		"content/b.txt":       "Another post\n\nA paragraph of plain text.\n",
		"content/drafts/c.md": "---\ntitle: A draft\n---\n\nNot ready yet, but a paragraph all the same.\n",
		"data/menu.yml":       "---\ntitle: Menu\n---\nHome\n",
		"data/site.yml":       "baseURL: /\n",
		"static/cover.png":    "\x89PNG\r\n\x1a\n",
		"static/app.json":     "{}",
		"themes/x/theme.css":  "body {}",
		"themes/x/LICENSE":    "MIT\n",
		"content/notes.org":   "Notes\n\nA paragraph of notes.\n",
	} {
		p := filepath.Join(site, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name    string
		args    []string
		summary string
		skipped map[string]int64
		exclude int64
	}{
		{"by extension", []string{site}, "3 inputs → 3 rows, 0 errors, 1 warnings on 1 posts; skipped 2 .yml, 1 (none), 1 .css, 1 .json, 1 .org, 1 .png; ",
			map[string]int64{".yml": 2, ".png": 1, ".json": 1, ".css": 1, ".org": 1, "(none)": 1}, 0},
		{"--exclude", []string{site, "--exclude", "**/drafts/**"}, "2 inputs → 2 rows, 0 errors, 1 warnings on 1 posts; skipped 2 .yml, 1 (none), 1 .css, 1 .json, 1 .org, 1 .png; 1 excluded by --include/--exclude; ",
			map[string]int64{".yml": 2, ".png": 1, ".json": 1, ".css": 1, ".org": 1, "(none)": 1}, 1},
		{"--include", []string{site, "--include", "content/**", "--include", "data/menu.yml", "--exclude", "content/drafts/**"}, "4 inputs → 4 rows, 0 errors, 2 warnings on 2 posts; 6 excluded by --include/--exclude; ",
			map[string]int64{}, 6},
		{"a named file", []string{filepath.Join(site, "content", "notes.org"), "--exclude", "*.org"}, "1 inputs → 1 rows, 0 errors, 1 warnings on 1 posts; ",
			map[string]int64{}, 0},
	} {
		out := filepath.Join(t.TempDir(), "out")
		stdout, errs, code := run(t, append([]string{"score", "-o", out, "--as-of", "2026-11-27", "-q", "--no-report"}, c.args...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", c.name, code, errs)
		}
		if !regexp.MustCompile(regexp.QuoteMeta("postscore: "+c.summary) + `\d+\.\d\ds, `).MatchString(stdout) {
			t.Errorf("%s: summary\n%s\nwant it to say\n%s", c.name, stdout, c.summary)
		}
		m, err := pipeline.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(m.Skipped, c.skipped) || m.Excluded != c.exclude {
			t.Errorf("%s: manifest skipped %v, excluded %d; want %v and %d", c.name, m.Skipped, m.Excluded, c.skipped, c.exclude)
		}
	}
	_, errs, code := run(t, "score", site, "-o", filepath.Join(t.TempDir(), "out"), "--include", "content/[ab")
	if code != 2 || !strings.Contains(errs, `--include: "content/[ab" is not a valid glob`) {
		t.Errorf("a malformed glob: exit %d: %s", code, errs)
	}
	help, _, _ := run(t, "score", "--help")
	if !strings.Contains(help, "--include GLOB") || !strings.Contains(help, "--exclude 'drafts/**'") {
		t.Errorf("score --help does not show --include and --exclude with examples:\n%s", help)
	}
}

// TestCompletion: the shell completion completes the values of every flag
// that takes one of a fixed set, and lists' values after a comma.
func TestCompletion(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string // the candidates, then cobra's directive (4: no file names; 6: nor a space after)
	}{
		{[]string{"score", "corpus", "--format", ""}, "auto\npost\nmarkdown\ntext\njsonl\nparquet\n:4\n"},
		{[]string{"score", "corpus", "--format", "j"}, "jsonl\n:4\n"},
		{[]string{"score", "corpus", "--report-format", ""}, "md\nhtml\njson\n:6\n"},
		{[]string{"score", "corpus", "--report-format", "md,"}, "md,html\nmd,json\n:6\n"},
		{[]string{"report", "out", "--format", "html,j"}, "html,json\n:6\n"},
		{[]string{"gen", "--format", ""}, "post\njsonl\nmarkdown\n:4\n"},
		{[]string{"explain", "post.txt", "--format", ""}, "auto\npost\nmarkdown\ntext\n:4\n"},
	} {
		out, _, code := run(t, append([]string{"__complete"}, c.args...)...)
		if code != 0 || !strings.HasPrefix(out, c.want) {
			t.Errorf("%v: exit %d, completed\n%s\nwant\n%s", c.args, code, out, c.want)
		}
	}
}
