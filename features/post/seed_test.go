package post

import (
	"os"
	"path/filepath"
	"testing"
)

// seedPath is the seed post, copied into the repo (it is ours).
var seedPath = filepath.Join("..", "..", "testdata", "corpus", "seed", "000_3c46a61df17ffb0d.txt")

func loadSeed(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSeedPost holds the seed post's title, identity and meta to what it
// says, read by hand.
func TestSeedPost(t *testing.T) {
	p, err := Parse(loadSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "production checklist for organizing frontend state in python services" {
		t.Errorf("title = %q", p.Title)
	}
	if p.PostID != "alphanode-006681" || p.RevisionVersion != "1.4.3" {
		t.Errorf("identity = %q %q", p.PostID, p.RevisionVersion)
	}
	m := p.Meta
	if len(m.ImageSources) != 5 || len(m.Entities) != 3 || len(m.Tools) != 6 {
		t.Errorf("%d image sources, %d entities, %d tools; want 5, 3 and 6", len(m.ImageSources), len(m.Entities), len(m.Tools))
	}
	if m.LastReviewed == nil || m.LastReviewed.String() != "2026-06-29" {
		t.Errorf("last reviewed = %v", m.LastReviewed)
	}
	if m.ViewCount == nil || *m.ViewCount != 677677 {
		t.Errorf("view count = %v", m.ViewCount)
	}
	if m.FlagImageHeavy == nil || !*m.FlagImageHeavy || m.Difficulty == nil || *m.Difficulty != "advanced" {
		t.Errorf("flags/difficulty: %+v", m)
	}
	if m.ImageSources[1].URL != "https://picsum.photos/seed/anp-006682/1200/630" || m.Entities[2] != (Entity{"organizing frontend state", "problem"}) {
		t.Errorf("records: %+v %+v", m.ImageSources[1], m.Entities[2])
	}
	if len(p.Warnings) != 0 || len(m.Unknown) != 0 {
		t.Errorf("warnings %v unknown %v", p.Warnings, m.Unknown)
	}
}
