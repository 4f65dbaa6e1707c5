package post

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/alphanode/postscore/features/text"
)

// A Markdown post (MARKDOWN.md) is read in four steps:
//
//  1. front matter (YAML, TOML or JSON) is metadata (frontmatter.go);
//  2. Hugo shortcodes become placeholders (shortcode.go);
//  3. goldmark parses the rest as CommonMark with GFM's tables,
//     strikethrough, task lists and extended autolinks (autolink.go), and
//     footnotes: what Hugo renders with;
//  4. the page it renders to becomes blocks (page.go), read from the
//     syntax tree (page_ast.go; plain raw HTML token by token, page_raw.go),
//     or from the rendered HTML when the post holds raw HTML that only an
//     HTML parser can read (page_html.go).

// markdown is the Markdown dialect of MARKDOWN.md section 1. A goldmark
// Markdown is safe for concurrent use: its parser keeps its state in a
// context made for each document.
var markdown = goldmark.New(
	goldmark.WithExtensions(markdownExtensions...),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(autolinks{}, 0))),
	// Raw HTML passes through to the page, as CommonMark's reference
	// rendering and Hugo (unsafe = true) have it.
	goldmark.WithRendererOptions(html.WithUnsafe()),
)

// markdownExtensions are the dialect's GFM extensions, and footnotes; its
// extended autolinks are found by the autolinks transformer instead of
// goldmark's Linkify (autolink.go).
var markdownExtensions = []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote}

// markdownSource is the Markdown text goldmark reads (the file after its
// front matter, shortcodes replaced) and how to find a file line in it.
type markdownSource struct {
	text      []byte
	firstLine int         // the file line of text's first line (1-based)
	newlines  []int32     // the offsets of text's '\n's, made when a line is asked for
	shifts    []lineShift // lines that replaced shortcodes took out
}

// lineOf is the file line where node n starts: that of its first
// descendant with a position when it has none (the footnote list, made
// after parsing); 0 when none has.
func (s *markdownSource) lineOf(n ast.Node) int32 {
	for ; n != nil; n = n.FirstChild() {
		if n.Pos() >= 0 {
			return s.lineAt(n.Pos())
		}
	}
	return 0
}

// lineAt is the file line of the text's byte at.
func (s *markdownSource) lineAt(at int) int32 {
	if s.newlines == nil {
		s.newlines = make([]int32, 0, 64)
		for i := 0; ; {
			j := bytes.IndexByte(s.text[i:], '\n')
			if j < 0 {
				break
			}
			i += j
			s.newlines = append(s.newlines, int32(i))
			i++
		}
	}
	line := s.firstLine + sort.Search(len(s.newlines), func(i int) bool { return int(s.newlines[i]) >= at })
	if k := sort.Search(len(s.shifts), func(i int) bool { return s.shifts[i].at > at }); k > 0 {
		line += s.shifts[k-1].lines
	}
	return int32(line)
}

// ParseMarkdown reads a Markdown post with front matter.
func ParseMarkdown(data []byte) (*Post, error) {
	decoded, invalid, err := Decode(data)
	if err != nil {
		return nil, err
	}
	p := &Post{Format: FormatMarkdown}
	if invalid {
		p.Warnings = append(p.Warnings, WarnInvalidUTF8)
	}
	fm, body, bodyLine, hasFM := splitFrontMatter(decoded)
	p.Warnings = append(p.Warnings, fm.allWarnings()...)
	p.Meta.Present = hasFM
	applyFrontMatter(p, fm)
	if err := readMarkdownBody(p, body, bodyLine); err != nil {
		return nil, err // a ParseError (too_complex), or postscore's own failure
	}
	if len(p.Blocks) == 0 && p.CodeBlocks == 0 && p.Tables == 0 {
		return nil, emptyMarkdown(fm, hasFM)
	}
	// A post whose front matter has no title takes one from its body; one
	// whose title was lost with its front matter keeps none, as body text
	// in the title would read as a title that is not there.
	if p.Title == "" && !fm.titleLost() {
		for _, b := range p.Blocks {
			if b.Kind == Heading || b.Kind == Paragraph {
				p.Title = text.Preview(b.Text, 12)
				break
			}
		}
	}
	return p, nil
}

// splitFrontMatter reads the front matter that opens decoded, if any (blank
// lines before it tolerated), and returns the body after it and the file
// line where that starts.
func splitFrontMatter(decoded string) (fm *frontMatter, body string, bodyLine int, ok bool) {
	lines := strings.Split(decoded, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	start := 0
	for start < len(lines) && lines[start] == "" {
		start++
	}
	delim, src, next, ok := findFrontMatter(lines, start)
	if !ok {
		return newFrontMatter("", ""), decoded, 1, false
	}
	return readFrontMatter(delim, src), afterLines(decoded, next), next + 1, true
}

// afterLines is t from its line n (0-based) on.
func afterLines(t string, n int) string {
	for ; n > 0; n-- {
		i := strings.IndexByte(t, '\n')
		if i < 0 {
			return ""
		}
		t = t[i+1:]
	}
	return t
}

// readMarkdownBody reads the Markdown body, whose first line is file line
// bodyLine, into p's blocks and counts.
func readMarkdownBody(p *Post, body string, bodyLine int) error {
	m, err := parseMarkdownBody(body, bodyLine)
	if err != nil {
		return err
	}
	r, err := m.read()
	if err != nil {
		return fmt.Errorf("reading the Markdown: %w", err)
	}
	p.Blocks = r.finish()
	p.CodeBlocks, p.Tables, p.Links = r.codeBlocks, r.tables, r.links
	p.CodeAndTables = r.codeAndTables
	return nil
}

// parsedMarkdown is a Markdown body parsed: goldmark's tree, the source it
// was parsed from, and the shortcodes its placeholders stand for.
type parsedMarkdown struct {
	doc   ast.Node
	src   *markdownSource
	codes []shortcode
}

// parseMarkdownBody replaces the shortcodes of a body whose first line is
// file line bodyLine, holds it to the limits (markdown_limits.go) and
// parses it.
func parseMarkdownBody(body string, bodyLine int) (parsedMarkdown, error) {
	replaced, codes, shifts := replaceShortcodes(body)
	// goldmark reads its source and never writes it: the text is handed
	// over without a copy.
	src := &markdownSource{text: unsafe.Slice(unsafe.StringData(replaced), len(replaced)), firstLine: bodyLine, shifts: shifts}
	if err := checkMarkdownLimits(src); err != nil {
		return parsedMarkdown{}, err
	}
	return parsedMarkdown{doc: markdown.Parser().Parse(gmtext.NewReader(src.text)), src: src, codes: codes}, nil
}

// newReader is a fresh reader for m's page.
func (m parsedMarkdown) newReader() *pageReader { return &pageReader{shortcodes: m.codes} }

// read reads m's page: from the tree, or from the rendered HTML when the
// tree holds raw HTML that only an HTML parser can read.
func (m parsedMarkdown) read() (*pageReader, error) {
	r := m.newReader()
	err := r.readTree(m.doc, m.src)
	if errors.Is(err, errRawHTML) {
		r = m.newReader()
		err = r.readHTML(m.doc, m.src)
	}
	return r, err
}

// emptyMarkdown says why a Markdown post with no blocks is not a post.
func emptyMarkdown(fm *frontMatter, hasFM bool) error {
	switch {
	case fm.values["headless"] == true:
		return &ParseError{Kind: ErrKindEmpty, Detail: "front matter only, no body (a Hugo headless bundle: headless: true)"}
	case hasFM:
		return &ParseError{Kind: ErrKindEmpty, Detail: "front matter only, no body"}
	}
	return &ParseError{Kind: ErrKindEmpty, Detail: "no text"}
}
