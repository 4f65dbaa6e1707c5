package pipeline

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// finish is the finish stage. When every input is written (the pool
// returned no error and the run was not interrupted), it completes the
// manifest and commits the last part, then stages the final files with the
// near-duplicates, the manifest and the reports and puts them in place
// (commit.go). Otherwise it says why the run stopped, and what a resume
// will find.
func finish(ctx context.Context, r *prepared, in *feed, out *partWriter, poolErr error) (*Manifest, error) {
	if poolErr == nil && ctx.Err() == nil {
		r.completeManifest(in, out.st)
		if err := out.encodeLast(); err == nil {
			out.commitLast()
		}
	}
	out.stop()
	if err := r.failure(ctx, out, poolErr); err != nil {
		return nil, err
	}

	// Every input is in a committed part: stage the final files, then put
	// them in place.
	reportErr, err := stageFinal(r.work, r.state, r.man, r.final, r.opts.Reports, corpusSentences(ctx, r.opts))
	if err != nil {
		return nil, fmt.Errorf("%w; the checkpoints are kept: fix the cause and run the same command with --resume", explainWriteError(err))
	}
	r.staged = true
	if err := decideAndPublish(r.opts.Out, r.work, r.state); err != nil {
		return nil, fmt.Errorf("%w; the run is complete in %s: run the same command with --resume to put its files in place", explainWriteError(err), r.work)
	}
	if reportErr != nil {
		return r.man, fmt.Errorf("%w: %v", ErrReports, reportErr)
	}
	return r.man, nil
}

// completeManifest records the run's counts, this invocation's speed and
// what the walk passed over, once every input is written.
func (r *prepared) completeManifest(in *feed, st Stats) {
	m := r.man
	end := time.Now().UTC()
	secs := end.Sub(r.begin).Seconds()
	m.End, m.DurationSeconds = end, end.Sub(r.state.Start).Seconds()
	m.Inputs, m.Rows, m.Errors, m.Bytes, m.Warnings = st.Inputs, st.Rows, st.Errors, st.Bytes, st.Warnings
	if secs > 0 {
		// Throughput of this invocation, over the inputs it scored itself.
		m.PostsPerSecond = float64(st.Inputs-r.kept.Inputs) / secs
		m.MBPerSecond = float64(st.Bytes-r.kept.Bytes) / 1e6 / secs
	}
	m.HiddenSkipped, m.LoopsSkipped, m.OutputsSkipped = in.walker.Hidden, in.walker.Loops, in.walker.Outputs
	m.Skipped, m.Excluded = in.walker.Skipped, in.walker.Excluded
}

// failure is the error of a run that did not write every input, saying
// what a resume will find; nil when it did. A write that failed comes
// first (--max-errors drops the checkpoints: the same inputs would fail
// again), then the feed's failure (poolErr, when the write did not fail),
// then an interruption.
func (r *prepared) failure(ctx context.Context, out *partWriter, poolErr error) error {
	checkpointed := r.state.inputs()
	switch {
	case errors.Is(out.err, ErrTooManyErrors):
		os.RemoveAll(r.work)
		return out.err
	case out.err != nil:
		return fmt.Errorf("%w; the %d inputs checkpointed so far are kept: fix the cause and run the same command with --resume", explainWriteError(out.err), checkpointed)
	case poolErr != nil:
		return poolErr
	case ctx.Err() != nil:
		return fmt.Errorf("%w after %d inputs (%d rows, %d errors); %d inputs are checkpointed in %s: run the same command with --resume to continue", ErrInterrupted, out.st.Inputs, out.st.Rows, out.st.Errors, checkpointed, r.opts.Out)
	}
	return nil
}

// stageFinal copies the parts not yet in the final files into them, puts
// them in the stage folder with the reports, and writes the staged manifest
// last (commit.go's step 1). A failure of the reports alone does not stop
// the run: they are left out, and the error returned as reportErr.
func stageFinal(work string, state *runState, man *Manifest, final *finalFiles, render func(string, *Manifest) (map[string][]byte, error), texts textSource) (reportErr, err error) {
	stage := filepath.Join(work, stageDirName)
	if err := final.copyIn(work, state.Parts); err != nil {
		return nil, err
	}
	if err := final.commit(man.KeyValues(), true); err != nil {
		return nil, err
	}
	man.Files = []FileStamp{final.scores.file.stamp(), final.errs.file.stamp()}
	if man.Shard == nil && man.Duplicates != nil { // a shard's clusters would be part of the corpus's: merge finds them
		dups, err := writeDuplicates(stage, *man.Duplicates, man.KeyValues(), texts)
		if err != nil {
			return nil, fmt.Errorf("finding the near-duplicates: %w", err)
		}
		man.Files = append(man.Files, dups)
	}
	if err := man.write(stage); err != nil {
		return nil, err
	}
	if render == nil {
		return nil, nil
	}
	docs, reportErr := render(stage, man)
	if reportErr != nil {
		return reportErr, nil
	}
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		if filepath.Base(name) != name || name == ManifestName || name == ScoresName || name == ErrorsName || name == DuplicatesName {
			return nil, fmt.Errorf("a report may not be named %q", name)
		}
		stamp, err := writeFileStamped(filepath.Join(stage, name), docs[name])
		if err != nil {
			return nil, err
		}
		man.Files = append(man.Files, stamp)
	}
	return nil, man.write(stage)
}

// decideAndPublish marks the staged run complete (commit.go's step 2), puts
// its files in place (step 3) and removes the work directory.
func decideAndPublish(out, work string, state *runState) error {
	crashAt("staged")
	staged, err := stampFile(filepath.Join(work, stageDirName, ManifestName))
	if err != nil {
		return err
	}
	state.Phase, state.Staged = phasePublish, staged
	if err := state.write(work); err != nil {
		return err
	}
	crashAt("decided")
	if err := publish(out, work, state); err != nil {
		return err
	}
	if err := os.RemoveAll(work); err != nil {
		return fmt.Errorf("removing %s: %w", work, err)
	}
	return nil
}
