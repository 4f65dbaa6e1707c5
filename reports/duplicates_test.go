package reports

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	postfmt "github.com/alphanode/postscore/features/post" // this package has a type post of its own
	"github.com/alphanode/postscore/pipeline"
)

// dupPost is one post of a fixture cluster.
type dupPost struct {
	doc, id, match      string
	similarity          float64
	sentence, canonical *string
}

func strp(s string) *string { return &s }

// clusterRows are the rows of cluster id: its posts in the order given (the
// input order), one of them canonical, chosen by rule.
func clusterRows(id int32, rule string, posts ...dupPost) []pipeline.DuplicateRow {
	var canon dupPost
	for _, p := range posts {
		if p.match == pipeline.MatchCanonical {
			canon = p
		}
	}
	rows := make([]pipeline.DuplicateRow, len(posts))
	for i, p := range posts {
		rows[i] = pipeline.DuplicateRow{ClusterID: id, ClusterSize: int32(len(posts)), DocPath: p.doc, PostID: p.id, Match: p.match,
			Similarity: p.similarity, CanonicalDocPath: canon.doc, CanonicalPostID: canon.id, CanonicalRule: rule,
			Sentence: p.sentence, CanonicalSentence: p.canonical}
	}
	return rows
}

// writeDuplicates writes rows as out's duplicates.parquet and, when out
// holds a run, lists it in the run's manifest, as the duplicates stage does.
func writeDuplicates(t *testing.T, out string, rows ...[]pipeline.DuplicateRow) {
	t.Helper()
	w, err := pipeline.NewParquetWriter[pipeline.DuplicateRow](filepath.Join(out, pipeline.DuplicatesName))
	if err != nil {
		t.Fatal(err)
	}
	for _, cluster := range rows {
		for _, r := range cluster {
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Commit(nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, pipeline.ManifestName)); err == nil {
		if err := pipeline.RecordFiles(out, []string{pipeline.DuplicatesName}); err != nil {
			t.Fatal(err)
		}
	}
}

// The fixture clusters of the test corpus, in its input order: posts
// bad-meta, crlf-bom, future-review, good-post, no-meta, script-title, then
// the seed.
var (
	hostileSentence = "<script>alert(2)</script> is a sentence | with [a link](javascript:x)."
	testClusters    = [][]pipeline.DuplicateRow{
		clusterRows(1, "input_order",
			dupPost{doc: "posts/bad-meta.txt", id: "handwritten-0002", match: pipeline.MatchCanonical, similarity: 1},
			dupPost{doc: "seed/000_3c46a61df17ffb0d.txt", id: "alphanode-006681", match: pipeline.MatchNear, similarity: 0.71,
				sentence: strp("only the seed says this.")}),
		clusterRows(2, "earliest_date",
			dupPost{doc: "posts/crlf-bom.txt", id: "handwritten-0003", match: pipeline.MatchCanonical, similarity: 1},
			dupPost{doc: "posts/good-post.txt", id: "handwritten-0001", match: pipeline.MatchExact, similarity: 1},
			dupPost{doc: "posts/no-meta.txt", id: "posts/no-meta.txt", match: pipeline.MatchNear, similarity: 0.64,
				sentence: strp(hostileSentence), canonical: strp("the canonical post's sentence.")}),
		clusterRows(3, "earliest_date",
			dupPost{doc: "posts/future-review.txt", id: "handwritten-0004", match: pipeline.MatchCanonical, similarity: 1},
			dupPost{doc: "posts/script-title.txt", id: "handwritten-0005", match: pipeline.MatchExact, similarity: 1}),
	}
)

// testDuplicates is what a report says of testClusters, worked by hand:
// 3 clusters of 7 posts, 3 canonical, 2 exact copies (good-post,
// script-title), 2 near (the seed, no-meta); cluster 2 (3 posts) first,
// then clusters 1 and 3 (2 posts each) by cluster_id.
func testDuplicates() *DuplicatesSection {
	return &DuplicatesSection{Clusters: 3, Posts: 7, Exact: 2, Near: 2, Largest: []Cluster{
		{ID: 2, Size: 3, CanonicalDocPath: "posts/crlf-bom.txt", CanonicalPostID: "handwritten-0003", CanonicalTitle: strp("windows line endings and a byte order mark"),
			CanonicalRule: "earliest_date", LowestSimilarity: 0.64,
			Differs: &SentencePair{DocPath: "posts/no-meta.txt", Sentence: hostileSentence, CanonicalSentence: strp("the canonical post's sentence.")}},
		{ID: 1, Size: 2, CanonicalDocPath: "posts/bad-meta.txt", CanonicalPostID: "handwritten-0002", CanonicalTitle: strp("a post whose meta does not parse"),
			CanonicalRule: "input_order", LowestSimilarity: 0.71,
			Differs: &SentencePair{DocPath: "seed/000_3c46a61df17ffb0d.txt", Sentence: "only the seed says this."}},
		{ID: 3, Size: 2, CanonicalDocPath: "posts/future-review.txt", CanonicalPostID: "handwritten-0004", CanonicalTitle: strp("a post reviewed in the future"),
			CanonicalRule: "earliest_date", LowestSimilarity: 1},
	}}
}

// runWithDuplicates scores the test corpus, its rows seen by live, and adds
// testClusters to the run.
func runWithDuplicates(t *testing.T, live *Live) (string, *pipeline.Manifest) {
	t.Helper()
	out := t.TempDir()
	asOf, _ := postfmt.ParseDate("2026-11-27")
	man, err := pipeline.Run(context.Background(), pipeline.Options{Corpus: []string{testCorpus}, Out: out, AsOf: asOf, MaxErrors: -1, OnRow: live.Add, OnError: live.AddError})
	if err != nil {
		t.Fatal(err)
	}
	writeDuplicates(t, out, testClusters...)
	return out, man
}

// TestDuplicatesSection: the report's clusters, counted and the largest
// first, with their canonical posts' titles, whether read back from the
// files or gathered as the run went (the titles then read from
// scores.parquet).
func TestDuplicatesSection(t *testing.T) {
	live := NewLive(180)
	out, man := runWithDuplicates(t, live)
	s, err := Summarize(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := testDuplicates(); !reflect.DeepEqual(s.Duplicates, want) {
		got, _ := json.MarshalIndent(s.Duplicates, "", " ")
		t.Errorf("duplicates:\n%s", got)
	}
	l, err := live.Summary(out, man)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(l, s) {
		t.Errorf("the live summary's duplicates differ from the files': %+v", l.Duplicates)
	}
}

// TestDuplicatesInReports: each report says what the clusters are, a
// hostile sentence as text.
func TestDuplicatesInReports(t *testing.T) {
	out, _ := runWithDuplicates(t, NewLive(180))
	if _, err := WriteReports(out, Formats); err != nil {
		t.Fatal(err)
	}
	docs := readReports(t, out)
	counts := "3 near-duplicate clusters hold 7 posts: 3 canonical, 2 exact copies and 2 near copies."
	for _, want := range []string{
		"## Duplicates\n\n" + counts + "\n\nThe clusters, the largest first",
		"| 2 | 3 | posts/crlf-bom.txt | windows line endings and a byte order mark | earliest\\_date | 0.64 | posts/no-meta.txt\\: “\\<script\\>alert\\(2\\)\\</script\\> is a sentence \\| with \\[a link\\]\\(javascript\\:x\\).”; the canonical post\\: “the canonical post's sentence.” |\n" +
			"| 1 | 2 | posts/bad-meta.txt | a post whose meta does not parse | input\\_order | 0.71 | seed/000\\_3c46a61df17ffb0d.txt\\: “only the seed says this.”; the canonical post has nothing alike |\n" +
			"| 3 | 2 | posts/future-review.txt | a post reviewed in the future | earliest\\_date | 1 | — |\n",
	} {
		if !strings.Contains(docs["md"], want) {
			t.Errorf("report.md lacks\n%s\n---\n%s", want, docs["md"])
		}
	}
	h := docs["html"]
	for _, want := range []string{`<h2 id="duplicates">Duplicates</h2>`, "<p>" + counts + "</p>",
		`<td class="differs">posts/no-meta.txt: <q>&lt;script&gt;alert(2)&lt;/script&gt; is a sentence | with [a link](javascript:x).</q><br>the canonical post: <q>the canonical post&#39;s sentence.</q></td>`,
		`the canonical post: nothing alike</td>`} {
		if !strings.Contains(h, want) {
			t.Errorf("report.html lacks %s", want)
		}
	}
	if n := strings.Count(h, `<tr class="cluster">`); n != 3 {
		t.Errorf("report.html lists %d clusters, want 3", n)
	}
	var s Summary
	if err := json.Unmarshal([]byte(docs["json"]), &s); err != nil || !reflect.DeepEqual(s.Duplicates, testDuplicates()) {
		t.Errorf("report.json's duplicates: %v %+v", err, s.Duplicates)
	}
}

func readReports(t *testing.T, out string) map[string]string {
	t.Helper()
	return readDocs(t, out, "report")
}

// readDocs reads dir/stem.md, .html and .json, by format.
func readDocs(t *testing.T, dir, stem string) map[string]string {
	t.Helper()
	docs := map[string]string{}
	for _, f := range Formats {
		b, err := os.ReadFile(filepath.Join(dir, stem+"."+f))
		if err != nil {
			t.Fatal(err)
		}
		docs[f] = string(b)
	}
	return docs
}

// TestRunWithoutDuplicates: a run made before duplicates.parquet records no
// clusters, and its reports say so rather than count zero; a run whose
// duplicates.parquet has no rows has zero clusters.
func TestRunWithoutDuplicates(t *testing.T) {
	s, err := Summarize(oldRunFixture)
	if err != nil {
		t.Fatal(err)
	}
	if s.Duplicates != nil {
		t.Errorf("a run before duplicates.parquet: %+v, want none", s.Duplicates)
	}
	r, err := Render(s, Formats)
	if err != nil {
		t.Fatal(err)
	}
	files := r.Files()
	predates := "This run records no near-duplicate clusters: it was made by a postscore that predates duplicates.parquet."
	if md := string(files["report.md"]); !strings.Contains(md, "## Duplicates\n\n"+predates+"\n") {
		t.Errorf("report.md does not say that the run predates duplicates.parquet")
	}
	if !strings.Contains(string(files["report.html"]), "<p>"+predates+"</p>") {
		t.Errorf("report.html does not say that the run predates duplicates.parquet")
	}
	if !strings.Contains(string(files["report.json"]), `"duplicates": null,`) {
		t.Errorf("report.json's duplicates are not null")
	}

	out := scoreRun(t, filepath.Join(testCorpus, "posts"), nil)
	writeDuplicates(t, out)
	s, err = Summarize(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := (&DuplicatesSection{Largest: []Cluster{}}); !reflect.DeepEqual(s.Duplicates, want) {
		t.Errorf("an empty duplicates.parquet: %+v, want zero clusters", s.Duplicates)
	}
	if md := string(RenderMarkdown(s)); !strings.Contains(md, "## Duplicates\n\nNo near-duplicate clusters: no post is a copy or near copy of another.\n") {
		t.Errorf("report.md does not say there are no clusters")
	}
}

// TestLargestClusters: of 12 clusters, the 10 with the most posts, the lower
// cluster_id first among equals.
func TestLargestClusters(t *testing.T) {
	sizes := []int{2, 5, 3, 2, 5, 4, 2, 3, 6, 2, 2, 3} // 39 posts
	var clusters [][]pipeline.DuplicateRow
	for k, n := range sizes {
		posts := []dupPost{{doc: "c.txt", id: "c", match: pipeline.MatchCanonical, similarity: 1}}
		for j := 1; j < n; j++ {
			match := pipeline.MatchNear
			if j == 1 {
				match = pipeline.MatchExact
			}
			posts = append(posts, dupPost{doc: "p.txt", id: "p", match: match, similarity: 1 - float64(j)/10})
		}
		clusters = append(clusters, clusterRows(int32(k+1), "input_order", posts...))
	}
	dir := t.TempDir()
	writeDuplicates(t, dir, clusters...)
	d, err := readDuplicates(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int32
	for _, c := range d.Largest {
		ids = append(ids, c.ID)
	}
	// 6 posts: 9; 5: 2, 5; 4: 6; 3: 3, 8, 12; 2: 1, 4, 7 (and 10, 11 left out).
	if want := []int32{9, 2, 5, 6, 3, 8, 12, 1, 4, 7}; !reflect.DeepEqual(ids, want) {
		t.Errorf("largest: %v, want %v", ids, want)
	}
	// Each cluster: 1 canonical, 1 exact, the rest near.
	if d.Clusters != 12 || d.Posts != 39 || d.Exact != 12 || d.Near != 39-24 {
		t.Errorf("counts: %+v", *d)
	}
	// Cluster 9's posts are 1, 0.9, 0.8, ..., 0.5 alike.
	if c := d.Largest[0]; c.Size != 6 || c.LowestSimilarity != 0.5 {
		t.Errorf("cluster 9: %+v", c)
	}
}

// TestForeignDuplicatesRefused: a duplicates.parquet whose rows break what
// its columns promise is refused, with the row and the promise.
func TestForeignDuplicatesRefused(t *testing.T) {
	canon := dupPost{doc: "a.txt", id: "a", match: pipeline.MatchCanonical, similarity: 1}
	near := dupPost{doc: "b.txt", id: "b", match: pipeline.MatchNear, similarity: 0.8}
	pair := clusterRows(1, "input_order", canon, near)
	edit := func(rows []pipeline.DuplicateRow, f func(r []pipeline.DuplicateRow)) []pipeline.DuplicateRow {
		rows = append([]pipeline.DuplicateRow(nil), rows...)
		f(rows)
		return rows
	}
	for _, c := range []struct {
		rows [][]pipeline.DuplicateRow
		want string
	}{
		{[][]pipeline.DuplicateRow{pair, clusterRows(3, "input_order", canon, near)}, "row 2: cluster_id is 3 after 1"},
		{[][]pipeline.DuplicateRow{clusterRows(0, "input_order", canon, near)}, "row 0: cluster_id is 0 after 0"},
		{[][]pipeline.DuplicateRow{edit(pair, func(r []pipeline.DuplicateRow) { r[0].ClusterSize, r[1].ClusterSize = 3, 3 })}, "cluster 1 has 2 rows, but its cluster_size is 3"},
		{[][]pipeline.DuplicateRow{edit(pair, func(r []pipeline.DuplicateRow) { r[1].ClusterSize = 3 })}, "row 1: cluster 1's cluster_size is 3, after 2"},
		{[][]pipeline.DuplicateRow{clusterRows(1, "input_order", canon)}, "row 0: cluster 1 has cluster_size 1"},
		{[][]pipeline.DuplicateRow{edit(pair, func(r []pipeline.DuplicateRow) { r[1].Match = "nearly" })}, `row 1: match is "nearly"`},
		{[][]pipeline.DuplicateRow{edit(pair, func(r []pipeline.DuplicateRow) { r[1].Similarity = 1.5 })}, "row 1: similarity is 1.5, outside 0 to 1"},
		{[][]pipeline.DuplicateRow{edit(pair, func(r []pipeline.DuplicateRow) { r[1].Match, r[1].DocPath = pipeline.MatchCanonical, "a.txt" })}, "cluster 1 has 2 canonical posts"},
	} {
		dir := t.TempDir()
		writeDuplicates(t, dir, c.rows...)
		_, err := readDuplicates(dir)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "it is not a postscore file") {
			t.Errorf("want an error saying %q, got %v", c.want, err)
		}
	}
}

// TestClipByHand: a sentence is shown up to maxSentenceRunes runes.
func TestClipByHand(t *testing.T) {
	long := strings.Repeat("é", maxSentenceRunes)
	if clip(long) != long || clip(long+"x") != long+"…" || clip("short.") != "short." {
		t.Errorf("clip: %q, %q", clip(long), clip(long+"x"))
	}
}
