package post

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// headedPost is a hand-written export post with its meta header; its
// last paragraph runs straight into the meta block's blank line.
const headedPost = `|

notes on caching in go services

a cache is only as good as its invalidation. this post walks through the
choices we made, and why.

what we measured

  • hit rate per endpoint
  • p99 latency before and after

dashboard screenshot
dashboard screenshot. image source: example.com

the best result is the one another developer can repeat.

alphanode post meta

topiccaching / go services
summarythis guide explains caching in go services.
ai outline
  • context: a staging setup
  • problem: caching
stack
  • go services
reading time7
score
  • quality: 80
  • depth: 60
revision
  • status: drafted
  • version: 1.2.0
  • last reviewed: 2026-05-01
payload
  • source id: alphanode-000042
  • paragraphs: 3

Similar Posts
a post about queues`

// withoutHeader is text with its meta header line deleted.
func withoutHeader(t *testing.T, text string) string {
	t.Helper()
	const header = "alphanode post meta\n"
	if !strings.Contains(text, header) {
		t.Fatal("the post has no meta header to delete")
	}
	return strings.Replace(text, header, "", 1)
}

// TestMetaHeaderMissing: a post whose meta header was deleted reads as the
// same post, its meta block found by its entries, with the site unknown and
// a warning that says how many lines were read as the meta.
func TestMetaHeaderMissing(t *testing.T) {
	cases := []struct {
		name, text string
		lines      int // non-blank lines of the meta block, header aside
	}{
		{"hand-written", headedPost, 18},
		{"hand-written, no trailer", strings.TrimSuffix(headedPost, "\n\nSimilar Posts\na post about queues"), 18},
		{"hand-written, no blank line before the meta", strings.Replace(headedPost, "repeat.\n\nalphanode post meta\n\n", "repeat.\nalphanode post meta\n", 1), 18},
		{"seed", string(loadSeed(t)), 78},
	}
	for _, c := range cases {
		with, err := ParseText(c.text)
		if err != nil {
			t.Fatal(err)
		}
		without, err := ParseText(withoutHeader(t, c.text))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(without.Blocks, with.Blocks) {
			t.Errorf("%s: blocks without the header = %s\nwith it = %s", c.name, kinds(without), kinds(with))
		}
		if without.Meta.Site != "" || !without.Meta.Present || with.Meta.Site != "alphanode" {
			t.Errorf("%s: site %q (present %v), want none; with the header %q", c.name, without.Meta.Site, without.Meta.Present, with.Meta.Site)
		}
		withMeta := with.Meta
		withMeta.Site = ""
		if !reflect.DeepEqual(without.Meta, withMeta) {
			t.Errorf("%s: meta without the header = %+v\nwith it = %+v", c.name, without.Meta, withMeta)
		}
		warning := fmt.Sprintf("meta_header_missing: read %d lines as the meta block", c.lines)
		if want := append([]string{warning}, with.Warnings...); !reflect.DeepEqual(without.Warnings, want) {
			t.Errorf("%s: warnings = %q, want %q", c.name, without.Warnings, want)
		}
		if without.PostID != with.PostID || !reflect.DeepEqual(without.SimilarPosts, with.SimilarPosts) {
			t.Errorf("%s: id %q similar %q; with the header %q %q", c.name, without.PostID, without.SimilarPosts, with.PostID, with.SimilarPosts)
		}
	}
}

// TestProseIsNotAHeaderlessMeta: a body that ends in lines that start
// like meta keys keeps them as body text, with or without a headerless
// meta block after them: one or two such lines are prose, as is a heading
// with bullets named like a list key, and capitalised labels are not keys.
func TestProseIsNotAHeaderlessMeta(t *testing.T) {
	const start = "t\n\nfirst paragraph of the post.\n\n"
	const meta = "\n\ntopiccaching / go\nsummarya guide.\nreading time3\n"
	cases := []struct{ name, end, last string }{
		{"Summary:", "Summary: the cache paid for itself within a week.", "Summary: the cache paid for itself within a week."},
		{"Topic:", "Topic: caching, invalidation and their costs.", "Topic: caching, invalidation and their costs."},
		{"summary:", "summary: the cache paid for itself.", "summary: the cache paid for itself."},
		{"topic, inline", "topic modeling was out of scope here.", "topic modeling was out of scope here."},
		{"two key lines", "stacks of requests piled up,\nscores fell, and we rolled back.", "stacks of requests piled up, scores fell, and we rolled back."},
		{"heading named checklist", "checklist\n\n  • confirm the inputs\n  • record the result", "record the result"},
		{"key lines after a sentence", "we measured the hit rate\nand the latency.\nscores rose,\nstacks shrank.", "we measured the hit rate and the latency. scores rose, stacks shrank."},
	}
	for _, c := range cases {
		for _, trailer := range []string{"", "\n\nSimilar Posts\nanother post"} {
			p, err := ParseText(start + c.end + trailer)
			if err != nil {
				t.Fatal(err)
			}
			last := p.Blocks[len(p.Blocks)-1]
			if p.Meta.Present || last.Text != c.last || !reflect.DeepEqual(p.Warnings, []string{WarnNoMeta}) {
				t.Errorf("%s (trailer %q): meta %v, last block %q, warnings %q; want no meta, %q, [no_meta]", c.name, trailer, p.Meta.Present, last.Text, p.Warnings, c.last)
			}
			p, err = ParseText(start + c.end + meta + trailer)
			if err != nil {
				t.Fatal(err)
			}
			last = p.Blocks[len(p.Blocks)-1]
			want := []string{"meta_header_missing: read 3 lines as the meta block"}
			if !p.Meta.Present || p.Meta.Topic == nil || last.Text != c.last || !reflect.DeepEqual(p.Warnings, want) {
				t.Errorf("%s, then a headerless meta (trailer %q): meta %v, last block %q, warnings %q; want a meta, %q, %q", c.name, trailer, p.Meta.Present, last.Text, p.Warnings, c.last, want)
			}
		}
	}
}
