package reports

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alphanode/postscore/pipeline"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestVisibleByHand(t *testing.T) {
	cases := []struct{ in, visible, text string }{
		{"plain title, café", "plain title, café", "plain title, café"},
		{"clear \x1b[2J screen", `clear \x1b[2J screen`, `clear \x1b[2J screen`},
		{"title \x1b]0;pwned\x07", `title \x1b]0;pwned\x07`, `title \x1b]0;pwned\x07`},
		{"csi \u009b2J, del \x7f", `csi \u009b2J, del \x7f`, `csi \u009b2J, del \x7f`},
		{"bad \x9b byte", `bad \x9b byte`, `bad \x9b byte`},
		{"line\nnext\tcol\r", `line\nnext\tcol\r`, "line\nnext\tcol\\r"},
	}
	for _, c := range cases {
		if got := Visible(c.in); got != c.visible {
			t.Errorf("Visible(%q) = %q, want %q", c.in, got, c.visible)
		}
		if got := VisibleText(c.in); got != c.text {
			t.Errorf("VisibleText(%q) = %q, want %q", c.in, got, c.text)
		}
	}
}

func TestMarkdownCellByHand(t *testing.T) {
	cases := []struct{ in, want string }{
		{"A plain title", "A plain title"},
		{"[x](javascript:alert(1))", `\[x\]\(javascript\:alert\(1\)\)`},
		{"![i](http://evil/x.png)", `\!\[i\]\(http\://evil/x.png\)`},
		{"a|b *c* _d_ `e` <f> ~g~ &amp; h@i.j #k", "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\<f\\> \\~g\\~ \\&amp; h\\@i.j \\#k"},
		{"see www.evil.com or WWW.x.y", `see www\.evil.com or WWW\.x.y`},
		{"esc \x1b[2J", `esc \\x1b\[2J`},
		{`back\slash`, `back\\slash`},
	}
	for _, c := range cases {
		if got := mdCell(c.in); got != c.want {
			t.Errorf("mdCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestVisibleJSONMeansTheSame(t *testing.T) {
	in := "a\u009bb\x7fc\x1bd"
	js, _ := json.Marshal(in)
	got := VisibleJSON(js)
	if want := `"a\u009bb\u007fc\u001bd"`; string(got) != want {
		t.Errorf("VisibleJSON(%s) = %s, want %s", js, got, want)
	}
	var back string
	if err := json.Unmarshal(got, &back); err != nil || back != in {
		t.Errorf("decoded back: %q, %v", back, err)
	}
}

// hostileTitle holds a window-title OSC, BEL, a C1 CSI, a Markdown link to
// javascript:, a remote image and a bare www autolink.
const hostileTitle = "Evil \x1b]0;pwned\x07 [x](javascript:alert(1)) ![i](http://evil/x.png) \u009b2J www.evil.com"

// hostileCorpus is a corpus of one post with a hostile title in a file whose
// name clears the screen.
func hostileCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	post := hostileTitle + "\n\nThis is a paragraph of a hostile post, and it has words enough to be a post.\n"
	if err := os.WriteFile(filepath.Join(dir, "t\x1b[2J.txt"), []byte(post), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestHostileTitleInReports (issue 21, defect 8): no report carries a raw
// control character, and report.md shows the title's Markdown as text, in
// the weakest posts and in a cluster, whose differing sentence is the same.
func TestHostileTitleInReports(t *testing.T) {
	out := scoreRun(t, hostileCorpus(t), nil)
	writeDuplicates(t, out, clusterRows(1, "input_order",
		dupPost{doc: "t\x1b[2J.txt", id: "t\x1b[2J.txt", match: pipeline.MatchCanonical, similarity: 1},
		dupPost{doc: "u.txt", id: "u.txt", match: pipeline.MatchNear, similarity: 0.5, sentence: strp(hostileTitle)}))
	if _, err := WriteReports(out, Formats); err != nil {
		t.Fatal(err)
	}
	docs := map[string][]byte{}
	for _, f := range Formats {
		b, err := os.ReadFile(filepath.Join(out, "report."+f))
		if err != nil {
			t.Fatal(err)
		}
		docs[f] = b
		for _, bad := range []string{"\x1b", "\x07", "\u009b"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("report.%s holds a raw %q", f, bad)
			}
		}
	}
	wantCell := `Evil \\x1b\]0;pwned\\x07 \[x\]\(javascript\:alert\(1\)\) \!\[i\]\(http\://evil/x.png\) \\u009b2J www\.evil.com`
	if n := bytes.Count(docs["md"], []byte("| "+wantCell+" |")); n != 2 {
		t.Errorf("report.md has %d escaped title cells %s, want 2 (weakest posts, duplicates)", n, wantCell)
	}
	if !bytes.Contains(docs["md"], []byte("u.txt\\: “"+wantCell+"”")) {
		t.Errorf("report.md lacks the escaped differing sentence %s", wantCell)
	}
	if !bytes.Contains(docs["md"], []byte("| "+wantCell+" |")) {
		t.Errorf("report.md lacks the escaped title cell %s", wantCell)
	}
	if !bytes.Contains(docs["html"], []byte(`Evil \x1b]0;pwned\x07 [x](javascript:alert(1))`)) {
		t.Errorf("report.html lacks the title with visible escapes")
	}
	var s Summary
	if err := json.Unmarshal(docs["json"], &s); err != nil || s.Weakest[0].Title != hostileTitle || s.Weakest[0].DocPath != "t\x1b[2J.txt" {
		t.Errorf("report.json does not keep the title and path as they are: %v %+v", err, s.Weakest)
	}
	if c := s.Duplicates.Largest[0]; *c.CanonicalTitle != hostileTitle || c.CanonicalDocPath != "t\x1b[2J.txt" || c.Differs.Sentence != hostileTitle {
		t.Errorf("report.json does not keep the cluster's title, path and sentence as they are: %+v", c)
	}
	var html bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(docs["md"], &html); err != nil {
		t.Fatal(err)
	}
	h := html.String()
	if strings.Contains(h, "<a ") || strings.Contains(h, "<img") {
		t.Errorf("report.md renders a link or an image from the title: %s", h)
	}
	if !strings.Contains(h, "[x](javascript:alert(1)) ![i](http://evil/x.png)") {
		t.Errorf("report.md does not render the title's text literally")
	}
}
