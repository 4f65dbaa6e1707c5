package post

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseMarkdown: the Markdown reader never panics, and every input is
// a post or says why it is not (a ParseError): no other error. A post's
// blocks are of the known kinds, their texts valid UTF-8 without the
// placeholders shortcodes become, and each line within the file. Seeds: the
// causes of TestMarkdownCauses and, when ../shared is here, the spec
// examples' Markdown.
func FuzzParseMarkdown(f *testing.F) {
	for _, seed := range []string{
		"Run this:\n\n    x <- c(1, 2)\n\nThen stop.\n",
		"<div>\nA note.\n</div>\n\n<p>&nbsp;</p><pre>\n```\nx\n```\n</pre>\n",
		"- item\nlazy\n\n[^1]: note\n\nA claim.[^1] <https://a.org> www.b.org x@y.org [c] `[d](e)`\n\n[c]: /u\n",
		"{{< figure src=\"a.png\" alt=\"A\" >}}\n{{</* x */>}}\n{{% y\nz %}}\n| a |\n|---|\n| {{< img src=b >}} |\n",
		"---\ntitle: x\n---\n\uE000" + "12\uE001 \uE000x\uE001 <a href=x>unclosed\n\n<table><td>cell\n\ntext</table>",
		"{\"title\": \"x\"}\n# Head {#id}\n\n> quote\n> - in list\n\n1. one\n   ## heading in item\n",
	} {
		f.Add([]byte(seed))
	}
	addSpecSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseMarkdown(data)
		if err != nil {
			if _, ok := IsParseError(err); !ok {
				t.Fatalf("an error that is not a ParseError: %v", err)
			}
			return
		}
		lines := int32(1)
		for _, c := range data {
			if c == '\n' || c == '\r' {
				lines++
			}
		}
		for _, b := range append(p.Blocks, p.CodeAndTables...) {
			if b.Kind < Paragraph || b.Kind > Table || (b.Kind == Image) != (b.Image != nil) {
				t.Fatalf("block %+v", b)
			}
			if !utf8.ValidString(b.Text) || strings.Contains(b.Text, placeholderOpen) && !bytes.Contains(data, []byte(placeholderOpen)) {
				t.Fatalf("block text %q", b.Text)
			}
			if b.Line < 0 || b.Line > lines {
				t.Fatalf("block %+v at line %d of a %d-line file", b, b.Line, lines)
			}
		}
		if p.CodeBlocks < 0 || p.Tables < 0 || p.Links < 0 || p.CodeBlocks+p.Tables != len(p.CodeAndTables) {
			t.Fatalf("counts: code %d tables %d links %d, %d code blocks and tables listed", p.CodeBlocks, p.Tables, p.Links, len(p.CodeAndTables))
		}
	})
}

// addSpecSeeds adds the CommonMark spec examples' Markdown as seeds, when
// ../shared is here.
func addSpecSeeds(f *testing.F) {
	data, err := os.ReadFile(filepath.Join(sharedDir, "reference", "commonmark", "spec.json"))
	if err != nil {
		return
	}
	var cases []struct {
		Markdown string `json:"markdown"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		f.Fatalf("reading spec.json: %v", err)
	}
	for _, c := range cases {
		f.Add([]byte(c.Markdown))
	}
}
