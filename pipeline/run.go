package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/scoring"
)

// Options configure a scoring run.
type Options struct {
	Corpus       []string // files or directories
	Out          string   // output directory
	AsOf         features.Date
	Model        *scoring.Model
	Workers      int   // parallel parse/measure/score workers (0: all cores)
	Force        bool  // replace results already in Out
	MaxErrors    int64 // fail the run when error rows exceed it (< 0: no limit)
	MaxBytes     int64 // a larger file is an error row (0: DefaultMaxBytes)
	RowGroupRows int   // rows per Parquet row group (0: DefaultRowGroupRows)
	Format       string
	CommandLine  []string
	Progress     Progress // nil: silent
}

// DefaultMaxBytes is the largest file read as one post (16 MiB).
const DefaultMaxBytes = 16 << 20

// Output file names in OUT.
const (
	ScoresName = "scores.parquet"
	ErrorsName = "errors.parquet"
)

// DocInfo is what the pipeline knows of one input beyond its post.
type DocInfo struct {
	DocPath  string
	SHA256   string
	Format   string
	Language string
}

// Stats are the running counts of a run.
type Stats struct {
	Inputs, Rows, Errors, Bytes, Warnings int64
	Total                                 int64 // inputs found so far by the counter; -1 until it finishes
	Elapsed                               time.Duration
}

// ErrTooManyErrors is returned when error rows exceed --max-errors.
var ErrTooManyErrors = errors.New("too many error rows")

// ErrInterrupted is returned when the run was cancelled (a signal).
var ErrInterrupted = errors.New("interrupted")

// ErrOutputExists is returned when Out already holds results and Force is off.
var ErrOutputExists = errors.New("output directory already holds results")

type job struct {
	seq int64
	in  Input
}

type result struct {
	seq   int64
	row   *Row
	err   *ErrorRow
	bytes int64
}

// Run scores the corpus into opts.Out and returns the manifest it wrote.
func Run(ctx context.Context, opts Options) (*Manifest, error) {
	start := time.Now().UTC()
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.RowGroupRows <= 0 {
		opts.RowGroupRows = DefaultRowGroupRows
	}
	if opts.Format == "" {
		opts.Format = "post"
	}
	if opts.Model == nil {
		opts.Model = scoring.DefaultModel()
	}
	if err := prepareOut(opts.Out, opts.Force); err != nil {
		return nil, err
	}
	prov := &Provenance{ScorerVersion: Version, ModelName: opts.Model.Name, ModelVersion: opts.Model.Version, ModelHash: opts.Model.Hash()}
	man := &Manifest{
		PostscoreVersion: Version, ModelName: opts.Model.Name, ModelVersion: opts.Model.Version,
		ModelHash: opts.Model.Hash(), ModelFile: opts.Model.File(), HalfLifeDays: opts.Model.HalfLifeDays, AsOf: opts.AsOf.String(),
		CommandLine: opts.CommandLine, Corpus: opts.Corpus, Format: opts.Format, Workers: opts.Workers,
		MaxBytes: opts.MaxBytes, Start: start, ErrorsByKind: map[string]int64{}, WarningsByKind: map[string]int64{},
	}

	scores, err := newParquetSink[Row](filepath.Join(opts.Out, ScoresName), opts.RowGroupRows, Version)
	if err != nil {
		return nil, explainWriteError(err)
	}
	errs, err := newParquetSink[ErrorRow](filepath.Join(opts.Out, ErrorsName), opts.RowGroupRows, Version)
	if err != nil {
		scores.Abort()
		return nil, explainWriteError(err)
	}
	abort := func() { scores.Abort(); errs.Abort() }

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	// Count the inputs alongside, for the progress bar's ETA.
	var total atomic.Int64
	total.Store(-1)
	if opts.Progress != nil && opts.Progress.WantsTotal() {
		go func() {
			if n, err := countInputs(ctx, opts.Corpus); err == nil {
				total.Store(n)
			}
		}()
	}

	// The window bounds the inputs in flight (read, being scored, or waiting
	// for their turn to be written), so memory does not grow with the corpus.
	window := make(chan struct{}, opts.Workers*32)
	jobs := make(chan job, opts.Workers*4)
	results := make(chan result, opts.Workers*4)

	var walkErr error
	var seq int64
	wk := newWalker(opts.Corpus, func(in Input) error {
		select {
		case window <- struct{}{}:
		case <-ctx.Done():
			return errStop
		}
		select {
		case jobs <- job{seq: seq, in: in}:
		case <-ctx.Done():
			return errStop
		}
		seq++
		return nil
	})
	go func() {
		defer close(jobs)
		if err := wk.Walk(ctx); err != nil && !errors.Is(err, errStop) && ctx.Err() == nil {
			walkErr = err
			cancel(err)
		}
	}()

	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := worker{opts: &opts, prov: prov}
			for j := range jobs {
				r := w.process(j)
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// Collect in input order.
	pending := map[int64]result{}
	var next int64
	var st Stats
	var writeErr error
	lastProgress := time.Now()
	for r := range results {
		if writeErr != nil || ctx.Err() != nil {
			continue // drain
		}
		pending[r.seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			st.Inputs++
			st.Bytes += r.bytes
			if r.row != nil {
				st.Rows++
				if len(r.row.Warnings) > 0 {
					man.PostsWithWarning++
				}
				for _, w := range r.row.Warnings {
					man.WarningsByKind[features.WarningKind(w)]++
					st.Warnings++
				}
				writeErr = scores.Write(*r.row)
			} else {
				st.Errors++
				man.ErrorsByKind[r.err.Kind]++
				writeErr = errs.Write(*r.err)
				if opts.MaxErrors >= 0 && st.Errors > opts.MaxErrors {
					writeErr = fmt.Errorf("%w: %d error rows, over --max-errors %d (see the reasons with --max-errors -1, or fix the inputs)", ErrTooManyErrors, st.Errors, opts.MaxErrors)
				}
			}
			if writeErr != nil {
				cancel(writeErr)
				break
			}
		}
		if opts.Progress != nil && time.Since(lastProgress) >= 200*time.Millisecond {
			lastProgress = time.Now()
			st.Total, st.Elapsed = total.Load(), time.Since(start)
			opts.Progress.Update(st)
		}
	}
	st.Total, st.Elapsed = total.Load(), time.Since(start)
	if opts.Progress != nil {
		opts.Progress.Update(st)
	}

	switch {
	case writeErr != nil:
		abort()
		return nil, explainWriteError(writeErr)
	case walkErr != nil:
		abort()
		return nil, walkErr
	case ctx.Err() != nil:
		abort()
		return nil, fmt.Errorf("%w after %d of the corpus's inputs (%d rows, %d errors); nothing final was written", ErrInterrupted, st.Inputs, st.Rows, st.Errors)
	}

	end := time.Now().UTC()
	secs := end.Sub(start).Seconds()
	man.End, man.DurationSeconds = end, secs
	man.Inputs, man.Rows, man.Errors, man.Bytes, man.Warnings = st.Inputs, st.Rows, st.Errors, st.Bytes, st.Warnings
	if secs > 0 {
		man.PostsPerSecond = float64(st.Inputs) / secs
		man.MBPerSecond = float64(st.Bytes) / 1e6 / secs
	}
	man.HiddenSkipped, man.LoopsSkipped = wk.Hidden, wk.Loops
	man.Files = []string{ScoresName, ErrorsName, ManifestName}
	kv := man.KeyValues()
	if err := scores.Commit(kv); err != nil {
		errs.Abort()
		return nil, explainWriteError(err)
	}
	if err := errs.Commit(kv); err != nil {
		return nil, explainWriteError(err)
	}
	if err := man.write(opts.Out); err != nil {
		return nil, explainWriteError(err)
	}
	return man, nil
}

// prepareOut creates Out, refusing one that already holds results unless
// force; with force, the old manifest goes first so that it never describes
// new files.
func prepareOut(out string, force bool) error {
	if out == "" {
		return errors.New("no output directory (-o OUT)")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("creating output directory: %w", err)
	}
	var found []string
	for _, name := range []string{ScoresName, ErrorsName, ManifestName} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			found = append(found, name)
		}
	}
	if len(found) > 0 && !force {
		return fmt.Errorf("%w: %s has %v; pass --force to replace them, or choose another -o", ErrOutputExists, out, found)
	}
	if force {
		if err := os.Remove(filepath.Join(out, ManifestName)); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("removing the old manifest: %w", err)
		}
	}
	// Probe that Out is writable now rather than after the whole corpus.
	probe, err := os.CreateTemp(out, ".postscore-probe-*")
	if err != nil {
		return fmt.Errorf("output directory %s is not writable: %w", out, unwrapPath(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// worker turns one input into a row or an error row.
type worker struct {
	opts *Options
	prov *Provenance
	m    features.Measurer
}

func (w *worker) process(j job) (res result) {
	res.seq = j.seq
	in := j.in
	if in.Err != nil {
		e := *in.Err
		e.DocPath = in.DocPath
		res.err = &e
		return res
	}
	data, rerr := readLimited(in.Path, w.opts.MaxBytes)
	if rerr != nil {
		rerr.DocPath = in.DocPath
		res.err = rerr
		return res
	}
	res.bytes = int64(len(data))
	stage := StageParse
	defer func() {
		// A bug must not stop the batch: the input becomes an error row.
		if p := recover(); p != nil {
			res.row = nil
			res.err = &ErrorRow{DocPath: in.DocPath, Stage: stage, Kind: "internal_error",
				Reason: fmt.Sprintf("postscore failed on this input (please report it): %v\n%s", p, debug.Stack())}
		}
	}()
	post, err := parseDoc(w.opts.Format, data)
	if err != nil {
		kind, ok := features.IsParseError(err)
		if !ok {
			kind = "parse_failed"
		}
		res.err = &ErrorRow{DocPath: in.DocPath, Stage: StageParse, Kind: kind, Reason: err.Error()}
		return res
	}
	stage = StageMeasure
	f := w.m.Measure(post, w.opts.AsOf)
	stage = StageScore
	s := w.opts.Model.Score(f)
	sum := sha256.Sum256(data)
	doc := DocInfo{DocPath: in.DocPath, SHA256: hex.EncodeToString(sum[:]), Format: w.opts.Format, Language: "und"}
	row := BuildRow(&doc, post, f, &s, w.prov)
	res.row = &row
	return res
}

// parseDoc parses one input in the given format.
func parseDoc(format string, data []byte) (*features.Post, error) {
	switch format {
	case "post":
		return features.Parse(data)
	case "text":
		return features.ParsePlainText(data)
	}
	return nil, fmt.Errorf("unknown format %q", format)
}

// countInputs counts the files under the roots (for the ETA only).
func countInputs(ctx context.Context, roots []string) (int64, error) {
	var n int64
	w := newWalker(roots, func(Input) error {
		n++
		return ctx.Err()
	})
	err := w.Walk(ctx)
	return n, err
}
