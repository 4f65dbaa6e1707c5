package post

import (
	"reflect"
	"strings"
	"testing"
)

// markdownLines splits a file as ParseMarkdown does before it looks for
// front matter: on "\n", trailing spaces and tabs trimmed; start is its
// first non-blank line.
func markdownLines(text string) (lines []string, start int) {
	lines = strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	for start < len(lines) && lines[start] == "" {
		start++
	}
	return lines, start
}

// TestFindJSONFrontMatter (MARKDOWN.md section 1): a JSON object at the
// top is front matter, up to the brace that matches its first, braces in
// its strings not counted; the body starts on the line after it.
func TestFindJSONFrontMatter(t *testing.T) {
	cases := []struct {
		name, text string
		src        string // "" for no front matter
		next       int
	}{
		{"blank lines before", "\n\n{\n  \"title\": \"Road closures\"\n}\n\nBody.",
			"{\n  \"title\": \"Road closures\"\n}", 5},
		{"on one line", "{\"title\": \"x\"}\nBody.", "{\"title\": \"x\"}", 1},
		{"trailing spaces after the brace", "{\"title\": \"x\"}  \t\nBody.", "{\"title\": \"x\"}", 1},
		{"braces, an escaped quote and an escaped backslash in strings",
			"{\"title\": \"a } and a {\",\n\"description\": \"a quote \\\" } and a backslash \\\\\",\n\"tags\": [\"}\"]}\nBody {with braces}.",
			"{\"title\": \"a } and a {\",\n\"description\": \"a quote \\\" } and a backslash \\\\\",\n\"tags\": [\"}\"]}", 3},
		{"nested objects", "{\"params\": {\"a\": {\"b\": 1}},\n \"title\": \"x\"}\n\nBody.",
			"{\"params\": {\"a\": {\"b\": 1}},\n \"title\": \"x\"}", 2},
		{"the first key after a blank line", "{\n\n  \"title\": \"x\"\n}\nBody.", "{\n\n  \"title\": \"x\"\n}", 4},
		{"empty", "{}\nBody.", "{}", 1},
		{"at the end of the file", "{\"title\": \"x\"}", "{\"title\": \"x\"}", 1},
		{"unclosed", "{\"title\": \"x\",\n\"tags\": [\"a\"]\n\nBody.", "", 0},
		{"an unclosed string", "{\"title\": \"x}\n\nBody.", "", 0},
		{"text after the closing brace", "{\"title\": \"x\"} Body on the same line.\n\nMore body.", "", 0},
		{"a shortcode", "{{< figure src=\"a.png\" >}}\n\nBody.", "", 0},
		{"a template tag", "{% raw %}\nBody.\n{% endraw %}", "", 0},
		{"a key not quoted", "{title: \"x\"}\nBody.", "", 0},
		{"indented", "  {\"title\": \"x\"}\nBody.", "", 0},
		{"not at the top", "Body.\n{\"title\": \"x\"}", "", 0},
	}
	for _, c := range cases {
		lines, start := markdownLines(c.text)
		delim, src, next, ok := findFrontMatter(lines, start)
		if c.src == "" {
			if ok {
				t.Errorf("%s: front matter %q, want none", c.name, src)
			}
			continue
		}
		if !ok || delim != jsonDelim || src != c.src || next != c.next {
			t.Errorf("%s: %v %q %q next %d, want JSON front matter %q, next %d", c.name, ok, delim, src, next, c.src, c.next)
		}
	}
	// YAML and TOML front matter are still found as before.
	for _, text := range []string{"---\ntitle: x\n---\nBody.", "+++\ntitle = 'x'\n+++\nBody."} {
		lines, start := markdownLines(text)
		if delim, src, next, ok := findFrontMatter(lines, start); !ok || delim != lines[0] || src != lines[1] || next != 3 {
			t.Errorf("%q: %v %q %q next %d", text, ok, delim, src, next)
		}
	}
}

// readJSONPost reads JSON front matter src into a post as ParseMarkdown
// does, and returns the post and all its warnings.
func readJSONPost(src string) (*Post, *frontMatter) {
	p := &Post{}
	fm := readFrontMatter(jsonDelim, src)
	p.Warnings = append(p.Warnings, fm.allWarnings()...)
	applyFrontMatter(p, fm)
	return p, fm
}

// TestJSONFrontMatterMeta: JSON front matter's keys are read as YAML's
// and TOML's: title, description (the summary), tags, authors, and the
// review date; numbers as written.
func TestJSONFrontMatterMeta(t *testing.T) {
	src := `{
  "title": "Road closures",
  "date": "2024-03-01T09:00:00+01:00",
  "description": "What to know",
  "tags": ["roads", "notices"],
  "authors": ["Ana", "Ben"],
  "draft": false,
  "weight": 10,
  "params": {"cover": {"image": "x.png", "alt": "{x}"}}
}`
	p, _ := readJSONPost(src)
	m := p.Meta
	date, summary := "", ""
	if m.LastReviewed != nil {
		date = m.LastReviewed.String()
	}
	if m.Summary != nil {
		summary = *m.Summary
	}
	if p.Title != "Road closures" || date != "2024-03-01" || m.ReviewDateKey != "date" || summary != "What to know" ||
		!reflect.DeepEqual(m.Tags, []string{"roads", "notices"}) || !reflect.DeepEqual(m.Authors, []string{"Ana", "Ben"}) || len(p.Warnings) != 0 {
		t.Errorf("title %q, date %q from %q, summary %q, tags %q, authors %q, warnings %q", p.Title, date, m.ReviewDateKey, summary, m.Tags, m.Authors, p.Warnings)
	}
	// lastmod wins over date, as in YAML and TOML.
	if p, _ := readJSONPost(`{"date": "2024-03-01", "lastmod": "2024-05-02"}`); p.Meta.LastReviewed == nil || p.Meta.LastReviewed.String() != "2024-05-02" || p.Meta.ReviewDateKey != "lastmod" {
		t.Errorf("lastmod and date: %v from %q", p.Meta.LastReviewed, p.Meta.ReviewDateKey)
	}
	// A number is text as written: as a float64 it would read 1.2345678901234567e+19.
	if p, _ := readJSONPost(`{"title": 12345678901234567890}`); p.Title != "12345678901234567890" {
		t.Errorf("a number title: %q", p.Title)
	}
}

// TestJSONFrontMatterInAPost: a Markdown post whose JSON front matter
// follows blank lines has its title and meta from it; an unclosed object
// is no front matter.
func TestJSONFrontMatterInAPost(t *testing.T) {
	p, err := ParseMarkdown([]byte("\n\n{\n  \"title\": \"Road closures\",\n  \"tags\": [\"roads\"],\n  \"date\": \"2024-03-01\"\n}\n\nThe body is a post all the same.\n"))
	if err != nil || !p.Meta.Present || p.Title != "Road closures" || strings.Join(p.Meta.Tags, ",") != "roads" ||
		p.Meta.LastReviewed == nil || p.Meta.LastReviewed.String() != "2024-03-01" || len(p.Warnings) != 0 {
		t.Fatalf("%v: %+v", err, p)
	}
	p, err = ParseMarkdown([]byte("{\"title\": \"Road closures\",\n\"tags\": [\"roads\"]\n\nThe body is a post all the same.\n"))
	if err != nil || p.Meta.Present || p.Title == "Road closures" || len(p.Meta.Tags) != 0 {
		t.Errorf("an unclosed object: %v: front matter present %v, title %q, tags %q", err, p.Meta.Present, p.Title, p.Meta.Tags)
	}
}

// keptJSON is the front matter of these tests that postscore reads, as
// JSON members.
const keptJSON = `"title": "Road closures", "date": "2024-03-01", "tags": ["roads", "notices"]`

// TestJSONFrontMatterForgiving: JSON front matter that does not parse as
// a whole is read one top-level member at a time: a member that does not
// parse is lost alone, with a warning naming its key; a key given twice
// keeps its last value.
func TestJSONFrontMatterForgiving(t *testing.T) {
	cases := []struct{ name, src, warning string }{
		{"a bare word", `{"summary": Closures, ` + keptJSON + `}`, "bad_front_matter_value: summary: not valid JSON: "},
		{"a bad value in a nested object", `{"params": {"a": nope, "b": 1}, ` + keptJSON + `}`, "bad_front_matter_value: params: not valid JSON: "},
		{"an unquoted key", "{\n" + keptJSON + ",\nweight: 10\n}", "bad_front_matter_value: weight: 10: not valid JSON: "},
		{"a key given twice", `{"title": "Draft", ` + keptJSON + `}`, "duplicate_front_matter_key: title"},
		{"a trailing comma", `{` + keptJSON + `,}`, ""},
		{"a comma inside a list and a string", `{"x": [1, {"y": "a, b"}, 2,], ` + keptJSON + `}`, "bad_front_matter_value: x: not valid JSON: "},
	}
	for _, c := range cases {
		p, _ := readJSONPost(c.src)
		date := ""
		if p.Meta.LastReviewed != nil {
			date = p.Meta.LastReviewed.String()
		}
		if p.Title != "Road closures" || date != "2024-03-01" || strings.Join(p.Meta.Tags, ",") != "roads,notices" {
			t.Errorf("%s: title %q, date %q, tags %q: want the rest kept", c.name, p.Title, date, p.Meta.Tags)
		}
		if c.warning == "" && len(p.Warnings) != 0 || c.warning != "" && (len(p.Warnings) != 1 || !strings.HasPrefix(p.Warnings[0], c.warning)) {
			t.Errorf("%s: warnings %q, want one starting %q", c.name, p.Warnings, c.warning)
		}
	}
}

// TestJSONFrontMatterLost: JSON front matter none of whose members
// parses, or that is not an object, or is past a limit, is lost whole,
// with one warning saying why and what postscore reads it held, and its
// title with it.
func TestJSONFrontMatterLost(t *testing.T) {
	deep := strings.Repeat("[", 40) + strings.Repeat("]", 40)
	cases := []struct{ name, src, prefix, suffix string }{
		{"every member bad", "{\n\"title\": Road closures,\n\"tags\": [roads]\n}",
			"bad_front_matter: front matter is not valid JSON: line 2: ", "; lost: title, tags"},
		{"a list", `["title", "Road closures"]`,
			"bad_front_matter: front matter is not a mapping of keys to values (a list); lost: ", "nothing postscore reads"},
		{"too deep", "{\"title\": \"Road closures\",\n\"a\": " + deep + "}",
			"bad_front_matter: front matter left out: line 2 nests deeper than 32 levels, the limit", "; lost: title"},
		{"too large", `{"title": "Road closures", "a": "` + strings.Repeat("x", MaxFrontMatterBytes) + `"}`,
			"bad_front_matter: front matter left out: it is 65571 bytes, over the limit of 65536 bytes (64 KiB)", "; lost: title"},
	}
	for _, c := range cases {
		reached := false
		if strings.HasPrefix(c.name, "too") {
			real := parseFrontMatter
			parseFrontMatter = func(delim, src string, out any) error { reached = true; return real(delim, src, out) }
			t.Cleanup(func() { parseFrontMatter = real })
		}
		p, fm := readJSONPost(c.src)
		if len(p.Warnings) != 1 || !strings.HasPrefix(p.Warnings[0], c.prefix) || !strings.HasSuffix(p.Warnings[0], c.suffix) {
			t.Errorf("%s: warnings %q, want one starting %q and ending %q", c.name, p.Warnings, c.prefix, c.suffix)
		}
		if p.Title != "" || !fm.titleLost() || len(p.Meta.Tags) != 0 {
			t.Errorf("%s: title %q (lost %v), tags %q: want all lost", c.name, p.Title, fm.titleLost(), p.Meta.Tags)
		}
		if reached {
			t.Errorf("%s: the front matter reached the parser", c.name)
		}
	}
}

// TestJSONNestingAtTheLimit: an object is one level, as is each array or
// object in it; brackets in strings are text.
func TestJSONNestingAtTheLimit(t *testing.T) {
	nested := func(n int) string { // n levels: the object, then n-1 arrays
		return `{"a": "[[[[", "b": ` + strings.Repeat("[", n-1) + strings.Repeat("]", n-1) + `}`
	}
	if err := checkJSONNesting(nested(MaxNestingDepth), MaxNestingDepth); err != nil {
		t.Errorf("%d deep: %v", MaxNestingDepth, err)
	}
	if err := checkJSONNesting(nested(MaxNestingDepth+1), MaxNestingDepth); err == nil {
		t.Errorf("%d deep: let through", MaxNestingDepth+1)
	}
	if err := checkJSONNesting(`{"a": "\"`+strings.Repeat("{", 40)+`"}`, MaxNestingDepth); err != nil {
		t.Errorf("braces after an escaped quote in a string: %v", err)
	}
}
