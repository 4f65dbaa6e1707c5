package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
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

	// Stop inside the last part: parts 0-2 (90 inputs) are checkpointed.
	ctx, cancel := context.WithCancel(context.Background())
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
	state, err := readState(filepath.Join(out, WorkDirName))
	if err != nil || len(state.Parts) != 3 {
		t.Fatalf("the stopped run's state: %v, %d parts, want 3", err, len(state.Parts))
	}
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
