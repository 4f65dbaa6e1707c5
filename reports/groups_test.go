package reports

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/alphanode/postscore/pipeline"
)

// testManifest is the manifest of a run made of the posts a test adds.
var testManifest pipeline.Manifest

// feedTopics adds n posts to a new summarizer: post i has topic topicOf(i)
// and quality qualityOf(i); it returns the summarizer and the bytes of heap
// it holds once they are added.
func feedTopics(n int, topicOf func(i int) string, qualityOf func(i int) float64) (*summarizer, uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	z := newSummarizer(180)
	var p post
	p.components = func() []component { return nil }
	for i := range n {
		p.topic = topicOf(i)
		p.score[0] = optFloat{qualityOf(i), true}
		z.add(&p)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(z)
	return z, after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
}

// TestBreakdownBounded (issue 21, defect 10): 400,000 posts, half of them in
// five topics of 40,000 posts each (hot-k, every post of which has quality
// 10k+5), the other half each in a topic of its own (200,000 distinct): the
// breakdown holds as much memory as with one topic, finds the five hot
// topics with their exact counts and means, says it is approximate, and
// accounts for every post.
func TestBreakdownBounded(t *testing.T) {
	const n = 400_000
	hotOrRare := func(i int) string {
		if i%2 == 0 {
			return "hot-" + strconv.Itoa(i/2%5)
		}
		return "rare-" + strconv.Itoa(i)
	}
	quality := func(i int) float64 {
		if i%2 == 0 {
			return float64(10*(i/2%5) + 5)
		}
		return 50
	}
	_, constant := feedTopics(n, func(int) string { return "one" }, quality)
	z, distinct := feedTopics(n, hotOrRare, quality)
	t.Logf("heap held: %d bytes with one topic, %d with 200,005", constant, distinct)
	if distinct > constant+2<<20 {
		t.Errorf("the summary holds %d bytes with 200,005 topics, %d with one: not bounded", distinct, constant)
	}
	sum := z.finish(&testManifest, nil)
	b := sum.Breakdowns[0]
	if len(b.Groups) != maxGroups {
		t.Fatalf("%d groups shown, want %d", len(b.Groups), maxGroups)
	}
	shown := 0
	for k, g := range b.Groups {
		shown += g.Posts
		if k >= 5 {
			continue
		}
		// hot-0 .. hot-4 by key among equal counts.
		want := 10*float64(k) + 5
		if g.Key != "hot-"+strconv.Itoa(k) || g.Posts != 40_000 || g.MeanQuality == nil || *g.MeanQuality != want {
			t.Errorf("group %d: %s, %d posts, mean quality %v; want hot-%d, 40000, %v", k, g.Key, g.Posts, g.MeanQuality, k, want)
		}
	}
	js, _ := json.Marshal(b)
	var fields map[string]any
	json.Unmarshal(js, &fields)
	if fields["approximate"] != true {
		t.Errorf("a breakdown of 200,005 topics counted in bounded memory must say it is approximate: %s", js[:200])
	}
	if other, _ := fields["other_posts"].(float64); int(other)+shown != n {
		t.Errorf("other_posts %v + %d shown != %d posts", fields["other_posts"], shown, n)
	}
	// The sixth group is a rare topic that took a slot late: its count is a range.
	g := b.Groups[5]
	md := string(RenderMarkdown(sum))
	for _, want := range []string{"| hot-0 | 40000 | 5 |", fmt.Sprintf("| %s | %d–%d |", mdCell(g.Key), g.Posts-g.Overcount, g.Posts),
		fmt.Sprintf("…and at least %d smaller groups, with at least %d posts.", b.More, b.OtherPosts), "More than 1024 distinct values of topic"} {
		if g.Overcount == 0 || !strings.Contains(md, want) {
			t.Errorf("report.md lacks %q (sixth group %+v)", want, g)
		}
	}
}
