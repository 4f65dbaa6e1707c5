package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMarkdownOverHalfMaxBytes: a Markdown post is read up to half of
// --max-bytes (its syntax tree takes twice the memory); a larger one is a
// too_large error row that says so, while an export-format post of the
// same size is read.
func TestMarkdownOverHalfMaxBytes(t *testing.T) {
	const maxBytes = 64 << 10
	corpus := t.TempDir()
	para := strings.Repeat("A sentence of plain words here. ", 1200) // 38,400 bytes
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(corpus, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("big.md", "---\ntitle: Big\n---\n\n"+para+"\n")
	write("big.txt", "Big\n\n"+para+"\n")
	write("small.md", "---\ntitle: Small\n---\n\nA small post.\n")
	out := t.TempDir()
	_, err := Run(context.Background(), Options{Corpus: []string{corpus}, Out: out, AsOf: asOf(t), Workers: 2, MaxBytes: maxBytes,
		MaxErrors: -1, CommandLine: []string{"postscore", "test"}})
	if err != nil {
		t.Fatal(err)
	}
	rows := readRows[Row](t, filepath.Join(out, ScoresName))
	errs := readRows[ErrorRow](t, filepath.Join(out, ErrorsName))
	if len(rows) != 2 || len(errs) != 1 {
		t.Fatalf("%d rows and %d error rows, want 2 and 1 (big.md)", len(rows), len(errs))
	}
	e := errs[0]
	if e.DocPath != "big.md" || e.Kind != ErrKindTooLarge || !strings.Contains(e.Reason, "over 32768 (half of --max-bytes") {
		t.Errorf("error row %+v", e)
	}
}
