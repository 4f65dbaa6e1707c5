package pipeline

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/alphanode/postscore/pipeline/gen"
	"github.com/alphanode/postscore/scoring"
)

// exportPost is a hand-written post in the export format, with a meta
// block that claims scores, a paragraph count, a reading time and a review
// date, so that each of the four scores reads the meta.
const exportPost = `|

notes on caching in go services

a cache is only as good as its invalidation. this post walks through the
choices we made when the catalogue service started to time out, and why we
made them in that order.

what we measured

  • hit rate per endpoint
  • p99 latency before and after
  • memory held by the cache

we started by measuring the hit rate of every endpoint for a week. two of them
served nearly all the traffic, so the cache went in front of those two alone.

dashboard screenshot
dashboard screenshot. image source: example.com

the best result is the one another developer can repeat: keep the commands,
the numbers and the rollback note beside the change.

alphanode post meta

topiccaching / go services
summarythis guide explains caching in go services, with emphasis on measurement.
ai outline
  • context: a staging setup
  • problem: caching
stack
  • go services
tools
  • pprof
  • grafana
difficultyintermediate
reading time9
score
  • quality: 90
  • freshness: 70
  • depth: 65
  • clarity: 85
revision
  • status: drafted
  • version: 1.2.0
  • last reviewed: 2026-05-01
image sources
    • source: example.com
    • url: https://example.com/dashboard.png
    • caption: dashboard screenshot
payload
  • source id: alphanode-000042
  • paragraphs: 3

Similar Posts
a post about queues`

// TestMetaHeaderLostScoresAsWithIt (issue 26): a post whose meta header
// was deleted is read with its meta block found by its entries, so its
// words do not count as the post's: its row is the row of the post with
// the header, the site (unknown: null) and the warning aside.
func TestMetaHeaderLostScoresAsWithIt(t *testing.T) {
	headerless := strings.Replace(exportPost, "alphanode post meta\n", "", 1)
	s := NewScorer(scoring.DefaultModel(), gen.DefaultAsOf, DefaultMaxBytes)
	with, rerr := s.Score(FileDocument(FormatAuto, "p.txt", []byte(exportPost)))
	if rerr != nil {
		t.Fatalf("%s: %s", rerr.Kind, rerr.Reason)
	}
	without, rerr := s.Score(FileDocument(FormatAuto, "p.txt", []byte(headerless)))
	if rerr != nil {
		t.Fatalf("%s: %s", rerr.Kind, rerr.Reason)
	}
	a, b := with.Row, without.Row
	if a.ParagraphCount != 3 || b.ParagraphCount != a.ParagraphCount || b.WordCount != a.WordCount {
		t.Errorf("paragraphs %d, words %d; with the header %d and %d (want 3 paragraphs)", b.ParagraphCount, b.WordCount, a.ParagraphCount, a.WordCount)
	}
	for k := range scoring.NumScores {
		if x, y := with.Scores.At(k).Exact, without.Scores.At(k).Exact; x == nil || y == nil || *x != *y {
			t.Errorf("%s: %s without the header, %s with it", k, exactOf(y), exactOf(x))
		}
	}
	if a.Site == nil || *a.Site != "alphanode" || b.Site != nil {
		t.Errorf("site %v; with the header %v", b.Site, a.Site)
	}
	want := []string{"meta_header_missing: read 28 lines as the meta block"}
	if !reflect.DeepEqual(b.Warnings, want) || len(a.Warnings) != 0 {
		t.Errorf("warnings %q, want %q; with the header %q", b.Warnings, want, a.Warnings)
	}
	// Everything else: the same row.
	a.Site, a.Warnings, a.ContentSHA256 = nil, nil, ""
	b.Site, b.Warnings, b.ContentSHA256 = nil, nil, ""
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the rows differ beyond the site, the warnings and the file's hash:\nwith the header %+v\nwithout it      %+v", a, b)
	}
}

// exactOf says an exact score, or null.
func exactOf(x *float64) string {
	if x == nil {
		return "null"
	}
	return strconv.FormatFloat(*x, 'f', 4, 64)
}
