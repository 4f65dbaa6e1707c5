package post

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// GFM's extended autolinks (www.x.org, http://, https://, ftp:// and
// e-mail addresses written bare) are found after parsing, in the text
// nodes, rather than by goldmark's Linkify inline parser: that one is
// tried at every space of every paragraph and halves the parser's speed
// on prose (BenchmarkParseMarkdown/linkify against /autolinks). Here only
// the places that can start one (after "://", at "www." and around '@')
// are looked at, and goldmark's own linkify rules then decide at each.

// autolinks is a goldmark AST transformer that turns the extended autolinks
// of text nodes into AutoLink nodes.
type autolinks struct{}

// linkify decides at a candidate place whether an autolink starts there
// and where it ends: goldmark's Linkify parser, run on the text from there.
var linkify = extension.NewLinkifyParser()

// Transform implements parser.ASTTransformer.
func (autolinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link, *ast.Image, *ast.AutoLink, *ast.CodeSpan, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !n.IsRaw() && mayHoldAutolink(n.Segment.Value(src)) {
				texts = append(texts, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		splitAutolinks(t, src, pc)
	}
}

// mayHoldAutolink reports whether v holds a place an autolink can start.
func mayHoldAutolink(v []byte) bool {
	return bytes.Contains(v, []byte("://")) || bytes.Contains(v, []byte("www.")) || bytes.IndexByte(v, '@') >= 0
}

// splitAutolinks replaces text node t by the text and autolinks it holds.
func splitAutolinks(t *ast.Text, src []byte, pc parser.Context) {
	seg := t.Segment
	parent := t.Parent()
	at := seg.Start
	for {
		start, stop, link := nextAutolink(src, at, seg.Stop, pc)
		if link == nil {
			break
		}
		if start > at {
			parent.InsertBefore(parent, t, ast.NewTextSegment(text.NewSegment(at, start)))
		}
		label := ast.NewTextSegment(text.NewSegment(start, stop))
		auto := ast.NewAutoLink(link.AutoLinkType, label)
		auto.Protocol = link.Protocol
		parent.InsertBefore(parent, t, auto)
		at = stop
	}
	if at == seg.Start {
		return
	}
	if at == seg.Stop && !t.SoftLineBreak() && !t.HardLineBreak() {
		parent.RemoveChild(parent, t)
		return
	}
	t.Segment = seg.WithStart(at)
}

// nextAutolink finds the first autolink in src[from:to]: its span, and
// the link node that goldmark's rules made of it (nil: none).
func nextAutolink(src []byte, from, to int, pc parser.Context) (start, stop int, link *ast.AutoLink) {
	for from < to {
		cand, ok := nextCandidate(src, from, to)
		if !ok {
			return 0, 0, nil
		}
		for _, s := range cand.starts(src, from) {
			if !canStartAutolink(src, s) {
				continue
			}
			r := text.NewReader(src[s:to])
			if n, ok := linkify.Parse(ast.NewParagraph(), r, pc).(*ast.AutoLink); ok {
				_, pos := r.Position()
				return s, s + pos.Start, n
			}
		}
		from = cand.past
	}
	return 0, 0, nil
}

// candidate is a place an autolink may start: the starts to try there, and
// where to look next when none does.
type candidate struct {
	at   int // the "://", "www." or '@'
	kind byte
	past int
}

// nextCandidate finds the first of "://", "www." and '@' in src[from:to].
func nextCandidate(src []byte, from, to int) (candidate, bool) {
	v := src[from:to]
	best := candidate{at: -1}
	for _, p := range []struct {
		pat  string
		kind byte
	}{{"://", ':'}, {"www.", 'w'}, {"@", '@'}} {
		if i := bytes.Index(v, []byte(p.pat)); i >= 0 && (best.at < 0 || i < best.at) {
			best = candidate{at: i, kind: p.kind, past: from + i + len(p.pat)}
		}
	}
	if best.at < 0 {
		return best, false
	}
	best.at += from
	return best, true
}

// starts are the offsets, not before from, where an autolink holding c
// may start: the scheme before a "://", the "www.", or each start of the
// local part of an e-mail address before an '@' (GFM: letters, digits, and
// . - _ +).
func (c candidate) starts(src []byte, from int) []int {
	switch c.kind {
	case ':':
		for _, scheme := range []string{"https", "http", "ftp"} {
			if s := c.at - len(scheme); s >= from && string(src[s:c.at]) == scheme {
				return []int{s}
			}
		}
		return nil
	case 'w':
		return []int{c.at}
	}
	s := c.at
	for s > from && isEmailLocal(src[s-1]) {
		s--
	}
	var out []int
	for ; s < c.at; s++ {
		out = append(out, s)
	}
	return out
}

func isEmailLocal(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_' || c == '+'
}

// canStartAutolink reports whether an autolink may start at src[s]: at the
// start of a line, or after white space or one of * _ ~ ( (GFM).
func canStartAutolink(src []byte, s int) bool {
	if s == 0 {
		return true
	}
	switch src[s-1] {
	case ' ', '\t', '\n', '*', '_', '~', '(':
		return true
	}
	return false
}
