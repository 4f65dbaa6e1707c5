package post

import (
	"strings"
	"testing"
)

// TestMarkdownLimits: posts over the limits are too_complex error rows,
// said with the line; posts at the limits, and code past them, are read.
func TestMarkdownLimits(t *testing.T) {
	fm := "---\ntitle: x\n---\n"
	for _, c := range []struct {
		name, body string
		detail     string // "" when the post is read
	}{
		{"quotes nested on a line", strings.Repeat(">", MaxMarkdownNesting+1) + " a\n", "line 4 opens 101 block quotes"},
		{"lists nested on a line", "a\n\n" + strings.Repeat("- ", MaxMarkdownNesting+1) + "a\n", "line 6 opens 101"},
		{"quotes and lists", strings.Repeat("> 1. ", 51) + "a\n", "opens 102"},
		{"nesting at the limit", strings.Repeat(">", MaxMarkdownNesting) + " a\n", ""},
		{"delimiters in one paragraph", strings.Repeat("*a_\n", MaxMarkdownDelimiters/2+1), "holds 20002 emphasis delimiters (*, _, ~), over the limit of 20000"},
		{"delimiters at the limit", strings.Repeat("*a_\n", MaxMarkdownDelimiters/2), ""},
		{"delimiters over paragraphs", strings.Repeat("*a_*a_\n\n", MaxMarkdownDelimiters/4+1), ""},
		{"delimiters in fenced code", "```\n" + strings.Repeat("a_b_c ", MaxMarkdownDelimiters) + "\n```\nText.\n", ""},
		{"list markers need a space", strings.Repeat("-", 500) + "a\n", ""},
	} {
		_, err := ParseMarkdown([]byte(fm + c.body))
		kind, isParseError := IsParseError(err)
		switch {
		case c.detail == "" && err != nil:
			t.Errorf("%s: %v, want a post", c.name, err)
		case c.detail != "" && (!isParseError || kind != ErrKindTooComplex || !strings.Contains(err.Error(), c.detail)):
			t.Errorf("%s: %v, want too_complex: ...%s...", c.name, err, c.detail)
		}
	}
}

// TestRealPostsFarBelowLimits measures the real posts' deepest nesting on
// a line and busiest paragraph: the limits must leave them a wide margin.
func TestRealPostsFarBelowLimits(t *testing.T) {
	nesting, delimiters := 0, 0
	for name, body := range markdownTexts(t) {
		if !strings.Contains(name, "roweb3") {
			continue
		}
		c := measureComplexity(body)
		nesting, delimiters = max(nesting, c.nesting), max(delimiters, c.delimiters)
	}
	t.Logf("real posts: deepest nesting on a line %d, most delimiters in a paragraph %d", nesting, delimiters)
	if nesting*10 > MaxMarkdownNesting || delimiters*10 > MaxMarkdownDelimiters {
		t.Errorf("real posts come within 10x of the limits: nesting %d of %d, delimiters %d of %d", nesting, MaxMarkdownNesting, delimiters, MaxMarkdownDelimiters)
	}
}
