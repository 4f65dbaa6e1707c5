package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenHelp: gen's help names every format and shows the Markdown one
// in an example.
func TestGenHelp(t *testing.T) {
	out, errs, code := run(t, "gen", "--help")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"postscore gen -n 1000 --seed 1 -o corpus-md --format markdown", "--format markdown writes the same posts", "post (one file a post"} {
		if !strings.Contains(out, want) {
			t.Errorf("gen --help lacks %q:\n%s", want, out)
		}
	}
}

// TestGenMarkdown: --format markdown writes .md files and their truth;
// an unknown format is a usage error that lists the formats.
func TestGenMarkdown(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "md")
	if out, errs, code := run(t, "gen", "-n", "3", "--seed", "2", "-o", dir, "--format", "markdown", "-q"); code != 0 || !strings.Contains(out, "3 posts") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	post, err := os.ReadFile(filepath.Join(dir, "0000", "0000002.md"))
	if err != nil || !strings.HasPrefix(string(post), "---\ntitle: ") {
		t.Errorf("post 2: %v %.40q", err, post)
	}
	truth, _ := os.ReadFile(filepath.Join(dir, "truth.jsonl"))
	if !strings.Contains(string(truth), `"path":"0000/0000002.md"`) {
		t.Errorf("truth: %s", truth)
	}
	_, errs, code := run(t, "gen", "-n", "3", "-o", filepath.Join(t.TempDir(), "x"), "--format", "md")
	if code != 2 || !strings.Contains(errs, "want post, jsonl, markdown") {
		t.Errorf("--format md: exit %d: %s", code, errs)
	}
}

// TestGenNearDups: --near-dups RATE plants copies, which the truth names
// with their originals; a rate outside 0 to 1 is a usage error.
func TestGenNearDups(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dups")
	if out, errs, code := run(t, "gen", "-n", "200", "--seed", "2", "-o", dir, "--near-dups", "0.3", "-q"); code != 0 || !strings.Contains(out, "200 posts") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	truth, _ := os.ReadFile(filepath.Join(dir, "truth.jsonl"))
	if n := strings.Count(string(truth), `"duplicate":{"of":"0000/`); n < 30 || n > 90 {
		t.Errorf("%d of 200 posts are copies at --near-dups 0.3:\n%.2000s", n, truth)
	}
	for _, bad := range []string{"1.5", "-0.1", "NaN"} {
		_, errs, code := run(t, "gen", "-n", "3", "-o", filepath.Join(t.TempDir(), "x"), "--near-dups", bad)
		if code != 2 || !strings.Contains(errs, "--near-dups") {
			t.Errorf("--near-dups %s: exit %d: %s", bad, code, errs)
		}
	}
}
