package post

import "strings"

// Parse reads one post in the format of FORMAT.md. It never fails on a
// deviation inside a post (that is a warning on the post); it fails only
// when the input is not a post: not text, empty, or only preamble.
func Parse(data []byte) (*Post, error) {
	decoded, invalid, err := Decode(data)
	if err != nil {
		return nil, err
	}
	p, err := ParseText(decoded)
	if err != nil {
		return nil, err
	}
	if invalid {
		p.Warnings = append([]string{WarnInvalidUTF8}, p.Warnings...)
	}
	return p, nil
}

// ParseText parses decoded text (see Decode) in the format of FORMAT.md:
// a preamble, the title, the body, the meta block and the "Similar Posts"
// trailer. A meta block without its header is found by its entries at the
// end of the body (headerlessMeta), so that its words are not the post's.
func ParseText(decoded string) (*Post, error) {
	lines := newLineIndex(decoded)
	titleAt, err := skipPreamble(lines)
	if err != nil {
		return nil, err
	}
	p := &Post{Title: strings.TrimSpace(lines.line(titleAt)), Format: FormatPost}
	bodyStart := titleAt + 1
	metaAt, trailerAt := findMetaAndTrailer(lines, bodyStart)
	bodyEnd, metaEnd := lines.len(), lines.len()
	if trailerAt >= 0 {
		bodyEnd, metaEnd = trailerAt, trailerAt
	}
	headerlessAt, headerlessLines := -1, 0
	if metaAt >= 0 {
		bodyEnd = metaAt
	} else if headerlessAt, headerlessLines = headerlessMeta(lines, bodyStart, bodyEnd); headerlessAt >= 0 {
		bodyEnd = headerlessAt
	}
	p.Blocks = parseBody(lines, bodyStart, bodyEnd)
	switch {
	case metaAt >= 0:
		p.Meta.Present = true
		p.Meta.Site, _ = metaHeaderSite(lines.line(metaAt))
		parseMeta(p, lines.lines(metaAt+1, metaEnd))
	case headerlessAt >= 0:
		// The site was the header's: it is unknown.
		p.Meta.Present = true
		p.Warnings = append(p.Warnings, metaHeaderMissingWarning(headerlessLines))
		parseMeta(p, lines.lines(headerlessAt, metaEnd))
	default:
		p.Warnings = append(p.Warnings, WarnNoMeta)
	}
	if trailerAt >= 0 {
		p.SimilarPosts = similarPosts(lines, trailerAt+1)
	}
	p.PostID, p.RevisionVersion = identity(&p.Meta)
	return p, nil
}

// skipPreamble returns the line of the title: the first after the
// preamble, the lines of only '|' and blanks. A text of nothing else is
// not a post.
func skipPreamble(lines lineIndex) (titleAt int, err error) {
	sawPreamble := false
	for i := range lines.len() {
		l := lines.line(i)
		if !isPreambleLine(l) {
			return i, nil
		}
		if strings.TrimSpace(l) != "" {
			sawPreamble = true
		}
	}
	if sawPreamble {
		return 0, &ParseError{Kind: ErrKindOnlyPreamble, Detail: "no title after the preamble"}
	}
	return 0, &ParseError{Kind: ErrKindEmpty, Detail: "no text"}
}

// findMetaAndTrailer returns the lines, from line from on, of the first
// "Similar Posts" trailer and of the first meta header before it (-1:
// none).
func findMetaAndTrailer(lines lineIndex, from int) (metaAt, trailerAt int) {
	metaAt = -1
	for j := from; j < lines.len(); j++ {
		l := lines.line(j)
		if isTrailer(l) {
			return metaAt, j
		}
		if metaAt < 0 {
			if _, ok := metaHeaderSite(l); ok {
				metaAt = j
			}
		}
	}
	return metaAt, -1
}

// similarPosts are the titles listed from line from on, one a non-blank line.
func similarPosts(lines lineIndex, from int) []string {
	var titles []string
	for j := from; j < lines.len(); j++ {
		if t := strings.TrimSpace(lines.line(j)); t != "" {
			titles = append(titles, t)
		}
	}
	return titles
}

// identity is a post's id from its meta (the payload's source id, else
// the reference; "" when it has neither: the pipeline then uses the
// document's path) and its revision's version.
func identity(m *Meta) (postID, version string) {
	switch {
	case m.PayloadSourceID != nil && *m.PayloadSourceID != "":
		postID = *m.PayloadSourceID
	case m.Reference != nil && *m.Reference != "":
		postID = *m.Reference
	}
	if m.RevisionVersion != nil {
		version = *m.RevisionVersion
	}
	return postID, version
}
