package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestResumeOverTornLastPart: the last part of a run is not a checkpoint
// (it is not synced, and the state does not list it; the final files are
// assembled right after it). A run killed there leaves that part's files,
// possibly torn; the resume must redo its inputs over them.
func TestResumeOverTornLastPart(t *testing.T) {
	corpus := []string{filepath.Join("..", "testdata", "generated")} // 100 posts
	ref, _ := runCorpus(t, corpus, 2)
	out := t.TempDir()
	opts := Options{Corpus: corpus, Out: out, AsOf: asOf(t), Workers: 2, MaxErrors: -1, CheckpointInputs: 30, CommandLine: []string{"postscore", "test"}}
	stoppedRun(t, opts) // inside the last part: parts 0-2 (90 inputs) are checkpointed
	// What a kill after the last part's rename could leave: its files, torn.
	for _, kind := range []string{"scores", "errors"} {
		if err := os.WriteFile(filepath.Join(out, WorkDirName, partName(kind, 3)), []byte("PAR1 torn"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	opts.Resume = true
	m, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("resume: %v", err)
	}
	if m.Inputs != 100 || m.Resumes != 1 {
		t.Errorf("manifest after the resume: %d inputs, %d resumes", m.Inputs, m.Resumes)
	}
	want, got := readRows[Row](t, filepath.Join(ref, ScoresName)), readRows[Row](t, filepath.Join(out, ScoresName))
	if len(got) != 100 || !reflect.DeepEqual(got, want) {
		t.Errorf("resumed over a torn last part: %d rows, equal to an uninterrupted run: %v", len(got), reflect.DeepEqual(got, want))
	}
}

// stoppedRun runs opts until 95 inputs are scored, then stops it: three
// parts of 30 inputs are committed.
func stoppedRun(t *testing.T, opts Options) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	seen := 0
	first := opts
	first.OnRow = func(*Row) {
		if seen++; seen == 95 {
			cancel()
		}
	}
	if _, err := Run(ctx, first); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("the stopped run: %v", err)
	}
	state, err := readState(filepath.Join(opts.Out, WorkDirName))
	if err != nil || len(state.Parts) != 3 {
		t.Fatalf("the stopped run's state: %v, %d parts, want 3", err, len(state.Parts))
	}
}

// resumeOpts are the options of a run over a copy of testdata/generated
// (100 posts) in parts of 30, and the notices it gives.
func resumeOpts(t *testing.T) (Options, *[]string) {
	corpus := filepath.Join(t.TempDir(), "corpus")
	copyTree(t, filepath.Join("..", "testdata", "generated"), corpus)
	var notices []string
	return Options{Corpus: []string{corpus}, Out: filepath.Join(t.TempDir(), "out"), AsOf: asOf(t), Workers: 2, MaxErrors: -1,
		CheckpointInputs: 30, CommandLine: []string{"postscore", "test"}, Notice: func(m string) { notices = append(notices, m) }}, &notices
}

// TestResumeChecksItsCheckpoints (issue 21, defect 3): a resume reuses a
// part only when its files are the ones committed; a damaged, swapped or
// deleted part is scored again, with the parts after it, and the notice
// names its file.
func TestResumeChecksItsCheckpoints(t *testing.T) {
	damage := map[string]func(work string) error{
		"garbage written into a part": func(work string) error {
			f, err := os.OpenFile(filepath.Join(work, partName("scores", 1)), os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteAt([]byte("GARBAGEGARBAGEGARBAGE"), 200)
			return err
		},
		"part 1 overwritten with part 0": func(work string) error {
			for _, kind := range []string{"scores", "errors"} {
				b, err := os.ReadFile(filepath.Join(work, partName(kind, 0)))
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(work, partName(kind, 1)), b, 0o644); err != nil {
					return err
				}
			}
			return os.WriteFile(filepath.Join(work, listingName(1)), mustRead(t, filepath.Join(work, listingName(0))), 0o644)
		},
		"a part deleted": func(work string) error { return os.Remove(filepath.Join(work, partName("errors", 1))) },
	}
	for name, spoil := range damage {
		t.Run(name, func(t *testing.T) {
			opts, notices := resumeOpts(t)
			ref, _ := runCorpus(t, opts.Corpus, 2)
			stoppedRun(t, opts)
			if err := spoil(filepath.Join(opts.Out, WorkDirName)); err != nil {
				t.Fatal(err)
			}
			opts.Resume = true
			m, err := Run(context.Background(), opts)
			if err != nil {
				t.Fatalf("resume: %v", err)
			}
			if m.Inputs != 100 || m.Rows+m.Errors != 100 {
				t.Errorf("manifest: %d inputs, %d rows, %d errors", m.Inputs, m.Rows, m.Errors)
			}
			if len(*notices) != 1 || !strings.Contains((*notices)[0], "-000001.parquet") || !strings.Contains((*notices)[0], "from checkpoint 1 on (60 of 90 checkpointed)") {
				t.Errorf("notices: %q", *notices)
			}
			want, got := readRows[Row](t, filepath.Join(ref, ScoresName)), readRows[Row](t, filepath.Join(opts.Out, ScoresName))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("resumed over a damaged part: %d rows, equal to an uninterrupted run: false", len(got))
			}
		})
	}
}

// TestResumeRescoresChangedInputs (issue 21, defect 3): an input edited
// after it was checkpointed is scored again, from its part on, and the
// notice names it; the rows are those of a fresh run over the edited corpus.
func TestResumeRescoresChangedInputs(t *testing.T) {
	opts, notices := resumeOpts(t)
	stoppedRun(t, opts)
	edited := filepath.Join(opts.Corpus[0], "0000042.txt") // in part 1 (inputs 30-59)
	if err := os.WriteFile(edited, []byte("An edited post\n\nIts text is new, and so are its scores.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts.Resume = true
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatalf("resume: %v", err)
	}
	if len(*notices) != 1 || !strings.Contains((*notices)[0], "0000042.txt changed since it was scored") || !strings.Contains((*notices)[0], "from checkpoint 1 on") {
		t.Errorf("notices: %q", *notices)
	}
	ref, _ := runCorpus(t, opts.Corpus, 2)
	want, got := readRows[Row](t, filepath.Join(ref, ScoresName)), readRows[Row](t, filepath.Join(opts.Out, ScoresName))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("resumed over an edited input: rows equal to a fresh run over the edited corpus: false")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSecondRunIsRefused (issue 21, defect 13): while a run holds OUT, a
// second run into it (with --force or --resume) is refused, and the first
// run's checkpoints are untouched.
func TestSecondRunIsRefused(t *testing.T) {
	opts, _ := resumeOpts(t)
	stoppedRun(t, opts)
	unlock, err := LockOut(opts.Out) // the first run, still going
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	for _, second := range []Options{{Force: true}, {Resume: true}} {
		o := opts
		o.Force, o.Resume = second.Force, second.Resume
		if _, err := Run(context.Background(), o); !errors.Is(err, ErrOutputBusy) || !strings.Contains(err.Error(), "another postscore run is writing to") {
			t.Errorf("force %v resume %v: %v, want ErrOutputBusy", o.Force, o.Resume, err)
		}
	}
	if st, err := readState(filepath.Join(opts.Out, WorkDirName)); err != nil || len(st.Parts) != 3 {
		t.Errorf("the first run's checkpoints after the second was refused: %v", err)
	}
}

// TestFailedForceKeepsThePreviousRun (issue 21, defects 2 and 16): a
// --force run that fails leaves the previous run whole, manifest included;
// one that succeeds replaces every file of it, reports included.
func TestFailedForceKeepsThePreviousRun(t *testing.T) {
	opts, _ := resumeOpts(t)
	opts.Reports = func(string, *Manifest) (map[string][]byte, error) {
		return map[string][]byte{"report.md": []byte("old\n"), "report.html": []byte("<p>old</p>\n")}, nil
	}
	old, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	failing := opts
	failing.Force, failing.MaxErrors, failing.Format = true, 0, FormatJSONL // every post is a bad JSONL line
	if _, err := Run(context.Background(), failing); !errors.Is(err, ErrTooManyErrors) {
		t.Fatalf("the failing run: %v", err)
	}
	kept, err := VerifyRun(opts.Out)
	if err != nil || kept.Start != old.Start {
		t.Fatalf("after a failed --force the previous run is not whole: %v", err)
	}
	replacing := opts
	replacing.Force = true
	replacing.Reports = func(string, *Manifest) (map[string][]byte, error) {
		return map[string][]byte{"report.md": []byte("new\n")}, nil
	}
	if _, err := Run(context.Background(), replacing); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(opts.Out, "report.html")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the previous run's report.html is left beside the new run: %v", err)
	}
	if b := mustRead(t, filepath.Join(opts.Out, "report.md")); string(b) != "new\n" {
		t.Errorf("report.md: %q", b)
	}
	if _, err := VerifyRun(opts.Out); err != nil {
		t.Error(err)
	}
}

// TestResumeChecksInputsBeforeADamagedPart: with part 2 damaged and an
// input of part 0 edited, the resume starts over from part 0, not from 2.
func TestResumeChecksInputsBeforeADamagedPart(t *testing.T) {
	opts, notices := resumeOpts(t)
	stoppedRun(t, opts)
	if err := os.Remove(filepath.Join(opts.Out, WorkDirName, partName("scores", 2))); err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(opts.Corpus[0], "0000007.txt") // in part 0
	if err := os.WriteFile(edited, []byte("An edited post\n\nIts text is new, and so are its scores.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts.Resume = true
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatalf("resume: %v", err)
	}
	if len(*notices) != 1 || !strings.Contains((*notices)[0], "0000007.txt changed since it was scored") || !strings.Contains((*notices)[0], "from checkpoint 0 on (90 of 90 checkpointed)") {
		t.Errorf("notices: %q", *notices)
	}
	ref, _ := runCorpus(t, opts.Corpus, 2)
	if want, got := readRows[Row](t, filepath.Join(ref, ScoresName)), readRows[Row](t, filepath.Join(opts.Out, ScoresName)); !reflect.DeepEqual(got, want) {
		t.Errorf("rows equal to a fresh run over the edited corpus: false")
	}
}

// TestResumeAfterUnrecoverableCommit: a work directory in the publish phase
// whose staged files are gone cannot be completed: a run says so and how to
// go on, and --force starts over.
func TestResumeAfterUnrecoverableCommit(t *testing.T) {
	opts, notices := resumeOpts(t)
	stoppedRun(t, opts)
	work := filepath.Join(opts.Out, WorkDirName)
	st, err := readState(work)
	if err != nil {
		t.Fatal(err)
	}
	st.Phase = phasePublish // a publish phase with nothing staged
	if err := st.write(work); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), opts); err == nil || !strings.Contains(err.Error(), "start over with --force") {
		t.Errorf("a run over an unrecoverable commit: %v", err)
	}
	opts.Force = true
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatalf("--force over an unrecoverable commit: %v", err)
	}
	if len(*notices) != 1 || !strings.Contains((*notices)[0], "with --force, starting over") {
		t.Errorf("notices: %q", *notices)
	}
	if _, err := VerifyRun(opts.Out); err != nil {
		t.Error(err)
	}
}
