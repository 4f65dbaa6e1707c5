package post

import "strings"

// ParsePlainText makes a post of a plain-text input (--format text): the
// whole decoded text is its body and prose (METRICS.md section 1). Its
// title is its first non-blank line, and its paragraphs (for the structure
// counts) the runs of non-blank lines.
func ParsePlainText(data []byte) (*Post, error) {
	decoded, invalid, err := Decode(data)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(decoded) == "" {
		return nil, &ParseError{Kind: ErrKindEmpty, Detail: "no text"}
	}
	p := &Post{Text: decoded, PlainText: true, Format: FormatText}
	p.Title, p.Blocks = plainParagraphs(decoded)
	if invalid {
		p.Warnings = append(p.Warnings, WarnInvalidUTF8)
	}
	return p, nil
}

// plainParagraphs returns t's first non-blank line, trimmed, and its runs
// of non-blank lines as paragraphs, each line trimmed. It reads the lines
// one at a time: strings.Split would keep a string a line.
func plainParagraphs(t string) (title string, paras []Block) {
	var para paragraph
	for lineNo, rest := 1, t; ; lineNo++ {
		l, after, more := strings.Cut(rest, "\n")
		trimmed := strings.TrimSpace(l)
		if trimmed != "" {
			if title == "" {
				title = trimmed
			}
			para.add(trimmed, lineNo)
		}
		if trimmed == "" || !more {
			if joined, first, ok := para.take(); ok {
				paras = append(paras, Block{Kind: Paragraph, Text: joined, Line: int32(first)})
			}
		}
		if !more {
			return title, paras
		}
		rest = after
	}
}
