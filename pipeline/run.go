package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/pipeline/inorder"
	"github.com/alphanode/postscore/scoring"
)

// Options configure a scoring run.
type Options struct {
	Corpus       []string // files or directories
	Out          string   // output directory
	AsOf         post.Date
	Model        *scoring.Model
	Workers      int   // parallel parse/measure/score workers (0: all cores)
	Force        bool  // replace results (or an interrupted run) already in Out
	Resume       bool  // continue the interrupted run in Out
	MaxErrors    int64 // fail the run when error rows exceed it (< 0: no limit)
	MaxBytes     int64 // a larger file is an error row (0: DefaultMaxBytes)
	RowGroupRows int   // rows per Parquet row group (0: DefaultRowGroupRows)
	// CheckpointInputs is how many inputs one checkpointed part holds
	// (0: DefaultCheckpointInputs).
	CheckpointInputs int64
	Format           string // auto (default), post, markdown, text, jsonl, parquet
	FollowLinks      bool   // follow links that lead out of the CORPUS arguments
	TextField        string // JSONL and Parquet: the text field (default "text")
	IDField          string // JSONL and Parquet: the id field (default "id")
	CommandLine      []string
	Progress         Progress // nil: silent
	// OnRow and OnError, when set, are called with each row and each error
	// row as it is written, in input order, from one goroutine; they must
	// not keep r or e or their slices. On a resumed run they see only the
	// inputs this run scores.
	OnRow   func(r *Row)
	OnError func(e *ErrorRow)
	// Finish, when set, is called once every input is scored and its row
	// written, with the run's finished manifest (which it must not change),
	// while the last part is committed and the final files are assembled:
	// it must not read them. Run returns when both are done; when the run
	// fails after all (a full disk at the end), it returns the error, and
	// what Finish made must be dropped.
	Finish func(man *Manifest)
	// Reports, when set, renders the run's reports once its data files are
	// staged: dir holds scores.parquet, errors.parquet and manifest.json as
	// they will be published (Finish has returned). It returns each report's
	// file name and contents, which are committed with the run; when it
	// fails, the run is committed without them and Run returns ErrReports.
	Reports func(dir string, man *Manifest) (map[string][]byte, error)
	// Notice, when set, is told what the user should know that is not an
	// error (a checkpoint that could not be reused, a commit completed).
	Notice func(msg string)
}

// DefaultMaxBytes is the largest file read as one post (4 MiB: sixty times
// the longest of 764 real blog posts; a larger one is an error row unless
// --max-bytes says otherwise, and memory grows with it: see MemoryLimit).
const DefaultMaxBytes = 4 << 20

// A post being parsed and measured allocates at most
// features.MaxAllocPerByte bytes for each byte of its text, even on posts
// built to be expensive (a million blank lines, one word repeated). Posts are
// admitted to the workers within postMemory of that cost, so that large
// posts are measured one after another, not side by side, whatever --workers
// is; one post is always admitted, however large.
const (
	postCostPerByte = features.MaxAllocPerByte
	postMemory      = 256 << 20
)

// baseMemory is what a run holds besides the posts being measured (the
// Parquet writers' buffers, the reports' summary) when the posts are large:
// the inputs in flight and the results waiting are bounded by bytes too
// (feedBytes, orderedBytes), and are few then.
const baseMemory = 64 << 20

// MemoryLimit is the heap a run needs at most with posts of up to maxBytes:
// a soft limit for Go's collector (debug.SetMemoryLimit), which then
// collects before the heap doubles instead of after.
func MemoryLimit(maxBytes int64) int64 {
	return baseMemory + max(postMemory, postCostPerByte*maxBytes)
}

// MaxPostBytes bounds MaxBytes: a post's words and offsets are counted in
// 32 bits (1 GiB leaves room for any offset and count).
const MaxPostBytes = 1 << 30

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

// ErrOutputBusy is returned when another run is writing to Out.
var ErrOutputBusy = errors.New("output directory in use")

// ErrReports is returned, with the manifest, when the run is committed but
// its reports could not be made.
var ErrReports = errors.New("the scores are written, but the reports failed")

// ErrCannotResume is returned when --resume finds nothing to resume, or a
// run that differs from this one.
var ErrCannotResume = errors.New("cannot resume")

type job struct {
	seq int64
	in  Input
}

type result struct {
	seq     int64
	docPath string
	src     sourceStamp // what the input's file was, for a resume's check
	row     *Row
	err     *ErrorRow
	bytes   int64
}

// Run scores the corpus into opts.Out and returns the manifest it wrote.
func Run(ctx context.Context, opts Options) (*Manifest, error) {
	begin := time.Now()
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if err := CheckMaxBytes(opts.MaxBytes); err != nil {
		return nil, err
	}
	if opts.RowGroupRows <= 0 {
		opts.RowGroupRows = DefaultRowGroupRows
	}
	if opts.CheckpointInputs <= 0 {
		opts.CheckpointInputs = DefaultCheckpointInputs
	}
	if opts.Format == "" {
		opts.Format = FormatAuto
	}
	if opts.TextField == "" {
		opts.TextField = "text"
	}
	if opts.IDField == "" {
		opts.IDField = "id"
	}
	if opts.Model == nil {
		opts.Model = scoring.DefaultModel()
	}
	ident := runIdentity{PostscoreVersion: Version, ModelHash: opts.Model.Hash(), AsOf: opts.AsOf.String(),
		Format: opts.Format + " " + opts.TextField + " " + opts.IDField, MaxBytes: opts.MaxBytes, PartInputs: opts.CheckpointInputs}
	for _, c := range opts.Corpus {
		abs, err := filepath.Abs(c)
		if err != nil {
			return nil, fmt.Errorf("corpus %s: %w", c, err)
		}
		ident.Corpus = append(ident.Corpus, abs)
	}
	work := filepath.Join(opts.Out, WorkDirName)
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return nil, fmt.Errorf("creating output directory: %w", err)
	}
	unlock, err := LockOut(opts.Out)
	if err != nil {
		return nil, err
	}
	defer unlock()
	docOpts := docOptions{TextField: opts.TextField, IDField: opts.IDField, MaxBytes: opts.MaxBytes}
	fd := &feed{corpus: opts.Corpus, format: opts.Format, docOpts: docOpts, followLinks: opts.FollowLinks}
	state, done, err := prepareRun(ctx, opts, work, ident, fd)
	if err != nil || done != nil {
		return done, err
	}
	final, err := openFinal(filepath.Join(work, stageDirName), work, opts.RowGroupRows)
	if err != nil {
		return nil, err
	}
	finalDone := false
	defer func() {
		if !finalDone {
			final.abort()
		}
	}()
	prov := &Provenance{ScorerVersion: Version, ModelName: opts.Model.Name, ModelVersion: opts.Model.Version, ModelHash: opts.Model.Hash()}
	man := &Manifest{
		PostscoreVersion: Version, ModelName: opts.Model.Name, ModelVersion: opts.Model.Version,
		ModelHash: opts.Model.Hash(), ModelFile: opts.Model.File(), HalfLifeDays: opts.Model.HalfLifeDays, AsOf: opts.AsOf.String(),
		CommandLine: opts.CommandLine, Corpus: opts.Corpus, Format: opts.Format, Workers: opts.Workers,
		MaxBytes: opts.MaxBytes, Start: state.Start, Resumes: state.Resumes, ErrorsByKind: map[string]int64{}, WarningsByKind: map[string]int64{},
	}
	// What the committed parts already hold.
	var st Stats
	for _, p := range state.Parts {
		st.Inputs += p.Inputs
		st.Rows += p.Rows
		st.Errors += p.Errors
		st.Bytes += p.Bytes
		st.Warnings += p.Warnings
		man.PostsWithWarning += p.PostsWithWarning
		for k, v := range p.WarningsByKind {
			man.WarningsByKind[k] += v
		}
		for k, v := range p.ErrorsByKind {
			man.ErrorsByKind[k] += v
		}
	}
	skip := st.Inputs
	skippedBytes := st.Bytes

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	// Count the inputs alongside, for the progress bar's ETA.
	var total atomic.Int64
	total.Store(-1)
	if opts.Progress != nil && opts.Progress.WantsTotal() {
		go func() {
			if n, err := countInputs(ctx, opts.Corpus, opts.FollowLinks); err == nil {
				total.Store(n)
			}
		}()
	}

	// The window bounds the inputs in flight (read, being scored, or waiting
	// for their turn to be written), so memory does not grow with the corpus.
	// The queues to and from the workers can hold the whole window: with
	// every core busy, the walker and the orderer run only now and then, and
	// a worker must not wait for them between two posts.
	window := make(chan struct{}, opts.Workers*32)
	jobs := make(chan job, opts.Workers*32)
	results := make(chan result, opts.Workers*32)

	walkDone := make(chan error, 1) // the walk's error, once it has ended
	var seq int64
	skipPart, skipHash := 0, sha256.New()
	var skipInPart int64
	// Documents the feed has read (the lines and rows of JSONL and Parquet
	// corpora) wait for a worker with their text: at most feedBytes of it,
	// whatever --max-bytes lets one document be.
	feedBudget := newByteBudget(feedBytes)
	context.AfterFunc(ctx, feedBudget.unblock)
	emitDoc := func(in Input) error {
		if seq < skip {
			// Already in a committed part: check the corpus still lists the same inputs.
			io.WriteString(skipHash, in.DocPath+"\n")
			skipInPart++
			seq++
			if p := state.Parts[skipPart]; skipInPart == p.Inputs {
				if hex.EncodeToString(skipHash.Sum(nil)) != p.DocPathsSHA256 {
					return fmt.Errorf("%w: the corpus has changed since the interrupted run (the inputs up to %s are not the ones checkpointed); score it again with --force", ErrCannotResume, in.DocPath)
				}
				skipPart, skipInPart = skipPart+1, 0
				skipHash.Reset()
			}
			return nil
		}
		feedBudget.acquire(int64(len(in.Data)))
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
	}
	go func() {
		defer close(jobs)
		err := fd.walk(ctx, emitDoc)
		if err == nil && seq < skip {
			err = fmt.Errorf("%w: the corpus now lists %d inputs, fewer than the %d checkpointed; score it again with --force", ErrCannotResume, seq, skip)
		}
		if err != nil && (errors.Is(err, errStop) || ctx.Err() != nil) {
			err = nil // stopped by the run: the run's own error says why
		}
		if err != nil {
			cancel(err)
		}
		walkDone <- err
	}()

	postBudget := newByteBudget(postMemory)
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := worker{opts: &opts, prov: prov, memory: postBudget}
			for j := range jobs {
				r := w.process(j)
				feedBudget.release(int64(len(j.in.Data)))
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// Results are put in input order by a goroutine of their own and written
	// by this one, so that workers keep scoring while the writer encodes a
	// row group or commits a part (about 0.1 s, long enough for the window
	// of inputs in flight to fill and stop the workers). Results waiting for
	// the writer hold their posts' text: at most orderedBytes of it.
	ordered := make(chan result, orderedRows)
	budget := newByteBudget(orderedBytes)
	go func() {
		defer close(ordered)
		inorder.Drain(results, func(r result) int64 { return r.seq }, skip, func(r result) {
			budget.acquire(r.bytes)
			<-window
			ordered <- r
		})
	}()

	// Write in input order into checkpointed parts.
	var cur, prev *part // the part being written, the last one committed
	var writeErr error
	lastProgress := time.Now()
	// commitPart commits the current part as a checkpoint: synced, in the
	// state, copied into the final files. The last part is none: the final
	// files are assembled and synced right after it, and a run killed before
	// they are in place resumes from the part before it.
	commitPart := func(last bool) error {
		if err := cur.commit(!last); err != nil {
			return err
		}
		state.Parts = append(state.Parts, cur.info)
		cur, prev = nil, cur
		if last {
			return nil
		}
		if err := state.write(work); err != nil {
			return err
		}
		return final.add(work, state.Parts)
	}
	for r := range ordered {
		if writeErr != nil || ctx.Err() != nil {
			budget.release(r.bytes)
			continue // drain
		}
		if cur == nil {
			cur, writeErr = newPart(work, len(state.Parts), opts.RowGroupRows, prev)
		}
		if writeErr == nil {
			writeErr = collect(&r, cur, &st, man)
			switch {
			case writeErr != nil:
			case r.row != nil && opts.OnRow != nil:
				opts.OnRow(r.row)
			case r.err != nil && opts.OnError != nil:
				opts.OnError(r.err)
			}
		}
		budget.release(r.bytes)
		if writeErr == nil && opts.MaxErrors >= 0 && st.Errors > opts.MaxErrors {
			writeErr = fmt.Errorf("%w: %d error rows, over --max-errors %d (see the reasons with --max-errors -1, or fix the inputs)", ErrTooManyErrors, st.Errors, opts.MaxErrors)
		}
		if writeErr == nil && cur.info.Inputs == opts.CheckpointInputs {
			writeErr = commitPart(false)
		}
		if writeErr != nil {
			cancel(writeErr)
			continue
		}
		if opts.Progress != nil && time.Since(lastProgress) >= 200*time.Millisecond {
			lastProgress = time.Now()
			st.Total, st.Elapsed = total.Load(), time.Since(begin)
			opts.Progress.Update(st)
		}
	}
	walkErr := <-walkDone // the run has ended or is cancelled: the walk ends too
	// Every input is scored and written, unless the run failed: the manifest
	// is complete, and Finish (the reports) runs while the last part is
	// committed and the final files are assembled.
	var finish sync.WaitGroup
	defer finish.Wait() // on every return: Finish, and the removal of the work directory
	if writeErr == nil && walkErr == nil && ctx.Err() == nil {
		end := time.Now().UTC()
		secs := end.Sub(begin).Seconds()
		man.End, man.DurationSeconds = end, end.Sub(state.Start).Seconds()
		man.Inputs, man.Rows, man.Errors, man.Bytes, man.Warnings = st.Inputs, st.Rows, st.Errors, st.Bytes, st.Warnings
		if secs > 0 {
			// Throughput of this invocation, over the inputs it scored itself.
			man.PostsPerSecond = float64(st.Inputs-skip) / secs
			man.MBPerSecond = float64(st.Bytes-skippedBytes) / 1e6 / secs
		}
		man.HiddenSkipped, man.LoopsSkipped, man.OutputsSkipped = fd.walker.Hidden, fd.walker.Loops, fd.walker.Outputs
		last := cur != nil && cur.info.Inputs > 0
		if last {
			// The workers are done: the last part's pages are encoded on
			// every core, before the reports take one.
			writeErr = cur.scores.flushColumns(opts.Workers)
		}
		if opts.Finish != nil {
			finish.Go(func() { opts.Finish(man) })
		}
		if last && writeErr == nil {
			writeErr = commitPart(true)
		}
	}
	if cur != nil {
		cur.abort()
	}
	st.Total, st.Elapsed = total.Load(), time.Since(begin)
	if opts.Progress != nil {
		opts.Progress.Update(st)
	}
	checkpointed := state.inputs()
	switch {
	case errors.Is(writeErr, ErrTooManyErrors):
		os.RemoveAll(work)
		return nil, writeErr
	case writeErr != nil:
		return nil, fmt.Errorf("%w; the %d inputs checkpointed so far are kept: fix the cause and run the same command with --resume", explainWriteError(writeErr), checkpointed)
	case walkErr != nil:
		return nil, walkErr
	case ctx.Err() != nil:
		return nil, fmt.Errorf("%w after %d inputs (%d rows, %d errors); %d inputs are checkpointed in %s: run the same command with --resume to continue", ErrInterrupted, st.Inputs, st.Rows, st.Errors, checkpointed, opts.Out)
	}

	// Every input is in a committed part: stage the final files, then put
	// them in place (commit.go).
	finish.Wait()
	reportErr, err := stageFinal(work, state, man, final, opts.Reports)
	if err != nil {
		return nil, fmt.Errorf("%w; the checkpoints are kept: fix the cause and run the same command with --resume", explainWriteError(err))
	}
	finalDone = true
	if err := decideAndPublish(opts.Out, work, state); err != nil {
		return nil, fmt.Errorf("%w; the run is complete in %s: run the same command with --resume to put its files in place", explainWriteError(err), work)
	}
	if reportErr != nil {
		return man, fmt.Errorf("%w: %v", ErrReports, reportErr)
	}
	return man, nil
}

// collect adds one input's result to the current part and the counts.
func collect(r *result, p *part, st *Stats, man *Manifest) error {
	p.hashPath(r.docPath)
	p.listInput(r.docPath, r.src)
	p.info.LastDocPath = r.docPath
	p.info.Inputs++
	p.info.Bytes += r.bytes
	st.Inputs++
	st.Bytes += r.bytes
	if r.row != nil {
		st.Rows++
		p.info.Rows++
		if len(r.row.Warnings) > 0 {
			man.PostsWithWarning++
			p.info.PostsWithWarning++
		}
		for _, w := range r.row.Warnings {
			k := post.WarningKind(w)
			man.WarningsByKind[k]++
			p.info.WarningsByKind[k]++
			st.Warnings++
			p.info.Warnings++
		}
		return p.scores.Write(*r.row)
	}
	st.Errors++
	p.info.Errors++
	man.ErrorsByKind[r.err.Kind]++
	p.info.ErrorsByKind[r.err.Kind]++
	return p.errs.Write(*r.err)
}

// stageFinal copies the parts not yet in the final files into them, puts
// them in the stage folder with the reports, and writes the staged manifest
// last (commit.go's step 1). A failure of the reports alone does not stop
// the run: they are left out, and the error returned as reportErr.
func stageFinal(work string, state *runState, man *Manifest, final *finalFiles, render func(string, *Manifest) (map[string][]byte, error)) (reportErr, err error) {
	stage := filepath.Join(work, stageDirName)
	if err := final.copyIn(work, state.Parts); err != nil {
		return nil, err
	}
	if err := final.commit(man.KeyValues(), true); err != nil {
		return nil, err
	}
	man.Files = []FileStamp{final.scores.file.stamp(), final.errs.file.stamp()}
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
		if filepath.Base(name) != name || name == ManifestName || name == ScoresName || name == ErrorsName {
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

// prepareRun readies Out: it completes a commit that a killed run left
// half done, then a fresh run refuses an Out that holds results or an
// interrupted run unless force; a resume needs an interrupted run made the
// same way, and keeps only the parts it can trust (resume.go). It returns
// the run's state (fresh, or the interrupted one's), or, when a resume
// finds the run already complete, its manifest.
func prepareRun(ctx context.Context, opts Options, work string, ident runIdentity, fd *feed) (*runState, *Manifest, error) {
	out := opts.Out
	if out == "" {
		return nil, nil, errors.New("no output directory (-o OUT)")
	}
	// Probe that Out is writable now rather than after the whole corpus.
	probe, err := os.CreateTemp(out, ".postscore-probe-*")
	if err != nil {
		return nil, nil, fmt.Errorf("output directory %s is not writable: %w; choose another -o or fix its permissions", out, unwrapPath(err))
	}
	probe.Close()
	os.Remove(probe.Name())

	recovered, err := recoverCommit(out, work)
	switch {
	case err != nil && opts.Force:
		opts.notice(fmt.Sprintf("%v; with --force, starting over", err))
	case err != nil:
		return nil, nil, fmt.Errorf("%w; or start over with --force", err)
	case recovered != nil:
		opts.notice(fmt.Sprintf("the run in %s had been interrupted while its files were put in place; they are now", out))
		if opts.Resume {
			if diff := recovered.Identity.differences(ident); len(diff) > 0 {
				return nil, nil, fmt.Errorf("%w: the interrupted run in %s, now complete, was made differently: %s", ErrCannotResume, out, strings.Join(diff, "; "))
			}
			man, err := ReadManifest(out)
			return nil, man, err
		}
	}
	old, err := readState(work)
	switch {
	case opts.Resume && errors.Is(err, os.ErrNotExist):
		return nil, nil, fmt.Errorf("%w: %s holds no interrupted run (no %s); run without --resume", ErrCannotResume, out, filepath.Join(WorkDirName, stateName))
	case opts.Resume && err != nil:
		return nil, nil, fmt.Errorf("%w: %v; start over with --force", ErrCannotResume, err)
	case opts.Resume:
		if diff := old.Identity.differences(ident); len(diff) > 0 {
			return nil, nil, fmt.Errorf("%w: the interrupted run in %s was made differently: %s; run it as before, or start over with --force", ErrCannotResume, out, strings.Join(diff, "; "))
		}
		cleanWork(work)
		if err := trustedParts(ctx, opts, work, old, fd); err != nil {
			return nil, nil, err
		}
		old.Resumes++
		return old, nil, nil
	}
	var found []string
	for _, name := range []string{ScoresName, ErrorsName, ManifestName} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			found = append(found, name)
		}
	}
	if old != nil && !opts.Force {
		return nil, nil, fmt.Errorf("%w: %s holds an interrupted run (%d inputs checkpointed); pass --resume to continue it, or --force to start over", ErrOutputExists, out, old.inputs())
	}
	if len(found) > 0 && !opts.Force {
		return nil, nil, fmt.Errorf("%w: %s has %v; pass --force to replace them, or choose another -o", ErrOutputExists, out, found)
	}
	// With --force, the previous run stays in place until this one is
	// published; only an interrupted run's checkpoints are dropped.
	if err := os.RemoveAll(work); err != nil {
		return nil, nil, fmt.Errorf("removing the old checkpoints: %w", err)
	}
	st := &runState{Identity: ident, Start: time.Now().UTC(), CommandLine: opts.CommandLine}
	return st, nil, createWork(out, work, st)
}

// createWork makes the work directory with its state in it, under a
// temporary name renamed into place: a work directory always has a state.
func createWork(out, work string, st *runState) error {
	leftovers, _ := filepath.Glob(filepath.Join(out, WorkDirName+".tmp-*"))
	for _, dir := range leftovers {
		os.RemoveAll(dir)
	}
	tmp, err := os.MkdirTemp(out, WorkDirName+".tmp-")
	if err != nil {
		return fmt.Errorf("creating %s: %w", work, err)
	}
	if err := st.write(tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, work); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("creating %s: %w", work, err)
	}
	return nil
}

// trustedParts drops, from the first part that fails resume.go's checks,
// the parts a resume cannot reuse, saying why.
func trustedParts(ctx context.Context, opts Options, work string, st *runState, fd *feed) error {
	keep, why := verifyParts(work, st.Parts)
	unchanged, whyChanged, err := verifyInputs(ctx, fd, work, st.Parts[:keep])
	if err != nil {
		return fmt.Errorf("checking the checkpointed inputs: %w", err)
	}
	if unchanged < keep {
		keep, why = unchanged, whyChanged
	}
	if keep == len(st.Parts) {
		return nil
	}
	opts.notice(fmt.Sprintf("resume: %s; the inputs from checkpoint %d on (%d of %d checkpointed) are scored again", why, keep, st.inputs()-inputsOf(st.Parts[:keep]), st.inputs()))
	st.Parts = st.Parts[:keep]
	return st.write(work)
}

func inputsOf(parts []partInfo) int64 {
	var n int64
	for _, p := range parts {
		n += p.Inputs
	}
	return n
}

// notice tells the user something worth knowing that is not an error.
func (o Options) notice(msg string) {
	if o.Notice != nil {
		o.Notice(msg)
	}
}

// feed lists a run's documents in input order: the files the walker finds,
// each JSONL or Parquet corpus file expanded into its lines or rows.
type feed struct {
	corpus      []string
	format      string
	docOpts     docOptions
	followLinks bool
	walker      *walker // the last walk's, for what it skipped
}

func (f *feed) walk(ctx context.Context, emitDoc func(Input) error) error {
	f.walker = newWalker(f.corpus, func(in Input) error {
		if in.Err != nil {
			return emitDoc(in)
		}
		in.Format = fileFormat(f.format, in.Path)
		expand := jsonlDocs
		switch in.Format {
		case FormatJSONL:
		case FormatParquet:
			expand = parquetDocs
		default:
			return emitDoc(in)
		}
		src := statSource(in.Path) // before the file is read
		return expand(ctx, in, f.docOpts, func(doc Input) error {
			doc.src = src
			return emitDoc(doc)
		})
	})
	f.walker.FollowLinks = f.followLinks
	return f.walker.Walk(ctx)
}

// worker turns one input into a row or an error row.
type worker struct {
	opts   *Options
	prov   *Provenance
	memory *byteBudget // shared by the workers: what the posts being measured hold
	m      features.Measurer
}

func (w *worker) process(j job) (res result) {
	res.seq = j.seq
	in := j.in
	res.docPath = in.DocPath
	res.src = in.src
	if res.src == (sourceStamp{}) {
		res.src = statSource(in.Path) // before the read: a file changed after it is scored again on resume
	}
	if in.Err != nil {
		e := *in.Err
		e.DocPath = in.DocPath
		res.err = &e
		return res
	}
	data := in.Data
	if data == nil {
		var rerr *ErrorRow
		if data, rerr = readLimited(in.Path, w.opts.MaxBytes); rerr != nil {
			rerr.DocPath = in.DocPath
			res.err = rerr
			return res
		}
	}
	if in.Format == formatJSONLine {
		text, id, rerr := jsonlDoc(data, in.Line, docOptions{TextField: w.opts.TextField, IDField: w.opts.IDField})
		if rerr != nil {
			rerr.DocPath = in.DocPath
			res.err = rerr
			return res
		}
		data, in.ID, in.Format = text, id, docFormat(text)
	}
	res.bytes = int64(len(data))
	cost := res.bytes * postCostPerByte
	w.memory.acquire(cost)
	defer w.memory.release(cost)
	stage := StageParse
	defer func() {
		// A bug must not stop the batch: the input becomes an error row.
		if p := recover(); p != nil {
			res.row = nil
			res.err = &ErrorRow{DocPath: in.DocPath, Stage: stage, Kind: ErrKindInternal,
				Reason: fmt.Sprintf("postscore failed on this input (please report it): %v\n%s", p, debug.Stack())}
		}
	}()
	parsed, err := parseDoc(in.Format, data)
	if err != nil {
		kind, ok := post.IsParseError(err)
		if !ok {
			kind = ErrKindParseFailed
		}
		res.err = &ErrorRow{DocPath: in.DocPath, Stage: StageParse, Kind: kind, Reason: err.Error()}
		return res
	}
	stage = StageMeasure
	f := w.m.Measure(parsed, w.opts.AsOf)
	stage = StageScore
	s := w.opts.Model.Score(f)
	sum := sha256.Sum256(data)
	if in.ID != "" {
		parsed.PostID = in.ID // a corpus's own id field names the document
	}
	doc := DocInfo{DocPath: in.DocPath, SHA256: hex.EncodeToString(sum[:]), Format: parsed.Format, Language: f.Language}
	row := BuildRow(&doc, parsed, f, &s, w.prov)
	res.row = &row
	return res
}

// orderedRows and orderedBytes bound the results scored and waiting for the
// writer: a part's commit takes about 0.1 s, in which two workers score
// some 400 posts of 9 KB.
const (
	orderedRows  = 1024
	orderedBytes = 64 << 20
	feedBytes    = 64 << 20
)

// byteBudget bounds the bytes held by something the run keeps in memory:
// the documents waiting for a worker, the posts being measured, the results
// waiting for the writer. One holder is always let through, however large,
// so that the run goes on.
type byteBudget struct {
	mu        sync.Mutex
	freed     sync.Cond
	used, max int64
}

func newByteBudget(max int64) *byteBudget {
	b := &byteBudget{max: max}
	b.freed.L = &b.mu
	return b
}

// acquire waits until n more bytes fit (or none are held).
func (b *byteBudget) acquire(n int64) {
	b.mu.Lock()
	for b.used > 0 && b.used+n > b.max {
		b.freed.Wait()
	}
	b.used += n
	b.mu.Unlock()
}

// unblock lets every acquire through from now on (the run is stopping).
func (b *byteBudget) unblock() {
	b.mu.Lock()
	b.max = math.MaxInt64
	b.mu.Unlock()
	b.freed.Broadcast()
}

func (b *byteBudget) release(n int64) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
	b.freed.Signal()
}

// parseDoc parses one document in the given format.
func parseDoc(format string, data []byte) (*post.Post, error) {
	if format == formatSniff {
		format = sniffedFormat(data)
	}
	switch format {
	case FormatPost, "":
		return post.Parse(data)
	case FormatMarkdown:
		return post.ParseMarkdown(data)
	case FormatText:
		return post.ParsePlainText(data)
	}
	return nil, fmt.Errorf("unknown format %q", format)
}

// countInputs counts the files under the roots (for the ETA only).
func countInputs(ctx context.Context, roots []string, followLinks bool) (int64, error) {
	var n int64
	w := newWalker(roots, func(Input) error {
		n++
		return ctx.Err()
	})
	w.FollowLinks = followLinks
	err := w.Walk(ctx)
	return n, err
}
