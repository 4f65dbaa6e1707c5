package reports

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/alphanode/postscore/pipeline"
)

// compare matches the near-duplicate clusters of two runs by their posts'
// post_ids: a cluster_id is only a cluster's place in its run. Each NEW
// cluster matches at most one OLD cluster; an OLD cluster may be matched by
// several NEW ones (it split) or by none.

// The changes of a cluster that compare lists, in the order a tie in the
// list puts them.
const (
	ClusterAppeared  = "appeared"  // a NEW cluster none of whose post_ids was in an OLD cluster
	ClusterGrew      = "grew"      // a NEW cluster with more posts than the OLD cluster it matches
	ClusterShrank    = "shrank"    // a NEW cluster with fewer posts than the OLD cluster it matches
	ClusterDissolved = "dissolved" // an OLD cluster none of whose post_ids is in a NEW cluster
)

var clusterChangeOrder = []string{ClusterAppeared, ClusterGrew, ClusterShrank, ClusterDissolved}

// ClusterMatchNote tells the reports' readers how clusters are matched.
const ClusterMatchNote = "A NEW cluster matches the OLD cluster with which it shares the most post_ids " +
	"(on a tie, the one with fewer posts, of which it holds the larger share; then the lower cluster_id), and grew or shrank when it has more or fewer posts. " +
	"It appeared when none of its post_ids was in an OLD cluster. An OLD cluster dissolved when none of its post_ids is in a NEW cluster, " +
	"and merged into another when some are but no NEW cluster matches it."

// ClusterShifts is how the near-duplicate clusters changed from OLD to NEW.
type ClusterShifts struct {
	Old       int             `json:"old_clusters"`
	New       int             `json:"new_clusters"`
	Appeared  int             `json:"appeared"`
	Grew      int             `json:"grew"`
	Shrank    int             `json:"shrank"`
	SameSize  int             `json:"same_size"` // NEW clusters as large as the OLD cluster they match
	Dissolved int             `json:"dissolved"`
	Merged    int             `json:"merged"`  // OLD clusters matched by none, some of whose post_ids are in a NEW cluster
	Changed   []ClusterChange `json:"changed"` // at most listSize, the most posts gained or lost first
}

// ClusterChange is one cluster that appeared, grew, shrank or dissolved.
type ClusterChange struct {
	Change           string `json:"change"`         // one of ClusterAppeared, ClusterGrew, ClusterShrank, ClusterDissolved
	OldClusterID     *int32 `json:"old_cluster_id"` // null: appeared
	NewClusterID     *int32 `json:"new_cluster_id"` // null: dissolved
	OldPosts         int    `json:"old_posts"`
	NewPosts         int    `json:"new_posts"`
	Shared           int    `json:"shared_post_ids"`    // post_ids in both clusters
	CanonicalPostID  string `json:"canonical_post_id"`  // the NEW cluster's canonical post; the OLD cluster's when it dissolved
	CanonicalDocPath string `json:"canonical_doc_path"` // that post's doc_path
	Title            string `json:"title"`              // that post's title, as its run has it ("" when the run's row for its post_id is another revision's)
}

// runClusters are a run's clusters and, by post_id, the clusters that
// hold it (two revisions of a post may be in two).
type runClusters struct {
	clusters []dupCluster // by cluster_id − 1
	byPost   map[string][]int32
}

type dupCluster struct {
	id        int32
	posts     int      // cluster_size
	canonical string   // its canonical post's post_id
	canonDoc  string   // and doc_path
	postIDs   []string // each once
}

// loadClusters reads the clusters of the run in out; nil when the run has
// no duplicates.parquet.
func loadClusters(out string) (*runClusters, error) {
	rc := &runClusters{byPost: map[string][]int32{}}
	found, err := scanDuplicates(out, rc.add)
	if err != nil || !found {
		return nil, err
	}
	return rc, nil
}

// add adds a row; scanDuplicates has checked that the clusters come in
// order, each one's rows together.
func (rc *runClusters) add(r *dupRow) error {
	if int(r.clusterID) > len(rc.clusters) {
		rc.clusters = append(rc.clusters, dupCluster{id: r.clusterID, posts: int(r.size), canonical: strings.Clone(r.canonID), canonDoc: strings.Clone(r.canonDocPath)})
	}
	ids := rc.byPost[r.postID]
	if len(ids) > 0 && ids[len(ids)-1] == r.clusterID {
		return nil // another row of the post_id in this cluster
	}
	id := strings.Clone(r.postID)
	rc.byPost[id] = append(ids, r.clusterID)
	c := &rc.clusters[r.clusterID-1]
	c.postIDs = append(c.postIDs, id)
	return nil
}

// match is the cluster of rc that shares the most post_ids with c (on a
// tie, the one with fewer posts, then the lower cluster_id), and how many
// it shares; nil when none does.
func (rc *runClusters) match(c *dupCluster) (*dupCluster, int) {
	shared := map[int32]int{}
	for _, p := range c.postIDs {
		for _, id := range rc.byPost[p] {
			shared[id]++
		}
	}
	var best *dupCluster
	most := 0
	for id, n := range shared {
		o := &rc.clusters[id-1]
		if best == nil || n > most || n == most && (o.posts < best.posts || o.posts == best.posts && o.id < best.id) {
			best, most = o, n
		}
	}
	return best, most
}

// holdsAny reports whether one of ids is in a cluster of rc.
func (rc *runClusters) holdsAny(ids []string) bool {
	for _, p := range ids {
		if len(rc.byPost[p]) > 0 {
			return true
		}
	}
	return false
}

// clusterShifts compares the clusters of runs o and n; nil, and why, when
// a run has none to compare.
func clusterShifts(o, n *loadedRun) (*ClusterShifts, string) {
	if why := writtenBefore(pipeline.DuplicatesName, o.clusters != nil, n.clusters != nil); why != "" {
		return nil, why
	}
	s := &ClusterShifts{Old: len(o.clusters.clusters), New: len(n.clusters.clusters)}
	var changes []ClusterChange
	matched := make([]bool, len(o.clusters.clusters))
	for k := range n.clusters.clusters {
		nc := &n.clusters.clusters[k]
		oc, shared := o.clusters.match(nc)
		ch := ClusterChange{NewClusterID: &nc.id, NewPosts: nc.posts, Shared: shared, CanonicalPostID: nc.canonical, CanonicalDocPath: nc.canonDoc, Title: titleOf(n, nc)}
		if oc != nil {
			matched[oc.id-1] = true
			ch.OldClusterID, ch.OldPosts = &oc.id, oc.posts
		}
		if ch.Change = s.countNew(oc, nc); ch.Change != "" {
			changes = append(changes, ch)
		}
	}
	for k := range o.clusters.clusters {
		oc := &o.clusters.clusters[k]
		switch {
		case matched[k]:
		case n.clusters.holdsAny(oc.postIDs):
			s.Merged++
		default:
			s.Dissolved++
			changes = append(changes, ClusterChange{Change: ClusterDissolved, OldClusterID: &oc.id, OldPosts: oc.posts,
				CanonicalPostID: oc.canonical, CanonicalDocPath: oc.canonDoc, Title: titleOf(o, oc)})
		}
	}
	s.Changed = largestChanges(changes)
	return s, ""
}

// countNew counts NEW cluster nc, which matches OLD cluster oc (nil: none),
// and returns its change ("": none to list).
func (s *ClusterShifts) countNew(oc, nc *dupCluster) string {
	switch {
	case oc == nil:
		s.Appeared++
		return ClusterAppeared
	case nc.posts > oc.posts:
		s.Grew++
		return ClusterGrew
	case nc.posts < oc.posts:
		s.Shrank++
		return ClusterShrank
	}
	s.SameSize++
	return ""
}

// titleOf is the title of c's canonical post in run r: "" when the row r
// keeps for its post_id is another revision's (another doc_path).
func titleOf(r *loadedRun, c *dupCluster) string {
	if e := r.posts[c.canonical]; e != nil && e.docPath == c.canonDoc {
		return e.meta.title
	}
	return ""
}

// largestChanges are the listSize changes that gained or lost the most
// posts; on a tie, in the order of clusterChangeOrder, then by cluster_id.
func largestChanges(chs []ClusterChange) []ClusterChange {
	size := func(c ClusterChange) int { return max(c.NewPosts-c.OldPosts, c.OldPosts-c.NewPosts) }
	id := func(p *int32) int32 {
		if p == nil {
			return 0
		}
		return *p
	}
	slices.SortFunc(chs, func(a, b ClusterChange) int {
		return cmp.Or(cmp.Compare(size(b), size(a)),
			cmp.Compare(slices.Index(clusterChangeOrder, a.Change), slices.Index(clusterChangeOrder, b.Change)),
			cmp.Compare(id(a.NewClusterID), id(b.NewClusterID)), cmp.Compare(id(a.OldClusterID), id(b.OldClusterID)))
	})
	if chs == nil {
		return []ClusterChange{}
	}
	return chs[:min(len(chs), listSize)]
}

// Text counts the clusters by how they changed: "OLD has 6 clusters, NEW
// 5: 1 appeared, 2 grew, ...".
func (s *ClusterShifts) Text() string {
	kept := "their"
	if s.SameSize == 1 {
		kept = "its"
	}
	return fmt.Sprintf("OLD has %s, NEW %d: %d appeared, %d grew, %d shrank, %d kept %s size, %d dissolved, %d merged into another",
		plural(s.Old, "cluster"), s.New, s.Appeared, s.Grew, s.Shrank, s.SameSize, kept, s.Dissolved, s.Merged)
}

// ClusterSummary is how the clusters changed, or why they cannot be
// compared, for compare's summary line.
func (c *Comparison) ClusterSummary() string {
	if c.Clusters == nil {
		return "clusters not compared: " + c.ClustersUnavailable
	}
	s := c.Clusters
	return fmt.Sprintf("clusters: %d appeared, %d grew, %d shrank, %d dissolved", s.Appeared, s.Grew, s.Shrank, s.Dissolved)
}

// clusterID is a cluster_id that may be absent, as the reports print it.
func clusterID(p *int32) string {
	if p == nil {
		return "—"
	}
	return strconv.Itoa(int(*p))
}

// writeMDClusterShifts writes the comparison's clusters section.
func writeMDClusterShifts(b *bytes.Buffer, c *Comparison) {
	b.WriteString("\n## Near-duplicate clusters\n\n")
	s := c.Clusters
	if s == nil {
		fmt.Fprintf(b, "The clusters cannot be compared: %s.\n", c.ClustersUnavailable)
		return
	}
	fmt.Fprintf(b, "%s.\n\n%s\n", s.Text(), ClusterMatchNote)
	if len(s.Changed) == 0 {
		return
	}
	b.WriteString("\n| change | old cluster | new cluster | old posts | new posts | shared post_ids | canonical post | title |\n| --- | --: | --: | --: | --: | --: | --- | --- |\n")
	for _, ch := range s.Changed {
		fmt.Fprintf(b, "| %s | %s | %s | %d | %d | %d | %s | %s |\n", ch.Change, clusterID(ch.OldClusterID), clusterID(ch.NewClusterID),
			ch.OldPosts, ch.NewPosts, ch.Shared, mdCell(ch.CanonicalPostID), mdCell(ch.Title))
	}
}
