package reports

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// testPost is one post of a corpus written by a test: Markdown with YAML
// front matter, or the export format.
type testPost struct {
	name     string // file name, and so its post_id (Markdown) or source id
	markdown bool
	title    string
	reviewed string // the review date, "" for none
	paras    []string
	extra    []string // lines added to the front matter or the meta block
}

// text is the post as its file holds it.
func (p testPost) text() string {
	var b strings.Builder
	if p.markdown {
		fmt.Fprintf(&b, "---\ntitle: %q\ntags: [operations, notes]\n", p.title)
		if p.reviewed != "" {
			fmt.Fprintf(&b, "last_reviewed: %s\n", p.reviewed)
		}
		for _, l := range p.extra {
			b.WriteString(l + "\n")
		}
		b.WriteString("---\n\n" + strings.Join(p.paras, "\n\n") + "\n")
		return b.String()
	}
	fmt.Fprintf(&b, "|\n\n%s\n\n%s\n\nalphanode post meta\n\n", p.title, strings.Join(p.paras, "\n\n"))
	fmt.Fprintf(&b, "topicoperations / backend services\nrevision\n  • status: reviewed\n  • version: 1.0.0\n")
	if p.reviewed != "" {
		fmt.Fprintf(&b, "  • last reviewed: %s\n", p.reviewed)
	}
	fmt.Fprintf(&b, "payload\n  • source id: %s\n", p.name)
	for _, l := range p.extra {
		b.WriteString(l + "\n")
	}
	return b.String()
}

// testWords are what the posts of generatedPosts are written with.
var testWords = strings.Fields(`the service cache request latency owner deploy rollback queue worker
database index query backup restore alert page runbook change review metric log trace budget
timeout retry limit error client server network disk memory schedule team night week measure
check write read small clear slow fast first last every often before after because while`)

// generatedPosts are n posts of the given format, of different lengths and
// words, reviewed unless unreviewed says otherwise.
func generatedPosts(prefix string, n int, markdown bool, unreviewed func(i int) bool) []testPost {
	posts := make([]testPost, n)
	for i := range posts {
		r := rand.New(rand.NewPCG(uint64(i), 7))
		p := testPost{name: fmt.Sprintf("%s-%03d", prefix, i), markdown: markdown,
			title: fmt.Sprintf("notes on %s and %s, part %d", testWords[r.IntN(len(testWords))], testWords[r.IntN(len(testWords))], i)}
		if !unreviewed(i) {
			p.reviewed = fmt.Sprintf("2026-%02d-%02d", 1+r.IntN(10), 1+r.IntN(28))
		}
		for range 3 + r.IntN(4) {
			var sentences []string
			for range 2 + r.IntN(4) {
				words := make([]string, 6+r.IntN(12))
				for w := range words {
					words[w] = testWords[r.IntN(len(testWords))]
				}
				sentences = append(sentences, strings.Join(words, " ")+".")
			}
			p.paras = append(p.paras, strings.Join(sentences, " "))
		}
		posts[i] = p
	}
	return posts
}

// writeCorpus writes the posts into a new directory: .md for Markdown,
// .txt for the export format.
func writeCorpus(t *testing.T, posts []testPost) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range posts {
		ext := ".txt"
		if p.markdown {
			ext = ".md"
		}
		if err := os.WriteFile(filepath.Join(dir, p.name+ext), []byte(p.text()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// postID is the post's id in a run: its path for Markdown, its source id
// for the export format.
func (p testPost) postID() string {
	if p.markdown {
		return p.name + ".md"
	}
	return p.name
}

// rewriteParagraph rewrites the post's first paragraph into one sentence
// said eight times: a rewrite its depth must notice.
func rewriteParagraph(p *testPost) {
	p.paras = slices.Clone(p.paras)
	p.paras[0] = strings.TrimSpace(strings.Repeat("we rewrote this paragraph so that it says one thing again and again. ", 8))
}

// compareRow is what a test reads of one row of compare.parquet.
type compareRow struct {
	bodyChanged, metaChanged sql.NullBool
	cause, detail            sql.NullString
}

// readCompare reads compare.parquet with DuckDB, by post_id.
func readCompare(t *testing.T, dir string) map[string]compareRow {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT post_id, body_changed, meta_changed, cause, cause_detail FROM read_parquet(?)", filepath.Join(dir, CompareName))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]compareRow{}
	for rows.Next() {
		var id string
		var r compareRow
		if err := rows.Scan(&id, &r.bodyChanged, &r.metaChanged, &r.cause, &r.detail); err != nil {
			t.Fatal(err)
		}
		out[id] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCompareTellsMetadataFromBody is issue 26's acceptance: of 140 posts
// (Markdown and export format), 100 gain a front matter key or a meta line
// and 10 have a paragraph rewritten; scored again at the same as-of date,
// compare counts 100 metadata-only changes and 10 body changes, and names
// the cause of each move: metadata for the posts that gained a review date,
// body for the rewritten ones, none for the rest.
func TestCompareTellsMetadataFromBody(t *testing.T) {
	md := generatedPosts("md", 100, true, func(i int) bool { return i >= 70 && i < 90 })
	ex := generatedPosts("ex", 40, false, func(i int) bool { return i >= 5 && i < 10 })
	old := scoreRun(t, writeCorpus(t, append(slices.Clone(md), ex...)), nil)

	want := map[string]string{} // the expected cause, by post_id; absent: none
	for i := range md {
		switch {
		case i < 70: // a key no score reads
			md[i].extra = []string{"expirydate: 2027-06-30"}
		case i < 90:
			md[i].extra = []string{"lastmod: 2026-09-15"}
			want[md[i].postID()] = CauseMetadata
		case i < 95:
			rewriteParagraph(&md[i])
			want[md[i].postID()] = CauseBody
		}
	}
	for i := range ex {
		switch {
		case i < 5: // a meta line no score reads
			ex[i].extra = []string{"hashexport-" + ex[i].name}
		case i < 10:
			ex[i].reviewed = "2026-09-15"
			want[ex[i].postID()] = CauseMetadata
		case i < 15:
			rewriteParagraph(&ex[i])
			want[ex[i].postID()] = CauseBody
		}
	}
	nw := scoreRun(t, writeCorpus(t, append(slices.Clone(md), ex...)), nil)
	dir := t.TempDir()
	c, err := Compare(old, nw, dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.Both != 140 || c.Changes != (ChangeCounts{Body: 10, Metadata: 100}) {
		t.Errorf("%d posts in both, changes %+v; want 140, 10 body and 100 metadata-only", c.Both, c.Changes)
	}
	rows := readCompare(t, dir)
	var body, meta int
	for id, r := range rows {
		if r.bodyChanged.Bool {
			body++
		}
		if r.metaChanged.Bool {
			meta++
		}
		if !r.bodyChanged.Valid || !r.metaChanged.Valid {
			t.Errorf("%s: body_changed or meta_changed is null", id)
		}
		switch w := want[id]; {
		case r.cause.String != w:
			t.Errorf("%s: cause %q (%s), want %q", id, r.cause.String, r.detail.String, w)
		case w == CauseMetadata && r.detail.String != DetailReviewDateGained:
			t.Errorf("%s: cause_detail %q, want %q", id, r.detail.String, DetailReviewDateGained)
		}
	}
	if body != 10 || meta != 100 {
		t.Errorf("compare.parquet: %d body_changed, %d meta_changed; want 10 and 100", body, meta)
	}
	checkMovers(t, c, want, dir)
}

// checkMovers checks that each top mover's cause is the one wanted, and
// that compare.md counts the changes and names each mover's cause.
func checkMovers(t *testing.T, c *Comparison, want map[string]string, dir string) {
	t.Helper()
	if len(c.TopMovers) == 0 {
		t.Fatal("no movers")
	}
	md, err := os.ReadFile(filepath.Join(dir, "compare.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range c.TopMovers {
		if m.Cause != want[m.PostID] {
			t.Errorf("mover %s: cause %q, want %q", m.PostID, m.Cause, want[m.PostID])
		}
		if !strings.Contains(string(md), fmt.Sprintf("| %+d | %s |", int(m.Delta), mdCell(m.CauseText()))) {
			t.Errorf("compare.md does not name mover %s's cause %q", m.PostID, m.CauseText())
		}
	}
	if !strings.Contains(string(md), "10 body changes, 100 metadata-only changes") {
		t.Errorf("compare.md does not count the changes:\n%s", md)
	}
	if !strings.Contains(string(md), mdCell(CauseMetadata+": "+DetailReviewDateGained)) {
		t.Error("compare.md names no mover's metadata cause")
	}
}

// TestCompareNamesALostReviewDate: a review date deleted from the front
// matter and from a meta block moves the posts' scores for a metadata-only
// change, which compare names: review date lost.
func TestCompareNamesALostReviewDate(t *testing.T) {
	posts := append(generatedPosts("md", 3, true, func(int) bool { return false }), generatedPosts("ex", 3, false, func(int) bool { return false })...)
	old := scoreRun(t, writeCorpus(t, posts), nil)
	posts[0].reviewed, posts[3].reviewed = "", ""
	nw := scoreRun(t, writeCorpus(t, posts), nil)
	dir := t.TempDir()
	c, err := Compare(old, nw, dir)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCompare(t, dir)
	for i, p := range posts {
		r := rows[p.postID()]
		lost := i == 0 || i == 3
		if lost && (r.cause.String != CauseMetadata || r.detail.String != DetailReviewDateLost || r.bodyChanged.Bool || !r.metaChanged.Bool) {
			t.Errorf("%s: cause %q, detail %q, body_changed %v, meta_changed %v; want metadata: %s", p.postID(), r.cause.String, r.detail.String, r.bodyChanged, r.metaChanged, DetailReviewDateLost)
		}
		if !lost && (r.cause.Valid || r.metaChanged.Bool || r.bodyChanged.Bool) {
			t.Errorf("%s, unchanged: cause %q, body_changed %v, meta_changed %v", p.postID(), r.cause.String, r.bodyChanged, r.metaChanged)
		}
	}
	if c.Changes != (ChangeCounts{Metadata: 2}) || c.Moved.CauseSummary() != "2 metadata" {
		t.Errorf("changes %+v, moved %s", c.Changes, c.Moved.CauseSummary())
	}
}

// oldRunFixture is a run of testdata/compare/v1 written by the postscore
// before body_sha256 (at the as-of date scoreRun uses): compare must read
// it, and say that it cannot tell body from metadata.
var oldRunFixture = filepath.Join("..", "testdata", "compare", "run-before-body-sha256")

// TestCompareWithARunBeforeBodySHA256: compared with a run that lacks
// body_sha256, a changed post's body_changed and meta_changed are null, its
// cause is content, and the reports say why body and metadata are unknown.
func TestCompareWithARunBeforeBodySHA256(t *testing.T) {
	src := filepath.Join("..", "testdata", "compare", "v1")
	dir := t.TempDir()
	for name, edit := range map[string]func(string) string{
		"reviewed.md":  func(s string) string { return strings.Replace(s, "last_reviewed: 2026-09-01\n", "", 1) },
		"untouched.md": func(s string) string { return s },
		"export.txt": func(s string) string {
			return strings.Replace(s, "start from the latency", "begin with the latency", 1)
		},
	} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(edit(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	nw := scoreRun(t, dir, nil)
	out := t.TempDir()
	c, err := Compare(oldRunFixture, nw, out)
	if err != nil {
		t.Fatal(err)
	}
	const because = "OLD was written before body_sha256"
	if c.Changes != (ChangeCounts{Unknown: 2, UnknownBecause: because}) {
		t.Errorf("changes %+v", c.Changes)
	}
	rows := readCompare(t, out)
	for _, id := range []string{"reviewed.md", "fixture-timeouts"} {
		if r := rows[id]; r.bodyChanged.Valid || r.metaChanged.Valid {
			t.Errorf("%s: body_changed %v, meta_changed %v; want null (unknown)", id, r.bodyChanged, r.metaChanged)
		}
	}
	if r := rows["reviewed.md"]; r.cause.String != CauseContent || r.detail.String != "body or metadata unknown: "+because+"; "+DetailReviewDateLost {
		t.Errorf("reviewed.md: cause %q, detail %q", r.cause.String, r.detail.String)
	}
	if r := rows["untouched.md"]; !r.bodyChanged.Valid || r.bodyChanged.Bool || r.metaChanged.Bool || r.cause.Valid {
		t.Errorf("untouched.md: %+v", r)
	}
	for _, name := range []string{"compare.md", "compare.html"} {
		b, _ := os.ReadFile(filepath.Join(out, name))
		if !strings.Contains(string(b), "2 changed inputs, body or metadata unknown: "+because) {
			t.Errorf("%s does not say why body and metadata are unknown", name)
		}
	}
	back, err := Compare(nw, oldRunFixture, t.TempDir())
	if err != nil || back.Changes.UnknownBecause != "NEW was written before body_sha256" {
		t.Errorf("reverse: %v, %+v", err, back)
	}
}

// TestMetadataDetails: what appeared, disappeared or changed in the front
// matter or meta block is named, an unreadable front matter first.
func TestMetadataDetails(t *testing.T) {
	base := metaFacts{title: "a title", reviewed: 20000, hasReviewed: true, tags: []string{"go"}}
	base.claimed[0], base.hasClaimed[0] = 80, true
	for _, tc := range []struct {
		name string
		edit func(m *metaFacts)
		want []string
	}{
		{"nothing", func(*metaFacts) {}, nil},
		{"front matter unreadable", func(m *metaFacts) {
			m.warnKinds = []string{"bad_front_matter"}
			m.hasReviewed, m.tags, m.title = false, nil, "the first paragraph"
		}, []string{DetailFrontMatterBad, DetailReviewDateLost, DetailTitleChanged, DetailTagsLost}},
		{"meta block lost", func(m *metaFacts) { m.warnKinds = []string{"no_meta"}; m.hasClaimed[0] = false },
			[]string{DetailMetaBlockLost, DetailClaimedDisappeared}},
		{"review date moved", func(m *metaFacts) { m.reviewed = 20001 }, []string{"review date 2024-10-04 → 2024-10-05"}},
		{"claims", func(m *metaFacts) { m.claimed[0] = 70; m.claimed[1], m.hasClaimed[1] = 90, true },
			[]string{DetailClaimedAppeared, DetailClaimedChanged}},
		{"tags", func(m *metaFacts) { m.tags = []string{"rust"} }, []string{DetailTagsChanged}},
		{"another warning", func(m *metaFacts) { m.warnKinds = []string{"duplicate_meta_key"} }, []string{"warning duplicate_meta_key appeared"}},
	} {
		n := base
		tc.edit(&n)
		if got := metadataDetails(&base, &n); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	gained := metaFacts{warnKinds: []string{"bad_front_matter"}}
	if got := metadataDetails(&gained, &metaFacts{}); !slices.Equal(got, []string{DetailFrontMatterReadable}) {
		t.Errorf("front matter readable again: %q", got)
	}
}

// TestCausePrecedence: when several causes apply, the cause is the first
// of CauseKinds that does.
func TestCausePrecedence(t *testing.T) {
	yes, no := boolPtr(true), boolPtr(false)
	for _, tc := range []struct {
		ch   postChange
		want string
	}{
		{postChange{content: true, body: yes, meta: no, model: true, asOf: true}, CauseBody},
		{postChange{content: true, body: no, meta: yes, model: true}, CauseMetadata},
		{postChange{content: true, model: true}, CauseContent},
		{postChange{body: no, meta: no, model: true, asOf: true}, CauseModel},
		{postChange{body: no, meta: no, asOf: true}, CauseAsOf},
		{postChange{body: no, meta: no}, CauseScorer},
	} {
		if got := tc.ch.cause(); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.ch, got, tc.want)
		}
	}
}
