package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// siteCorpus is a site's content as it is found: posts in four formats
// (six inputs: four files, and a JSONL file of two lines) among files that are
// no posts: Hugo data files (one opening with "---", as front matter does),
// images, a web manifest, a style sheet, a licence without an extension and
// a compressed post that postscore cannot read; and two links, selected as
// the files they are found as (by the link's name): one to a post, one to
// an image.
func siteCorpus(t *testing.T) string {
	dir := t.TempDir()
	mkfiles(t, dir, map[string]string{
		"posts/a.md":         "---\ntitle: A post in Markdown\n---\n\nA paragraph of text that says something about the topic at hand.\n",
		"posts/b.txt":        "A plain post\n\nA paragraph of plain text that ends well enough.\n",
		"posts/c.markdown":   "# Another Markdown post\n\nIts one paragraph is short but complete.\n",
		"posts/D.TXT":        "A post whose extension is in capitals\n\nIt is read all the same.\n",
		"posts/old.txt.gz":   "\x1f\x8b\x08\x00 not really gzip",
		"docs.jsonl":         `{"id": "j1", "text": "A post from JSONL\n\nIts paragraph goes on a little."}` + "\n" + `{"id": "j2", "text": "Another one\n\nWith a paragraph of its own."}` + "\n",
		"data/menu.yml":      "---\ntitle: Menu\nweight: 1\n---\nHome page menu entry with some words in it.\n",
		"data/site.yml":      "baseURL: https://example.org/\n",
		"static/cover.png":   "\x89PNG\r\n\x1a\n",
		"static/logo.PNG":    "\x89PNG\r\n\x1a\n",
		"static/app.json":    `{"name": "a web app"}`,
		"themes/x/style.css": "body { margin: 0 }\n",
		"LICENSE":            "Permission is hereby granted, free of charge, to any person.\n",
	}, map[string]string{"posts/latest.md": "a.md", "static/banner.png": "cover.png"})
	return dir
}

// siteFiles is how many files (and links to files) siteCorpus holds.
const siteFiles = 15

func runSelected(t *testing.T, corpus []string, include, exclude []string) (*Manifest, []Row) {
	t.Helper()
	out := t.TempDir()
	m, err := Run(context.Background(), Options{Corpus: corpus, Out: out, AsOf: asOf(t), MaxErrors: -1, Include: include, Exclude: exclude})
	if err != nil {
		t.Fatal(err)
	}
	return m, readRows[Row](t, filepath.Join(out, ScoresName))
}

func docPaths(rows []Row) []string {
	var paths []string
	for _, r := range rows {
		paths = append(paths, r.DocPath)
	}
	return paths
}

// TestAutoReadsOnlyPostExtensions: with --format auto, only the files whose
// extension names a format postscore reads are inputs; the rest are
// counted by extension (lower-cased; "(none)" without one) in the manifest,
// whose "skipped" keys are sorted.
func TestAutoReadsOnlyPostExtensions(t *testing.T) {
	corpus := siteCorpus(t)
	m, rows := runSelected(t, []string{corpus}, nil, nil)
	wantPaths := []string{"docs.jsonl:1", "docs.jsonl:2", "posts/D.TXT", "posts/a.md", "posts/b.txt", "posts/c.markdown", "posts/latest.md"}
	if got := docPaths(rows); !reflect.DeepEqual(got, wantPaths) || m.Inputs != 7 || m.Rows != 7 || m.Errors != 0 {
		t.Errorf("rows %v (inputs %d, rows %d, errors %v); want %v", got, m.Inputs, m.Rows, m.ErrorsByKind, wantPaths)
	}
	wantSkipped := map[string]int64{".yml": 2, ".png": 3, ".json": 1, ".css": 1, ".gz": 1, noExtension: 1}
	if !reflect.DeepEqual(m.Skipped, wantSkipped) || m.Excluded != 0 {
		t.Errorf("skipped %v, excluded %d; want %v and 0", m.Skipped, m.Excluded, wantSkipped)
	}
}

// TestManifestSaysWhatWasSkipped: manifest.json carries the counts of
// skipped files under "skipped", keys sorted, and the excluded ones under
// "excluded".
func TestManifestSaysWhatWasSkipped(t *testing.T) {
	out := t.TempDir()
	if _, err := Run(context.Background(), Options{Corpus: []string{siteCorpus(t)}, Out: out, AsOf: asOf(t), MaxErrors: -1, Exclude: []string{"b.txt"}}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		t.Fatal(err)
	}
	var skipped bytes.Buffer
	if err := json.Compact(&skipped, fields["skipped"]); err != nil {
		t.Fatal(err)
	}
	want := `{"(none)":1,".css":1,".gz":1,".json":1,".png":3,".yml":2}`
	if skipped.String() != want || string(fields["excluded"]) != "1" || !bytes.Contains(b, []byte(`"exclude": [`)) {
		t.Errorf("manifest: skipped %s, excluded %s; want %s and 1, and the --exclude globs\n%s", skipped.String(), fields["excluded"], want, b)
	}
}

// TestIncludeExclude: --include and --exclude select by doc_path, "**"
// spanning directories and "*" not, a glob without "/" matching a name in
// any directory; with --include, a file of any extension that matches is an
// input. What they leave out is counted as excluded, apart from what the
// extension rule skips.
func TestIncludeExclude(t *testing.T) {
	corpus := t.TempDir()
	mkfiles(t, corpus, map[string]string{
		"index.md": "", "posts/a.md": "", "posts/2024/b.md": "", "posts/2024/draft-c.md": "", "posts/notes.txt": "",
		"drafts/d.md": "", "blog/drafts/e.md": "", "data/menu.yml": "", "static/cover.png": "",
	}, nil)
	const files = 9
	all := []string{"blog/drafts/e.md", "drafts/d.md", "index.md", "posts/2024/b.md", "posts/2024/draft-c.md", "posts/a.md", "posts/notes.txt"}
	extSkips := map[string]int64{".yml": 1, ".png": 1}
	for _, c := range []struct {
		name             string
		include, exclude []string
		want             []string
		skipped          map[string]int64
	}{
		{"no globs", nil, nil, all, extSkips},
		{"a directory at the top", nil, []string{"drafts/**"},
			[]string{"blog/drafts/e.md", "index.md", "posts/2024/b.md", "posts/2024/draft-c.md", "posts/a.md", "posts/notes.txt"}, extSkips},
		{"a directory anywhere", nil, []string{"**/drafts/**"},
			[]string{"index.md", "posts/2024/b.md", "posts/2024/draft-c.md", "posts/a.md", "posts/notes.txt"}, extSkips},
		{"a name in any directory", nil, []string{"draft-*"},
			[]string{"blog/drafts/e.md", "drafts/d.md", "index.md", "posts/2024/b.md", "posts/a.md", "posts/notes.txt"}, extSkips},
		{"** spans directories", []string{"posts/**/*.md"}, nil, []string{"posts/2024/b.md", "posts/2024/draft-c.md", "posts/a.md"}, map[string]int64{}},
		{"* does not", []string{"posts/*.md"}, nil, []string{"posts/a.md"}, map[string]int64{}},
		{"any extension asked for", []string{"*.yml", "index.md"}, nil, []string{"data/menu.yml", "index.md"}, map[string]int64{}},
		{"include, then exclude", []string{"posts/**"}, []string{"**/draft-*"}, []string{"posts/2024/b.md", "posts/a.md", "posts/notes.txt"}, map[string]int64{}},
		{"globs are case-sensitive", []string{"*.MD"}, nil, nil, map[string]int64{}},
	} {
		w, got := testWalker(corpus)
		w.sel = newSelection(FormatAuto, c.include, c.exclude)
		paths := walked(t, w, got)
		var skipped int64
		for _, n := range c.skipped {
			skipped += n
		}
		if !reflect.DeepEqual(paths, c.want) || !reflect.DeepEqual(w.Skipped, c.skipped) || w.Excluded != files-int64(len(c.want))-skipped {
			t.Errorf("%s: walked %v, skipped %v, excluded %d; want %v, %v and %d", c.name, paths, w.Skipped, w.Excluded, c.want, c.skipped, files-int64(len(c.want))-skipped)
		}
	}
}

// TestIncludedFileOfAnyExtension: a file --include asks for is scored
// whatever its extension, its format told by its content (the .yml opening
// with front matter reads as Markdown); the files left out are counted as
// excluded, none as skipped.
func TestIncludedFileOfAnyExtension(t *testing.T) {
	m, rows := runSelected(t, []string{siteCorpus(t)}, []string{"*.yml", "posts/*.md"}, []string{"site.yml"})
	want := []string{"data/menu.yml", "posts/a.md", "posts/latest.md"}
	if got := docPaths(rows); !reflect.DeepEqual(got, want) || m.Inputs != 3 {
		t.Fatalf("rows %v, %d inputs; want %v", got, m.Inputs, want)
	}
	if rows[0].Format != FormatMarkdown || rows[0].Title != "Menu" {
		t.Errorf("data/menu.yml read as %s, titled %q; want markdown, Menu", rows[0].Format, rows[0].Title)
	}
	if len(m.Skipped) != 0 || m.Excluded != siteFiles-3 {
		t.Errorf("skipped %v, excluded %d; want none and %d", m.Skipped, m.Excluded, siteFiles-3)
	}
}

// TestNamedFileIsAlwaysAnInput: a file named as a CORPUS argument is an
// input whatever its extension, and whatever --include and --exclude say;
// they still select the files of a directory named beside it.
func TestNamedFileIsAlwaysAnInput(t *testing.T) {
	corpus := siteCorpus(t)
	notes := filepath.Join(t.TempDir(), "notes.org")
	mkfiles(t, filepath.Dir(notes), map[string]string{"notes.org": "Notes in Org mode\n\nA paragraph of notes that reads as plain text.\n"}, nil)
	m, rows := runSelected(t, []string{notes, corpus}, []string{"**/posts/b.txt"}, []string{"*.org"})
	got := docPaths(rows)
	if len(got) != 2 || !strings.HasSuffix(got[0], "notes.org") || got[1] != filepath.ToSlash(filepath.Join(corpus, "posts", "b.txt")) {
		t.Errorf("rows %v; want notes.org and posts/b.txt", got)
	}
	if m.Inputs != 2 || m.Excluded != siteFiles-1 || len(m.Skipped) != 0 {
		t.Errorf("%d inputs, %d excluded, skipped %v; want 2, %d and none", m.Inputs, m.Excluded, m.Skipped, siteFiles-1)
	}
}

// TestResumeNeedsTheSameGlobs: --include and --exclude are part of what a
// resume must find unchanged (they choose the inputs); a run's state from
// before the flags, which has neither, matches a run without them.
func TestResumeNeedsTheSameGlobs(t *testing.T) {
	old := runIdentity{Format: "auto text id", Include: []string{"posts/**"}}
	if d := old.differences(runIdentity{Format: "auto text id"}); len(d) != 1 || d[0] != `--include ["posts/**"], now []` {
		t.Errorf("include dropped: %q", d)
	}
	if d := old.differences(runIdentity{Format: "auto text id", Include: []string{"posts/**"}, Exclude: []string{"*.yml"}}); len(d) != 1 || d[0] != `--exclude [], now ["*.yml"]` {
		t.Errorf("exclude added: %q", d)
	}
	var before runIdentity
	if err := json.Unmarshal([]byte(`{"format": "auto text id"}`), &before); err != nil {
		t.Fatal(err)
	}
	if d := before.differences(runIdentity{Format: "auto text id"}); len(d) != 0 {
		t.Errorf("a state from before the flags: %q", d)
	}
}
