package post

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/alphanode/postscore/features/text"
)

// Markdown posts (README "Formats"): YAML (---) or TOML (+++) front matter,
// blank lines before it tolerated; ATX and setext headings; paragraphs;
// lists; images as ![alt](src), <img> and Hugo figure/img shortcodes; fenced
// code blocks and tables counted but kept out of the text; links reduced to
// their text.

var (
	mdImage     = regexp.MustCompile(`!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)`)
	mdLink      = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdRefLink   = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdLinkDef   = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*\S+`)
	htmlImg     = regexp.MustCompile(`(?i)<img\b[^>]*>`)
	htmlAttr    = regexp.MustCompile(`(?i)\b(src|alt)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))`)
	shortcode   = regexp.MustCompile(`\{\{[<%]\s*/?\s*([A-Za-z0-9_-]+)([^}]*?)[>%]\}\}`)
	scAttr      = regexp.MustCompile(`\b(src|alt|caption|title)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"']+))`)
	htmlTag     = regexp.MustCompile(`</?[A-Za-z][^>]*>`)
	atxHeading  = regexp.MustCompile(`^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$`)
	listItem    = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$`)
	thematic    = regexp.MustCompile(`^\s{0,3}([-*_])(\s*([-*_]))+\s*$`)
	setextUnder = regexp.MustCompile(`^\s{0,3}(=+|-+)\s*$`)
	tableDelim  = regexp.MustCompile(`^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$`)
	inlineCode  = regexp.MustCompile("`+([^`]*)`+")
)

// ParseMarkdown reads a Markdown post with front matter.
func ParseMarkdown(data []byte) (*Post, error) {
	decoded, invalid, err := Decode(data)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(decoded, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	p := &Post{Format: FormatMarkdown}
	if invalid {
		p.Warnings = append(p.Warnings, WarnInvalidUTF8)
	}
	start := 0
	for start < len(lines) && lines[start] == "" {
		start++
	}
	fm := newFrontMatter("", "")
	delim, src, next, hasFM := findFrontMatter(lines, start)
	if hasFM {
		fm = readFrontMatter(delim, src)
		p.Warnings = append(p.Warnings, fm.allWarnings()...)
		start = next
	}
	p.Meta.Present = hasFM
	applyFrontMatter(p, fm)
	mdBody(p, lines, start)
	if len(p.Blocks) == 0 && p.CodeBlocks == 0 && p.Tables == 0 {
		switch {
		case fm.values["headless"] == true:
			return nil, &ParseError{Kind: ErrKindEmpty, Detail: "front matter only, no body (a Hugo headless bundle: headless: true)"}
		case hasFM:
			return nil, &ParseError{Kind: ErrKindEmpty, Detail: "front matter only, no body"}
		}
		return nil, &ParseError{Kind: ErrKindEmpty, Detail: "no text"}
	}
	// A post whose front matter has no title takes one from its body; one
	// whose title was lost with its front matter keeps none, as body text
	// in the title would read as a title that is not there.
	if p.Title == "" && !fm.titleLost() {
		for _, b := range p.Blocks {
			if b.Kind == Heading || b.Kind == Paragraph {
				p.Title = text.Preview(b.Text, 12)
				break
			}
		}
	}
	return p, nil
}

// mdImageBlock makes an image block from an alt text and a source.
func mdImageBlock(alt, src string, line int) Block {
	host := "local"
	if u, err := url.Parse(strings.TrimSpace(src)); err == nil && u.Host != "" {
		host = u.Host
	}
	return Block{Kind: Image, Text: strings.TrimSpace(alt), Image: &ImageInfo{Caption: strings.TrimSpace(alt), Source: host}, Line: int32(line)}
}

// attrs reads the attributes that re matches in s (name, then the value
// in one of three groups), by lower-cased name.
func attrs(re *regexp.Regexp, s string) map[string]string {
	out := map[string]string{}
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		v := m[3] + m[4] + m[5]
		out[strings.ToLower(m[1])] = v
	}
	return out
}

// extractImages removes the images of a line into blocks and returns the rest.
func extractImages(l string, lineNo int, out *[]Block) string {
	if strings.Contains(l, "![") {
		l = mdImage.ReplaceAllStringFunc(l, func(m string) string {
			sm := mdImage.FindStringSubmatch(m)
			*out = append(*out, mdImageBlock(sm[1], sm[2], lineNo))
			return " "
		})
	}
	if strings.Contains(l, "<") {
		l = htmlImg.ReplaceAllStringFunc(l, func(m string) string {
			a := attrs(htmlAttr, m)
			*out = append(*out, mdImageBlock(a["alt"], a["src"], lineNo))
			return " "
		})
	}
	if strings.Contains(l, "{{") {
		l = shortcode.ReplaceAllStringFunc(l, func(m string) string {
			sm := shortcode.FindStringSubmatch(m)
			name := strings.ToLower(sm[1])
			// figure, img, and site-specific variants (imgtxt, figureforgallery, ...).
			isImage := strings.Contains(name, "figure") || strings.Contains(name, "img") || strings.Contains(name, "image")
			if isImage && !strings.HasPrefix(strings.TrimSpace(m[3:]), "/") {
				a := attrs(scAttr, sm[2])
				alt := a["alt"]
				if alt == "" {
					alt = a["caption"]
				}
				*out = append(*out, mdImageBlock(alt, a["src"], lineNo))
			}
			return " "
		})
	}
	return l
}

// inlineText reduces Markdown inline markup to the text a reader sees.
func inlineText(s string, links *int) string {
	if strings.Contains(s, "`") {
		s = inlineCode.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "](") {
		*links += len(mdLink.FindAllStringIndex(s, -1))
		s = mdLink.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "][") {
		*links += len(mdRefLink.FindAllStringIndex(s, -1))
		s = mdRefLink.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "<") {
		s = htmlTag.ReplaceAllString(s, " ")
	}
	return strings.Join(strings.Fields(s), " ")
}

// fenceOf returns the fence that l opens or closes (``` or ~~~, and as
// many more as it has), indented three spaces at most.
func fenceOf(l string) (string, bool) {
	t := strings.TrimLeft(l, " ")
	if len(l)-len(t) > 3 {
		return "", false
	}
	for _, c := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, c) {
			n := len(t) - len(strings.TrimLeft(t, c[:1]))
			return strings.Repeat(c[:1], n), true
		}
	}
	return "", false
}

// mdBody reads the body lines, from line start on, into p's blocks.
func mdBody(p *Post, lines []string, start int) {
	r := markdownReader{p: p, lines: lines}
	for i := start; i < len(lines); i++ {
		i = r.read(i)
	}
	r.flushParagraph()
}

// markdownReader is mdBody's state between lines.
type markdownReader struct {
	p         *Post
	lines     []string
	para      paragraph // the paragraph being read
	inComment bool      // inside an HTML comment that began on an earlier line
}

// read reads line i and returns the last line it took: a fenced code
// block, a table or a list item with its continuation lines runs on.
func (r *markdownReader) read(i int) (last int) {
	l, ok := r.uncommented(r.lines[i])
	if !ok {
		return i
	}
	if fence, ok := fenceOf(l); ok {
		r.flushParagraph()
		r.p.CodeBlocks++
		return r.skipFenced(i, fence)
	}
	trimmed := strings.TrimSpace(l)
	switch {
	case trimmed == "":
		r.flushParagraph()
		return i
	case isTableStart(trimmed, r.lines, i):
		r.flushParagraph()
		r.p.Tables++
		return r.skipTable(i)
	case mdLinkDef.MatchString(l):
		return i
	case len(r.para.lines) > 0 && setextUnder.MatchString(l):
		// The paragraph so far is a setext heading.
		joined, first, _ := r.para.take()
		r.addText(Heading, joined, first)
		return i
	case thematic.MatchString(l):
		r.flushParagraph()
		return i
	}
	lineNo := i + 1
	var images []Block
	if rest := extractImages(l, lineNo, &images); len(images) > 0 {
		r.flushParagraph()
		r.p.Blocks = append(r.p.Blocks, images...)
		if strings.TrimSpace(rest) == "" {
			return i
		}
		l, trimmed = rest, strings.TrimSpace(rest)
	}
	if m := atxHeading.FindStringSubmatch(l); m != nil {
		r.flushParagraph()
		r.addText(Heading, m[2], lineNo)
		return i
	}
	if m := listItem.FindStringSubmatch(l); m != nil {
		r.flushParagraph()
		item, last := r.listItem(i, m[1])
		r.addText(Bullet, item, lineNo)
		return last
	}
	if strings.HasPrefix(trimmed, ">") {
		if trimmed = strings.TrimSpace(strings.TrimLeft(trimmed, "> ")); trimmed == "" {
			r.flushParagraph()
			return i
		}
	}
	r.para.add(trimmed, lineNo)
	return i
}

// uncommented is l without its HTML comments (<!-- -->, which may span
// lines); ok is false when all of l is inside one.
func (r *markdownReader) uncommented(l string) (rest string, ok bool) {
	if r.inComment {
		j := strings.Index(l, "-->")
		if j < 0 {
			return "", false
		}
		r.inComment = false
		l = l[j+3:]
	}
	for {
		j := strings.Index(l, "<!--")
		if j < 0 {
			return l, true
		}
		k := strings.Index(l[j:], "-->")
		if k < 0 {
			r.inComment = true
			return l[:j], true
		}
		l = l[:j] + l[j+k+3:]
	}
}

// skipFenced returns the line that closes the code block that line i opens
// with fence (len(lines) when none does).
func (r *markdownReader) skipFenced(i int, fence string) int {
	for i++; i < len(r.lines); i++ {
		l := r.lines[i]
		if f, ok := fenceOf(l); ok && strings.HasPrefix(f, fence) && strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), fence[:1])) == "" {
			return i
		}
	}
	return i
}

// isTableStart reports whether line i, trimmed, is a table's header row: a
// row of cells followed by a delimiter row.
func isTableStart(trimmed string, lines []string, i int) bool {
	return strings.Contains(trimmed, "|") && i+1 < len(lines) && tableDelim.MatchString(lines[i+1]) && strings.Contains(lines[i+1], "-")
}

// skipTable returns the last row of the table whose header is line i.
func (r *markdownReader) skipTable(i int) int {
	for i += 2; i < len(r.lines) && strings.Contains(r.lines[i], "|") && strings.TrimSpace(r.lines[i]) != ""; i++ {
	}
	return i - 1
}

// listItem returns the text of the list item at line i, first its text
// there, with its continuation lines (indented under it), and its last line.
func (r *markdownReader) listItem(i int, first string) (item string, last int) {
	item = first
	for i+1 < len(r.lines) && strings.TrimSpace(r.lines[i+1]) != "" && strings.HasPrefix(r.lines[i+1], "  ") && !listItem.MatchString(r.lines[i+1]) {
		i++
		item += " " + strings.TrimSpace(r.lines[i])
	}
	return item, i
}

// addText adds a block of kind made of Markdown inline text s, unless s
// holds no text a reader sees.
func (r *markdownReader) addText(kind BlockKind, s string, lineNo int) {
	if t := inlineText(s, &r.p.Links); t != "" {
		r.p.Blocks = append(r.p.Blocks, Block{Kind: kind, Text: t, Line: int32(lineNo)})
	}
}

// flushParagraph adds the paragraph being read, if any, with the images
// in it after it: an image whose alt text spans lines is whole only in the
// joined paragraph.
func (r *markdownReader) flushParagraph() {
	joined, first, ok := r.para.take()
	if !ok {
		return
	}
	var images []Block
	rest := extractImages(joined, first, &images)
	r.addText(Paragraph, rest, first)
	r.p.Blocks = append(r.p.Blocks, images...)
}
