package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/alphanode/postscore/pipeline/gen"
)

// mkfiles writes each file (path relative to dir: content) and each link
// (path: target).
func mkfiles(t *testing.T, dir string, files, links map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
}

// walked lists what a walk of roots emits: doc_path, and the error kind of
// an error row.
func walked(t *testing.T, w *walker, got *[]Input) []string {
	t.Helper()
	if err := w.Walk(context.Background()); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, in := range *got {
		s := in.DocPath
		if in.Err != nil {
			s += " " + in.Err.Kind
		}
		out = append(out, s)
	}
	return out
}

func testWalker(roots ...string) (*walker, *[]Input) {
	var got []Input
	w := newWalker(roots, func(in Input) error {
		got = append(got, in)
		return nil
	})
	return w, &got
}

// TestWalkLinksStayInCorpus: a link that resolves outside its CORPUS root
// (a file elsewhere, "..") is an error row naming it and its target, unless
// FollowLinks; links inside the root are followed, and an input reached
// through a link is read at its target, so that the read need not follow
// a link.
func TestWalkLinksStayInCorpus(t *testing.T) {
	base := t.TempDir()
	corpus, outside := filepath.Join(base, "corpus"), filepath.Join(base, "outside")
	mkfiles(t, base, map[string]string{
		"corpus/good.txt":        "good",
		"corpus/inside/real.txt": "real",
		"outside/secret.txt":     "root:*:20228:0:99999:7:::",
	}, map[string]string{
		"corpus/linkin.txt": "inside/real.txt",
		"corpus/linkdir":    "inside",
		"corpus/secret.txt": filepath.Join(outside, "secret.txt"),
		"corpus/up":         "..",
	})
	w, got := testWalker(corpus)
	// linkdir leads to inside, walked already: a directory reached twice.
	want := []string{"good.txt", "inside/real.txt", "linkin.txt",
		"secret.txt " + ErrKindLinkNotFollowed, "up " + ErrKindLinkNotFollowed}
	if paths := walked(t, w, got); !reflect.DeepEqual(paths, want) || w.Loops != 1 {
		t.Fatalf("walked %v (%d loops), want %v and 1 loop", paths, w.Loops, want)
	}
	secret := (*got)[3].Err.Reason
	for _, s := range []string{filepath.Join(outside, "secret.txt"), "outside the corpus " + corpus, "--follow-links"} {
		if !strings.Contains(secret, s) {
			t.Errorf("reason %q does not say %q", secret, s)
		}
	}
	if p := (*got)[2].Path; p != filepath.Join(corpus, "inside", "real.txt") {
		t.Errorf("linkin.txt is read at %s, want its target", p)
	}

	// A root given as a link is the corpus as the user named it.
	link := filepath.Join(t.TempDir(), "corpus-link")
	os.Symlink(corpus, link)
	w, got = testWalker(link)
	if paths := walked(t, w, got); !reflect.DeepEqual(paths, want) {
		t.Errorf("through a linked root: walked %v, want %v", paths, want)
	}

	w, got = testWalker(corpus)
	w.FollowLinks = true
	want = []string{"good.txt", "inside/real.txt", "linkin.txt", "secret.txt",
		"up/outside/secret.txt"} // up/corpus is reached twice too
	if paths := walked(t, w, got); !reflect.DeepEqual(paths, want) || w.Loops != 2 {
		t.Errorf("following links: walked %v (%d loops), want %v and 2 loops", paths, w.Loops, want)
	}
}

// TestReadDoesNotFollowASwappedLink: a file listed as a regular file and
// swapped for a link before it is read is an error row, not the link's
// target (both readers, and the JSONL and Parquet ones).
func TestReadDoesNotFollowASwappedLink(t *testing.T) {
	dir := t.TempDir()
	mkfiles(t, dir, map[string]string{"secret.txt": "root:*:20228", "a.txt": "a post", "c.jsonl": "{}", "c.parquet": "x"}, nil)
	for _, name := range []string{"a.txt", "c.jsonl", "c.parquet"} {
		p := filepath.Join(dir, name)
		os.Remove(p)
		os.Symlink("secret.txt", p)
	}
	p := filepath.Join(dir, "a.txt")
	for name, read := range map[string]func(string, int64) ([]byte, *ErrorRow){"system calls": readLimited, "package os": readLimitedFile} {
		if data, e := read(p, 100); e == nil || e.Kind != ErrKindLinkNotFollowed {
			t.Errorf("%s: read %q, %+v; want %s", name, data, e, ErrKindLinkNotFollowed)
		}
	}
	o := docOptions{TextField: "text", IDField: "id", MaxBytes: 100}
	for name, docs := range map[string]containerReader{"c.jsonl": jsonlDocs, "c.parquet": parquetDocs} {
		var got []Input
		docs(context.Background(), Input{Path: filepath.Join(dir, name), DocPath: name}, o, wholeFile, func(in Input) error {
			got = append(got, in)
			return nil
		})
		if len(got) != 1 || got[0].Err == nil || got[0].Err.Kind != ErrKindLinkNotFollowed {
			t.Errorf("%s: %+v, want one %s row", name, got, ErrKindLinkNotFollowed)
		}
	}
}

// TestWalkLeavesOutPostscoreOutputs: in a directory postscore wrote (a
// run's OUT, with .postscore-work/ or a manifest.json of postscore's; a
// corpus gen wrote), the files it writes there are left out and counted;
// anything else there is selected as anywhere (a manifest.json not
// postscore's is skipped for its extension, not as an output), and a file
// named on its own is an input.
func TestWalkLeavesOutPostscoreOutputs(t *testing.T) {
	corpus := t.TempDir()
	outputs := map[string]string{"scores.parquet": "", "errors.parquet": "", "report.md": "# report", "report.html": "", "report.json": "{}"}
	files := map[string]string{
		"post.txt":                    "a post",
		"out/.postscore-work/state":   "{}",
		"out/notes.txt":               "a post of the user's",
		"old/manifest.json":           `{"postscore_version": "0.9.0", "inputs": 3}`,
		"old/post2.txt":               "a post",
		"other/manifest.json":         `{"name": "a web app's manifest"}`,
		"other/report.md":             "# a post called report",
		"gen/" + gen.MarkerName:       "",
		"gen/" + gen.TruthName:        `{"path": "0000/0000000.txt"}`,
		"gen/0000/0000000.txt":        "a generated post",
		"gen/sub/" + gen.TruthName:    `{"not": "gen's"}`,
		"out/manifest.json":           `{"postscore_version": "1.0.0"}`,
		"out/sub/report.md":           "# not in OUT itself",
		"old/.postscore-work-not-dir": "",
	}
	for name, text := range outputs {
		files["out/"+name] = text
		files["old/"+name] = text
	}
	mkfiles(t, corpus, files, nil)
	w, got := testWalker(corpus)
	want := []string{"gen/0000/0000000.txt", "gen/sub/truth.jsonl", "old/post2.txt",
		"other/report.md", "out/notes.txt", "out/sub/report.md", "post.txt"}
	if paths := walked(t, w, got); !reflect.DeepEqual(paths, want) || w.Outputs != 13 || !reflect.DeepEqual(w.Skipped, map[string]int64{".json": 1}) {
		t.Errorf("walked %v, %d outputs left out, skipped %v; want %v, 13 and .json 1", paths, w.Outputs, w.Skipped, want)
	}

	// CORPUS = OUT: the posts there are inputs, the outputs are not.
	w, got = testWalker(filepath.Join(corpus, "out"))
	if paths := walked(t, w, got); !reflect.DeepEqual(paths, []string{"notes.txt", "sub/report.md"}) || w.Outputs != 6 {
		t.Errorf("CORPUS = OUT: walked %v, %d outputs left out", paths, w.Outputs)
	}
	// A file named on its own is always an input.
	w, got = testWalker(filepath.Join(corpus, "gen", gen.TruthName))
	if paths := walked(t, w, got); !reflect.DeepEqual(paths, []string{gen.TruthName}) || w.Outputs != 0 {
		t.Errorf("a named file: walked %v, %d outputs left out", paths, w.Outputs)
	}
}

// TestScoreOwnOutputsAgain: a run into OUT inside CORPUS, or into CORPUS
// itself, scores the same inputs the second time (not its own Parquet
// files and manifest); a corpus gen wrote is scored without
// its truth file (20,000 bad_jsonl_line rows for a clean corpus).
func TestScoreOwnOutputsAgain(t *testing.T) {
	corpus := t.TempDir()
	mkfiles(t, corpus, map[string]string{
		"a.txt": "a first post\n\nwith a paragraph of text that ends well.\n",
		"b.txt": "a second post\n\nwith another paragraph of text.\n",
	}, nil)
	for _, out := range []string{filepath.Join(corpus, "out"), corpus} {
		for run := range 2 {
			m, err := Run(context.Background(), Options{Corpus: []string{corpus}, Out: out, AsOf: asOf(t), MaxErrors: -1, Force: true})
			if err != nil {
				t.Fatal(err)
			}
			if m.Inputs != 2 || m.Rows != 2 {
				t.Errorf("OUT %s, run %d: %d inputs, %d rows; want 2 and 2", out, run+1, m.Inputs, m.Rows)
			}
		}
	}

	const n = 30
	dir := t.TempDir()
	if _, err := gen.Write(context.Background(), dir, gen.Options{N: n, Seed: 3, AsOf: gen.DefaultAsOf}, 2, nil); err != nil {
		t.Fatal(err)
	}
	m, err := Run(context.Background(), Options{Corpus: []string{dir}, Out: t.TempDir(), AsOf: asOf(t), MaxErrors: -1})
	if err != nil {
		t.Fatal(err)
	}
	if m.Inputs != n || m.ErrorsByKind[ErrKindBadJSONLLine] != 0 {
		t.Errorf("a gen corpus of %d posts: %d inputs, errors %v", n, m.Inputs, m.ErrorsByKind)
	}
}
