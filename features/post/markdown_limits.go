package post

import (
	"fmt"
	"strings"
	"unsafe"
)

// Markdown that no page holds but that costs a CommonMark parser time
// without bound is refused before goldmark sees it, as an error row of its
// own (ErrKindTooComplex), so that one hostile file cannot stall a batch:
//
//   - containers nested on one line: goldmark opens one block per '>' or
//     list marker, and its time grows with the square of their count (4,000
//     "- " on a line take 0.1 s, a million would take hours, and a Go stack
//     would overflow walking the tree);
//   - emphasis delimiters in one paragraph: goldmark matches '*', '_' and
//     '~' in a time that grows faster than their count squared (20,000 in
//     the order "*a_" take 2 s, 40,000 take 8 s).
//
// Real posts stay far below both: in the 764 real posts at hand
// (../shared/corpus/real/roweb3-md) no line opens more than 2, and the
// busiest paragraph holds 589 delimiters (TestRealPostsFarBelowLimits).
const (
	MaxMarkdownNesting    = 100    // block quotes and list items opening on one line
	MaxMarkdownDelimiters = 20_000 // '*', '_' and '~' in one paragraph
)

// checkMarkdownLimits refuses a Markdown body over the limits above,
// naming the file line where it goes over.
func checkMarkdownLimits(src *markdownSource) error {
	body := unsafe.String(unsafe.SliceData(src.text), len(src.text))
	c := measureComplexity(body)
	switch {
	case c.nesting > MaxMarkdownNesting:
		return &ParseError{Kind: ErrKindTooComplex, Detail: fmt.Sprintf("line %d opens %d block quotes and list items, over the limit of %d", src.lineAt(c.nestingAt), c.nesting, MaxMarkdownNesting)}
	case c.delimiters > MaxMarkdownDelimiters:
		return &ParseError{Kind: ErrKindTooComplex, Detail: fmt.Sprintf("the paragraph that ends at line %d holds %d emphasis delimiters (*, _, ~), over the limit of %d", src.lineAt(c.delimitersAt), c.delimiters, MaxMarkdownDelimiters)}
	}
	return nil
}

// complexity is what the limits hold a Markdown body to: the most
// containers opened on one line, the most delimiters in one paragraph, and
// where (the offset of the line) each is.
type complexity struct {
	nesting, nestingAt       int
	delimiters, delimitersAt int
}

// measureComplexity measures body for the limits. A paragraph is counted
// as a run of non-blank lines outside fenced code (whose text is not
// parsed for emphasis).
func measureComplexity(body string) complexity {
	var c complexity
	var fence string // the open code fence, if any
	para := 0
	for at := 0; at < len(body); {
		line, _, _ := strings.Cut(body[at:], "\n")
		lineAt := at
		at += len(line) + 1
		if fence != "" {
			if closesFence(line, fence) {
				fence = ""
			}
			continue
		}
		opened := opensFence(line)
		switch {
		case opened != "":
			fence, para = opened, 0
		case strings.TrimSpace(line) == "":
			para = 0
		default:
			if n := containerMarkers(line); n > c.nesting {
				c.nesting, c.nestingAt = n, lineAt
			}
			para += strings.Count(line, "*") + strings.Count(line, "_") + strings.Count(line, "~")
			if para > c.delimiters {
				c.delimiters, c.delimitersAt = para, lineAt
			}
		}
	}
	return c
}

// containerMarkers counts the block quote markers and list markers that
// open line: each after at most three spaces, a list marker ("-", "+",
// "*", or up to nine digits and "." or ")") followed by a space or a tab.
func containerMarkers(line string) int {
	n := 0
	for {
		i := 0
		for i < len(line) && i < 3 && line[i] == ' ' {
			i++
		}
		line = line[i:]
		if strings.HasPrefix(line, ">") {
			line = line[1:]
		} else if m := listMarker(line); m > 0 {
			line = line[m:]
		} else {
			return n
		}
		n++
		line = strings.TrimLeft(line, " \t")
	}
}

// listMarker returns the length of the list marker that s opens with,
// with the space or tab after it; 0 when it opens with none.
func listMarker(s string) int {
	i := 0
	switch {
	case s == "":
		return 0
	case s[0] == '-' || s[0] == '+' || s[0] == '*':
		i = 1
	default:
		for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i >= len(s) || (s[i] != '.' && s[i] != ')') {
			return 0
		}
		i++
	}
	if i >= len(s) || (s[i] != ' ' && s[i] != '\t') {
		return 0
	}
	return i + 1
}

// opensFence returns the fence that line opens (``` or ~~~, or longer),
// indented three spaces at most; "" when it opens none.
func opensFence(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return ""
	}
	n := len(t) - len(strings.TrimLeft(t, t[:1]))
	if n < 3 || t[0] == '`' && strings.Contains(t[n:], "`") {
		return ""
	}
	return t[:n]
}

// closesFence reports whether line closes a code block that fence opened:
// a run of the same character, at least as long, and nothing else.
func closesFence(line, fence string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return false
	}
	n := len(t) - len(strings.TrimLeft(t, fence[:1]))
	return n >= len(fence) && strings.TrimSpace(t[n:]) == ""
}
