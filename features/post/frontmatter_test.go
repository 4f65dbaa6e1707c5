package post

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// refuseDecoding makes any front matter that reaches the parsers fail the
// test; it returns a function that lets it through again.
func refuseDecoding(t *testing.T) (allow func()) {
	t.Helper()
	real := parseFrontMatter
	refuse := true
	parseFrontMatter = func(delim, src string, out any) error {
		if refuse {
			t.Errorf("%d bytes of %s front matter reached the parser: %.60q…", len(src), frontMatterLanguage[delim], src)
		}
		return real(delim, src, out)
	}
	t.Cleanup(func() { parseFrontMatter = real })
	return func() { refuse = false }
}

func frontMatterPost(delim, fm string) []byte {
	return []byte(delim + "\n" + fm + "\n" + delim + "\n\nThe body is a post all the same.\n")
}

// deepYAMLBlock is a YAML mapping nested n deep by indentation: "a:" lines,
// each indented one space more, and a value at the bottom.
func deepYAMLBlock(n int) string {
	var b strings.Builder
	for i := range n - 1 {
		fmt.Fprintf(&b, "%sa:\n", strings.Repeat(" ", i))
	}
	fmt.Fprintf(&b, "%sa: 1", strings.Repeat(" ", n-1))
	return b.String()
}

// TestFrontMatterTooDeep (issue 21, defect 11): front matter nested deeper
// than MaxNestingDepth, in TOML or in any YAML style, is left out of the
// post with a warning naming the limit, and no parser sees it; the body is
// still the post, with no title (issue 26). The issue's
// post (8,000 inline tables, 32 KB) took 13.5 s and 2.6 GB.
func TestFrontMatterTooDeep(t *testing.T) {
	refuseDecoding(t)
	deep := 8000
	cases := []struct{ name, delim, fm, line string }{
		{"TOML inline tables (the issue's post)", tomlDelim, "a = " + strings.Repeat("{a = ", deep) + "1" + strings.Repeat("}", deep), "line 1 "},
		{"TOML arrays", tomlDelim, "title = \"x\"\na = " + strings.Repeat("[", deep) + strings.Repeat("]", deep), "line 2 "},
		{"TOML dotted key", tomlDelim, strings.Repeat("a.", 32) + "a = 1", "line 1 "},
		{"TOML table header", tomlDelim, "[" + strings.Repeat("a.", 16) + "a]\nb = 1", "line 1 "},
		{"TOML arrays of tables", tomlDelim, strings.Repeat("[[a]]\n", 3) + "[[" + strings.Repeat("a.", 15) + "a]]", "line 4 "},
		{"YAML flow sequences", yamlDelim, "a: " + strings.Repeat("[", deep) + strings.Repeat("]", deep), "line 1 "},
		{"YAML flow mappings", yamlDelim, "a: " + strings.Repeat("{a: ", deep) + "1" + strings.Repeat("}", deep), "line 1 "},
		{"YAML JSON", yamlDelim, strings.Repeat(`{"a": `, deep) + "1" + strings.Repeat("}", deep), "line 1 "},
		{"YAML block mappings", yamlDelim, deepYAMLBlock(33), "line 33 "},
		{"YAML compact sequences", yamlDelim, "a:\n" + strings.Repeat("- ", 40) + "x", "line 2 "},
		{"YAML flow sequence over lines", yamlDelim, "a: [\n" + strings.Repeat("[\n", 20) + strings.Repeat("]\n", 20) + "]", "line 16 "},
	}
	for _, c := range cases {
		start := time.Now()
		p, err := ParseMarkdown(frontMatterPost(c.delim, c.fm))
		took := time.Since(start)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		want := WarnBadFrontMatter + ": front matter left out: " + c.line + "nests deeper than 32 levels, the limit"
		if len(p.Warnings) != 1 || !strings.HasPrefix(p.Warnings[0], want) {
			t.Errorf("%s: warnings %q, want one starting %q", c.name, p.Warnings, want)
		}
		if !p.Meta.Present || p.Title != "" || len(p.Blocks) != 1 || p.Blocks[0].Text != "The body is a post all the same." {
			t.Errorf("%s: front matter present %v, title %q, blocks %+v: the body must still be the post, and none of it the title", c.name, p.Meta.Present, p.Title, p.Blocks)
		}
		if took > time.Second {
			t.Errorf("%s: took %v", c.name, took)
		}
	}
}

// TestFrontMatterAtTheLimits: front matter as deep and as large as the
// limits allow is read, and what goes one past them is not.
func TestFrontMatterAtTheLimits(t *testing.T) {
	// Depths by hand: a dotted key of n names is n tables deep; a YAML
	// mapping n levels deep by indentation is n deep.
	for _, c := range []struct {
		name, delim string
		fm          func(n int) string
	}{
		{"TOML dotted key", tomlDelim, func(n int) string { return strings.Repeat("a.", n-1) + "a = 1" }},
		{"YAML block mappings", yamlDelim, deepYAMLBlock},
		{"YAML flow mappings", yamlDelim, func(n int) string { return strings.Repeat("{a: ", n) + "1" + strings.Repeat("}", n) }},
	} {
		if err := checkFrontMatter(c.delim, c.fm(MaxNestingDepth)); err != nil {
			t.Errorf("%s %d deep: %v", c.name, MaxNestingDepth, err)
		}
		if err := checkFrontMatter(c.delim, c.fm(MaxNestingDepth+1)); err == nil {
			t.Errorf("%s %d deep: let through", c.name, MaxNestingDepth+1)
		}
	}
	allow := refuseDecoding(t)
	// "title: x\n#" and a comment: len = MaxFrontMatterBytes + 1.
	over := "title: x\n#" + strings.Repeat("c", MaxFrontMatterBytes+1-len("title: x\n#"))
	p, err := ParseMarkdown(frontMatterPost(yamlDelim, over))
	want := WarnBadFrontMatter + ": front matter left out: it is 65537 bytes, over the limit of 65536 bytes (64 KiB); lost: title"
	if err != nil || len(p.Warnings) != 1 || p.Warnings[0] != want || p.Title != "" {
		t.Errorf("front matter of %d bytes: %v, warnings %q, want %q", len(over), err, p.Warnings, want)
	}
	allow()
	p, err = ParseMarkdown(frontMatterPost(yamlDelim, over[:MaxFrontMatterBytes]))
	if err != nil || len(p.Warnings) != 0 || p.Title != "x" {
		t.Errorf("front matter of %d bytes: %v, warnings %q, title %q", MaxFrontMatterBytes, err, p.Warnings, p.Title)
	}
}

// TestFrontMatterTextIsNotNesting: brackets, indentation and dashes inside
// quoted, plain and block scalars are text, and real front matter passes.
func TestFrontMatterTextIsNotNesting(t *testing.T) {
	brackets := strings.Repeat("[{", 40)
	yamlCases := []string{
		"title: '" + brackets + "'",
		"title: \"" + brackets + "\\\"" + brackets + "\"",
		"title: a " + brackets,
		"title: a\n  " + brackets + "\n  'b " + brackets,
		"description: |\n" + deepYAMLBlockIndented(60, 2) + "\ntags: [a, b]",
		"description: >-\n  - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -\ntitle: x",
		"title: x # " + brackets,
		"title: Hugo\ndate: 2019-05-13T10:00:00Z\ntags:\n  - go\n  - yaml\nauthors:\n  - name: A\n    links: {site: 'https://a.example', feeds: [rss, atom]}\nparams:\n  cover:\n    image: x.png\n    alt: \"[x]\"",
	}
	for _, fm := range yamlCases {
		if err := CheckYAMLNesting(fm, MaxNestingDepth); err != nil {
			t.Errorf("YAML %.50q…: %v", fm, err)
		}
	}
	tomlCases := []string{
		"title = '" + brackets + "'",
		"title = \"" + brackets + "\\\"" + brackets + "\"",
		"title = \"\"\"\n" + brackets + "\n\"\"\"\"",
		"title = '''\n" + brackets + "\n'''",
		"title = 'x' # " + brackets,
		"\"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.1.2.3.4.5.6.7.8\" = 1",
		"title = 'Hugo'\ndate = 2019-05-13\ntags = ['go', 'toml']\n[params.cover]\nimage = 'x.png'\n[[params.authors]]\nname = 'A'\nlinks = { site = 'https://a.example', feeds = ['rss', 'atom'] }\nratio = 1.5",
	}
	for _, fm := range tomlCases {
		if err := CheckTOMLNesting(fm, MaxNestingDepth); err != nil {
			t.Errorf("TOML %.50q…: %v", fm, err)
		}
	}
}

// deepYAMLBlockIndented is deepYAMLBlock(n) with every line indented by
// indent spaces, as the text of a block scalar.
func deepYAMLBlockIndented(n, indent int) string {
	lines := strings.Split(deepYAMLBlock(n), "\n")
	for i := range lines {
		lines[i] = strings.Repeat(" ", indent) + lines[i]
	}
	return strings.Join(lines, "\n")
}

// billionLaughs is YAML whose aliases expand 600 bytes to 10^9 nodes.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [%s*a%d]\n", i, i, strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 9), i-1)
	}
	b.WriteString("title: *a9")
	return b.String()
}

// TestYAMLRefusesBillionLaughs: go.yaml.in/yaml/v3 itself refuses a
// document whose aliases make most of what it decodes.
func TestYAMLRefusesBillionLaughs(t *testing.T) {
	var fm map[string]any
	err := yaml.Unmarshal([]byte(billionLaughs()), &fm)
	if err == nil || err.Error() != "yaml: document contains excessive aliasing" {
		t.Fatalf("yaml/v3 on a billion laughs: %v", err)
	}
}

// TestFrontMatterAliasBudget (issue 21, defect 11): yaml/v3's own budget
// lets aliases decode about 400,000 nodes first (half a second for a 10 KB
// front matter with 5,000 plain nodes beside them); front matter whose
// aliases expand it past maxFrontMatterNodes is left out before decoding,
// and aliases within the budget are expanded.
func TestFrontMatterAliasBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("p: [" + strings.Repeat("1,", 5000) + "1]\n")
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 7; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [%s*a%d]\n", i, i, strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 9), i-1)
	}
	want := WarnBadFrontMatter + ": front matter left out: its aliases expand it past 10000 nodes, the limit"
	for name, fm := range map[string]string{"10^7 nodes beside 5,000": b.String(), "billion laughs": billionLaughs(), "an alias in its own anchor": "a: &a [1, *a]"} {
		start := time.Now()
		p, err := ParseMarkdown(frontMatterPost(yamlDelim, fm))
		took := time.Since(start)
		t.Logf("%s: refused in %v", name, took)
		if err != nil || len(p.Warnings) != 1 || !strings.HasPrefix(p.Warnings[0], want+"; lost: ") {
			t.Errorf("%s: %v, warnings %q, want %q and what was lost", name, err, p.Warnings, want)
		}
	}
	// 10 × 10 × 10 × 10 = 10,000 leaves, 1,111 sequences and a mapping:
	// past the limit.
	tree := "a0: &a0 [" + strings.Repeat("x, ", 9) + "x]\n" +
		"a1: &a1 [" + strings.Repeat("*a0, ", 9) + "*a0]\n" +
		"a2: &a2 [" + strings.Repeat("*a1, ", 9) + "*a1]\n" +
		"title: t\ntags: [" + strings.Repeat("*a2, ", 9) + "*a2]"
	if p, err := ParseMarkdown(frontMatterPost(yamlDelim, tree)); err != nil || len(p.Warnings) != 1 || p.Warnings[0] != want+"; lost: title, tags" {
		t.Errorf("11,112 nodes: %v, warnings %q", err, p.Warnings)
	}
	p, err := ParseMarkdown(frontMatterPost(yamlDelim, "a0: &a0 go\ntitle: t\ntags: [*a0, *a0, x]"))
	if err != nil || len(p.Warnings) != 0 || p.Title != "t" || strings.Join(p.Meta.Tags, ",") != "go,go,x" {
		t.Errorf("aliases within the budget: %v, warnings %q, title %q, tags %q", err, p.Warnings, p.Title, p.Meta.Tags)
	}
}
