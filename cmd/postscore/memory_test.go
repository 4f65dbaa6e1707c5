//go:build memory

// The memory acceptance test: `go test -tags memory -run TestPeakRSS
// ./cmd/postscore` (make bench runs it). It takes minutes, so it is kept
// out of `make test` by its build tag.

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/alphanode/postscore/pipeline"
)

// maxPeakRSS is the most a run with default flags (two workers, --max-bytes
// 16 MiB) may hold, whatever its corpus.
const maxPeakRSS = 512 << 20

// rssCap is the address space a run under test is allowed, so that a
// failing case fails alone instead of taking the shared machine's memory.
const rssCapKiB = 4 << 20

// fill repeats unit after head up to size bytes at most, then adds tail.
func fill(size int, head, unit, tail string) []byte {
	b := bytes.NewBufferString(head)
	for b.Len()+len(unit)+len(tail) <= size {
		b.WriteString(unit)
	}
	b.WriteString(tail)
	return b.Bytes()
}

// distinctWords is size bytes of distinct lower-case words (base 26) after head.
func distinctWords(size int, head string) []byte {
	b := bytes.NewBufferString(head)
	var w []byte
	for i := 0; ; i++ {
		w = w[:0]
		for k := i; ; k /= 26 {
			w = append(w, byte('a'+k%26))
			if k < 26 {
				break
			}
		}
		if b.Len()+len(w)+1 > size {
			return b.Bytes()
		}
		b.Write(w)
		b.WriteByte(' ')
	}
}

// jsonlOf is a JSONL file of lines whose text field is text.
func jsonlOf(lines int, text []byte) []byte {
	var b bytes.Buffer
	for i := range lines {
		doc, _ := json.Marshal(map[string]string{"id": strconv.Itoa(i), "text": string(text)})
		b.Write(doc)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// memoryCases are posts at the --max-bytes limit built to be expensive,
// each hitting another structure of the parser or of the measures. Each
// corpus holds two copies, one for each worker.
type memoryCase struct {
	name, ext string
	data      func() []byte // made when its case runs, not all at once
}

func memoryCases() []memoryCase {
	const max = pipeline.DefaultMaxBytes
	mdMax := int(pipeline.MaxMarkdownBytes(max))
	const title = "A title\n\n"
	const fm = "---\ntitle: x\n---\n"
	return []memoryCase{
		{"blank_lines", ".txt", func() []byte { return fill(max, title, "a\n\n", "") }},
		{"one_paragraph", ".txt", func() []byte {
			return fill(max, title, "lorem ipsum dolor sit amet, consectetur adipiscing elit. ", "")
		}},
		{"tiny_paragraphs", ".txt", func() []byte { return fill(max, title, "a b.\n\n", "") }},
		{"headings", ".txt", func() []byte { return fill(max, title, "Hd\n\n", "") }},
		{"bullets", ".txt", func() []byte { return fill(max, title, "- a\n", "") }},
		{"images", ".txt", func() []byte { return fill(max, title, "x\nx. image source: h\n", "") }},
		{"one_word", ".txt", func() []byte { return fill(max, title, "a ", "") }},
		{"distinct_words", ".txt", func() []byte { return distinctWords(max, title) }},
		{"sentences_repeated", ".txt", func() []byte { return fill(max, title, "the same short sentence here. ", "") }},
		{"meta_block", ".txt", func() []byte {
			return fill(max, title+"One paragraph here.\n\nsite post meta\nnotes\n", "  • n\n", "")
		}},
		{"meta_unknown_keys", ".txt", func() []byte { return fill(max, title+"One paragraph here.\n\nsite post meta\n", "zz\n", "") }},
		{"title_line", ".txt", func() []byte { return fill(max, "", "t", "\n\nA body paragraph.\n") }},
		{"no_spaces", ".txt", func() []byte { return fill(max, title, "x", "\n") }},
		// Markdown is read up to half of --max-bytes (pipeline.MaxMarkdownBytes).
		{"md_list_items", ".md", func() []byte { return fill(mdMax, fm, "- a\n", "") }},
		{"md_links", ".md", func() []byte { return fill(mdMax, fm, "[a](b) ", "") }},
		{"md_link_items", ".md", func() []byte { return fill(mdMax, fm, "- [a](b)\n", "") }},
		{"md_headings", ".md", func() []byte { return fill(mdMax, fm, "# a\n", "") }},
		{"md_images", ".md", func() []byte { return fill(mdMax, fm, "![a](b)\n", "") }},
		{"md_blank_lines", ".md", func() []byte { return fill(mdMax, fm, "a\n\n", "") }},
		{"md_nested_quotes", ".md", func() []byte { return fill(mdMax, fm, ">", "") }},
		{"md_nested_lists", ".md", func() []byte { return fill(mdMax, fm, "  - a\n", "") }},
		{"md_at_signs", ".md", func() []byte { return fill(mdMax, fm, "@ ", "") }},
		{"md_www", ".md", func() []byte { return fill(mdMax, fm, "www. ", "") }},
		{"md_raw_divs", ".md", func() []byte { return fill(mdMax, fm, "<div>", "") }},
		{"md_raw_divs_closed", ".md", func() []byte { return fill(mdMax, fm, "<div>a</div>\n", "") }},
		{"md_emphasis", ".md", func() []byte { return fill(mdMax, fm, "*a_ ", "") }},
		{"jsonl_blank_lines", ".jsonl", func() []byte { return jsonlOf(4, fill(3<<20, title, "a\n\n", "")) }},
	}
}

// TestPeakRSS scores each expensive corpus with default flags and holds
// the run's peak resident memory (the child's rusage) to maxPeakRSS.
func TestPeakRSS(t *testing.T) {
	bin := postscoreBin(t)
	for _, c := range memoryCases() {
		t.Run(c.name, func(t *testing.T) {
			data := c.data()
			dir := t.TempDir()
			corpus := filepath.Join(dir, "corpus")
			if err := os.Mkdir(corpus, 0o755); err != nil {
				t.Fatal(err)
			}
			for i := range 2 {
				if err := os.WriteFile(filepath.Join(corpus, fmt.Sprintf("%d%s", i, c.ext)), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			// bash caps the address space, then becomes postscore (exec): the
			// rusage read below is postscore's own.
			cmd := exec.CommandContext(ctx, "bash", "-c", fmt.Sprintf(`ulimit -v %d && exec "$0" "$@"`, rssCapKiB),
				bin, "score", corpus, "-o", filepath.Join(dir, "out"), "--as-of", "2026-11-27", "--workers", "2", "-q")
			start := time.Now()
			out, err := cmd.CombinedOutput()
			secs := time.Since(start).Seconds()
			var peak int64
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				peak = ru.Maxrss << 10 // KiB on Linux
			}
			t.Logf("%-20s %5.1f MiB a file  peak RSS %6.1f MiB  %5.1f s", c.name, float64(len(data))/(1<<20), float64(peak)/(1<<20), secs)
			if err != nil {
				t.Fatalf("postscore failed (%v) under a %d MiB address-space cap:\n%s", err, rssCapKiB>>10, out)
			}
			if peak > maxPeakRSS {
				t.Errorf("peak RSS %.1f MiB, over %d MiB", float64(peak)/(1<<20), maxPeakRSS>>20)
			}
		})
	}
}
