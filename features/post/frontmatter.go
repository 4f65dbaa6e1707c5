package post

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// MaxFrontMatterBytes bounds a post's front matter. Real front matter is a
// few hundred bytes; a larger one, like one nested deeper than
// MaxNestingDepth, is left out of the post with a bad_front_matter warning
// that names the limit and the keys lost: the body is still a post, scored
// without the front matter's title, tags and dates.
const MaxFrontMatterBytes = 64 << 10

// Front matter delimiters: the line before and after it.
const (
	yamlDelim = "---"
	tomlDelim = "+++"
)

// frontMatterLanguage names the language of the front matter a delimiter
// opens (jsonDelim: JSON's, which has no delimiter lines).
var frontMatterLanguage = map[string]string{yamlDelim: "YAML", tomlDelim: "TOML", jsonDelim: "JSON"}

// findFrontMatter finds front matter opening at lines[start]: its
// delimiter (jsonDelim for a JSON object), its text, and the line after
// it; ok is false when there is none (no delimiter, or no closing one; for
// JSON, see findJSONFrontMatter). The text of YAML and TOML front matter is
// the lines between the delimiters, that of JSON the whole object.
func findFrontMatter(lines []string, start int) (delim, src string, next int, ok bool) {
	if start < len(lines) && strings.HasPrefix(lines[start], jsonDelim) {
		if src, next, ok := findJSONFrontMatter(lines, start); ok {
			return jsonDelim, src, next, true
		}
		return "", "", start, false
	}
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
	switch delim {
	case tomlDelim:
		return CheckTOMLNesting(src, MaxNestingDepth)
	case jsonDelim:
		return checkJSONNesting(src, MaxNestingDepth)
	}
	return CheckYAMLNesting(src, MaxNestingDepth)
}

// readFrontMatter reads front matter as forgivingly as a site generator
// renders it: a key given twice keeps its last value, and a value that
// does not parse is lost alone, each with a warning naming its key. All of
// it is lost only when it breaks a limit or is not a mapping of keys to
// values; its warning then says what was lost.
func readFrontMatter(delim, src string) *frontMatter {
	fm := newFrontMatter(delim, src)
	if err := checkFrontMatter(delim, src); err != nil {
		fm.loseAll(fmt.Sprintf("front matter left out: %v", err))
		return fm
	}
	switch delim {
	case tomlDelim:
		readTOML(fm)
	case jsonDelim:
		readJSON(fm)
	default:
		readYAML(fm)
	}
	return fm
}

// frontMatter is what was read of one post's front matter: its values,
// the warnings about what was not read, and which keys were lost.
type frontMatter struct {
	delim, src string
	values     map[string]any
	warnings   []string
	unsaid     int             // warnings past maxFrontMatterWarnings, only counted
	duplicates map[string]bool // the keys warned about as duplicates
	lost       map[string]bool // the keys whose values were lost
	lostAll    bool            // none of it was read
}

func newFrontMatter(delim, src string) *frontMatter {
	return &frontMatter{delim: delim, src: src, values: map[string]any{}}
}

// maxFrontMatterParts bounds the keys of front matter that does not parse
// as a whole that are parsed one at a time, each by a parser of its own.
// Real front matter has a few dozen keys; 64 KiB of hostile front matter
// can hold 16,000, which take half a second to parse one by one. Front
// matter with more is left out.
const maxFrontMatterParts = 1000

// tooManyParts is why front matter that does not parse and has n keys,
// more than maxFrontMatterParts, is left out.
func tooManyParts(delim string, n int) string {
	return fmt.Sprintf("front matter left out: it is not valid %s, and its %d keys are more than the %d read one at a time, the limit", frontMatterLanguage[delim], n, maxFrontMatterParts)
}

// maxFrontMatterWarnings bounds the warnings one front matter gives; the
// rest are counted in one more. 64 KiB of hostile front matter can hold
// 16,000 duplicate or broken keys.
const maxFrontMatterWarnings = 16

// Hostile front matter can hold a key or a value 64 KiB long, and the
// parsers' errors quote it: a warning about front matter is cut at
// maxWarningBytes, and a key's name in it at maxKeyName.
const (
	maxWarningBytes = 400
	maxKeyName      = 80
)

// shorten cuts s at n bytes at most, on a character boundary, marking the
// cut with "…".
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func (fm *frontMatter) warn(w string) {
	if len(fm.warnings) < maxFrontMatterWarnings {
		fm.warnings = append(fm.warnings, shorten(w, maxWarningBytes))
		return
	}
	fm.unsaid++
}

// set sets a top-level key; a later value wins over an earlier one.
func (fm *frontMatter) set(key string, v any) {
	if _, seen := fm.values[key]; seen {
		fm.duplicate(key)
	}
	fm.values[key] = v
}

// duplicate warns, once, that key (a dotted path when nested) was given
// more than once.
func (fm *frontMatter) duplicate(key string) {
	if !fm.duplicates[key] {
		if fm.duplicates == nil {
			fm.duplicates = map[string]bool{}
		}
		fm.duplicates[key] = true
		fm.warn(WarnDuplicateFrontMatterKey + ": " + key)
	}
}

// markLost notes that key's value was lost.
func (fm *frontMatter) markLost(key string) {
	if fm.lost == nil {
		fm.lost = map[string]bool{}
	}
	fm.lost[key] = true
}

// loseValue warns that key's value was left out, and why.
func (fm *frontMatter) loseValue(key, why string) {
	fm.markLost(key)
	fm.warn(fmt.Sprintf("%s: %s: %s", WarnBadFrontMatterValue, key, why))
}

// loseAll leaves all of the front matter out: its one warning says why,
// and which of the keys postscore reads it held.
func (fm *frontMatter) loseAll(why string) {
	fm.values, fm.warnings, fm.unsaid, fm.lostAll = map[string]any{}, nil, 0, true
	fm.warn(fmt.Sprintf("%s: %s; lost: %s", WarnBadFrontMatter, shorten(why, maxWarningBytes/2), keysRead(fm.delim, fm.src)))
}

// allWarnings is the warnings, the ones past the bound counted in one.
func (fm *frontMatter) allWarnings() []string {
	if fm.unsaid == 0 {
		return fm.warnings
	}
	return append(fm.warnings, fmt.Sprintf("%s: %d more keys duplicated or lost, not named", WarnBadFrontMatter, fm.unsaid))
}

// titleLost reports whether the front matter's title, or all of it, was
// lost: the title is then not taken from the body (README, Formats).
func (fm *frontMatter) titleLost() bool { return fm.lostAll || fm.lost["title"] }

// The top-level keys postscore reads, named when they are lost.
var frontMatterKeysRead = append([]string{"title", "description", "tags", "author", "authors"}, reviewDateKeys...)

// keysRead lists the keys postscore reads that src sets, in the order
// they first appear: what front matter left out held.
func keysRead(delim, src string) string {
	var found []string
	if delim == jsonDelim {
		found = jsonKeysRead(src)
	} else {
		found = lineKeysRead(delim, src)
	}
	if len(found) == 0 {
		return "nothing postscore reads"
	}
	return strings.Join(found, ", ")
}

// lineKeysRead lists the keys postscore reads that YAML or TOML src sets
// at the start of a line, in the order they first appear.
func lineKeysRead(delim, src string) []string {
	var found []string
	for line := range strings.Lines(src) {
		key, ok := yamlLineKey(line)
		if delim == tomlDelim {
			if strings.HasPrefix(strings.TrimLeft(line, " \t"), "[") {
				break // the tables: postscore reads none
			}
			key, ok = tomlLineKey(line)
		}
		if ok && slices.Contains(frontMatterKeysRead, key) && !slices.Contains(found, key) {
			found = append(found, key)
		}
	}
	return found
}

// parseFrontMatter is where front matter text reaches a parser: YAML into
// a *yaml.Node, TOML into a *map[string]any, JSON into a *jsonObject. A
// test replaces it to see what reaches the parsers.
var parseFrontMatter = func(delim, src string, out any) error {
	switch delim {
	case tomlDelim:
		_, err := toml.Decode(src, out)
		return err
	case jsonDelim:
		return decodeJSON(src, out)
	}
	return yaml.Unmarshal([]byte(src), out)
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
// 2019-05-13, 2019-05-13T10:00:00Z, 2019-05-13 10:00:00 +0000. The date is
// the calendar day as written, in the value's own offset: a timestamp that
// YAML or TOML decoded keeps its day (CalendarDate), as a string does.
func frontMatterDate(v any) (Date, bool) {
	if t, ok := v.(time.Time); ok {
		return CalendarDate(t), true
	}
	s, ok := fmString(v)
	if !ok || len(s) < 10 {
		return 0, false
	}
	d, err := ParseDate(s[:10])
	return d, err == nil
}

// applyFrontMatter sets p's title and meta from its front matter: the
// description, tags, authors and the first review date found. A title or
// description that is a mapping or a list, or tags or authors that are a
// mapping, are lost with a warning, as are the items of a list of tags or
// authors that are not text: none of them is text to read.
func applyFrontMatter(p *Post, fm *frontMatter) {
	m := &p.Meta
	if s, ok := fm.text(p, "title"); ok {
		p.Title = s
	}
	if s, ok := fm.text(p, "description"); ok && s != "" {
		m.Summary = strp(s)
	}
	m.Tags = fm.texts(p, "tags")
	m.Authors = fm.texts(p, "author")
	if a := fm.texts(p, "authors"); len(a) > 0 {
		m.Authors = a
	}
	for _, k := range reviewDateKeys {
		v, present := fm.values[k]
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

// text reads key's value as text (fmString); a mapping or a list is lost,
// with a warning on p.
func (fm *frontMatter) text(p *Post, key string) (string, bool) {
	v := fm.values[key]
	if shape := notText(v); shape != "" {
		fm.markLost(key)
		p.Warnings = append(p.Warnings, fmt.Sprintf("%s: %s: %s, not text; left out", WarnBadMetaValue, key, shape))
		return "", false
	}
	return fmString(v)
}

// texts reads key's value as a list of texts (fmStrings); a mapping is
// lost, and so are the items of a list that are not text, with a warning
// on p.
func (fm *frontMatter) texts(p *Post, key string) []string {
	v := fm.values[key]
	if _, isList := v.([]any); !isList && notText(v) != "" {
		fm.markLost(key)
		p.Warnings = append(p.Warnings, fmt.Sprintf("%s: %s: %s, not text or a list of text; left out", WarnBadMetaValue, key, notText(v)))
		return nil
	}
	list, _ := v.([]any)
	kept := make([]any, 0, len(list))
	for _, item := range list {
		if notText(item) == "" {
			kept = append(kept, item)
		}
	}
	if n := len(list) - len(kept); n > 0 {
		p.Warnings = append(p.Warnings, fmt.Sprintf("%s: %s: %d of its %d items are mappings or lists, not text; left out", WarnBadMetaValue, key, n, len(list)))
		v = kept
	}
	return fmStrings(v)
}

// notText names the shape of a front-matter value that is not text ("a
// mapping", "a list"), or is "" for one that is.
func notText(v any) string {
	switch v.(type) {
	case map[string]any, map[any]any:
		return "a mapping"
	case []any:
		return "a list"
	case []map[string]any:
		return "a list of tables"
	}
	return ""
}
