package reports

import (
	"container/heap"
	"strings"
)

// groupCapacity is how many groups a breakdown counts at most: about 200 KB
// a breakdown, whatever the corpus.
const groupCapacity = 1024

// groupCounter counts the posts of each value of a breakdown (a topic, a
// difficulty, a stack) in memory bounded by groupCapacity. Up to that many
// distinct values every count and mean is exact. Past it, it is the
// space-saving algorithm (Metwally, Agrawal and El Abbadi, 2005): a new value
// takes the slot of the group with the fewest posts, and starts from its
// count, which is recorded as the most it may over-count (Group.Overcount).
// Every value with more than 1/groupCapacity of the posts keeps a slot, so
// the largest groups are found; a group's means are over the posts counted
// since it took its slot. No library keeps per-group sums beside the count
// and resets them on a takeover, which the means need.
type groupCounter struct {
	byKey  map[string]*Group
	heap   groupHeap // the same groups, the fewest posts first
	total  int       // posts counted, all groups together
	reused bool      // a slot changed hands: counts may be over
}

func newGroupCounter() *groupCounter { return &groupCounter{byKey: map[string]*Group{}} }

// add counts one post of p in the group key.
func (c *groupCounter) add(key string, p *post) {
	c.total++
	g := c.byKey[key]
	switch {
	case g != nil:
		g.Posts++
		heap.Fix(&c.heap, g.slot)
	case len(c.heap) < groupCapacity:
		g = &Group{Key: strings.Clone(key), Posts: 1}
		c.byKey[g.Key] = g
		heap.Push(&c.heap, g)
	default:
		g = c.heap[0]
		delete(c.byKey, g.Key)
		*g = Group{Key: strings.Clone(key), Posts: g.Posts + 1, Overcount: g.Posts}
		c.byKey[g.Key] = g
		c.reused = true
		heap.Fix(&c.heap, 0)
	}
	for k, v := range p.score {
		if v.ok {
			g.sums[k] += v.v
			g.counts[k]++
		}
	}
}

// groupHeap is a min-heap of groups by posts (container/heap); each group
// knows its slot, so that a count that grows is moved in O(log n).
type groupHeap []*Group

func (h groupHeap) Len() int           { return len(h) }
func (h groupHeap) Less(i, j int) bool { return h[i].Posts < h[j].Posts }
func (h groupHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].slot, h[j].slot = i, j
}
func (h *groupHeap) Push(x any) {
	g := x.(*Group)
	g.slot = len(*h)
	*h = append(*h, g)
}
func (h *groupHeap) Pop() any {
	old := *h
	g := old[len(old)-1]
	*h = old[:len(old)-1]
	return g
}
