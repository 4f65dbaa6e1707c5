package post

import "testing"

func TestSniffFormat(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"|\n|\nTitle\n\nBody.\n\nsite post meta\n- topic: x\n", FormatPost},
		{"---\ntitle: x\n---\nBody.\n", FormatMarkdown},
		{"+++\ntitle = 'x'\n+++\nBody.\n", FormatMarkdown},
		{"\n{\n  \"title\": \"x\"\n}\nBody.\n", FormatMarkdown},
		{"# A heading\n\nBody.\n", FormatMarkdown},
		{"{not json front matter} but text.\n", FormatText},
		{"Just a line of text.\n", FormatText},
	} {
		if got := SniffFormat([]byte(c.text)); got != c.want {
			t.Errorf("SniffFormat(%q) = %s, want %s", c.text, got, c.want)
		}
	}
}
