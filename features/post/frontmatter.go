package post

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// MaxFrontMatterBytes bounds a post's front matter. Real front matter is a
// few hundred bytes; a larger one, like one nested deeper than
// MaxNestingDepth, is left out of the post with a bad_front_matter warning
// that names the limit, as front matter that is not valid is: the body is
// still a post, scored without the front matter's title, tags and dates.
const MaxFrontMatterBytes = 64 << 10

// Front matter delimiters: the line before and after it.
const (
	yamlDelim = "---"
	tomlDelim = "+++"
)

// frontMatterLanguage names the language of the front matter a delimiter opens.
var frontMatterLanguage = map[string]string{yamlDelim: "YAML", tomlDelim: "TOML"}

// findFrontMatter finds front matter opening at lines[start]: its
// delimiter, its text, and the line after it; ok is false when there is
// none (no delimiter, or no closing one).
func findFrontMatter(lines []string, start int) (delim, src string, next int, ok bool) {
	if start >= len(lines) || (lines[start] != yamlDelim && lines[start] != tomlDelim) {
		return "", "", start, false
	}
	delim = lines[start]
	for end := start + 1; end < len(lines); end++ {
		if lines[end] == delim || delim == yamlDelim && lines[end] == "..." {
			return delim, joinLines(lines[start+1 : end]), end + 1, true
		}
	}
	return "", "", start, false
}

// joinLines joins lines with newlines, in one allocation.
func joinLines(lines []string) string {
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	b := make([]byte, 0, n)
	for i, l := range lines {
		if i > 0 {
			b = append(b, '\n')
		}
		b = append(b, l...)
	}
	return string(b)
}

// checkFrontMatter refuses front matter over MaxFrontMatterBytes or
// MaxNestingDepth, before any parser sees it.
func checkFrontMatter(delim, src string) error {
	if len(src) > MaxFrontMatterBytes {
		return fmt.Errorf("it is %d bytes, over the limit of %d bytes (64 KiB)", len(src), MaxFrontMatterBytes)
	}
	if delim == tomlDelim {
		return CheckTOMLNesting(src, MaxNestingDepth)
	}
	return CheckYAMLNesting(src, MaxNestingDepth)
}

// readFrontMatter decodes front matter within the limits; warning, when
// not empty, says why the front matter was left out.
func readFrontMatter(delim, src string) (fm map[string]any, warning string) {
	fm = map[string]any{}
	if err := checkFrontMatter(delim, src); err != nil {
		return fm, fmt.Sprintf("%s: front matter left out: %v", WarnBadFrontMatter, err)
	}
	err := decodeFrontMatter(delim, src, &fm)
	var over *expansionError
	if errors.As(err, &over) {
		return map[string]any{}, fmt.Sprintf("%s: front matter left out: %v", WarnBadFrontMatter, err)
	}
	if err != nil {
		return fm, fmt.Sprintf("%s: front matter is not valid %s: %s", WarnBadFrontMatter, frontMatterLanguage[delim], firstLine(err.Error()))
	}
	return fm, ""
}

// decodeFrontMatter parses front matter that checkFrontMatter let through.
// YAML is parsed into nodes first, and decoded only if its aliases expand
// it to at most maxFrontMatterNodes. A test replaces it to see what
// reaches the parsers.
var decodeFrontMatter = func(delim, src string, fm *map[string]any) error {
	if delim == tomlDelim {
		_, err := toml.Decode(src, fm)
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil || doc.Kind == 0 {
		return err // an empty document is no front matter
	}
	if !withinNodes(&doc, maxFrontMatterNodes) {
		return &expansionError{limit: maxFrontMatterNodes}
	}
	return doc.Decode(fm)
}

// maxFrontMatterNodes bounds the nodes YAML front matter decodes to, its
// aliases expanded. Real front matter has a few dozen. go.yaml.in/yaml/v3
// refuses a billion laughs by itself, but only after about 400,000 nodes
// decoded (half a second); this refuses it before decoding.
const maxFrontMatterNodes = 10000

// expansionError says that YAML aliases expand front matter past the limit.
type expansionError struct{ limit int }

func (e *expansionError) Error() string {
	return fmt.Sprintf("its aliases expand it past %d nodes, the limit", e.limit)
}

// withinNodes reports whether n has at most limit nodes with its aliases
// expanded (an alias inside its own anchor never is). Each node is counted
// once and its count kept, so the walk is linear in the nodes parsed.
func withinNodes(n *yaml.Node, limit int) bool {
	counted := map[*yaml.Node]int{}
	var count func(n *yaml.Node) int
	count = func(n *yaml.Node) int {
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		if c, ok := counted[n]; ok {
			return c
		}
		counted[n] = limit + 1 // while it is counted: an alias to it is a cycle
		c := 1
		for _, child := range n.Content {
			if c += count(child); c > limit {
				break
			}
		}
		counted[n] = min(c, limit+1)
		return counted[n]
	}
	return count(n) <= limit
}

// Review-date keys of the front matter, first found wins.
var reviewDateKeys = []string{"last_reviewed", "lastmod", "updated", "date"}

// firstLine is s up to its first newline.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// fmString reads a front-matter value as a string, trimmed; ok is false
// for a missing value or an empty string.
func fmString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x), x != ""
	case time.Time:
		return x.Format("2006-01-02"), true
	case nil:
		return "", false
	}
	return strings.TrimSpace(fmt.Sprint(v)), true
}

// fmStrings reads a front-matter value as a list of strings: a list, or
// one value.
func fmStrings(v any) []string {
	switch x := v.(type) {
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := fmString(e); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return x
	}
	if s, ok := fmString(v); ok && s != "" {
		return []string{s}
	}
	return nil
}

// frontMatterDate reads the date at the start of a front-matter value:
// 2019-05-13, 2019-05-13T10:00:00Z, 2019-05-13 10:00:00 +0000.
func frontMatterDate(v any) (Date, bool) {
	if t, ok := v.(time.Time); ok {
		return DateOf(t), true
	}
	s, ok := fmString(v)
	if !ok || len(s) < 10 {
		return 0, false
	}
	d, err := ParseDate(s[:10])
	return d, err == nil
}

// applyFrontMatter sets p's title and meta from its front matter: the
// description, tags, authors and the first review date found.
func applyFrontMatter(p *Post, fm map[string]any) {
	m := &p.Meta
	if s, ok := fmString(fm["title"]); ok {
		p.Title = s
	}
	if s, ok := fmString(fm["description"]); ok && s != "" {
		m.Summary = strp(s)
	}
	m.Tags = fmStrings(fm["tags"])
	m.Authors = fmStrings(fm["author"])
	if a := fmStrings(fm["authors"]); len(a) > 0 {
		m.Authors = a
	}
	for _, k := range reviewDateKeys {
		v, present := fm[k]
		if !present {
			continue
		}
		if d, ok := frontMatterDate(v); ok {
			m.LastReviewed = &d
			m.ReviewDateKey = k
			break
		}
		raw, _ := fmString(v)
		p.Warnings = append(p.Warnings, fmt.Sprintf("%s: %s = %q", WarnBadMetaValue, k, raw))
	}
}
