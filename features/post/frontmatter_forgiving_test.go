package post

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// The body every post of these tests has: two paragraphs, the first of
// which a title read from the body would be.
const forgivingBody = "\n\nThe first paragraph is body text, not a title.\n\nThe second paragraph is body text too.\n"

// forgivingPost is a post with front matter fm between delim lines.
func forgivingPost(delim, fm string) []byte {
	return []byte(delim + "\n" + fm + "\n" + delim + forgivingBody)
}

// readPost parses a Markdown post, failing the test on an error.
func readPost(t *testing.T, data []byte) *Post {
	t.Helper()
	p, err := ParseMarkdown(data)
	if err != nil {
		t.Fatalf("%q: %v", data, err)
	}
	return p
}

// checkKept checks that p has the title, tags and date of the front matter
// of these tests, and exactly the warnings want.
func checkKept(t *testing.T, name string, p *Post, want ...string) {
	t.Helper()
	date := ""
	if p.Meta.LastReviewed != nil {
		date = p.Meta.LastReviewed.String()
	}
	if p.Title != "Road closures" || strings.Join(p.Meta.Tags, ",") != "roads,notices" || date != "2024-03-01" {
		t.Errorf("%s: title %q, tags %q, date %q: want \"Road closures\", roads,notices, 2024-03-01", name, p.Title, p.Meta.Tags, date)
	}
	if !reflect.DeepEqual(p.Warnings, want) {
		t.Errorf("%s: warnings\n got %q\nwant %q", name, p.Warnings, want)
	}
}

// TestFrontMatterDuplicateKey (issue 26): a front-matter key given twice
// keeps its last value with a warning naming it, and the rest of the front
// matter is read: the post keeps its title, tags and date, and is the post
// it is without the duplicate.
func TestFrontMatterDuplicateKey(t *testing.T) {
	// Each case's earlier line of the key: the post without the duplicate
	// has a comment there, so that its body starts on the same line.
	cases := []struct{ name, delim, fm, earlier, dupKey string }{
		{"YAML (the issue's posts)", yamlDelim,
			"title: Road closures\ndate: 2024-03-01\nexpirydate: 2024-06-01\ntags: [roads, notices]\nexpirydate: 2024-09-01",
			"expirydate: 2024-06-01", "expirydate"},
		{"YAML, a key postscore reads", yamlDelim,
			"title: Draft\ndate: 2024-03-01\ntags: [roads, notices]\ntitle: Road closures", "title: Draft", "title"},
		{"YAML, nested", yamlDelim,
			"title: Road closures\nparams:\n  expirydate: 2024-06-01\n  expirydate: 2024-09-01\ndate: 2024-03-01\ntags: [roads, notices]",
			"  expirydate: 2024-06-01", "params.expirydate"},
		{"TOML", tomlDelim,
			"title = 'Road closures'\ndate = 2024-03-01\nexpirydate = 2024-06-01\ntags = ['roads', 'notices']\nexpirydate = 2024-09-01",
			"expirydate = 2024-06-01", "expirydate"},
		{"TOML, in a table", tomlDelim,
			"title = 'Road closures'\ndate = 2024-03-01\ntags = ['roads', 'notices']\n[params]\nexpirydate = 2024-06-01\nexpirydate = 2024-09-01",
			"expirydate = 2024-06-01", "params.expirydate"},
	}
	for _, c := range cases {
		p := readPost(t, forgivingPost(c.delim, c.fm))
		checkKept(t, c.name, p, WarnDuplicateFrontMatterKey+": "+c.dupKey)
		without := strings.Replace(c.fm, c.earlier, "#", 1)
		clean := readPost(t, forgivingPost(c.delim, without))
		checkKept(t, c.name+", without the duplicate", clean)
		p.Warnings = nil
		if !reflect.DeepEqual(p, clean) {
			t.Errorf("%s: the post differs from the one without the duplicate:\n%+v\n%+v", c.name, p, clean)
		}
	}
	for _, delim := range []string{yamlDelim, tomlDelim} {
		src := "expirydate: 2024-06-01\nexpirydate: 2024-09-01"
		if delim == tomlDelim {
			src = strings.ReplaceAll(src, ":", " =")
		}
		fm := readFrontMatter(delim, src)
		if got := fmt.Sprint(fm.values["expirydate"]); !strings.HasPrefix(got, "2024-09-01") {
			t.Errorf("%s: expirydate %s: the last value wins", frontMatterLanguage[delim], got)
		}
	}
}

// The front matter of these tests that postscore reads, in YAML and TOML.
const (
	keptYAML = "title: Road closures\ndate: 2024-03-01\ntags: [roads, notices]"
	keptTOML = "title = 'Road closures'\ndate = 2024-03-01\ntags = ['roads', 'notices']"
)

// TestFrontMatterBadValueLosesOnlyIt (issue 26): a value that does not
// parse, or is not what postscore reads, is lost with a warning naming its
// key; the rest of the front matter is read.
func TestFrontMatterBadValueLosesOnlyIt(t *testing.T) {
	cases := []struct{ name, delim, fm, warning string }{
		{"YAML, a tag its value is not", yamlDelim, "expirydate: !!timestamp soon\n" + keptYAML, "bad_front_matter_value: expirydate: "},
		{"YAML, a colon in a plain value", yamlDelim, "summary: Closures: what to know\n" + keptYAML, "bad_front_matter_value: summary: "},
		{"YAML, an unclosed quote", yamlDelim, keptYAML + "\nsummary: \"what to know", "bad_front_matter_value: summary: "},
		{"YAML, an unclosed list", yamlDelim, "categories: [news\n" + keptYAML, "bad_front_matter_value: categories: "},
		{"YAML, bad indentation", yamlDelim, keptYAML + "\nparams:\n    a: 1\n  b: 2", "bad_front_matter_value: params: "},
		{"YAML, a description that is a mapping", yamlDelim, "description: {a: 1}\n" + keptYAML, "bad_meta_value: description: "},
		{"TOML, a bare word", tomlDelim, "summary = Closures\n" + keptTOML, "bad_front_matter_value: summary: "},
		{"TOML, a date that is not one", tomlDelim, "expirydate = 2024-13-45\n" + keptTOML, "bad_front_matter_value: expirydate: "},
		{"TOML, in a table", tomlDelim, keptTOML + "\n[params]\nsummary = Closures\nx = 1", "bad_front_matter_value: params.summary: "},
	}
	for _, c := range cases {
		p := readPost(t, forgivingPost(c.delim, c.fm))
		if len(p.Warnings) != 1 || !strings.HasPrefix(p.Warnings[0], c.warning) {
			t.Errorf("%s: warnings %q, want one starting %q", c.name, p.Warnings, c.warning)
		}
		p.Warnings = nil
		checkKept(t, c.name, p)
	}
	// A value postscore reads of the wrong shape is lost, not read as text.
	p := readPost(t, forgivingPost(yamlDelim, "title: Road closures\ndate: 2024-03-01\ntags: {roads: 1}"))
	if p.Title != "Road closures" || p.Meta.LastReviewed == nil || len(p.Meta.Tags) != 0 ||
		len(p.Warnings) != 1 || !strings.HasPrefix(p.Warnings[0], WarnBadMetaValue+": tags: ") {
		t.Errorf("tags that are a mapping: title %q, date %v, tags %q, warnings %q", p.Title, p.Meta.LastReviewed, p.Meta.Tags, p.Warnings)
	}
}

// TestUnreadableFrontMatterLeavesTheBody (issue 26): front matter that
// cannot be read at all (not a mapping, or past a limit) loses its title,
// dates and tags, and the warning says so; the body is the body it is with
// valid front matter, and none of it becomes the title.
func TestUnreadableFrontMatterLeavesTheBody(t *testing.T) {
	valid := readPost(t, forgivingPost(yamlDelim, keptYAML))
	cases := []struct{ name, delim, fm, warning string }{
		{"YAML that is one string", yamlDelim, "title Road closures, date 2024-03-01", "bad_front_matter: front matter is not a mapping of keys to values (a single value); lost: nothing postscore reads"},
		{"YAML that is a list", yamlDelim, "- title: Road closures\n- date: 2024-03-01\n- tags: [roads]", "bad_front_matter: front matter is not a mapping of keys to values (a list); lost: nothing postscore reads"},
		{"YAML whose every key is bad", yamlDelim, "title: Road: closures\ntags: [roads", "bad_front_matter: front matter is not valid YAML: "},
		{"TOML whose every key is bad", tomlDelim, "title = Road closures", "bad_front_matter: front matter is not valid TOML: "},
		{"YAML past the alias budget", yamlDelim, keptYAML + "\n" + billionLaughs(), "bad_front_matter: front matter left out: its aliases expand it past 10000 nodes, the limit; lost: title, date, tags"},
		{"TOML too deep", tomlDelim, keptTOML + "\na = " + strings.Repeat("[", 40) + strings.Repeat("]", 40), "bad_front_matter: front matter left out: line 4 nests deeper than 32 levels, the limit"},
	}
	for _, c := range cases {
		p := readPost(t, forgivingPost(c.delim, c.fm))
		if len(p.Warnings) != 1 || !strings.HasPrefix(p.Warnings[0], c.warning) {
			t.Errorf("%s: warnings %q, want one starting %q", c.name, p.Warnings, c.warning)
		}
		if p.Title != "" {
			t.Errorf("%s: title %q: body text is not a title; the title was lost with the front matter", c.name, p.Title)
		}
		if got, want := blockTexts(p), blockTexts(valid); got != want {
			t.Errorf("%s: blocks\n%s\nwith valid front matter\n%s", c.name, got, want)
		}
	}
	// Nor is a title lost alone, the rest of the front matter read.
	for _, fm := range []string{"title: Road: closures\ndate: 2024-03-01", "title: [Road, closures]\ndate: 2024-03-01"} {
		if p := readPost(t, forgivingPost(yamlDelim, fm)); p.Title != "" || p.Meta.LastReviewed == nil || len(p.Warnings) != 1 {
			t.Errorf("%q: title %q, date %v, warnings %q: want no title, the date, a warning", fm, p.Title, p.Meta.LastReviewed, p.Warnings)
		}
	}
	// Front matter read without a title takes one from the body.
	if p := readPost(t, forgivingPost(yamlDelim, "date: 2024-03-01")); p.Title != "The first paragraph is body text, not a title." {
		t.Errorf("front matter without a title: title %q", p.Title)
	}
}

// blockTexts lists p's blocks as kind: text, one a line.
func blockTexts(p *Post) string {
	var b strings.Builder
	for _, bl := range p.Blocks {
		fmt.Fprintf(&b, "%s: %s\n", bl.Kind, bl.Text)
	}
	return b.String()
}
