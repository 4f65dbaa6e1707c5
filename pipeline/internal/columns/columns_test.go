package columns

import (
	"strings"
	"testing"
)

// TestCheckFindsWhatAColumnLacks: the generator refuses a table with a
// column that lacks a meaning, a type or a source, or that no row can hold.
func TestCheckFindsWhatAColumnLacks(t *testing.T) {
	good := Column{Name: "word_count", Type: Int32, Feature: "WordCount", Meaning: "words"}
	for _, tc := range []struct {
		name   string
		change func(c *Column)
		want   string
	}{
		{"no meaning", func(c *Column) { c.Meaning = "" }, "no meaning"},
		{"no type", func(c *Column) { c.Type = 0 }, "no type"},
		{"no source", func(c *Column) { c.Feature = "" }, "no source"},
		{"two sources", func(c *Column) { c.Read = "f.WordCount" }, "no source"},
		{"not snake_case", func(c *Column) { c.Name = "WordCount" }, "snake_case"},
		{"a null list", func(c *Column) { c.Type, c.Nullable, c.Feature, c.Read = Strings, true, "", "m.Tags" }, "never null"},
		{"a feature that is not a number", func(c *Column) { c.Type = String }, "INT32 or DOUBLE"},
	} {
		c := good
		tc.change(&c)
		scores := []Group{{Heading: "Words.", Columns: []Column{c}}}
		_, err := Generate(scores, nil, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
	twice := []Group{{Heading: "Words.", Columns: []Column{good, good}}}
	if err := Check(twice, nil); err == nil {
		t.Error("a column declared twice passes")
	}
	errCol := []Group{{Heading: "Why.", Columns: []Column{{Name: "kind", Type: String, Meaning: "why", Read: "x"}}}}
	if err := Check(nil, errCol); err == nil {
		t.Error("an error column with a source passes")
	}
	if err := Check([]Group{{Heading: "Words.", Columns: []Column{good}}}, nil); err != nil {
		t.Errorf("a good column: %v", err)
	}
}

// TestGoName: a column's field name is its name in CamelCase, initialisms
// upper-case.
func TestGoName(t *testing.T) {
	for name, want := range map[string]string{
		"post_id": "PostID", "content_sha256": "ContentSHA256", "flag_ai_generated_style": "FlagAIGeneratedStyle",
		"top_2_gram_char_frac": "Top2GramCharFrac", "as_of": "AsOf",
	} {
		c := Column{Name: name}
		if got := c.GoName(); got != want {
			t.Errorf("GoName(%s) = %s, want %s", name, got, want)
		}
	}
}
