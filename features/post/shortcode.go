package post

import (
	"regexp"
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

// shortcodeAttr matches a named shortcode parameter and its value, quoted
// with ", ' or ` or bare.
var shortcodeAttr = regexp.MustCompile("\\b(src|alt|caption|title)\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|`([^`]*)`|([^\\s\"'`]+))")

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
			if n := strings.Count(src[i:i+end], "\n"); n > 0 {
				lost += n
				shifts = append(shifts, lineShift{at: b.Len(), lines: lost})
			}
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
	attrs := map[string]string{}
	for _, m := range shortcodeAttr.FindAllStringSubmatch(params, -1) {
		attrs[m[1]] = m[3] + m[4] + m[5] + m[6]
	}
	alt := attrs["alt"]
	if alt == "" {
		alt = attrs["caption"]
	}
	if alt == "" {
		alt = attrs["title"]
	}
	return shortcode{image: true, src: attrs["src"], alt: alt}
}

// readPlaceholder reads the placeholder that s opens with, if it does: its
// number and length.
func readPlaceholder(s string) (n, size int, ok bool) {
	if !strings.HasPrefix(s, placeholderOpen) {
		return 0, 0, false
	}
	j := strings.Index(s[len(placeholderOpen):], placeholderClose)
	if j < 0 {
		return 0, 0, false
	}
	n, err := strconv.Atoi(s[len(placeholderOpen) : len(placeholderOpen)+j])
	if err != nil {
		return 0, 0, false
	}
	return n, len(placeholderOpen) + j + len(placeholderClose), true
}

// stripPlaceholders returns s without its placeholders (an image's alt
// text, say, where a shortcode renders to nothing a reader sees as text).
func stripPlaceholders(s string) string {
	if !strings.Contains(s, placeholderOpen) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, placeholderOpen)
		if i < 0 {
			break
		}
		_, size, ok := readPlaceholder(s[i:])
		if !ok {
			b.WriteString(s[:i+len(placeholderOpen)])
			s = s[i+len(placeholderOpen):]
			continue
		}
		b.WriteString(s[:i])
		s = s[i+size:]
	}
	b.WriteString(s)
	return b.String()
}
