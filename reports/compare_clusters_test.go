package reports

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/alphanode/postscore/pipeline"
)

// letterCorpus is a corpus of one text post for each letter, x.txt titled
// "post x": post_id x.txt.
func letterCorpus(t *testing.T, letters string) string {
	t.Helper()
	dir := t.TempDir()
	for _, l := range letters {
		text := "post " + string(l) + "\n\nThis is the post called " + string(l) + ", and it has words enough to be a post of its own.\n"
		if err := os.WriteFile(filepath.Join(dir, string(l)+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// lettersCluster is cluster id of the letters' posts, the first canonical,
// the others near copies.
func lettersCluster(id int32, letters string) []pipeline.DuplicateRow {
	var posts []dupPost
	for k, l := range letters {
		p := dupPost{doc: string(l) + ".txt", id: string(l) + ".txt", match: pipeline.MatchNear, similarity: 0.8}
		if k == 0 {
			p.match, p.similarity = pipeline.MatchCanonical, 1
		}
		posts = append(posts, p)
	}
	return clusterRows(id, "input_order", posts...)
}

func i32p(v int32) *int32 { return &v }

// TestCompareClusters matches clusters by their post_ids, worked by hand:
//
//	OLD 1 ab, 2 cde, 3 fg, 4 hi, 5 jkp, 6 lm, 7 qr, 8 st
//	NEW 1 abx, 2 cd, 3 yz, 4 hi, 5 jln, 6 qsu
//
// NEW 1 shares a, b with OLD 1 and has a post more: grew. NEW 2 shares c, d
// with OLD 2 and has one fewer: shrank. NEW 3 shares nothing: appeared.
// NEW 4 is OLD 4. NEW 5 shares j with OLD 5 (3 posts) and l with OLD 6 (2
// posts): a tie, which the smaller OLD 6 wins; it grew, and OLD 5 merged.
// NEW 6 shares q with OLD 7 and s with OLD 8, both of 2 posts: a tie, which
// the lower cluster_id wins; it grew, and OLD 8 merged. No post of OLD 3 is
// in a NEW cluster: dissolved. Listed by posts gained or lost: the appeared
// and dissolved clusters (2), then those that grew, then the one that
// shrank (1).
func TestCompareClusters(t *testing.T) {
	corpus := letterCorpus(t, "abcdefghijklmnpqrstuxyz")
	old, nw := scoreRun(t, corpus, nil), scoreRun(t, corpus, nil)
	var oldClusters, newClusters [][]pipeline.DuplicateRow
	for k, ls := range []string{"ab", "cde", "fg", "hi", "jkp", "lm", "qr", "st"} {
		oldClusters = append(oldClusters, lettersCluster(int32(k+1), ls))
	}
	for k, ls := range []string{"abx", "cd", "yz", "hi", "jln", "qsu"} {
		newClusters = append(newClusters, lettersCluster(int32(k+1), ls))
	}
	writeDuplicates(t, old, oldClusters...)
	writeDuplicates(t, nw, newClusters...)
	dir := t.TempDir()
	c, err := Compare(old, nw, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := &ClusterShifts{Old: 8, New: 6, Appeared: 1, Grew: 3, Shrank: 1, SameSize: 1, Dissolved: 1, Merged: 2, Changed: []ClusterChange{
		{Change: ClusterAppeared, NewClusterID: i32p(3), NewPosts: 2, CanonicalPostID: "y.txt", CanonicalDocPath: "y.txt", Title: "post y"},
		{Change: ClusterDissolved, OldClusterID: i32p(3), OldPosts: 2, CanonicalPostID: "f.txt", CanonicalDocPath: "f.txt", Title: "post f"},
		{Change: ClusterGrew, OldClusterID: i32p(1), NewClusterID: i32p(1), OldPosts: 2, NewPosts: 3, Shared: 2, CanonicalPostID: "a.txt", CanonicalDocPath: "a.txt", Title: "post a"},
		{Change: ClusterGrew, OldClusterID: i32p(6), NewClusterID: i32p(5), OldPosts: 2, NewPosts: 3, Shared: 1, CanonicalPostID: "j.txt", CanonicalDocPath: "j.txt", Title: "post j"},
		{Change: ClusterGrew, OldClusterID: i32p(7), NewClusterID: i32p(6), OldPosts: 2, NewPosts: 3, Shared: 1, CanonicalPostID: "q.txt", CanonicalDocPath: "q.txt", Title: "post q"},
		{Change: ClusterShrank, OldClusterID: i32p(2), NewClusterID: i32p(2), OldPosts: 3, NewPosts: 2, Shared: 2, CanonicalPostID: "c.txt", CanonicalDocPath: "c.txt", Title: "post c"},
	}}
	if !reflect.DeepEqual(c.Clusters, want) || c.ClustersUnavailable != "" {
		got, _ := json.MarshalIndent(c.Clusters, "", " ")
		t.Fatalf("clusters (%q):\n%s", c.ClustersUnavailable, got)
	}
	if s := c.ClusterSummary(); s != "clusters: 1 appeared, 3 grew, 1 shrank, 1 dissolved" {
		t.Errorf("summary line: %s", s)
	}
	docs := readCompareReports(t, dir)
	text := "OLD has 8 clusters, NEW 6: 1 appeared, 3 grew, 1 shrank, 1 kept its size, 1 dissolved, 2 merged into another."
	for _, want := range []string{"## Near-duplicate clusters\n\n" + text + "\n\n" + ClusterMatchNote + "\n",
		"| appeared | — | 3 | 0 | 2 | 0 | y.txt | post y |\n| dissolved | 3 | — | 2 | 0 | 0 | f.txt | post f |\n| grew | 1 | 1 | 2 | 3 | 2 | a.txt | post a |\n"} {
		if !strings.Contains(docs["md"], want) {
			t.Errorf("compare.md lacks\n%s\n---\n%s", want, docs["md"])
		}
	}
	if !strings.Contains(docs["html"], "<p>"+text+"</p>") || strings.Count(docs["html"], `<tr class="cluster-change">`) != 6 {
		t.Errorf("compare.html does not list the 6 changed clusters")
	}
	var back Comparison
	if err := json.Unmarshal([]byte(docs["json"]), &back); err != nil || !reflect.DeepEqual(back.Clusters, want) {
		t.Errorf("compare.json's clusters: %v %+v", err, back.Clusters)
	}
}

func readCompareReports(t *testing.T, dir string) map[string]string {
	t.Helper()
	return readDocs(t, dir, "compare")
}

// TestClusterPostIDsOnce: a post_id a cluster holds twice (two revisions of
// a post) counts once in what it shares, and a post_id in two OLD clusters
// counts for both: NEW {v, w} shares v with OLD 1 {v, v'} and OLD 2 {v, z},
// 1 each, a tie of equal sizes that OLD 1 wins.
func TestClusterPostIDsOnce(t *testing.T) {
	rc := &runClusters{byPost: map[string][]int32{}}
	for _, r := range []dupRow{{clusterID: 1, size: 2, postID: "v"}, {clusterID: 1, size: 2, postID: "v"}, {clusterID: 2, size: 2, postID: "v"}, {clusterID: 2, size: 2, postID: "z"}} {
		rc.add(&r)
	}
	if got := rc.clusters[0].postIDs; !reflect.DeepEqual(got, []string{"v"}) {
		t.Errorf("OLD 1's post_ids: %v", got)
	}
	if got := rc.byPost["v"]; !reflect.DeepEqual(got, []int32{1, 2}) {
		t.Errorf("v is in clusters %v, want 1 and 2", got)
	}
	m, shared := rc.match(&dupCluster{id: 1, posts: 2, postIDs: []string{"v", "w"}})
	if m == nil || m.id != 1 || shared != 1 {
		t.Errorf("match: %+v, %d shared", m, shared)
	}
}

// TestClustersNotCompared: when a run predates duplicates.parquet, compare
// says which, and that the clusters cannot be compared; a run with an
// empty duplicates.parquet has zero clusters, so the other's dissolved.
func TestClustersNotCompared(t *testing.T) {
	v1 := filepath.Join("..", "testdata", "compare", "v1")
	withDups, empty := scoreRun(t, v1, nil), scoreRun(t, v1, nil)
	writeDuplicates(t, withDups, clusterRows(1, "input_order",
		dupPost{doc: "export.txt", id: "fixture-timeouts", match: pipeline.MatchCanonical, similarity: 1},
		dupPost{doc: "untouched.md", id: "untouched.md", match: pipeline.MatchNear, similarity: 0.9}))
	writeDuplicates(t, empty)
	for _, c := range []struct {
		old, new, why string
	}{
		{oldRunFixture, withDups, "OLD was written before duplicates.parquet"},
		{withDups, oldRunFixture, "NEW was written before duplicates.parquet"},
		{oldRunFixture, oldRunFixture, "OLD and NEW were written before duplicates.parquet"},
	} {
		dir := t.TempDir()
		cmp, err := Compare(c.old, c.new, dir)
		if err != nil {
			t.Fatal(err)
		}
		if cmp.Clusters != nil || cmp.ClustersUnavailable != c.why || cmp.ClusterSummary() != "clusters not compared: "+c.why {
			t.Errorf("%s: clusters %+v, unavailable %q", c.why, cmp.Clusters, cmp.ClustersUnavailable)
		}
		docs := readCompareReports(t, dir)
		say := "The clusters cannot be compared: " + c.why + "."
		if !strings.Contains(docs["md"], "## Near-duplicate clusters\n\n"+say+"\n") || !strings.Contains(docs["html"], "<p>"+say+"</p>") {
			t.Errorf("compare.md or .html does not say %q", say)
		}
		if !strings.Contains(docs["json"], `"clusters": null,`) || !strings.Contains(docs["json"], `"clusters_unavailable_because": "`+c.why+`"`) {
			t.Errorf("compare.json does not say why the clusters are not compared")
		}
	}
	cmp, err := Compare(withDups, empty, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := &ClusterShifts{Old: 1, Dissolved: 1, Changed: []ClusterChange{{Change: ClusterDissolved, OldClusterID: i32p(1), OldPosts: 2,
		CanonicalPostID: "fixture-timeouts", CanonicalDocPath: "export.txt", Title: "choosing a timeout for a service call"}}}
	if !reflect.DeepEqual(cmp.Clusters, want) {
		t.Errorf("to an empty duplicates.parquet: %+v", cmp.Clusters)
	}
}

// TestClusterTitleOfItsRevision: when the row compare keeps for a
// canonical post's post_id is another revision's (another doc_path: y.txt
// holds a revision of post a.txt here), the cluster takes no title rather
// than that revision's.
func TestClusterTitleOfItsRevision(t *testing.T) {
	corpus := letterCorpus(t, "ayz")
	old, nw := scoreRun(t, corpus, nil), scoreRun(t, corpus, nil)
	writeDuplicates(t, old)
	writeDuplicates(t, nw, clusterRows(1, "input_order",
		dupPost{doc: "y.txt", id: "a.txt", match: pipeline.MatchCanonical, similarity: 1},
		dupPost{doc: "z.txt", id: "z.txt", match: pipeline.MatchNear, similarity: 0.9}))
	c, err := Compare(old, nw, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := []ClusterChange{{Change: ClusterAppeared, NewClusterID: i32p(1), NewPosts: 2, CanonicalPostID: "a.txt", CanonicalDocPath: "y.txt"}}
	if c.Clusters == nil || !reflect.DeepEqual(c.Clusters.Changed, want) {
		t.Errorf("changes %+v, want %+v", c.Clusters, want)
	}
}
