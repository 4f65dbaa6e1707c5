// Package dedup is the corpus-wide near-duplicate stage's algorithm: from
// every post's signature (features/minhash), the clusters of posts that
// copy each other. It does no I/O: pipeline reads the signatures from
// scores.parquet into a Corpus and writes the clusters to
// duplicates.parquet.
//
// The steps, as datatrove's MinHash deduplication has them, in memory:
//
//  1. exact copies: posts with the same text hash are joined, and only the
//     first of them goes on (so that 100,000 copies of one text cost one
//     post's work below);
//  2. LSH: for each band, the posts are sorted by the band's key; posts with
//     equal keys (a bucket) are candidate pairs;
//  3. each candidate pair's Jaccard is estimated from the signatures, and
//     the pair joined (union-find) at or above the threshold;
//  4. each set of two or more posts is a cluster; its canonical post is the
//     earliest dated, else the first in input order.
//
// A bucket of k posts would make k(k−1)/2 pairs. Each post is compared
// with the bucket's first post and the bucketWindow posts before it
// instead, and not at all with a post already in its set: a bucket costs
// at most k·(bucketWindow+1) estimates, whatever its size, and a chain of
// alike posts still ends in one set. Memory is the signatures (Bins bytes a
// post), about 20 bytes a post besides, and one band's keys (16 bytes a post).
package dedup

import (
	"cmp"
	"math"
	"slices"

	"github.com/alphanode/postscore/features/minhash"
)

// bucketWindow is how many of the posts before it in a bucket a post is
// compared with, besides the bucket's first.
const bucketWindow = 16

// NoDate is a post's date when it has none.
const NoDate = math.MinInt32

// Corpus is what clustering needs of each post, by input index.
type Corpus struct {
	bins     int
	sigs     []byte   // post i's signature is sigs[i*bins : (i+1)*bins]
	signed   []bool   // whether post i has a signature (a body with words)
	textHash []uint64 // the text hash of post i
	date     []int32  // post i's date (days since 1970-01-01), or NoDate
}

// NewCorpus returns an empty corpus of signatures of the given bins, with
// room for posts of them.
func NewCorpus(bins, posts int) *Corpus {
	return &Corpus{bins: bins, sigs: make([]byte, 0, bins*posts), signed: make([]bool, 0, posts),
		textHash: make([]uint64, 0, posts), date: make([]int32, 0, posts)}
}

// Bins is the length of a signature.
func (c *Corpus) Bins() int { return c.bins }

// Add appends the next post in input order: its signature (empty for a post
// without one), text hash and date (NoDate for none).
func (c *Corpus) Add(sig []byte, textHash uint64, date int32) {
	signed := len(sig) == c.bins
	if signed {
		c.sigs = append(c.sigs, sig...)
	} else {
		c.sigs = append(c.sigs, make([]byte, c.bins)...)
	}
	c.signed = append(c.signed, signed)
	c.textHash = append(c.textHash, textHash)
	c.date = append(c.date, date)
}

// TextHash is post i's text hash.
func (c *Corpus) TextHash(i int) uint64 { return c.textHash[i] }

// Len is the number of posts.
func (c *Corpus) Len() int { return len(c.signed) }

func (c *Corpus) sig(i int) []byte { return c.sigs[i*c.bins : (i+1)*c.bins] }

// Rule says how a cluster's canonical post was chosen.
type Rule string

// The rules, as duplicates.parquet's canonical_rule says them.
const (
	EarliestDate Rule = "earliest_date"
	InputOrder   Rule = "input_order"
)

// Match is how a post of a cluster matches its canonical post.
type Match string

// The matches, as duplicates.parquet's match column says them.
const (
	Canonical Match = "canonical"
	Exact     Match = "exact"
	Near      Match = "near"
)

// Member is one post of a cluster.
type Member struct {
	Index      int     // the post's input index
	Match      Match   // how it matches the canonical post
	Similarity float64 // its estimated Jaccard with the canonical post (1 for an exact copy)
}

// Cluster is a set of two or more posts that copy each other.
type Cluster struct {
	Canonical int      // the canonical post's input index
	Rule      Rule     // how it was chosen
	Members   []Member // in input order, the canonical post among them
}

// Find clusters c's posts with p's bands, rows and threshold. The clusters
// are in the input order of their first posts.
func Find(c *Corpus, p minhash.Params) []Cluster {
	sets := newUnionFind(c.Len())
	representatives := joinExactCopies(c, sets)
	keys := make([]bandKey, len(representatives))
	for b := range p.Bands {
		for k, i := range representatives {
			keys[k] = bandKey{key: minhash.BandKey(c.sig(int(i)), p, b), post: i}
		}
		slices.SortFunc(keys, func(x, y bandKey) int {
			return cmp.Or(cmp.Compare(x.key, y.key), cmp.Compare(x.post, y.post))
		})
		joinBuckets(c, sets, keys, p.Threshold)
	}
	return clusters(c, sets)
}

// bandKey is one post's key in one band.
type bandKey struct {
	key  uint64
	post int32
}

// joinExactCopies joins the signed posts of equal text hash and returns the
// first of each text, in input order: the posts LSH looks at.
func joinExactCopies(c *Corpus, sets *unionFind) []int32 {
	var signed []int32
	for i, ok := range c.signed {
		if ok {
			signed = append(signed, int32(i))
		}
	}
	byText := slices.Clone(signed)
	slices.SortStableFunc(byText, func(x, y int32) int { return cmp.Compare(c.textHash[x], c.textHash[y]) })
	first := make([]bool, c.Len())
	for k, i := range byText {
		if k > 0 && c.textHash[byText[k-1]] == c.textHash[i] {
			sets.union(byText[k-1], i)
			continue
		}
		first[i] = true
	}
	return slices.DeleteFunc(signed, func(i int32) bool { return !first[i] })
}

// joinBuckets joins the alike posts of each bucket of keys, sorted by key.
func joinBuckets(c *Corpus, sets *unionFind, keys []bandKey, threshold float64) {
	for start := 0; start < len(keys); {
		end := start + 1
		for end < len(keys) && keys[end].key == keys[start].key {
			end++
		}
		bucket := keys[start:end]
		for j := 1; j < len(bucket); j++ {
			joinIfAlike(c, sets, bucket[0].post, bucket[j].post, threshold)
			for k := max(1, j-bucketWindow); k < j; k++ {
				joinIfAlike(c, sets, bucket[k].post, bucket[j].post, threshold)
			}
		}
		start = end
	}
}

// joinIfAlike joins posts a and b when they are in different sets and
// their estimated Jaccard is at least threshold.
func joinIfAlike(c *Corpus, sets *unionFind, a, b int32, threshold float64) {
	if sets.find(a) == sets.find(b) {
		return
	}
	if minhash.Estimate(c.sig(int(a)), c.sig(int(b))) >= threshold {
		sets.union(a, b)
	}
}

// clusters lists the sets of two or more posts, in the input order of
// their first posts, each with its canonical post.
func clusters(c *Corpus, sets *unionFind) []Cluster {
	byRoot := map[int32]int{} // a set's root → its cluster's index in out
	var out []Cluster
	for i := range int32(c.Len()) {
		if sets.size[sets.find(i)] < 2 {
			continue
		}
		root := sets.find(i)
		k, ok := byRoot[root]
		if !ok {
			k = len(out)
			byRoot[root] = k
			out = append(out, Cluster{})
		}
		out[k].Members = append(out[k].Members, Member{Index: int(i)})
	}
	for k := range out {
		describe(c, &out[k])
	}
	return out
}

// describe picks cl's canonical post and sets how each member matches it.
func describe(c *Corpus, cl *Cluster) {
	cl.Canonical, cl.Rule = cl.Members[0].Index, InputOrder
	for _, m := range cl.Members {
		d := c.date[m.Index]
		if d != NoDate && (cl.Rule == InputOrder || d < c.date[cl.Canonical]) {
			cl.Canonical, cl.Rule = m.Index, EarliestDate
		}
	}
	for k := range cl.Members {
		m := &cl.Members[k]
		switch {
		case m.Index == cl.Canonical:
			m.Match, m.Similarity = Canonical, 1
		case c.textHash[m.Index] == c.textHash[cl.Canonical]:
			m.Match, m.Similarity = Exact, 1
		default:
			m.Match, m.Similarity = Near, minhash.Estimate(c.sig(m.Index), c.sig(cl.Canonical))
		}
	}
}

// unionFind is a disjoint-set forest over post indices, by size, with path
// halving.
type unionFind struct {
	parent, size []int32
}

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i], u.size[i] = int32(i), 1
	}
	return u
}

func (u *unionFind) find(i int32) int32 {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

func (u *unionFind) union(a, b int32) {
	a, b = u.find(a), u.find(b)
	if a == b {
		return
	}
	if u.size[a] < u.size[b] {
		a, b = b, a
	}
	u.parent[b] = a
	u.size[a] += u.size[b]
}
