package post

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// FuzzFrontMatter (issue 21, defect 11): the front-matter reader never
// panics, and no front matter over the limits reaches a parser, whole or
// one key at a time (issue 26): what does is at most MaxFrontMatterBytes,
// and what the parser builds of it (YAML aliases not expanded) nests at
// most MaxNestingDepth deep. Each input is read as YAML, TOML and JSON
// front matter, and as a whole post (with JSON front matter when it opens
// with '{').
func FuzzFrontMatter(f *testing.F) {
	for _, seed := range []string{
		"title: x\ntags: [a, b]\ndate: 2019-05-13",
		"a:\n  b:\n    - c: {d: [1, 2]}\n    - |\n      text [[[\n    - 'q [' \n",
		"a: &x [1, [2]]\nb: *x\nc: !!str >-\n  folded\n? [k]\n: v",
		"- - - x\n-\n  - y: \"\\\"[\" # c\n",
		"title = 'x'\n[params.a]\nb = { c = [1, { d = 2 }] }\n[[e.f]]\ng.h = \"\"\"\n[\n\"\"\"",
		"a = [\n [1],\n {b = 2},\n]\n\"k.l\".m = 1",
		"title: x\nt: 1\nt: [2, {a: 1, a: 2}]\nd: a: b\ne: !!int x\n<<: {f: 1}",
		"title = 'x'\na = 1\na = 2\nb = x\n[t]\nc = [1,\n[u.v]\nd = 1\n[[w]]\ne = 1\ne = 2",
		deepYAMLBlock(MaxNestingDepth),
		strings.Repeat("[", MaxNestingDepth) + strings.Repeat("]", MaxNestingDepth),
		"{\"title\": \"x }\", \"tags\": [\"a\", {\"b\": [1]}], \"date\": \"2019-05-13T23:30:00-05:00\"}\n\nBody.",
		"\n{\n  \"title\": \"a \\\" } \\\\\",\n  \"t\": 1,\n  \"t\": 2,\n}\nBody {}.",
		"{\"a\": nope, \"b\": [1,, \"title\": x}\nBody.",
		"{\"a\": " + strings.Repeat("[", MaxNestingDepth) + strings.Repeat("]", MaxNestingDepth) + "}",
		"{{< figure src=\"a.png\" >}}\n{\"title\": \"x\"} after",
	} {
		f.Add(seed)
	}
	real := parseFrontMatter
	f.Cleanup(func() { parseFrontMatter = real })
	f.Fuzz(func(t *testing.T, fm string) {
		parseFrontMatter = func(delim, src string, out any) error {
			if len(src) > MaxFrontMatterBytes {
				t.Fatalf("%d bytes of front matter reached the parser", len(src))
			}
			if depth, ok := parsedDepth(delim, src); ok && depth > MaxNestingDepth {
				t.Fatalf("%s front matter %d deep reached the parser: %q", frontMatterLanguage[delim], depth, src)
			}
			return real(delim, src, out)
		}
		for _, delim := range []string{yamlDelim, tomlDelim} {
			p, err := ParseMarkdown(frontMatterPost(delim, fm))
			checkFrontMatterResult(t, p, err)
		}
		p, err := ParseMarkdown([]byte(fm))
		checkFrontMatterResult(t, p, err)
		p, read := &Post{}, readFrontMatter(jsonDelim, fm)
		applyFrontMatter(p, read)
		p.Warnings = append(p.Warnings, read.allWarnings()...)
		checkFrontMatterResult(t, p, nil)
	})
}

func checkFrontMatterResult(t *testing.T, p *Post, err error) {
	t.Helper()
	if err != nil {
		if _, ok := IsParseError(err); !ok {
			t.Fatalf("error is not a ParseError: %v", err)
		}
		return
	}
	for _, w := range p.Warnings {
		if strings.HasPrefix(w, WarnBadFrontMatter+": front matter left out") && !strings.Contains(w, "the limit") {
			t.Fatalf("warning %q does not name the limit", w)
		}
	}
}

// parsedDepth is how deep the parser nests src: YAML as nodes (an alias is
// one node), TOML and JSON as maps and slices; ok is false when it does
// not parse.
func parsedDepth(delim, src string) (depth int, ok bool) {
	if delim == jsonDelim {
		var v any
		if err := json.Unmarshal([]byte(src), &v); err != nil {
			return 0, false
		}
		return DecodedDepth(v), true
	}
	if delim == tomlDelim {
		var m map[string]any
		if _, err := toml.Decode(src, &m); err != nil {
			return 0, false
		}
		return DecodedDepth(m), true
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		return 0, false
	}
	return nodeDepth(&n), true
}

func nodeDepth(n *yaml.Node) int {
	d := 0
	for _, c := range n.Content {
		d = max(d, nodeDepth(c))
	}
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		d++
	}
	return d
}
