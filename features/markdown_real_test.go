package features

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/alphanode/postscore/features/text"
)

// The acceptance test of MARKDOWN.md section 4, second rule: the real posts
// of ../shared/corpus/real/roweb3-md, read by post.ParseMarkdown, against
// the page Hugo would make of each, rendered here independently of
// postscore (front matter cut, shortcodes replaced, goldmark with the
// dialect's extensions) and read by the reference counter.

// markdownRenderer renders the dialect of MARKDOWN.md section 1 as Hugo
// does: CommonMark with the GFM extensions and footnotes, raw HTML passed
// through to the page (html.WithUnsafe).
var markdownRenderer = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

// renderMarkdown renders md to HTML.
func renderMarkdown(md []byte) (string, error) {
	var b bytes.Buffer
	err := markdownRenderer.Convert(md, &b)
	return b.String(), err
}

// hugoPage renders a post's file to the HTML page Hugo makes of it: the
// front matter cut, the shortcodes replaced, the Markdown rendered.
func hugoPage(src []byte) (string, error) {
	md, outputs := replaceShortcodes(string(cutFrontMatter(src)))
	page, err := renderMarkdown([]byte(md))
	if err != nil {
		return "", err
	}
	return outputs.Replace(page), nil
}

// cutFrontMatter returns src without its front matter (MARKDOWN.md section
// 1): YAML between --- lines, TOML between +++ lines, or a JSON object at
// the top; blank lines before it and trailing spaces on a delimiter line
// are tolerated; with no closing delimiter there is none.
func cutFrontMatter(src []byte) []byte {
	rest := bytes.TrimPrefix(src, []byte("\ufeff"))
	for {
		line, after, found := bytes.Cut(rest, []byte("\n"))
		if !found || len(bytes.TrimSpace(line)) > 0 {
			break
		}
		rest = after
	}
	if bytes.HasPrefix(rest, []byte("{")) {
		// Only a JSON object: a shortcode ({{< x >}}) may open the body.
		if end := jsonObjectEnd(rest); end > 0 && json.Valid(rest[:end]) {
			return rest[end:]
		}
		return src
	}
	first, body, _ := bytes.Cut(rest, []byte("\n"))
	delim := string(bytes.TrimRight(first, " \t\r"))
	if delim != "---" && delim != "+++" {
		return src
	}
	for len(body) > 0 {
		line, after, _ := bytes.Cut(body, []byte("\n"))
		if string(bytes.TrimRight(line, " \t\r")) == delim {
			return after
		}
		body = after
	}
	return src
}

// jsonObjectEnd returns the offset just past the brace that closes the
// object s opens with, or 0 if it never closes; braces inside strings do
// not count.
func jsonObjectEnd(s []byte) int {
	depth, inString, escaped := 0, false, false
	for i, c := range s {
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case inString && c == '"':
			inString = false
		case inString:
		case c == '"':
			inString = true
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return 0
}

// shortcodeOpen finds the start of a Hugo shortcode: {{< or {{%.
var shortcodeOpen = regexp.MustCompile(`\{\{[<%]`)

// shortcodeParam is one name=value parameter of a shortcode, the value
// quoted, raw-quoted or bare.
var shortcodeParam = regexp.MustCompile("([A-Za-z_][\\w-]*)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|`([^`]*)`|([^\\s\"`]+))")

// replaceShortcodes does what Hugo does to the shortcodes of md before
// rendering it (MARKDOWN.md section 1): each shortcode, over as many lines
// as it takes, becomes a one-line placeholder, so that it never splits or
// joins a paragraph, in code blocks too; the placeholders are replaced in
// the rendered HTML by the shortcode's output (the returned Replacer): an
// <img> for an opening image shortcode, nothing for any other. The text
// between a paired opening and closing shortcode stays Markdown. An
// escaped shortcode ({{</* x */>}}) becomes its literal text ({{< x >}}).
func replaceShortcodes(md string) (string, *strings.Replacer) {
	var b strings.Builder
	var outputs []string
	for {
		loc := shortcodeOpen.FindStringIndex(md)
		if loc == nil {
			break
		}
		b.WriteString(md[:loc[0]])
		open, closing := md[loc[0]:loc[1]], ">}}"
		if open == "{{%" {
			closing = "%}}"
		}
		inner, rest, ok := shortcodeInner(md[loc[1]:], closing)
		if !ok { // never closed: Hugo would fail; kept as text
			b.WriteString(open)
			md = md[loc[1]:]
			continue
		}
		md = rest
		if body, escaped := escapedShortcode(inner); escaped {
			b.WriteString(open + body + closing)
			continue
		}
		placeholder := fmt.Sprintf("PSHUGOSHORTCODE%dEND", len(outputs)/2)
		b.WriteString(placeholder)
		outputs = append(outputs, placeholder, shortcodeOutput(inner))
	}
	b.WriteString(md)
	return b.String(), strings.NewReplacer(outputs...)
}

// shortcodeInner splits s, what follows a shortcode's {{< or {{%, at the
// closing >}} or %}}: quoted parameter values may hold those.
func shortcodeInner(s, closing string) (inner, rest string, ok bool) {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote == '"' && c == '\\':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '`':
			quote = c
		case strings.HasPrefix(s[i:], closing):
			return s[:i], s[i+len(closing):], true
		}
	}
	// An escaped shortcode is a comment, which quotes do not open: look
	// again without them.
	if i := strings.Index(s, "*/"+closing); i >= 0 && strings.HasPrefix(strings.TrimLeft(s, " \t\n"), "/*") {
		return s[:i+2], s[i+2+len(closing):], true
	}
	return "", "", false
}

// escapedShortcode returns the text of an escaped shortcode's inner part
// (" figure src=x " of {{</* figure src=x */>}}) and whether it is one.
func escapedShortcode(inner string) (string, bool) {
	trimmed := strings.TrimSpace(inner)
	if !strings.HasPrefix(trimmed, "/*") || !strings.HasSuffix(trimmed, "*/") || len(trimmed) < 4 {
		return "", false
	}
	return trimmed[2 : len(trimmed)-2], true
}

// shortcodeOutput is what a shortcode (its inner part) leaves in the page:
// an image shortcode, "one whose name contains figure, img or image", is
// an <img> with its src and alt ("its caption, alt and title are not
// text", and an <img>'s alt is not); a closing one, or any other, leaves
// nothing.
func shortcodeOutput(inner string) string {
	fields := strings.Fields(inner)
	if len(fields) == 0 || strings.HasPrefix(fields[0], "/") {
		return ""
	}
	name := strings.ToLower(fields[0])
	if !strings.Contains(name, "figure") && !strings.Contains(name, "img") && !strings.Contains(name, "image") {
		return ""
	}
	params := map[string]string{}
	for _, m := range shortcodeParam.FindAllStringSubmatch(inner, -1) {
		params[strings.ToLower(m[1])] = m[2] + m[3] + m[4]
	}
	return fmt.Sprintf(`<img src="%s" alt="%s">`, html.EscapeString(params["src"]), html.EscapeString(params["alt"]))
}

// realPost is one file of the corpus, read both ways.
type realPost struct {
	path      string
	got, page pageCount
	empty     bool // the reader found no visible block
}

// realColumn is one thing compared on every post.
type realColumn struct {
	name  string
	value func(c pageCount) int
	near  bool // within 2% (word counts) rather than equal
}

// realColumns are the structure columns, equal on 99% of posts, and the
// word counts of the two texts, within 2% on 99% of posts. Words are
// counted as Measure counts them (text.CountWords).
var realColumns = []realColumn{
	{"paragraphs", func(c pageCount) int { return c.Paragraphs }, false},
	{"headings", func(c pageCount) int { return c.Headings }, false},
	{"bullets", func(c pageCount) int { return c.Bullets }, false},
	{"images", func(c pageCount) int { return c.Images }, false},
	{"code blocks", func(c pageCount) int { return c.CodeBlocks }, false},
	{"tables", func(c pageCount) int { return c.Tables }, false},
	{"links", func(c pageCount) int { return c.Links }, false},
	{"words", func(c pageCount) int { return text.CountWords(c.Body) }, true},
	{"prose words", func(c pageCount) int { return text.CountWords(c.Prose) }, true},
}

// agrees reports whether the column's two values agree.
func (col realColumn) agrees(got, page int) bool {
	if !col.near {
		return got == page
	}
	diff := got - page
	return 50*max(diff, -diff) <= max(got, page)
}

// readRealPosts reads every .md file under dir both ways; a file the reader
// fails on with anything but ErrKindEmpty is reported and left out.
func readRealPosts(t *testing.T, dir string) []realPost {
	var posts []realPost
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		p := realPost{path: rel}
		page, err := hugoPage(src)
		if err == nil {
			p.page, err = countPage(page)
		}
		if err != nil {
			t.Errorf("%s: the reference page: %v", rel, err)
			return nil
		}
		got, err := readMarkdown(src)
		if err != nil {
			t.Errorf("%s: ParseMarkdown: %v", rel, err)
			return nil
		}
		p.got, p.empty = got.count, got.empty
		posts = append(posts, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return posts
}

// TestMarkdownRealPosts holds post.ParseMarkdown to the pages of the real
// posts, column by column (MARKDOWN.md section 4).
func TestMarkdownRealPosts(t *testing.T) {
	dir := filepath.Join(sharedDir, "corpus", "real", "roweb3-md")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("../shared/corpus/real/roweb3-md is not here (CI has it beside the clone): %v", err)
	}
	posts := readRealPosts(t, dir)
	if len(posts) == 0 {
		t.Fatal("no post read")
	}
	var wronglyEmpty []string
	for _, p := range posts {
		if p.empty && p.page.blocks() > 0 {
			wronglyEmpty = append(wronglyEmpty, fmt.Sprintf("%s (page: %v)", p.path, p.page))
		}
	}
	if len(wronglyEmpty) > 0 {
		t.Errorf("%d posts the reader finds empty have visible blocks:\n  %s", len(wronglyEmpty), strings.Join(wronglyEmpty, "\n  "))
	}
	for _, col := range realColumns {
		checkRealColumn(t, col, posts)
	}
	t.Logf("%d of %d posts agree on every column", agreeEverywhere(posts), len(posts))
}

// agreeEverywhere counts the posts that agree on every column.
func agreeEverywhere(posts []realPost) int {
	n := 0
	for _, p := range posts {
		if !slices.ContainsFunc(realColumns, func(col realColumn) bool {
			return !col.agrees(col.value(p.got), col.value(p.page))
		}) {
			n++
		}
	}
	return n
}

// checkRealColumn logs how many posts agree on col, listing up to 10 that
// do not, and fails when fewer than 99% do.
func checkRealColumn(t *testing.T, col realColumn, posts []realPost) {
	t.Helper()
	agree := 0
	var disagree []string
	for _, p := range posts {
		got, page := col.value(p.got), col.value(p.page)
		if col.agrees(got, page) {
			agree++
			continue
		}
		if len(disagree) < 10 {
			disagree = append(disagree, fmt.Sprintf("%s: reader %d, page %d", p.path, got, page))
		}
	}
	pass := agree*100 >= 99*len(posts)
	summary := fmt.Sprintf("%s: %.1f%% of %d posts agree", col.name, 100*float64(agree)/float64(len(posts)), len(posts))
	if !pass {
		summary += ", 99% must"
	}
	if len(disagree) > 0 {
		summary += "; some that do not:\n  " + strings.Join(disagree, "\n  ")
	}
	if pass {
		t.Log(summary)
	} else {
		t.Error(summary)
	}
}

// hugoCase is a hand-written post and the page it must render to.
type hugoCase struct {
	name, src, want string
}

// hugoCases has one case per thing hugoPage does before rendering.
var hugoCases = []hugoCase{
	{"YAML front matter, blank lines and trailing spaces tolerated", "\n\n--- \ntitle: x\n---  \nBody.\n", "<p>Body.</p>\n"},
	{"TOML front matter", "+++\ntitle = 'x'\n+++\nBody.\n", "<p>Body.</p>\n"},
	{"JSON front matter, ending at its matching brace", "{\"a\": {\"b\": \"}\"}}\nBody.\n", "<p>Body.</p>\n"},
	{"no closing delimiter, no front matter", "---\nBody.\n", "<hr>\n<p>Body.</p>\n"},
	{"a shortcode at the top is no JSON front matter", "{{< x >}}\nBody.\n", "<p>\nBody.</p>\n"},
	{"an image shortcode is an <img>, in place", "One\n{{< figure src=\"a.png\"\n  alt=\"A >}} b\" caption=\"c\" >}}\ntwo.\n",
		"<p>One\n<img src=\"a.png\" alt=\"A &gt;}} b\">\ntwo.</p>\n"},
	{"any other shortcode leaves nothing; the text between a pair stays Markdown",
		"{{< quote footer=\"x\" >}}\n*Said.*\n{{< /quote >}}\n\n{{% notice %}}\n", "<p>\n<em>Said.</em>\n</p>\n<p></p>\n"},
	{"a closing image shortcode is no image", "{{< imgtxt src=\"a.png\" >}}\nText\n{{< /imgtxt >}}\n",
		"<p><img src=\"a.png\" alt=\"\">\nText\n</p>\n"},
	{"shortcodes are replaced in code blocks too", "```\n{{<figure src=a.png>}}\n```\n",
		"<pre><code><img src=\"a.png\" alt=\"\">\n</code></pre>\n"},
	{"an escaped shortcode is its literal text", "{{</* figure src=\"a\" */>}}\n",
		"<p>{{&lt; figure src=&quot;a&quot; &gt;}}</p>\n"},
	{"an escaped shortcode may hold an unpaired quote", "{{%/* x a=\"b */%}}\n",
		"<p>{{% x a=&quot;b %}}</p>\n"},
}

// TestHugoPage holds the Hugo side of the real-post test to pages worked out
// by hand.
func TestHugoPage(t *testing.T) {
	for _, c := range hugoCases {
		got, err := hugoPage([]byte(c.src))
		if err != nil || got != c.want {
			t.Errorf("%s: %q\n got  %q (%v)\n want %q", c.name, c.src, got, err, c.want)
		}
	}
}
