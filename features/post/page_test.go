package post

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmtext "github.com/yuin/goldmark/text"
)

// readBothWays reads a Markdown body from its syntax tree and from its
// rendered HTML; fromTree is "" when the body holds raw HTML that is not
// plain (page_raw.go), which only the HTML can tell.
func readBothWays(t *testing.T, body string) (fromTree, fromHTML string) {
	t.Helper()
	replaced, codes, shifts := replaceShortcodes(body)
	src := &markdownSource{text: []byte(replaced), firstLine: 1, shifts: shifts}
	doc := markdown.Parser().Parse(gmtext.NewReader(src.text))
	tree := &pageReader{shortcodes: codes}
	if err := tree.readTree(doc, src); err == nil {
		fromTree = describePage(tree, false)
	} else if !errors.Is(err, errRawHTML) {
		t.Fatal(err)
	}
	page := &pageReader{shortcodes: codes}
	if err := page.readHTML(doc, src); err != nil {
		t.Fatal(err)
	}
	return fromTree, describePage(page, false)
}

// describePage lists a page's blocks and counts, lines too if withLines.
func describePage(r *pageReader, withLines bool) string {
	var b strings.Builder
	for _, bl := range r.finish() {
		if withLines {
			fmt.Fprintf(&b, "%d ", bl.Line)
		}
		fmt.Fprintf(&b, "%s %q", bl.Kind, bl.Text)
		if bl.Image != nil {
			fmt.Fprintf(&b, " %q", bl.Image.Source)
		}
		b.WriteByte('\n')
	}
	for _, u := range r.unread {
		fmt.Fprintf(&b, "%s %q\n", u.Kind, u.Text)
	}
	fmt.Fprintf(&b, "code blocks %d, tables %d, links %d\n", r.codeBlocks, r.tables, r.links)
	return b.String()
}

// TestTreeAndHTMLAgree reads every Markdown text at hand that the syntax
// tree can read (all but those with raw HTML that is not plain) both ways:
// from the tree, the fast way, and from the rendered HTML, the way a post
// with raw HTML that is not plain is read. The two must give the same
// blocks and counts, as both are the same page.
func TestTreeAndHTMLAgree(t *testing.T) {
	bodies := markdownTexts(t)
	agree, read := 0, 0
	for name, body := range bodies {
		fromTree, fromHTML := readBothWays(t, body)
		if fromTree == "" {
			continue
		}
		read++
		if fromTree == fromHTML {
			agree++
			continue
		}
		t.Errorf("%s: the tree and the HTML disagree\n%s\ntree:\n%s\nhtml:\n%s", name, body, fromTree, fromHTML)
	}
	t.Logf("%d of %d Markdown texts the tree can read (of %d) read the same both ways", agree, read, len(bodies))
}

// markdownTexts are the texts of the CommonMark and GFM spec examples and
// the real Markdown posts of ../shared, by name, when ../shared is here.
func markdownTexts(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, file := range []string{"spec.json", "gfm-extensions.json"} {
		data, err := os.ReadFile(filepath.Join(sharedDir, "reference", "commonmark", file))
		if err != nil {
			t.Skipf("../shared is not here (CI has it beside the clone): %v", err)
		}
		var cases []struct {
			Markdown string `json:"markdown"`
			Example  int    `json:"example"`
		}
		if err := json.Unmarshal(data, &cases); err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			out[fmt.Sprintf("%s example %d", file, c.Example)] = c.Markdown
		}
	}
	dir := filepath.Join(sharedDir, "corpus", "real", "roweb3-md")
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		decoded, _, _ := Decode(data)
		_, body, _, _ := splitFrontMatter(decoded)
		out[path] = body
		return nil
	})
	return out
}

// TestAutolinksAsLinkify holds the autolinks transformer to goldmark's
// Linkify, which it stands in for: on every Markdown text at hand both find
// the same autolinks.
func TestAutolinksAsLinkify(t *testing.T) {
	linkifying := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote, extension.Linkify))
	same := 0
	bodies := markdownTexts(t)
	for name, body := range bodies {
		got, want := autolinkLabels(markdown, body), autolinkLabels(linkifying, body)
		if got == want {
			same++
			continue
		}
		t.Errorf("%s: autolinks\n got %s\nwant %s (goldmark's Linkify)", name, got, want)
	}
	t.Logf("%d of %d Markdown texts: the same autolinks as goldmark's Linkify", same, len(bodies))
}

// autolinkLabels lists the autolinks that md finds in body.
func autolinkLabels(md goldmark.Markdown, body string) string {
	src := []byte(body)
	var labels []string
	_ = ast.Walk(md.Parser().Parse(gmtext.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if a, ok := n.(*ast.AutoLink); ok && entering {
			labels = append(labels, fmt.Sprintf("%q", a.Label(src)))
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(labels, " ")
}
