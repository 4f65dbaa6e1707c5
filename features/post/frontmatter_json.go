package post

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// JSON front matter, as Hugo reads it: a JSON object at the top of the
// file, from its first line's opening brace to the brace that matches it
// (braces inside strings do not count). Where it differs from Hugo:
//   - the closing brace must end its line, as a YAML or TOML closing
//     delimiter does. Hugo starts the body right after the brace; a line
//     index cannot say where in a line the body starts, so an object whose
//     closing line goes on is not front matter, and all of it stays body
//     text rather than any of it being dropped;
//   - the opening brace must be followed by a key's quote or the closing
//     brace, so that a file opening with a shortcode ({{< figure >}}) or a
//     template tag ({% raw %}) is body text (Hugo fails on such a file).
// Its values are decoded by encoding/json, numbers as written
// (json.Number). Read as forgivingly as YAML and TOML: a top-level key
// given twice keeps its last value, with a warning; JSON that does not
// parse as a whole is read one top-level member at a time (jsonMembers),
// and a member that does not parse is lost alone.

// jsonDelim stands for JSON front matter where a delimiter names the
// language: JSON's front matter opens with it and has no delimiter lines.
const jsonDelim = "{"

// findJSONFrontMatter finds a JSON object opening at lines[start] and
// closing at the end of a line: its text, and the line after it.
func findJSONFrontMatter(lines []string, start int) (src string, next int, ok bool) {
	if !opensJSONObject(lines, start) {
		return "", start, false
	}
	var s jsonBraces
	for end := start; end < len(lines); end++ {
		closed := s.scan(lines[end])
		if closed < 0 {
			continue
		}
		if closed < len(lines[end]) {
			return "", start, false // text after the closing brace: see above
		}
		return joinLines(lines[start : end+1]), end + 1, true
	}
	return "", start, false // never closed
}

// opensJSONObject reports whether lines[start] opens a JSON object: a
// brace in its first column, then, past white space and blank lines, a
// key's quote or the closing brace.
func opensJSONObject(lines []string, start int) bool {
	if start >= len(lines) || !strings.HasPrefix(lines[start], "{") {
		return false
	}
	rest := strings.TrimLeft(lines[start][1:], " \t")
	for i := start + 1; rest == "" && i < len(lines); i++ {
		rest = strings.TrimLeft(lines[i], " \t")
	}
	return rest != "" && (rest[0] == '"' || rest[0] == '}')
}

// jsonBraces follows the braces of JSON text fed to it line by line,
// outside its strings.
type jsonBraces struct {
	depth    int
	inString bool
}

// scan reads one line; it returns the offset just past the brace that
// closes the outermost object, or -1 while it is still open. A backslash
// in a string escapes the next byte; one at the end of a line escapes the
// line break. The bytes of a multi-byte character are never ASCII, so the
// text is read byte by byte.
func (s *jsonBraces) scan(line string) int {
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case s.inString && c == '\\':
			i++
		case s.inString:
			s.inString = c != '"'
		case c == '"':
			s.inString = true
		case c == '{':
			s.depth++
		case c == '}':
			s.depth--
			if s.depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// jsonMember is one member of a JSON object: its key and its value, or,
// as jsonMembers splits unparsed text, its key and its text.
type jsonMember struct {
	key   string
	value any
	text  string
}

// jsonObject is the members of a JSON object in order, a key given twice
// kept twice: encoding/json into a map would keep the last silently.
type jsonObject []jsonMember

// UnmarshalJSON reads an object whose text encoding/json has checked:
// each member's value decoded on its own, numbers as written.
func (o *jsonObject) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("reading the object's start: %w", err)
	}
	if tok != json.Delim('{') {
		shape := "a single value"
		if tok == json.Delim('[') {
			shape = "a list"
		}
		return &notMappingError{shape: shape}
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("reading a key: %w", err)
		}
		key, _ := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("reading %s: %w", shorten(key, maxKeyName), err)
		}
		*o = append(*o, jsonMember{key: key, value: v})
	}
	return nil
}

// decodeJSON decodes JSON front matter src into out; text after its one
// value is an error.
func decodeJSON(src string, out any) error {
	if err := json.Unmarshal([]byte(src), out); err != nil {
		return fmt.Errorf("decoding JSON front matter: %w", err)
	}
	return nil
}

// readJSON reads JSON front matter into fm: as a whole when it parses,
// else one top-level member at a time.
func readJSON(fm *frontMatter) {
	var obj jsonObject
	err := parseFrontMatter(jsonDelim, fm.src, &obj)
	var notMap *notMappingError
	switch {
	case err == nil:
		fm.setMembers(obj)
		return
	case errors.As(err, &notMap):
		fm.loseAll("front matter is " + notMap.Error())
		return
	}
	members := jsonMembers(fm.src)
	if len(members) > maxFrontMatterParts {
		fm.loseAll(tooManyParts(jsonDelim, len(members)))
		return
	}
	read := false
	for _, m := range members {
		var one jsonObject
		if perr := parseFrontMatter(jsonDelim, "{"+m.text+"}", &one); perr != nil {
			fm.loseValue(m.key, "not valid JSON: "+jsonErrorText(perr, ""))
			continue
		}
		fm.setMembers(one)
		read = true
	}
	if !read {
		fm.loseAll("front matter is not valid JSON: " + jsonErrorText(err, fm.src))
	}
}

// setMembers sets the members of a JSON object in order: a key given
// again keeps its last value, with a warning.
func (fm *frontMatter) setMembers(obj jsonObject) {
	for _, m := range obj {
		fm.set(m.key, m.value)
	}
}

// jsonErrorText is what a JSON error says; with the line of src it is at,
// when src is given and the error knows its offset.
func jsonErrorText(err error, src string) string {
	var syntax *json.SyntaxError
	if !errors.As(err, &syntax) {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return typeErr.Error()
		}
		return err.Error()
	}
	if src == "" || syntax.Offset > int64(len(src)) {
		return syntax.Error()
	}
	line := 1 + strings.Count(src[:syntax.Offset], "\n")
	return fmt.Sprintf("line %d: %s", line, syntax.Error())
}

// jsonMembers splits the text of a JSON object that does not parse into
// its top-level members, at the commas outside strings, arrays and nested
// objects, up to the brace that closes it; each member is named by its
// key. Empty members (two commas in a row, a trailing comma) are none.
func jsonMembers(src string) []jsonMember {
	open := strings.IndexByte(src, '{')
	if open < 0 || strings.TrimSpace(src[:open]) != "" {
		return nil
	}
	var members []jsonMember
	add := func(text string) {
		if strings.TrimSpace(text) != "" {
			members = append(members, jsonMember{key: jsonMemberKey(text), text: text})
		}
	}
	depth, inString, start := 0, false, open+1
	for i := start; i < len(src); i++ {
		c := src[i]
		switch {
		case inString && c == '\\':
			i++
		case inString:
			inString = c != '"'
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case (c == '}' || c == ']') && depth > 0:
			depth--
		case c == '}':
			add(src[start:i])
			return members
		case c == ',' && depth == 0:
			add(src[start:i])
			start = i + 1
		}
	}
	add(src[start:])
	return members
}

// jsonMemberKey names a member of a JSON object by its key: the string
// before its colon, unquoted; else the start of its text.
func jsonMemberKey(text string) string {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, `"`) {
		end := 1
		for end < len(text) && text[end] != '"' {
			if text[end] == '\\' {
				end++
			}
			end++
		}
		var key string
		if end < len(text) && json.Unmarshal([]byte(text[:end+1]), &key) == nil {
			return shorten(key, maxKeyName)
		}
	}
	return shorten(firstLine(text), maxKeyName)
}

// jsonKeysRead lists the keys postscore reads that the top-level members
// of JSON front matter set, in the order they first appear.
func jsonKeysRead(src string) []string {
	var found []string
	for _, m := range jsonMembers(src) {
		if slices.Contains(frontMatterKeysRead, m.key) && !slices.Contains(found, m.key) {
			found = append(found, m.key)
		}
	}
	return found
}

// checkJSONNesting returns a *NestingError if JSON src nests deeper than
// limit: the objects and arrays open around a value, its strings not
// counted.
func checkJSONNesting(src string, limit int) error {
	depth, inString, line := 0, false, 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line++
		case inString && c == '\\':
			if i+1 < len(src) && src[i+1] == '\n' {
				line++
			}
			i++
		case inString:
			inString = c != '"'
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			if depth++; depth > limit {
				return &NestingError{Line: line, Limit: limit}
			}
		case c == '}' || c == ']':
			depth = max(depth-1, 0)
		}
	}
	return nil
}
