package reports

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/alphanode/postscore/pipeline"
)

// A run's near-duplicate clusters are in its duplicates.parquet: one row a
// post of a cluster, clusters in order (cluster_id 1, 2, ...), each one's
// rows together. A report streams the file, counting the clusters and
// keeping the largest (bounded memory: a cluster is whole once its last row
// is read); compare keeps every cluster's post_ids, as it keeps every post.
// A run made before postscore wrote the file has none: it records no
// clusters, which is not the same as recording zero.

// maxClusters is how many of the largest clusters a report lists: those
// the run found differing sentences for.
const maxClusters = pipeline.SentenceClusters

// DuplicatesSection is what a run's duplicates.parquet says of its
// near-duplicate clusters.
type DuplicatesSection struct {
	Clusters int       `json:"clusters"`
	Posts    int       `json:"posts"`        // posts in a cluster, the canonical ones included
	Exact    int       `json:"exact_copies"` // posts whose normalised text is their canonical post's
	Near     int       `json:"near_copies"`  // the other posts that are not canonical
	Largest  []Cluster `json:"largest"`      // at most maxClusters, the most posts first, the lower cluster_id on a tie
}

// Cluster is one near-duplicate cluster.
type Cluster struct {
	ID               int32   `json:"cluster_id"`
	Size             int     `json:"posts"`
	CanonicalDocPath string  `json:"canonical_doc_path"`
	CanonicalPostID  string  `json:"canonical_post_id"`
	CanonicalTitle   *string `json:"canonical_title"` // from scores.parquet by doc_path; null when it has no such row
	CanonicalRule    string  `json:"canonical_rule"`  // earliest_date or input_order
	LowestSimilarity float64 `json:"lowest_similarity"`
	// Differs is what the cluster's least similar post says that its
	// canonical post does not; null when duplicates.parquet records no
	// sentence for the cluster.
	Differs *SentencePair `json:"differs"`
}

// SentencePair is a sentence of a post that its canonical post lacks, and
// the canonical post's sentence most like it (null when it has none alike).
type SentencePair struct {
	DocPath           string  `json:"doc_path"`
	Sentence          string  `json:"sentence"`
	CanonicalSentence *string `json:"canonical_sentence"`
}

// dupRow is what a report and compare read of one row of duplicates.parquet.
// Its strings point into the batch: what is kept is copied.
type dupRow struct {
	clusterID, size         int32
	docPath, postID, match  string
	similarity              float64
	canonDocPath, canonID   string
	rule                    string
	sentence, canonSentence *string
}

// dupColumns are the columns of duplicates.parquet: all of them, as the
// row type declares them.
var dupColumns = func() []string {
	var names []string
	for _, f := range schemaOf[pipeline.DuplicateRow]().Fields() {
		names = append(names, f.Name())
	}
	return names
}()

// scanDuplicates calls fn with each row of the duplicates.parquet of the
// run in out, in file order, after checking the file's schema and, row by
// row, what its columns promise (clusterOrder). found is false, and fn is
// not called, when the run has no duplicates.parquet.
func scanDuplicates(out string, fn func(r *dupRow) error) (found bool, err error) {
	path := filepath.Join(out, pipeline.DuplicatesName)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err := checkFile(path, schemaOf[pipeline.DuplicateRow](), noneMissing, "", uncounted); err != nil {
		return true, err
	}
	order := clusterOrder{path: path}
	var r dupRow
	err = scanColumns(path, dupColumns, func(b *batch) error {
		for i := range b.rows() {
			readDupRow(b, i, &r)
			if err := order.check(&r); err != nil {
				return err
			}
			if err := fn(&r); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = order.end()
	}
	return true, err
}

// readDupRow reads row i of b into r.
func readDupRow(b *batch, i int, r *dupRow) {
	id, _ := b.float("cluster_id", i)
	size, _ := b.float("cluster_size", i)
	r.clusterID, r.size = int32(id), int32(size)
	r.docPath, _ = b.str("doc_path", i)
	r.postID, _ = b.str("post_id", i)
	r.match, _ = b.str("match", i)
	r.similarity, _ = b.float("similarity", i)
	r.canonDocPath, _ = b.str("canonical_doc_path", i)
	r.canonID, _ = b.str("canonical_post_id", i)
	r.rule, _ = b.str("canonical_rule", i)
	r.sentence, r.canonSentence = optStr(b, "sentence", i), optStr(b, "canonical_sentence", i)
}

func optStr(b *batch, name string, i int) *string {
	if s, ok := b.str(name, i); ok {
		return &s
	}
	return nil
}

// clusterOrder holds duplicates.parquet to what its columns promise: the
// clusters numbered 1, 2, ... in order, each one's rows together, as many
// as its cluster_size (2 or more), one of them canonical; a known match;
// a similarity from 0 to 1.
type clusterOrder struct {
	path           string
	row            int
	id, size, seen int32 // the cluster being read, its cluster_size, its rows so far
	canonicals     int
}

func (o *clusterOrder) check(r *dupRow) error {
	defer func() { o.row++ }()
	if o.seen == 0 || r.clusterID != o.id {
		if err := o.end(); err != nil {
			return err
		}
		if r.clusterID != o.id+1 {
			return o.errorf("cluster_id is %d after %d: clusters are numbered 1, 2, ... in order, each one's rows together", r.clusterID, o.id)
		}
		if r.size < 2 {
			return o.errorf("cluster %d has cluster_size %d: a cluster holds 2 posts or more", r.clusterID, r.size)
		}
		o.id, o.size, o.seen, o.canonicals = r.clusterID, r.size, 0, 0
	}
	o.seen++
	switch {
	case r.size != o.size:
		return o.errorf("cluster %d's cluster_size is %d, after %d", r.clusterID, r.size, o.size)
	case r.match != pipeline.MatchCanonical && r.match != pipeline.MatchExact && r.match != pipeline.MatchNear:
		return o.errorf("match is %q, not %s, %s or %s", r.match, pipeline.MatchCanonical, pipeline.MatchExact, pipeline.MatchNear)
	case !(r.similarity >= 0 && r.similarity <= 1):
		return o.errorf("similarity is %s, outside 0 to 1", formatNum(r.similarity))
	case r.match == pipeline.MatchCanonical && r.docPath != r.canonDocPath:
		return o.errorf("the canonical post of cluster %d is %q, but its canonical_doc_path says %q", r.clusterID, r.docPath, r.canonDocPath)
	}
	if r.match == pipeline.MatchCanonical {
		o.canonicals++
	}
	return nil
}

// end checks that the cluster read last is whole.
func (o *clusterOrder) end() error {
	switch {
	case o.id == 0:
		return nil
	case o.seen != o.size:
		return o.errorf("cluster %d has %d rows, but its cluster_size is %d", o.id, o.seen, o.size)
	case o.canonicals != 1:
		return o.errorf("cluster %d has %d canonical posts, not 1", o.id, o.canonicals)
	}
	return nil
}

func (o *clusterOrder) errorf(format string, args ...any) error {
	return fmt.Errorf("%s, row %d: %s; "+notPostscore, o.path, o.row, fmt.Sprintf(format, args...), "file")
}

// duplicatesAcc gathers a report's duplicates section from the rows of
// duplicates.parquet, in file order.
type duplicatesAcc struct {
	d       DuplicatesSection
	cur     *Cluster // the cluster being read; nil when it cannot be among the largest
	curID   int32
	largest *topN[Cluster]
}

func newDuplicatesAcc() *duplicatesAcc {
	return &duplicatesAcc{largest: newTopN(maxClusters, largerCluster)}
}

// largerCluster orders clusters by their posts, the most first, then by
// cluster_id.
func largerCluster(a, b Cluster) int {
	if c := cmp.Compare(b.Size, a.Size); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

func (a *duplicatesAcc) add(r *dupRow) error {
	if r.clusterID != a.curID {
		a.flush()
		a.d.Clusters++
		a.curID = r.clusterID
		c := Cluster{ID: r.clusterID, Size: int(r.size), LowestSimilarity: r.similarity}
		if a.largest.wants(c) {
			c.CanonicalDocPath, c.CanonicalPostID = strings.Clone(r.canonDocPath), strings.Clone(r.canonID)
			c.CanonicalRule = strings.Clone(r.rule)
			a.cur = &c
		}
	}
	a.d.Posts++
	switch r.match {
	case pipeline.MatchExact:
		a.d.Exact++
	case pipeline.MatchNear:
		a.d.Near++
	}
	if c := a.cur; c != nil {
		c.LowestSimilarity = min(c.LowestSimilarity, r.similarity)
		if r.sentence != nil && c.Differs == nil {
			c.Differs = &SentencePair{DocPath: strings.Clone(r.docPath), Sentence: strings.Clone(*r.sentence), CanonicalSentence: cloneOpt(r.canonSentence)}
		}
	}
	return nil
}

// flush offers the cluster read last to the largest.
func (a *duplicatesAcc) flush() {
	if a.cur != nil {
		a.largest.add(*a.cur)
		a.cur = nil
	}
}

func (a *duplicatesAcc) finish() *DuplicatesSection {
	a.flush()
	d := a.d
	d.Largest = a.largest.list()
	if d.Largest == nil {
		d.Largest = []Cluster{}
	}
	return &d
}

func cloneOpt(p *string) *string {
	if p == nil {
		return nil
	}
	s := strings.Clone(*p)
	return &s
}

// readDuplicates reads the duplicates section of the run in out; nil when
// the run has no duplicates.parquet (it predates them). The canonical
// posts' titles are left to the caller (canonicalTitles).
func readDuplicates(out string) (*DuplicatesSection, error) {
	acc := newDuplicatesAcc()
	found, err := scanDuplicates(out, acc.add)
	if err != nil || !found {
		return nil, err
	}
	return acc.finish(), nil
}

// canonicalTitles are the titles of the listed clusters' canonical posts,
// by doc_path, nil until one is found in scores.parquet.
type canonicalTitles map[string]*string

func titlesWanted(d *DuplicatesSection) canonicalTitles {
	if d == nil {
		return nil
	}
	t := canonicalTitles{}
	for _, c := range d.Largest {
		t[c.CanonicalDocPath] = nil
	}
	return t
}

// note keeps title when docPath is a wanted one.
func (t canonicalTitles) note(docPath, title string) {
	if v, ok := t[docPath]; ok && v == nil {
		s := strings.Clone(title)
		t[docPath] = &s
	}
}

// read finds the wanted titles in the scores.parquet of the run in out,
// reading its doc_path and title only.
func (t canonicalTitles) read(out string) error {
	if len(t) == 0 {
		return nil
	}
	return scanColumns(filepath.Join(out, pipeline.ScoresName), []string{"doc_path", "title"}, func(b *batch) error {
		for i := range b.rows() {
			p, _ := b.str("doc_path", i)
			title, _ := b.str("title", i)
			t.note(p, title)
		}
		return nil
	})
}

// fill sets the listed clusters' canonical titles.
func (t canonicalTitles) fill(d *DuplicatesSection) {
	if d == nil {
		return
	}
	for i := range d.Largest {
		d.Largest[i].CanonicalTitle = t[d.Largest[i].CanonicalDocPath]
	}
}

// duplicatesText says, in a sentence, what the run records of its
// clusters.
func duplicatesText(d *DuplicatesSection) string {
	switch {
	case d == nil:
		return "This run records no near-duplicate clusters: it was made by a postscore that predates " + pipeline.DuplicatesName + "."
	case d.Clusters == 0:
		return "No near-duplicate clusters: no post is a copy or near copy of another."
	}
	verb := "hold"
	if d.Clusters == 1 {
		verb = "holds"
	}
	return fmt.Sprintf("%s %s %s: %d canonical, %s and %s.", plural(d.Clusters, "near-duplicate cluster"), verb, plural(d.Posts, "post"),
		d.Clusters, copies(d.Exact, "exact"), copies(d.Near, "near"))
}

func copies(n int, kind string) string {
	if n == 1 {
		return "1 " + kind + " copy"
	}
	return fmt.Sprintf("%d %s copies", n, kind)
}

// largestText introduces the list of the largest clusters.
func largestText(d *DuplicatesSection) string {
	if len(d.Largest) < d.Clusters {
		return fmt.Sprintf("The %d largest of the %d clusters (the lowest similarity is to the canonical post):", len(d.Largest), d.Clusters)
	}
	return "The clusters, the largest first (the lowest similarity is to the canonical post):"
}

// maxSentenceRunes is how much of a sentence a Markdown or HTML report
// shows: a "sentence" is a run of text up to its end mark, and can be a
// whole paragraph. report.json keeps it whole.
const maxSentenceRunes = 200

// clip is s, cut after maxSentenceRunes runes with an ellipsis.
func clip(s string) string {
	n := 0
	for i := range s {
		if n == maxSentenceRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// differsText is what a cluster's least similar post says that its
// canonical post does not, in words.
func differsText(p *SentencePair) string {
	if p == nil {
		return "—"
	}
	if p.CanonicalSentence == nil {
		return fmt.Sprintf("%s: “%s”; the canonical post has nothing alike", p.DocPath, clip(p.Sentence))
	}
	return fmt.Sprintf("%s: “%s”; the canonical post: “%s”", p.DocPath, clip(p.Sentence), clip(*p.CanonicalSentence))
}

// writeMDDuplicates writes the duplicates section of a report.
func writeMDDuplicates(b *bytes.Buffer, d *DuplicatesSection) {
	fmt.Fprintf(b, "\n## Duplicates\n\n%s\n", duplicatesText(d))
	if d == nil || len(d.Largest) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s\n\n| cluster | posts | canonical post | title | chosen by | lowest similarity | what differs |\n| --: | --: | --- | --- | --- | --: | --- |\n", largestText(d))
	for _, c := range d.Largest {
		title := "—"
		if c.CanonicalTitle != nil {
			title = mdCell(*c.CanonicalTitle)
		}
		fmt.Fprintf(b, "| %d | %d | %s | %s | %s | %s | %s |\n", c.ID, c.Size, mdCell(c.CanonicalDocPath), title, mdCell(c.CanonicalRule),
			formatNum(c.LowestSimilarity), mdCell(differsText(c.Differs)))
	}
}
