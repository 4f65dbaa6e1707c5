package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostileTitle holds a window-title OSC, BEL and a C1 CSI.
const hostileTitle = "Evil \x1b]0;pwned\x07 title \u009b2J"

// hostilePost writes a post with a hostile title into a file whose name
// clears the screen, and returns its path.
func hostilePost(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t\x1b[2J.txt")
	post := hostileTitle + "\n\nThis is a paragraph of a hostile post, and it has words enough to be a post.\n"
	if err := os.WriteFile(path, []byte(post), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestExplainHostileTitleAndName (issue 21, defect 8): explain prints no raw
// control character, in text or JSON, and shows them as escapes.
func TestExplainHostileTitleAndName(t *testing.T) {
	path := hostilePost(t)
	text, js := explainOutputs(t, path)
	for name, out := range map[string]string{"text": text, "json": js} {
		for _, bad := range []string{"\x1b", "\x07", "\u009b"} {
			if strings.Contains(out, bad) {
				t.Errorf("explain's %s output holds a raw %q", name, bad)
			}
		}
	}
	if !strings.HasPrefix(text, `Evil \x1b]0;pwned\x07 title \u009b2J`+"\n") {
		t.Errorf("explain's title line: %q", strings.SplitN(text, "\n", 2)[0])
	}
	if !strings.Contains(text, "file "+filepath.Dir(path)+`/t\x1b[2J.txt ·`) {
		t.Errorf("explain's file line does not show the escape: %q", text[:min(len(text), 300)])
	}
	var e Explanation
	if err := json.Unmarshal([]byte(js), &e); err != nil || e.Title != hostileTitle || e.File != path {
		t.Errorf("explain --json does not keep the title and file as they are: %v %q %q", err, e.Title, e.File)
	}
}

// TestExplainReadsOnlyRegularFiles (issue 21, defect 9): explain reads a
// regular file of at most --max-bytes, and refuses a device, a FIFO or a
// larger file at once with the reason.
func TestExplainReadsOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	// A title line of 32 bytes, a blank line of 1, a paragraph of 38: 71 bytes.
	big := filepath.Join(dir, "big.txt")
	os.WriteFile(big, []byte("A post of seventy-one bytes, ok\n\nIt has one paragraph and that is all.\n"), 0o644)
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"fifo", []string{fifo}, 1, "not a regular file (named pipe)"},
		{"device", []string{"/dev/zero"}, 1, "not a regular file (device)"},
		{"too_large", []string{big, "--max-bytes", "70"}, 1, "file is 71 bytes, over --max-bytes 70"},
		{"fits", []string{big, "--max-bytes", "71"}, 0, ""},
		{"zero_limit", []string{big, "--max-bytes", "0"}, 2, "--max-bytes 0: want 1 to 1073741824"},
		{"over_1GiB", []string{big, "--max-bytes", "1073741825"}, 2, "--max-bytes 1073741825: want 1 to 1073741824"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			type result struct {
				errs string
				code int
			}
			done := make(chan result, 1)
			go func() {
				_, errs, code := run(t, append([]string{"explain", "--as-of", "2026-11-27"}, c.args...)...)
				done <- result{errs, code}
			}()
			select {
			case r := <-done:
				if r.code != c.code || !strings.Contains(r.errs, c.want) {
					t.Errorf("exit %d, %q; want exit %d and %q", r.code, r.errs, c.code, c.want)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("explain %v still reading after 5 s", c.args)
			}
		})
	}
}

// TestExplainMarkdownBlocks: explain lists what a Markdown post's page
// gave, in line order, code blocks and tables among the blocks.
func TestExplainMarkdownBlocks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "post.md")
	src := "---\ntitle: T\n---\n# Intro\n\nFirst words of a paragraph here.\n\n    indented code\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- an item\n\n![alt](https://img.example/x.png)\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := explain(path, explainOptions{asOf: "2026-11-27", format: "auto", maxBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range e.Blocks {
		got = append(got, fmt.Sprintf("%d %s %s", b.Line, b.Kind, b.Start))
	}
	want := []string{"4 heading Intro", "6 paragraph First words of a paragraph here.", "8 code block indented code",
		"10 table a b 1 2", "14 bullet an item", "16 image alt (img.example)"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var out strings.Builder
	if err := printExplanation(&out, e); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "blocks read from the page") || !strings.Contains(out.String(), `code block  "indented code"`) {
		t.Errorf("explain's text does not list the blocks:\n%s", out.String())
	}
}
