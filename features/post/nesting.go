package post

import (
	"fmt"
	"strings"
)

// The TOML and YAML parsers take time and memory that grow faster than the
// input with its nesting (8,000 inline tables in a 32 KB front matter take
// 13.5 s and 2.6 GB), so front matter and model files are scanned first, in
// one linear pass, and no parser sees one that nests deeper than
// MaxNestingDepth. The scans may count more levels than a parser builds
// (a TOML table header counts each name twice, as it may be an array of
// tables; a YAML flow sequence counts twice, as it may hold single-pair
// mappings), never fewer: FuzzFrontMatter holds them to that.

// MaxNestingDepth bounds the nesting of front matter and model files: real
// ones nest five or six levels deep.
const MaxNestingDepth = 32

// NestingError says where a document first nests deeper than the limit.
type NestingError struct {
	Line  int // 1-based
	Limit int
}

func (e *NestingError) Error() string {
	return fmt.Sprintf("line %d nests deeper than %d levels, the limit (arrays, tables and indentation each count)", e.Line, e.Limit)
}

// CheckTOMLNesting returns a *NestingError if TOML src nests deeper than
// limit: the levels of its table header (twice), of its dotted key, and of
// the arrays and inline tables open around a value.
func CheckTOMLNesting(src string, limit int) error {
	s := tomlScan{src: src, line: 1, limit: limit, inKey: true}
	return s.run()
}

// tomlScan is CheckTOMLNesting's state: where it is in src, and what is
// open around it.
type tomlScan struct {
	src   string
	i     int
	line  int
	limit int
	open  []tomlOpen // the arrays and inline tables open at i, innermost last
	table int        // levels of the last [table] header
	dots  int        // dots of the key being read, and of the keys of the inline tables around it
	inKey bool       // reading a key: at a line's start, or after '{' or ',' in an inline table
}

// tomlOpen is an open array or inline table.
type tomlOpen struct {
	inline bool // an inline table, not an array
	dots   int  // tomlScan.dots where it opened
}

func (s *tomlScan) run() error {
	lineStart := true
	for ; s.i < len(s.src); s.i++ {
		c := s.src[s.i]
		switch c {
		case '\n':
			s.line++
			if len(s.open) == 0 {
				s.inKey, s.dots, lineStart = true, 0, true
			}
			continue
		case ' ', '\t', '\r':
			continue
		}
		first := lineStart
		lineStart = false
		var err error
		switch c {
		case '#':
			s.skipLine()
		case '"', '\'':
			s.skipString()
		case '[':
			if first && len(s.open) == 0 {
				err = s.header()
				break
			}
			s.inKey = false
			err = s.push(false)
		case '{':
			err = s.push(true)
			s.inKey = true
		case ']', '}':
			if n := len(s.open); n > 0 {
				s.dots, s.open = s.open[n-1].dots, s.open[:n-1]
			}
		case ',':
			if n := len(s.open); n > 0 && s.open[n-1].inline {
				s.dots, s.inKey = s.open[n-1].dots, true
			}
		case '=':
			s.inKey = false
			err = s.check()
		case '.':
			if s.inKey {
				s.dots++
				err = s.check()
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// check fails when a value at i would be over the limit: the root table,
// the header's levels, the key's dots and the open arrays and tables.
func (s *tomlScan) check() error {
	if 1+s.table+s.dots+len(s.open) > s.limit {
		return &NestingError{Line: s.line, Limit: s.limit}
	}
	return nil
}

func (s *tomlScan) push(inline bool) error {
	s.open = append(s.open, tomlOpen{inline: inline, dots: s.dots})
	return s.check()
}

// header reads a [table] or [[array.of.tables]] header at i, up to its ']'.
func (s *tomlScan) header() error {
	names := 1
	if s.i+1 < len(s.src) && s.src[s.i+1] == '[' {
		names++ // the array itself
		s.i++
	}
	for s.i++; s.i < len(s.src) && s.src[s.i] != ']' && s.src[s.i] != '\n'; s.i++ {
		switch s.src[s.i] {
		case '.':
			names++
		case '"', '\'':
			s.skipString()
		}
	}
	if s.i < len(s.src) && s.src[s.i] == '\n' {
		s.i-- // the loop counts the line
	}
	s.table, s.inKey = 2*names, false
	return s.check()
}

// skipLine moves i to the last byte before the next newline.
func (s *tomlScan) skipLine() {
	for s.i+1 < len(s.src) && s.src[s.i+1] != '\n' {
		s.i++
	}
}

// skipString moves i from a string's opening quote to its closing one. A
// one-line string ends at the newline at the latest; a multi-line one
// ("""…""" or ”'…”') may close with up to five quotes.
func (s *tomlScan) skipString() {
	q := s.src[s.i]
	triple := s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q
	if !triple {
		for s.i++; s.i < len(s.src); s.i++ {
			switch c := s.src[s.i]; {
			case c == q:
				return
			case c == '\n':
				s.i--
				return
			case c == '\\' && q == '"' && s.i+1 < len(s.src) && s.src[s.i+1] != '\n':
				s.i++
			}
		}
		return
	}
	for s.i += 3; s.i < len(s.src); s.i++ {
		switch c := s.src[s.i]; {
		case c == '\n':
			s.line++
		case c == '\\' && q == '"':
			if s.i+1 < len(s.src) && s.src[s.i+1] == '\n' {
				s.line++
			}
			s.i++
		case c == q && s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q:
			s.i += 2
			for n := 0; n < 2 && s.i+1 < len(s.src) && s.src[s.i+1] == q; n++ {
				s.i++
			}
			return
		}
	}
}

// CheckYAMLNesting returns a *NestingError if YAML src nests deeper than
// limit. It follows the tokens of go.yaml.in/yaml/v3's scanner far enough
// to tell structure from text: the block collections its indentation opens
// (one a column, as the scanner rolls and unrolls them), the flow
// collections its brackets open, and the quoted, plain and block scalars,
// whose text does not count.
func CheckYAMLNesting(src string, limit int) error {
	s := yamlScan{src: src, line: 1, limit: limit, indent: -1, nodeStart: true, keyLine: -1}
	return s.run()
}

// yamlScan is CheckYAMLNesting's state.
type yamlScan struct {
	src   string
	i     int
	line  int
	col   int // in characters, as the scanner counts
	limit int

	indents []int  // the block collections' columns, outermost first
	indent  int    // the innermost one's column; -1 at the top level
	flow    []bool // the flow collections open, innermost last: true for a sequence

	nodeStart bool // at the start of a node: a simple key may start here
	keyCol    int  // where the simple key of keyLine started
	keyLine   int
}

func (s *yamlScan) run() error {
	for s.i < len(s.src) {
		s.skipToToken()
		if s.i >= len(s.src) {
			break
		}
		if len(s.flow) == 0 {
			for s.indent > s.col { // the scanner's unroll_indent
				s.indent, s.indents = s.indents[len(s.indents)-1], s.indents[:len(s.indents)-1]
			}
		}
		if err := s.token(); err != nil {
			return err
		}
	}
	return nil
}

// token reads the token at i.
func (s *yamlScan) token() error {
	c := s.src[s.i]
	inFlow := len(s.flow) > 0
	switch {
	case s.col == 0 && (strings.HasPrefix(s.src[s.i:], "---") || strings.HasPrefix(s.src[s.i:], "...")) && s.blankz(s.i+3):
		s.advance(3)
		s.unrollAll()
		s.nodeStart = false
	case c == '%' && s.col == 0: // a directive
		s.unrollAll()
		s.skipLine()
	case c == '[' || c == '{':
		s.markKey()
		s.flow = append(s.flow, c == '[')
		s.advance(1)
		s.nodeStart = true
		return s.check()
	case c == ']' || c == '}':
		if n := len(s.flow); n > 0 {
			s.flow = s.flow[:n-1]
		}
		s.advance(1)
		s.nodeStart = false
	case c == ',':
		s.advance(1)
		s.nodeStart = true
	case c == '-' && s.blankz(s.i+1), c == '?' && (inFlow || s.blankz(s.i+1)):
		s.roll(s.col)
		s.advance(1)
		s.nodeStart = true
		return s.check()
	case c == ':' && (inFlow || s.blankz(s.i+1)):
		// After a simple key (on this line, at most 1024 characters back)
		// the mapping opens at the key; after a complex one, at the ':'.
		simple := !inFlow && s.keyLine == s.line && s.col-s.keyCol <= 1024
		if simple {
			s.roll(s.keyCol)
		} else {
			s.roll(s.col)
		}
		s.keyLine = -1
		s.advance(1)
		s.nodeStart = !simple && !inFlow
		return s.check()
	case c == '*' || c == '&':
		s.markKey()
		s.advance(1)
		for s.i < len(s.src) && isAnchorChar(s.src[s.i]) {
			s.advance(1)
		}
		s.nodeStart = false
	case c == '!':
		s.markKey()
		for s.i < len(s.src) && !s.blankz(s.i) {
			s.advance(1)
		}
		s.nodeStart = false
	case (c == '|' || c == '>') && !inFlow:
		s.blockScalar()
		s.nodeStart = true // it ends at a line's start
	case c == '\'' || c == '"':
		s.markKey()
		s.quoted(c)
		s.nodeStart = false
	default:
		s.markKey()
		s.plain()
		s.nodeStart = false
	}
	return nil
}

// check fails when the collections open at i are over the limit. A flow
// sequence counts twice: "[a: b]" holds a mapping in a sequence.
func (s *yamlScan) check() error {
	depth := len(s.indents) // each roll saved the column around it
	for _, seq := range s.flow {
		depth++
		if seq {
			depth++
		}
	}
	if depth > s.limit {
		return &NestingError{Line: s.line, Limit: s.limit}
	}
	return nil
}

// roll opens a block collection at col, as the scanner's roll_indent.
func (s *yamlScan) roll(col int) {
	if len(s.flow) == 0 && s.indent < col {
		s.indents = append(s.indents, s.indent)
		s.indent = col
	}
}

// unrollAll closes every block collection, as a document marker does.
func (s *yamlScan) unrollAll() {
	if len(s.flow) == 0 {
		s.indents, s.indent = s.indents[:0], -1
	}
}

// markKey notes where a node that may be a simple key of a block mapping
// starts (a key in a flow collection opens no block collection).
func (s *yamlScan) markKey() {
	if s.nodeStart && len(s.flow) == 0 {
		s.keyCol, s.keyLine = s.col, s.line
	}
}

// breakLen is the length of the line break at j (CR LF, LF, CR, NEL, LS,
// PS), 0 if there is none.
func (s *yamlScan) breakLen(j int) int {
	if j >= len(s.src) {
		return 0
	}
	rest := s.src[j:]
	switch {
	case strings.HasPrefix(rest, "\r\n"):
		return 2
	case rest[0] == '\r' || rest[0] == '\n':
		return 1
	case strings.HasPrefix(rest, "\u0085"):
		return 2
	case strings.HasPrefix(rest, "\u2028"), strings.HasPrefix(rest, "\u2029"):
		return 3
	}
	return 0
}

// blankz reports whether j is a blank, a line break or the end.
func (s *yamlScan) blankz(j int) bool {
	return j >= len(s.src) || s.src[j] == ' ' || s.src[j] == '\t' || s.breakLen(j) > 0
}

// advance moves i over n bytes of one line, counting characters.
func (s *yamlScan) advance(n int) {
	for end := min(s.i+n, len(s.src)); s.i < end; s.i++ {
		if s.src[s.i]&0xC0 != 0x80 {
			s.col++
		}
	}
}

// newline moves i over the line break at i, if there is one.
func (s *yamlScan) newline() bool {
	n := s.breakLen(s.i)
	if n == 0 {
		return false
	}
	s.i += n
	s.line++
	s.col = 0
	if len(s.flow) == 0 {
		s.nodeStart = true
	}
	return true
}

func (s *yamlScan) skipLine() {
	for s.i < len(s.src) && s.breakLen(s.i) == 0 {
		s.advance(1)
	}
}

// skipToToken skips blanks, line breaks and comments.
func (s *yamlScan) skipToToken() {
	for s.i < len(s.src) {
		switch {
		case s.src[s.i] == ' ' || s.src[s.i] == '\t':
			s.advance(1)
		case s.src[s.i] == '#':
			s.skipLine()
		case s.newline():
		case s.i == 0 && strings.HasPrefix(s.src, "\ufeff"):
			s.i += 3
		default:
			return
		}
	}
}

func isAnchorChar(c byte) bool {
	return '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == '-'
}

// quoted skips a quoted scalar, over lines: ” is a quote in a single-quoted
// one, and \ escapes the next character in a double-quoted one.
func (s *yamlScan) quoted(q byte) {
	s.advance(1)
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case s.newline():
		case c == '\\' && q == '"':
			s.advance(1)
			if !s.newline() {
				s.advance(1)
			}
		case c == q && q == '\'' && s.i+1 < len(s.src) && s.src[s.i+1] == '\'':
			s.advance(2)
		case c == q:
			s.advance(1)
			return
		default:
			s.advance(1)
		}
	}
}

// plain skips a plain scalar as the scanner reads one: words up to ": ", a
// comment, a flow indicator in a flow collection, or a line indented no
// more than the block collection around it.
func (s *yamlScan) plain() {
	inFlow := len(s.flow) > 0
	for s.i < len(s.src) {
		if s.col == 0 && (strings.HasPrefix(s.src[s.i:], "---") || strings.HasPrefix(s.src[s.i:], "...")) && s.blankz(s.i+3) {
			return
		}
		if s.src[s.i] == '#' {
			return
		}
		for !s.blankz(s.i) {
			c := s.src[s.i]
			if c == ':' && s.blankz(s.i+1) || inFlow && strings.IndexByte(",?[]{}", c) >= 0 {
				return
			}
			s.advance(1)
		}
		if s.i >= len(s.src) || !(s.src[s.i] == ' ' || s.src[s.i] == '\t' || s.breakLen(s.i) > 0) {
			return
		}
		// Blanks and breaks: the scalar goes on if the next word is indented
		// past the block collection around it.
		j, line, col := s.i, s.line, s.col
		broke := false
		for s.i < len(s.src) {
			if s.src[s.i] == ' ' || s.src[s.i] == '\t' {
				s.advance(1)
			} else if s.newline() {
				broke = true
			} else {
				break
			}
		}
		if broke && !inFlow && s.col < s.indent+1 {
			s.i, s.line, s.col = j, line, col // the next token starts the line
			return
		}
	}
}

// blockScalar skips a literal (|) or folded (>) scalar: its header, and the
// lines indented as deep as its first line, and deeper than the block
// collection around it (or as its indentation indicator says).
func (s *yamlScan) blockScalar() {
	s.advance(1)
	increment := 0
	for range 2 {
		if s.i >= len(s.src) {
			break
		}
		switch c := s.src[s.i]; {
		case c == '+' || c == '-':
			s.advance(1)
		case '1' <= c && c <= '9':
			increment = int(c - '0')
			s.advance(1)
		}
	}
	s.skipLine() // blanks and a comment; anything else is the parser's error
	if !s.newline() {
		return
	}
	indent := 0
	if increment > 0 {
		indent = max(s.indent, 0) + increment
		if s.indent < 0 {
			indent = increment
		}
	}
	// The leading empty lines and the first line's indentation set the indent.
	maxIndent := 0
	for s.i < len(s.src) {
		for (indent == 0 || s.col < indent) && s.i < len(s.src) && s.src[s.i] == ' ' {
			s.advance(1)
		}
		maxIndent = max(maxIndent, s.col)
		if !s.newline() {
			break
		}
	}
	if indent == 0 {
		indent = max(maxIndent, s.indent+1, 1)
	}
	for s.i < len(s.src) && s.col == indent {
		s.skipLine()
		if !s.newline() {
			return
		}
		for {
			for s.col < indent && s.i < len(s.src) && s.src[s.i] == ' ' {
				s.advance(1)
			}
			if !s.newline() {
				break
			}
		}
	}
}

// DecodedDepth is how deep a value that the YAML, TOML or JSON decoder made
// nests (maps and lists count a level each): what the scans above must
// never let past MaxNestingDepth. The fuzz targets of the front matter and
// of the model hold the scans to it.
func DecodedDepth(v any) int {
	d := 0
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			d = max(d, DecodedDepth(e))
		}
	case []any:
		for _, e := range x {
			d = max(d, DecodedDepth(e))
		}
	case []map[string]any:
		for _, e := range x {
			d = max(d, DecodedDepth(e))
		}
	default:
		return 0
	}
	return d + 1
}
