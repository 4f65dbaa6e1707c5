package post

import (
	"cmp"
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// TOML front matter that github.com/BurntSushi/toml refuses (a key given
// twice, a value that does not parse) is read again one key at a time:
// each key with its value, under its [table] header, is parsed on its own
// and merged in order, so that a key given twice keeps its last value (with
// a duplicate_front_matter_key warning) and a value that does not parse is
// lost alone (bad_front_matter_value). An [[array of tables]] is parsed one
// table at a time: within one of its tables, a duplicate or a bad value
// loses that table. All of the front matter is lost only when no key of it
// parses.

// readTOML reads TOML front matter into fm: as a whole when it parses,
// else one key at a time.
func readTOML(fm *frontMatter) {
	var values map[string]any
	err := parseFrontMatter(tomlDelim, fm.src, &values)
	if err == nil {
		maps.Copy(fm.values, values)
		return
	}
	sections := tomlSections(fm.src)
	if n := countParses(sections); n > maxFrontMatterParts {
		fm.loseAll(tooManyParts(tomlDelim, n))
		return
	}
	read := false
	for _, sec := range sections {
		for _, part := range sec.parts(fm) {
			var one map[string]any
			if perr := parseFrontMatter(tomlDelim, part.text, &one); perr != nil {
				fm.loseValue(part.key, tomlErrorText(perr, false))
				continue
			}
			for i := len(sec.table) - 1; i >= 0; i-- {
				one = map[string]any{sec.table[i]: one}
			}
			mergeTOML(fm, fm.values, one, "")
			read = true
		}
	}
	if !read {
		fm.loseAll("front matter is not valid TOML: " + tomlErrorText(err, true))
	}
}

// countParses is how many parses reading sections one key at a time
// takes: one for each table header and for each key under it; one for
// each table of an array of tables.
func countParses(sections []tomlSection) int {
	n := 0
	for _, sec := range sections {
		switch {
		case sec.header == "":
			n += len(sec.entries)
		case sec.isArray():
			n++
		default:
			n += 1 + len(sec.entries)
		}
	}
	return n
}

// tomlErrorText is what a TOML error says: with its line when it is about
// the whole front matter, without it when about one key parsed on its own.
func tomlErrorText(err error, withLine bool) string {
	var pe toml.ParseError
	if !withLine && errors.As(err, &pe) {
		return pe.Message
	}
	return strings.TrimPrefix(firstLine(err.Error()), "toml: ")
}

// mergeTOML adds the values of one key, parsed on its own, to dst: tables
// merge, an array of tables grows, a table under an array of tables goes
// into its last table, and a key set again keeps its last value, with a
// warning naming it by its path.
func mergeTOML(fm *frontMatter, dst, src map[string]any, path string) {
	for _, k := range slices.Sorted(maps.Keys(src)) {
		v, at := src[k], joinPath(path, k)
		old, seen := dst[k]
		switch o := old.(type) {
		case map[string]any:
			if table, ok := v.(map[string]any); ok {
				mergeTOML(fm, o, table, at)
				continue
			}
		case []map[string]any:
			switch x := v.(type) {
			case []map[string]any:
				dst[k] = append(o, x...)
				continue
			case map[string]any:
				if len(o) > 0 {
					mergeTOML(fm, o[len(o)-1], x, at)
					continue
				}
			}
		}
		if seen {
			fm.duplicate(at)
		}
		dst[k] = v
	}
}

// tomlSection is the root table of TOML front matter, or a [table] or an
// [[array of tables]] with the lines under it, split into its entries.
type tomlSection struct {
	header  string // "[params]"; "" for the root table
	entries []tomlEntry
	table   []string // the path of the table the entries go into, once parts has read it from the header
}

// tomlEntry is one key and its value, which may run over lines.
type tomlEntry struct{ key, text string }

func (sec *tomlSection) isArray() bool { return strings.HasPrefix(sec.header, "[[") }

// parts are what of the section is parsed on its own: each entry, which
// then goes into the table that the header names; or, for an array of
// tables, the whole table. A header that does not parse loses its table.
func (sec *tomlSection) parts(fm *frontMatter) []tomlEntry {
	if sec.header == "" {
		return sec.entries
	}
	name := shorten(strings.Trim(strings.TrimSpace(strings.SplitN(sec.header, "]", 2)[0]), "[ \t"), maxKeyName)
	if sec.isArray() {
		var b strings.Builder
		b.WriteString(sec.header + "\n")
		for _, e := range sec.entries {
			b.WriteString(e.text)
		}
		return []tomlEntry{{key: name, text: b.String()}}
	}
	var header map[string]any
	if err := parseFrontMatter(tomlDelim, sec.header, &header); err != nil {
		fm.loseValue(name, tomlErrorText(err, false))
		return nil
	}
	for len(header) == 1 {
		k := slices.Collect(maps.Keys(header))[0]
		sec.table = append(sec.table, k)
		header, _ = header[k].(map[string]any)
	}
	parts := []tomlEntry{{key: name, text: ""}} // the table itself, empty or not
	for _, e := range sec.entries {
		parts = append(parts, tomlEntry{key: joinPath(name, e.key), text: e.text})
	}
	return parts
}

// tomlSections splits TOML front matter into its sections, each into its
// entries: an entry starts at a line that starts a key outside any string,
// array or inline table, or at a line that starts a key (tomlLineKey)
// inside an array left open; a section at a line that opens with '['
// outside them.
func tomlSections(src string) []tomlSection {
	s := tomlScan{src: src}
	sections := []tomlSection{{}}
	depth, entryStart, lineStart, atLineStart := 0, -1, 0, true
	endEntry := func(end int) {
		if entryStart >= 0 {
			text := src[entryStart:end]
			key, _ := tomlLineKey(firstLine(text))
			sec := &sections[len(sections)-1]
			sec.entries = append(sec.entries, tomlEntry{key: shorten(cmp.Or(key, firstLine(strings.TrimSpace(text))), maxKeyName), text: text})
		}
		entryStart = -1
	}
	for ; s.i < len(src); s.i++ {
		c := src[s.i]
		switch c {
		case '\n':
			atLineStart, lineStart = true, s.i+1
			continue
		case ' ', '\t', '\r':
			continue
		}
		if atLineStart && c != '#' && (depth == 0 || startsKey(src[lineStart:])) {
			endEntry(lineStart)
			depth = 0
			if c == '[' {
				s.skipLine()
				sections = append(sections, tomlSection{header: strings.TrimSpace(src[lineStart : s.i+1])})
				atLineStart = false
				continue
			}
			entryStart = lineStart
		}
		atLineStart = false
		switch c {
		case '#':
			s.skipLine()
		case '"', '\'':
			s.skipString()
		case '[', '{':
			depth++
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	endEntry(len(src))
	return sections
}

// startsKey reports whether the line at the start of rest starts a key.
func startsKey(rest string) bool {
	line, _, _ := strings.Cut(rest, "\n")
	_, ok := tomlLineKey(line)
	return ok
}

// tomlLineKey is the key a line of TOML front matter starts with ("title =
// 'x'" is title's; a dotted key as written): bare and quoted names joined
// by dots, then '='. ok is false for any other line.
func tomlLineKey(line string) (key string, ok bool) {
	t := strings.TrimLeft(line, " \t")
	i := 0
	for {
		for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
			i++
		}
		start := i
		switch {
		case i < len(t) && (t[i] == '"' || t[i] == '\''):
			end := strings.IndexByte(t[i+1:], t[i])
			if end < 0 {
				return "", false
			}
			i += end + 2
		default:
			for i < len(t) && isBareKeyChar(t[i]) {
				i++
			}
		}
		if i == start {
			return "", false
		}
		for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
			i++
		}
		switch {
		case i < len(t) && t[i] == '.':
			i++
		case i < len(t) && t[i] == '=':
			return strings.Trim(strings.TrimSpace(t[:i]), `"'`), true
		default:
			return "", false
		}
	}
}

func isBareKeyChar(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}
