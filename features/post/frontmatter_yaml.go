package post

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// YAML front matter is parsed into go.yaml.in/yaml/v3's nodes and decoded
// from them, so that what yaml/v3 refuses as a whole loses only the part at
// fault:
//   - a key given twice in a mapping: the earlier pair is removed from the
//     nodes before decoding, so the last value wins (yaml/v3 refuses the
//     whole mapping);
//   - a value that does not decode (a tag its text is not, "!!int x"): the
//     mapping is decoded one key at a time, and that key is lost;
//   - a syntax error ("title: Road: closures", an unclosed quote): the
//     front matter is read one top-level key at a time (yamlEntries), and
//     the key whose lines hold the error is lost.
// All of it is lost only when it is not a mapping of keys to values, or
// its aliases expand it past maxFrontMatterNodes.

// maxFrontMatterNodes bounds the nodes YAML front matter decodes to, its
// aliases expanded. Real front matter has a few dozen. go.yaml.in/yaml/v3
// refuses a billion laughs by itself, but only after about 400,000 nodes
// decoded (half a second); this refuses it before decoding.
const maxFrontMatterNodes = 10000

// yamlReader reads one YAML front matter into fm.
type yamlReader struct {
	fm     *frontMatter
	budget int                 // the nodes still allowed, its aliases expanded
	seen   map[*yaml.Node]bool // the nodes dropDuplicateKeys has been through
}

// readYAML reads YAML front matter into fm: as one document when it
// parses, else one top-level key at a time.
func readYAML(fm *frontMatter) {
	r := &yamlReader{fm: fm, budget: maxFrontMatterNodes, seen: map[*yaml.Node]bool{}}
	top, err := r.mapping(fm.src)
	var syntax *yamlSyntaxError
	switch {
	case errors.As(err, &syntax):
		r.readEntries()
	case err != nil:
		fm.loseAll(wholeReason(err))
	case top != nil:
		r.add(top)
	}
}

// mapping parses src and returns its top-level mapping, nil for an empty
// document; the nodes it holds, its aliases expanded, are taken from the
// budget.
func (r *yamlReader) mapping(src string) (*yaml.Node, error) {
	var doc yaml.Node
	if err := parseFrontMatter(yamlDelim, src, &doc); err != nil {
		return nil, &yamlSyntaxError{msg: yamlErrorText(err)}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil // an empty document is no front matter
	}
	n := countNodes(&doc, r.budget)
	if n > r.budget {
		return nil, &expansionError{limit: maxFrontMatterNodes}
	}
	r.budget -= n
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, &notMappingError{shape: nodeShape(top)}
	}
	return top, nil
}

// add decodes a top-level mapping into fm, its duplicate keys dropped: as
// a whole when it decodes, else one key at a time.
func (r *yamlReader) add(top *yaml.Node) {
	r.dropDuplicateKeys(top, "")
	var values map[string]any
	if err := top.Decode(&values); err != nil {
		values = r.decodeByKey(top)
	}
	for _, k := range slices.Sorted(maps.Keys(values)) {
		r.fm.set(k, values[k])
	}
}

// decodeByKey decodes a mapping one key at a time: a value that does not
// decode is lost with a warning. Merged keys (<<) go under the keys the
// mapping sets itself, as yaml/v3 merges them.
func (r *yamlReader) decodeByKey(top *yaml.Node) map[string]any {
	values, merged := map[string]any{}, map[string]any{}
	for i := 0; i+1 < len(top.Content); i += 2 {
		key := top.Content[i]
		pair := &yaml.Node{Kind: yaml.MappingNode, Content: top.Content[i : i+2]}
		var one map[string]any
		if err := pair.Decode(&one); err != nil {
			r.fm.loseValue(keyName(key), dropLineNumber(yamlErrorText(err)))
			continue
		}
		if isMergeKey(key) {
			merged = one
			continue
		}
		maps.Copy(values, one)
	}
	for k, v := range merged {
		if _, set := values[k]; !set {
			values[k] = v
		}
	}
	return values
}

// dropDuplicateKeys removes, from each mapping in n, the earlier pairs of
// a key given again (the same kind and text, as yaml/v3 tells keys apart),
// so that the last value wins; a warning names each such key by its path
// (params.expirydate). Each node is gone through once, aliases or not.
func (r *yamlReader) dropDuplicateKeys(n *yaml.Node, path string) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil || r.seen[n] {
		return
	}
	r.seen[n] = true
	if n.Kind == yaml.MappingNode {
		r.dropEarlierPairs(n, path)
	}
	for i, child := range n.Content {
		at := path
		if n.Kind == yaml.MappingNode && i%2 == 1 {
			at = joinPath(path, keyName(n.Content[i-1]))
		}
		r.dropDuplicateKeys(child, at)
	}
}

// dropEarlierPairs keeps, of the pairs of mapping n whose keys are the
// same, the last.
func (r *yamlReader) dropEarlierPairs(n *yaml.Node, path string) {
	type keyID struct {
		kind  yaml.Kind
		value string
	}
	last := make(map[keyID]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		last[keyID{n.Content[i].Kind, n.Content[i].Value}] = i
	}
	if len(last) == len(n.Content)/2 {
		return // no key given twice
	}
	kept := make([]*yaml.Node, 0, 2*len(last))
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i]
		if last[keyID{key.Kind, key.Value}] != i {
			r.fm.duplicate(joinPath(path, keyName(key)))
			continue
		}
		kept = append(kept, key, n.Content[i+1])
	}
	n.Content = kept
}

// readEntries reads YAML front matter that does not parse one top-level
// key at a time: each key that parses with the lines under it is read,
// each other is lost with a warning. When none is read, all of the front
// matter is lost.
func (r *yamlReader) readEntries() {
	entries := yamlEntries(r.fm.src)
	if len(entries) > maxFrontMatterParts {
		r.fm.loseAll(tooManyParts(yamlDelim, len(entries)))
		return
	}
	var firstErr error
	read := false
	for _, e := range entries {
		top, err := r.mapping(e.text)
		switch {
		case err != nil:
			firstErr = cmp.Or(firstErr, err)
			r.fm.loseValue(e.key, entryReason(err))
		case top != nil:
			r.add(top)
			read = true
		}
	}
	if !read && firstErr != nil {
		r.fm.loseAll(wholeReason(firstErr))
	}
}

// yamlEntry is a top-level key of YAML front matter and its text: its
// line and the lines under it.
type yamlEntry struct{ key, text string }

// yamlEntries splits YAML front matter at the lines that start a top-level
// key (yamlLineKey). Lines before the first key are an entry of their own.
func yamlEntries(src string) []yamlEntry {
	var entries []yamlEntry
	key, start, off := "(the lines before the first key)", 0, 0
	for line := range strings.Lines(src) {
		if k, ok := yamlLineKey(line); ok {
			if off > start {
				entries = append(entries, yamlEntry{key: key, text: src[start:off]})
			}
			key, start = shorten(k, maxKeyName), off
		}
		off += len(line)
	}
	if off > start {
		entries = append(entries, yamlEntry{key: key, text: src[start:]})
	}
	return entries
}

// yamlLineKey is the key a line of YAML front matter starts with at its
// first column ("title: x" is title's), as a line of its top-level mapping
// does; ok is false for any other line: indented, a comment, a list item,
// the rest of a flow collection, a line with no key.
func yamlLineKey(line string) (key string, ok bool) {
	line = strings.TrimRight(line, "\r\n")
	if line == "" || strings.IndexByte(" \t#-[]{},?|>!&*%@`", line[0]) >= 0 {
		return "", false
	}
	if q := line[0]; q == '"' || q == '\'' {
		end := strings.IndexByte(line[1:], q) + 1
		if end == 0 {
			return "", false
		}
		if rest := strings.TrimLeft(line[end+1:], " \t"); rest == ":" || strings.HasPrefix(rest, ": ") || strings.HasPrefix(rest, ":\t") {
			return line[1:end], true
		}
		return "", false
	}
	for i := 0; i < len(line); i++ {
		if line[i] == ':' && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t') {
			return strings.TrimSpace(line[:i]), true
		}
	}
	return "", false
}

// yamlSyntaxError is front matter go.yaml.in/yaml/v3 does not parse.
type yamlSyntaxError struct{ msg string }

func (e *yamlSyntaxError) Error() string { return e.msg }

// expansionError says that YAML aliases expand front matter past the limit.
type expansionError struct{ limit int }

func (e *expansionError) Error() string {
	return fmt.Sprintf("its aliases expand it past %d nodes, the limit", e.limit)
}

// notMappingError says that YAML front matter is one value or a list.
type notMappingError struct{ shape string }

func (e *notMappingError) Error() string {
	return fmt.Sprintf("not a mapping of keys to values (%s)", e.shape)
}

// wholeReason says why all of the front matter was lost, for the warning.
func wholeReason(err error) string {
	var syntax *yamlSyntaxError
	var over *expansionError
	switch {
	case errors.As(err, &syntax):
		return "front matter is not valid YAML: " + err.Error()
	case errors.As(err, &over):
		return "front matter left out: " + err.Error()
	}
	return "front matter is " + err.Error()
}

// entryReason says why one key of the front matter was lost.
func entryReason(err error) string {
	var syntax *yamlSyntaxError
	if errors.As(err, &syntax) {
		return "not valid YAML: " + dropLineNumber(err.Error())
	}
	return err.Error()
}

// yamlErrorText is the first of the errors err holds, without the
// library's "yaml: " prefix.
func yamlErrorText(err error) string {
	var typeErr *yaml.TypeError
	if errors.As(err, &typeErr) && len(typeErr.Errors) > 0 {
		return typeErr.Errors[0]
	}
	return strings.TrimPrefix(firstLine(err.Error()), "yaml: ")
}

// lineNumber is the "line 4: " a yaml/v3 error starts with.
var lineNumber = regexp.MustCompile(`^line \d+: `)

// dropLineNumber drops the line number from an error about one key, read
// on its own: it counts from the key's line, not the front matter's.
func dropLineNumber(msg string) string { return lineNumber.ReplaceAllString(msg, "") }

// nodeShape names the shape of a YAML node that is not a mapping.
func nodeShape(n *yaml.Node) string {
	if n.Kind == yaml.SequenceNode {
		return "a list"
	}
	return "a single value"
}

// keyName names a mapping key in a warning: its text, or its line when it
// is not a scalar.
func keyName(key *yaml.Node) string {
	if key.Kind == yaml.ScalarNode {
		return shorten(key.Value, maxKeyName)
	}
	return fmt.Sprintf("(the key at line %d)", key.Line)
}

// joinPath is the dotted path of key under path.
func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// isMergeKey reports whether key is YAML's merge key (<<), as yaml/v3
// tells it.
func isMergeKey(key *yaml.Node) bool {
	return key.Kind == yaml.ScalarNode && key.Value == "<<" && (key.Tag == "" || key.Tag == "!" || key.ShortTag() == "!!merge")
}

// countNodes counts the nodes under n with its aliases expanded (an alias
// inside its own anchor counts past any limit), up to limit+1. Each node is
// counted once and its count kept, so the walk is linear in the nodes
// parsed.
func countNodes(n *yaml.Node, limit int) int {
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
	return count(n)
}
