package post

import (
	"strconv"
	"strings"
)

// Hugo shortcodes (MARKDOWN.md section 1): {{< name ... >}} and
// {{% name ... %}}, opening or closing, possibly over several lines. As
// Hugo does, each is replaced before the Markdown is parsed by a
// placeholder of one line, so that it never splits or joins a paragraph,
// and the page reader (page.go) turns the placeholder into what the
// shortcode renders to: an image for one whose name holds figure, img or
// image, nothing for any other. An escaped shortcode {{</* ... */>}} is
// the literal text {{< ... >}}.
//
// A placeholder is U+E000, the shortcode's number in decimal, U+E001:
// private-use characters, which no post means as text, and which Markdown
// reads as letters (they neither end a word nor open any syntax).

const (
	placeholderOpen  = "\uE000"
	placeholderClose = "\uE001"
)

// shortcode is one shortcode of a post.
type shortcode struct {
	image    bool   // it renders to an image
	src, alt string // an image's source and alt text (alt, else caption, else title)
}

// lineShift records that the source lost lines at a byte offset: a
// shortcode over several lines became a placeholder of one.
type lineShift struct {
	at    int // offset in the replaced text, just after the placeholder
	lines int // lines lost there and before
}

// replaceShortcodes returns src with its shortcodes replaced by
// placeholders, the shortcodes by number, and where lines were lost. src
// is returned as it is when it holds none.
func replaceShortcodes(src string) (out string, codes []shortcode, shifts []lineShift) {
	if !strings.Contains(src, "{{") {
		return src, nil, nil
	}
	var b strings.Builder
	b.Grow(len(src))
	lost := 0
	unclosed := map[string]bool{} // closers not found: none later will be either
	for {
		i := strings.Index(src, "{{")
		if i < 0 {
			break
		}
		end, literal, code, ok := 0, "", shortcode{}, false
		if i+2 < len(src) && (src[i+2] == '<' || src[i+2] == '%') {
			end, literal, code, ok = readShortcode(src[i:], unclosed)
		}
		if !ok {
			b.WriteString(src[:i+2])
			src = src[i+2:]
			continue
		}
		b.WriteString(src[:i])
		if literal != "" {
			b.WriteString(literal)
		} else {
			b.WriteString(placeholderOpen)
			b.WriteString(strconv.Itoa(len(codes)))
			b.WriteString(placeholderClose)
			codes = append(codes, code)
		}
		if n := strings.Count(src[i:i+end], "\n") - strings.Count(literal, "\n"); n > 0 {
			lost += n
			shifts = append(shifts, lineShift{at: b.Len(), lines: lost})
		}
		src = src[i+end:]
	}
	b.WriteString(src)
	return b.String(), codes, shifts
}

// readShortcode reads the shortcode that s opens with: its length, and
// either the literal text of an escaped one or the shortcode; ok is false
// when it is not closed. unclosed holds the closers already looked for in
// vain (the rest of the text holds none: looking again would make the
// reading quadratic), and gains those looked for in vain now.
func readShortcode(s string, unclosed map[string]bool) (end int, literal string, code shortcode, ok bool) {
	closer := ">}}"
	if s[2] == '%' {
		closer = "%}}"
	}
	find := func(closer string, from int) int {
		if unclosed[closer] {
			return -1
		}
		j := strings.Index(s[from:], closer)
		if j < 0 {
			unclosed[closer] = true
			return -1
		}
		return from + j
	}
	inner := strings.TrimLeft(s[3:], " \t\n")
	if strings.HasPrefix(inner, "/*") {
		// {{</* name */>}} is the text {{< name >}}.
		bodyAt := len(s) - len(inner) + len("/*")
		j := find("*/"+closer, bodyAt)
		if j < 0 {
			return 0, "", shortcode{}, false
		}
		return j + len("*/"+closer), s[:3] + s[bodyAt:j] + closer, shortcode{}, true
	}
	j := find(closer, 3)
	if j < 0 {
		return 0, "", shortcode{}, false
	}
	return j + len(closer), "", parseShortcode(s[3:j]), true
}

// parseShortcode reads a shortcode's name and parameters: an opening one
// whose name holds figure, img or image is an image.
func parseShortcode(params string) shortcode {
	fields := strings.Fields(params)
	if len(fields) == 0 || strings.HasPrefix(fields[0], "/") {
		return shortcode{}
	}
	name := strings.ToLower(fields[0])
	if !strings.Contains(name, "figure") && !strings.Contains(name, "img") && !strings.Contains(name, "image") {
		return shortcode{}
	}
	attrs := shortcodeParams(params)
	alt := attrs["alt"]
	if alt == "" {
		alt = attrs["caption"]
	}
	if alt == "" {
		alt = attrs["title"]
	}
	return shortcode{image: true, src: attrs["src"], alt: alt}
}

// shortcodeParams reads a shortcode's named parameters (name="value",
// name='value', name=`value` or name=value), in order, a quoted value
// whole: a '=' inside one ("?title=x" in a link) names nothing.
func shortcodeParams(params string) map[string]string {
	out := map[string]string{}
	for s := params; ; {
		s = strings.TrimLeft(s, " \t\n")
		if s == "" {
			return out
		}
		if q := s[0]; q == '"' || q == '\'' || q == '`' {
			s = skipQuoted(s)
			continue
		}
		key := s[:strings.IndexFunc(s+" ", func(c rune) bool { return c == '=' || c == ' ' || c == '\t' || c == '\n' })]
		s = strings.TrimLeft(s[len(key):], " \t\n")
		if key == "" || !strings.HasPrefix(s, "=") {
			s = strings.TrimPrefix(s, "=")
			continue
		}
		s = strings.TrimLeft(s[1:], " \t\n")
		var value string
		value, s = readParamValue(s)
		out[strings.ToLower(key)] = value
	}
}

// readParamValue reads the value that s opens with, quoted or bare, and
// returns what follows it.
func readParamValue(s string) (value, rest string) {
	if s == "" {
		return "", ""
	}
	if q := s[0]; q == '"' || q == '\'' || q == '`' {
		end := strings.IndexByte(s[1:], q)
		if end < 0 {
			return s[1:], ""
		}
		return s[1 : 1+end], s[2+end:]
	}
	end := strings.IndexAny(s, " \t\n")
	if end < 0 {
		return s, ""
	}
	return s[:end], s[end:]
}

// skipQuoted returns what follows the quoted value s opens with.
func skipQuoted(s string) string {
	_, rest := readParamValue(s)
	return rest
}

// readPlaceholder reads the placeholder that s opens with, if it does and
// names one of count shortcodes: its number and length. Anything else,
// private-use characters a post holds itself, is text.
func readPlaceholder(s string, count int) (n, size int, ok bool) {
	if !strings.HasPrefix(s, placeholderOpen) {
		return 0, 0, false
	}
	digits := s[len(placeholderOpen):]
	j := 0
	for j < len(digits) && j < 9 && digits[j] >= '0' && digits[j] <= '9' {
		n = n*10 + int(digits[j]-'0')
		j++
	}
	if j == 0 || n >= count || !strings.HasPrefix(digits[j:], placeholderClose) {
		return 0, 0, false
	}
	return n, len(placeholderOpen) + j + len(placeholderClose), true
}

// eachPlaceholder splits s at the placeholders of count shortcodes: text
// gets the text between them, code each one's number, in order.
func eachPlaceholder(s string, count int, text func(string), code func(int)) {
	for count > 0 {
		i := strings.Index(s, placeholderOpen)
		if i < 0 {
			break
		}
		n, size, ok := readPlaceholder(s[i:], count)
		if !ok {
			text(s[:i+len(placeholderOpen)])
			s = s[i+len(placeholderOpen):]
			continue
		}
		text(s[:i])
		code(n)
		s = s[i+size:]
	}
	text(s)
}

// stripPlaceholders returns s without the placeholders of count
// shortcodes (an image's alt text, where a shortcode shows nothing).
func stripPlaceholders(s string, count int) string {
	if count == 0 || !strings.Contains(s, placeholderOpen) {
		return s
	}
	var b strings.Builder
	eachPlaceholder(s, count, func(t string) { b.WriteString(t) }, func(int) {})
	return b.String()
}
