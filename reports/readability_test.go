package reports

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features/checks"
	"github.com/alphanode/postscore/pipeline"
)

// checkSpec writes a post's readability checks, one letter a check in the
// order of checks.All: G good, O ok, B bad, N no light (the check does not
// apply), - the check absent (its value null). "" is no checks at all, as
// for a post not in English.
func checkSpec(t *testing.T, spec string) []pipeline.CheckRow {
	t.Helper()
	if spec != "" && len(spec) != len(checks.All) {
		t.Fatalf("spec %q: want %d letters", spec, len(checks.All))
	}
	names := map[byte]string{'G': "good", 'O': "ok", 'B': "bad"}
	var rows []pipeline.CheckRow
	for k := range len(spec) {
		r := pipeline.CheckRow{Check: checks.All[k].Column, Value: float64(k)}
		switch c := spec[k]; c {
		case '-':
			continue
		case 'N':
		default:
			light, ok := names[c]
			if !ok {
				t.Fatalf("spec %q: letter %c", spec, c)
			}
			r.Light = &light
		}
		rows = append(rows, r)
	}
	return rows
}

// testChecks are the checks given to the rows of the test corpus, by
// doc_path, in its input order (row number: seq − 1).
var testChecks = map[string]string{
	"bad/invalid-utf8.txt":          "BBOGBG", // seq 1: 3 bad, 1 ok
	"posts/bad-meta.txt":            "",       // seq 2: no checks
	"posts/crlf-bom.txt":            "BGNGBB", // seq 3: 3 bad, 0 ok
	"posts/future-review.txt":       "GONBGO", // seq 4: 1 bad, 2 ok
	"posts/good-post.txt":           "GGGGGG", // seq 5: none bad
	"posts/no-meta.txt":             "",       // seq 6: no checks
	"posts/script-title.txt":        "BBBBBB", // seq 7: 6 bad
	"seed/000_3c46a61df17ffb0d.txt": "OOBG-G", // seq 8: 1 bad, 2 ok, no paragraph check
}

// runWithChecks scores the test corpus and gives its rows testChecks (or
// what edit makes of them), recording the new scores.parquet in the run's
// manifest. It returns the run and its rows as written.
func runWithChecks(t *testing.T, edit func(r *pipeline.Row)) (string, []pipeline.Row) {
	t.Helper()
	out := scoreRun(t, testCorpus, nil)
	path := filepath.Join(out, pipeline.ScoresName)
	rows, err := pipeline.ReadParquet[pipeline.Row](path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(testChecks) {
		t.Fatalf("%d rows, want %d", len(rows), len(testChecks))
	}
	w, err := pipeline.NewParquetWriter[pipeline.Row](path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		spec, ok := testChecks[rows[i].DocPath]
		if !ok {
			t.Fatalf("no checks for %s", rows[i].DocPath)
		}
		rows[i].ReadabilityChecks = checkSpec(t, spec)
		if edit != nil {
			edit(&rows[i])
		}
		if err := w.Write(rows[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(nil); err != nil {
		t.Fatal(err)
	}
	if err := pipeline.RecordFiles(out, []string{pipeline.ScoresName}); err != nil {
		t.Fatal(err)
	}
	return out, rows
}

// sixths is n of the 6 posts with checks, as a share.
func sixths(n int) LightCount {
	s := float64(n) / 6
	return LightCount{Posts: n, Share: &s}
}

// lights is a check's counts: good, ok, bad, not applicable, in sixths.
func lights(check, label string, good, ok, bad, na int) CheckLights {
	return CheckLights{Check: check, Label: label, Good: sixths(good), OK: sixths(ok), Bad: sixths(bad), NotApplicable: sixths(na)}
}

// testReadability is what a report says of testChecks, worked by hand from
// the letters, column by column: 8 posts, 2 without checks; of the 6 with
// checks, 5 have a bad light. The most failed: script-title (6 bad),
// invalid-utf8 (3 bad, 1 ok) before crlf-bom (3 bad, 0 ok), then
// future-review and the seed (1 bad, 2 ok each) in input order.
func testReadability() *ReadabilitySection {
	return &ReadabilitySection{Posts: 8, WithChecks: 6, WithoutChecks: 2, Failing: 5,
		Checks: []CheckLights{
			lights("long_sentence_share", "Long sentences", 2, 1, 3, 0),                           // B B G G B O
			lights("passive_sentence_share", "Passive voice", 2, 2, 2, 0),                         // B G O G B O
			lights("transition_sentence_share", "Transition words", 1, 1, 2, 2),                   // O N N G B B
			lights("max_same_start_run", "Consecutive sentences with the same start", 4, 0, 2, 0), // G G B G B G
			lights("longest_paragraph_words", "Paragraph length", 2, 0, 3, 1),                     // B B G G B -
			lights("longest_section_words", "Text between subheadings", 3, 1, 2, 0),               // G B O G B G
		},
		MostFailed: []FailingPost{
			{DocPath: "posts/script-title.txt", Title: "<script>alert(1)</script>", Bad: 6, OK: 0, seq: 7, BadChecks: []string{
				"long_sentence_share", "passive_sentence_share", "transition_sentence_share", "max_same_start_run", "longest_paragraph_words", "longest_section_words"}},
			{DocPath: "bad/invalid-utf8.txt", Title: "a title with one bad byte", Bad: 3, OK: 1, seq: 1,
				BadChecks: []string{"long_sentence_share", "passive_sentence_share", "longest_paragraph_words"}},
			{DocPath: "posts/crlf-bom.txt", Title: "windows line endings and a byte order mark", Bad: 3, OK: 0, seq: 3,
				BadChecks: []string{"long_sentence_share", "longest_paragraph_words", "longest_section_words"}},
			{DocPath: "posts/future-review.txt", Title: "a post reviewed in the future", Bad: 1, OK: 2, seq: 4,
				BadChecks: []string{"max_same_start_run"}},
			{DocPath: "seed/000_3c46a61df17ffb0d.txt", Title: "production checklist for organizing frontend state in python services", Bad: 1, OK: 2, seq: 8,
				BadChecks: []string{"transition_sentence_share"}},
		}}
}

// liveOf is the Live that saw the rows and error rows of the run in out.
func liveOf(t *testing.T, out string, rows []pipeline.Row) (*Live, *pipeline.Manifest) {
	t.Helper()
	man, err := pipeline.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := pipeline.ReadParquet[pipeline.ErrorRow](filepath.Join(out, pipeline.ErrorsName))
	if err != nil {
		t.Fatal(err)
	}
	live := NewLive(man.HalfLifeDays)
	for i := range rows {
		live.Add(&rows[i])
	}
	for i := range errs {
		live.AddError(&errs[i])
	}
	return live, man
}

// TestReadabilitySection: each check's lights counted, with their shares
// of the posts with checks, and the posts that fail most checks, whether
// read back from scores.parquet or gathered from the rows as a run writes
// them.
func TestReadabilitySection(t *testing.T) {
	out, rows := runWithChecks(t, nil)
	s, err := Summarize(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := testReadability(); !reflect.DeepEqual(s.Readability, want) {
		got, _ := json.MarshalIndent(s.Readability, "", " ")
		t.Errorf("readability:\n%s", got)
	}
	live, man := liveOf(t, out, rows)
	l, err := live.Summary(out, man)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(l, s) {
		t.Errorf("the live summary's readability differs from the files': %+v", l.Readability)
	}
}

// TestReadabilityInReports: each report holds the section, the hostile
// title as text, and report.json the section as counted.
func TestReadabilityInReports(t *testing.T) {
	out, _ := runWithChecks(t, nil)
	if _, err := WriteReports(out, Formats); err != nil {
		t.Fatal(err)
	}
	docs := readReports(t, out)
	intro := "Yoast's readability checks, each post's light by Yoast's thresholds for English: 8 posts, 6 with checks, 2 without (not in English)."
	for _, want := range []string{
		"## Readability checks\n\n" + intro,
		"| check | good | ok | bad | does not apply |\n| --- | --: | --: | --: | --: |\n" +
			"| Long sentences (`long_sentence_share`) | 2 (33.3%) | 1 (16.7%) | 3 (50%) | 0 (0%) |\n" +
			"| Passive voice (`passive_sentence_share`) | 2 (33.3%) | 2 (33.3%) | 2 (33.3%) | 0 (0%) |\n" +
			"| Transition words (`transition_sentence_share`) | 1 (16.7%) | 1 (16.7%) | 2 (33.3%) | 2 (33.3%) |\n" +
			"| Consecutive sentences with the same start (`max_same_start_run`) | 4 (66.7%) | 0 (0%) | 2 (33.3%) | 0 (0%) |\n" +
			"| Paragraph length (`longest_paragraph_words`) | 2 (33.3%) | 0 (0%) | 3 (50%) | 1 (16.7%) |\n" +
			"| Text between subheadings (`longest_section_words`) | 3 (50%) | 1 (16.7%) | 2 (33.3%) | 0 (0%) |\n",
		"### Posts that fail most checks\n\nThe 5 posts with a bad light, the most bad lights first (then the most ok lights):\n\n" +
			"| bad | ok | bad checks | post | title |\n| --: | --: | --- | --- | --- |\n" +
			"| 6 | 0 | `long_sentence_share`, `passive_sentence_share`, `transition_sentence_share`, `max_same_start_run`, `longest_paragraph_words`, `longest_section_words` | posts/script-title.txt | \\<script\\>alert\\(1\\)\\</script\\> |\n" +
			"| 3 | 1 | `long_sentence_share`, `passive_sentence_share`, `longest_paragraph_words` | bad/invalid-utf8.txt | a title with one bad byte |\n" +
			"| 3 | 0 | `long_sentence_share`, `longest_paragraph_words`, `longest_section_words` | posts/crlf-bom.txt | windows line endings and a byte order mark |\n" +
			"| 1 | 2 | `max_same_start_run` | posts/future-review.txt | a post reviewed in the future |\n" +
			"| 1 | 2 | `transition_sentence_share` | seed/000\\_3c46a61df17ffb0d.txt | production checklist for organizing frontend state in python services |\n",
	} {
		if !strings.Contains(docs["md"], want) {
			t.Errorf("report.md lacks\n%s\n---\n%s", want, docs["md"])
		}
	}
	h := docs["html"]
	for _, want := range []string{`<h2 id="readability">Readability checks</h2>`, "<p>" + strings.ReplaceAll(intro, "'", "&#39;"),
		`<tr class="check"><td>Transition words (<code>transition_sentence_share</code>)</td><td class="n">1 (16.7%)</td><td class="n">1 (16.7%)</td><td class="n bad">2 (33.3%)</td><td class="n">2 (33.3%)</td></tr>`,
		`<tr class="failing"><td class="n">6</td><td class="n">0</td><td><code>long_sentence_share</code>, <code>passive_sentence_share</code>, <code>transition_sentence_share</code>, <code>max_same_start_run</code>, <code>longest_paragraph_words</code>, <code>longest_section_words</code></td><td>posts/script-title.txt</td><td class="title">&lt;script&gt;alert(1)&lt;/script&gt;</td></tr>`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("report.html lacks %s", want)
		}
	}
	if c, f := strings.Count(h, `<tr class="check">`), strings.Count(h, `<tr class="failing">`); c != 6 || f != 5 {
		t.Errorf("report.html lists %d checks and %d failing posts, want 6 and 5", c, f)
	}
	var s Summary
	want := testReadability()
	for i := range want.MostFailed {
		want.MostFailed[i].seq = 0 // not in the JSON
	}
	if err := json.Unmarshal([]byte(docs["json"]), &s); err != nil || !reflect.DeepEqual(s.Readability, want) {
		t.Errorf("report.json's readability: %v %+v", err, s.Readability)
	}
}

// TestRunWithoutReadabilityChecks: a run written before readability_checks
// records no checks, and its reports say so (score again) rather than
// count zero.
func TestRunWithoutReadabilityChecks(t *testing.T) {
	s, err := Summarize(oldRunFixture)
	if err != nil {
		t.Fatal(err)
	}
	if s.Readability != nil {
		t.Errorf("a run before readability_checks: %+v, want none", s.Readability)
	}
	r, err := Render(s, Formats)
	if err != nil {
		t.Fatal(err)
	}
	files := r.Files()
	predates := "This run has no readability checks: it was written by a postscore that predates readability_checks. Score the corpus again with this version to see them."
	if md := string(files["report.md"]); !strings.Contains(md, "## Readability checks\n\n"+predates+"\n\n## Duplicates") {
		t.Errorf("report.md does not say that the run predates readability_checks")
	}
	h := string(files["report.html"])
	if !strings.Contains(h, "<p>"+predates+"</p>") || strings.Contains(h, `<tr class="check">`) {
		t.Errorf("report.html does not say that the run predates readability_checks, or lists checks")
	}
	if !strings.Contains(string(files["report.json"]), `"readability": null,`) {
		t.Errorf("report.json's readability is not null")
	}
}

// TestNoPostFailsACheck: with no bad light, the list says so and is empty
// (not null) in report.json.
func TestNoPostFailsACheck(t *testing.T) {
	a := newReadabilityAcc()
	for seq, spec := range []string{"GGGGGG", "OONGOG", ""} {
		if err := a.add(rowChecks(checkSpec(t, spec), nil), "p.txt", "p", seq+1); err != nil {
			t.Fatal(err)
		}
	}
	r := a.finish()
	if r.Posts != 3 || r.WithChecks != 2 || r.WithoutChecks != 1 || r.Failing != 0 || r.MostFailed == nil || len(r.MostFailed) != 0 {
		t.Errorf("section: %+v", r)
	}
	// transition_sentence_share: good in the first post, no light in the second.
	if c := r.Checks[2]; c.Good.Posts != 1 || *c.Good.Share != 0.5 || c.NotApplicable.Posts != 1 || c.Bad.Posts != 0 {
		t.Errorf("transitions: %+v", c)
	}
	if failingText(r) != "No post fails a check." {
		t.Errorf("failing: %s", failingText(r))
	}
}

// TestMostFailedBounded: of 12 failing posts, the 10 with the most bad
// lights, then the most ok lights, then the earlier.
func TestMostFailedBounded(t *testing.T) {
	specs := []string{
		"BGGGGG", // 1: 1 bad, 0 ok
		"BBOGGG", // 2: 2 bad, 1 ok
		"BBGGGG", // 3: 2 bad, 0 ok
		"BBBBGG", // 4: 4 bad
		"BOGGGG", // 5: 1 bad, 1 ok
		"BBOOGG", // 6: 2 bad, 2 ok
		"BGGGGG", // 7: 1 bad, 0 ok
		"BBOGGG", // 8: 2 bad, 1 ok
		"BBBGGG", // 9: 3 bad
		"BGGGGG", // 10: 1 bad, 0 ok
		"BGGGGG", // 11: 1 bad, 0 ok
		"BOOGGG", // 12: 1 bad, 2 ok
	}
	a := newReadabilityAcc()
	for k, spec := range specs {
		if err := a.add(rowChecks(checkSpec(t, spec), nil), fmt.Sprint(k+1), "", k+1); err != nil {
			t.Fatal(err)
		}
	}
	r := a.finish()
	var got []string
	for _, p := range r.MostFailed {
		got = append(got, p.DocPath)
	}
	// 4 bad: 4; 3: 9; 2 bad with 2 ok: 6, with 1: 2, 8, with 0: 3; 1 bad
	// with 2 ok: 12, with 1: 5, with 0: 1, 7 (and 10, 11 left out).
	if want := []string{"4", "9", "6", "2", "8", "3", "12", "5", "1", "7"}; !reflect.DeepEqual(got, want) {
		t.Errorf("most failed: %v, want %v", got, want)
	}
	if r.Failing != 12 || !strings.HasPrefix(failingText(r), "The 10 of the 12 posts with a bad light") {
		t.Errorf("%d failing: %s", r.Failing, failingText(r))
	}
}

// TestForeignChecksRefused: a readability_checks value that postscore
// does not write (an unknown check or light, a check twice) is refused,
// with the file and the row, by a report and by a Live.
func TestForeignChecksRefused(t *testing.T) {
	amber, ok := "amber", "ok"
	for _, c := range []struct {
		name string
		edit func(cs []pipeline.CheckRow) []pipeline.CheckRow
		want string
	}{
		{"unknown check", func(cs []pipeline.CheckRow) []pipeline.CheckRow {
			cs[0].Check = "long_sentences"
			return cs
		}, `readability_checks names the check "long_sentences", which postscore has not`},
		{"unknown light", func(cs []pipeline.CheckRow) []pipeline.CheckRow {
			cs[1].Light = &amber
			return cs
		}, `readability_checks gives the check passive_sentence_share the light "amber", not good, ok or bad`},
		{"check twice", func(cs []pipeline.CheckRow) []pipeline.CheckRow {
			return append(cs, pipeline.CheckRow{Check: "max_same_start_run", Light: &ok})
		}, "readability_checks holds the check max_same_start_run twice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, rows := runWithChecks(t, func(r *pipeline.Row) {
				if r.DocPath == "posts/crlf-bom.txt" { // row 2
					r.ReadabilityChecks = c.edit(r.ReadabilityChecks)
				}
			})
			_, err := Summarize(out)
			where := filepath.Join(out, pipeline.ScoresName) + ", row 2: "
			if err == nil || !strings.Contains(err.Error(), where+c.want) || !strings.Contains(err.Error(), "it is not a postscore file") {
				t.Errorf("report: %v\nwant an error saying %q", err, where+c.want)
			}
			live, man := liveOf(t, out, rows)
			if _, err := live.Summary(out, man); err == nil || !strings.Contains(err.Error(), "row 2 (posts/crlf-bom.txt): "+c.want) {
				t.Errorf("live: %v\nwant an error saying %q", err, c.want)
			}
		})
	}
}

// TestEveryCheckHasALabel: a check added to checks.All has a name for
// readers.
func TestEveryCheckHasALabel(t *testing.T) {
	labels := map[string]bool{}
	for _, c := range checks.All {
		if c.Label == "" {
			t.Errorf("check %s has no label in checks.All", c.Column)
		}
		labels[c.Label] = true
	}
	if len(labels) != len(checks.All) {
		t.Errorf("%d distinct labels for %d checks", len(labels), len(checks.All))
	}
}
