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
// on prose (BenchmarkAutolinks: /linkify against /autolinks). Here only
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
	var found []textRange
	labels := 0 // link labels open in the block: '[' or "![" not yet closed by ']'
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			labels = 0
		}
		switch n := n.(type) {
		case *ast.Link, *ast.Image, *ast.AutoLink, *ast.CodeSpan, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !n.IsRaw() {
				mergeFollowingText(n)
				found = outsideLabels(n, src, &labels, found)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, r := range found {
		splitAutolinks(r, src, pc)
	}
}

// mergeFollowingText merges into t the text nodes that follow it on its
// line: an emphasis delimiter that made no emphasis ("_" in
// https://x.org/a_b) is left a text node of its own, and would cut an
// autolink short.
func mergeFollowingText(t *ast.Text) {
	for !t.SoftLineBreak() && !t.HardLineBreak() {
		next, ok := t.NextSibling().(*ast.Text)
		if !ok || next.IsRaw() || next.Segment.Start != t.Segment.Stop || next.Segment.Padding != 0 {
			return
		}
		t.Segment = t.Segment.WithStop(next.Segment.Stop)
		t.SetSoftLineBreak(next.SoftLineBreak())
		t.SetHardLineBreak(next.HardLineBreak())
		t.Parent().RemoveChild(t.Parent(), next)
	}
}

// textRange is a part of a text node that may hold an autolink.
type textRange struct {
	node        *ast.Text
	start, stop int
}

// outsideLabels appends to found the parts of text node t, outside link
// labels, that may hold an autolink. As goldmark's Linkify does, no
// autolink starts inside a link label, from an opening '[' to its ']' or
// the end of the block, even one that makes no link ("[see
// http://x.org" links nothing). labels is the count open before t, and
// after it on return.
func outsideLabels(t *ast.Text, src []byte, labels *int, found []textRange) []textRange {
	seg := t.Segment
	v := seg.Value(src)
	if bytes.IndexByte(v, '[') < 0 && bytes.IndexByte(v, ']') < 0 {
		if *labels == 0 && mayHoldAutolink(v) {
			found = append(found, textRange{t, seg.Start, seg.Stop})
		}
		return found
	}
	from := seg.Start
	for i, c := range v {
		at := seg.Start + i
		if at > 0 && src[at-1] == '\\' {
			continue // an escaped bracket is text
		}
		switch {
		case c == '[':
			if *labels == 0 && mayHoldAutolink(src[from:at]) {
				found = append(found, textRange{t, from, at})
			}
			*labels++
		case c == ']' && *labels > 0:
			*labels--
			from = at + 1
		}
	}
	if *labels == 0 && from < seg.Stop && mayHoldAutolink(src[from:seg.Stop]) {
		found = append(found, textRange{t, from, seg.Stop})
	}
	return found
}

// mayHoldAutolink reports whether v holds a place an autolink can start.
func mayHoldAutolink(v []byte) bool {
	return bytes.Contains(v, []byte("://")) || bytes.Contains(v, []byte("www.")) || bytes.IndexByte(v, '@') >= 0
}

// splitAutolinks replaces the part r of a text node by the text and
// autolinks it holds: the text before each autolink goes before the node,
// and the node keeps what follows the last.
func splitAutolinks(r textRange, src []byte, pc parser.Context) {
	t := r.node
	parent := t.Parent()
	seg := t.Segment
	at := r.start
	cands := newCandidates(src, r.stop)
	for {
		start, stop, link := nextAutolink(src, at, r.stop, cands, pc)
		if link == nil {
			break
		}
		if start > seg.Start {
			parent.InsertBefore(parent, t, ast.NewTextSegment(text.NewSegment(seg.Start, start)))
		}
		label := ast.NewTextSegment(text.NewSegment(start, stop))
		auto := ast.NewAutoLink(link.AutoLinkType, label)
		auto.Protocol = link.Protocol
		parent.InsertBefore(parent, t, auto)
		at = stop
		seg = seg.WithStart(stop)
	}
	t.Segment = seg
}

// nextAutolink finds the first autolink in src[from:to], looking for
// candidates with cands: its span, and the link node that goldmark's rules
// made of it (nil: none).
func nextAutolink(src []byte, from, to int, cands *candidates, pc parser.Context) (start, stop int, link *ast.AutoLink) {
	for from < to {
		cand, ok := cands.next(from)
		if !ok {
			return 0, 0, nil
		}
		for _, s := range cand.starts(src, from) {
			if !canStartAutolink(src, s) {
				continue
			}
			// An autolink ends at white space or '<': goldmark's reader is
			// given no more, as it reads to the end of the line it is given.
			end := to
			if i := bytes.IndexAny(src[s:to], " \t\n<"); i >= 0 {
				end = s + i
			}
			r := text.NewReader(src[s:end])
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

// candidatePatterns are what an autolink holds, by candidate kind.
var candidatePatterns = [...]struct {
	pat  string
	kind byte
}{{"://", ':'}, {"www.", 'w'}, {"@", '@'}}

// candidates finds the candidates of src[:to] in order. It keeps where it
// found each pattern last, and looks for one again only once the search
// has passed it: looking for all three after each candidate would read a
// text of many '@' (or "www.") once for each.
type candidates struct {
	src []byte
	to  int
	at  [len(candidatePatterns)]int // where each pattern is next (-1: nowhere); valid from searched[i] on
	// searched[i] is where the last search for pattern i started.
	searched [len(candidatePatterns)]int
}

func newCandidates(src []byte, to int) *candidates {
	c := &candidates{src: src, to: to}
	for i := range c.at {
		c.at[i], c.searched[i] = -1, to+1 // nothing searched yet
	}
	return c
}

// next is the first candidate at or after from.
func (c *candidates) next(from int) (candidate, bool) {
	best := candidate{at: -1}
	for i, p := range candidatePatterns {
		if c.searched[i] > from || (c.at[i] >= 0 && c.at[i] < from) {
			c.searched[i], c.at[i] = from, -1
			if j := bytes.Index(c.src[from:c.to], []byte(p.pat)); j >= 0 {
				c.at[i] = from + j
			}
		}
		if at := c.at[i]; at >= 0 && (best.at < 0 || at < best.at) {
			best = candidate{at: at, kind: p.kind, past: at + len(p.pat)}
		}
	}
	return best, best.at >= 0
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
