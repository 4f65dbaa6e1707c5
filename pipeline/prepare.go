package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/alphanode/postscore/pipeline/objstore"
	"github.com/alphanode/postscore/scoring"
)

// prepared is what the prepare stage hands the stages after it.
type prepared struct {
	opts  Options   // with their defaults
	begin time.Time // when this invocation began (its throughput is over it)
	work  string    // OUT/.postscore-work
	// state is the run's state.json: a fresh run's, or the interrupted
	// run's with the parts a resume keeps.
	state *runState
	final *finalFiles // scores.parquet and errors.parquet as they are assembled
	man   *Manifest   // begun here, completed by finish
	// kept is what the kept parts hold: a resume's starting counts.
	kept   Stats
	total  atomic.Int64 // the inputs feed's counter found (for the ETA); -1 until it is done
	staged bool         // the final files are staged: close leaves them
	unlock func()
}

// prepare readies a run: the options' defaults and the run's identity, OUT
// created, locked and checked (prepareOut), the final files opened and the
// manifest begun with what the kept parts hold. When a resume finds the run
// already complete, it returns that run's manifest instead.
func prepare(ctx context.Context, opts Options) (*prepared, *Manifest, error) {
	r := &prepared{begin: time.Now(), opts: opts}
	if err := r.opts.setDefaults(); err != nil {
		return nil, nil, err
	}
	if err := r.opts.cutShard(ctx); err != nil {
		return nil, nil, err
	}
	ident, err := identity(&r.opts)
	if err != nil {
		return nil, nil, err
	}
	r.work = filepath.Join(r.opts.Out, WorkDirName)
	if err := os.MkdirAll(r.opts.Out, 0o755); err != nil {
		return nil, nil, fmt.Errorf("creating output directory: %w", err)
	}
	if r.unlock, err = LockOut(r.opts.Out); err != nil {
		return nil, nil, err
	}
	var complete *Manifest
	r.state, complete, err = prepareOut(ctx, r.opts, r.work, ident)
	if err == nil && complete == nil {
		r.final, err = openFinal(filepath.Join(r.work, stageDirName), r.work, r.opts.RowGroupRows)
	}
	if err != nil || complete != nil {
		r.unlock()
		return nil, complete, err
	}
	r.total.Store(-1)
	r.beginManifest()
	return r, nil, nil
}

// close lets go of OUT when Run returns: the final files, unless staged,
// are dropped, and the lock released.
func (r *prepared) close() {
	if !r.staged {
		r.final.abort()
	}
	r.unlock()
}

// setDefaults fills in what o leaves to its default, and checks MaxBytes.
func (o *Options) setDefaults() error {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if err := CheckMaxBytes(o.MaxBytes); err != nil {
		return err
	}
	if o.RowGroupRows <= 0 {
		o.RowGroupRows = DefaultRowGroupRows
	}
	if o.CheckpointInputs <= 0 {
		o.CheckpointInputs = DefaultCheckpointInputs
	}
	if o.Format == "" {
		o.Format = FormatAuto
	}
	for _, g := range slices.Concat(o.Include, o.Exclude) {
		if err := CheckGlob(g); err != nil {
			return fmt.Errorf("--include/--exclude: %w", err)
		}
	}
	if o.TextField == "" {
		o.TextField = "text"
	}
	if o.IDField == "" {
		o.IDField = "id"
	}
	if o.Model == nil {
		o.Model = scoring.DefaultModel()
	}
	return nil
}

// cutShard, for a shard's run, lists the corpus to find the shard's share
// of it (shard.go), and points Out at the shard's own directory.
func (o *Options) cutShard(ctx context.Context) error {
	if o.Shard == nil {
		return nil
	}
	l, err := listCorpus(ctx, *o)
	if err != nil {
		return err
	}
	o.shard = planShard(*o.Shard, l)
	o.Out = ShardDir(o.Out, *o.Shard)
	return nil
}

// identity is what a resume must find unchanged (runIdentity).
func identity(o *Options) (runIdentity, error) {
	ident := runIdentity{PostscoreVersion: Version, ModelHash: o.Model.Hash(), AsOf: o.AsOf.String(),
		Format: formatIdentity(o.Format, o.TextField, o.IDField), MaxBytes: o.MaxBytes, PartInputs: o.CheckpointInputs,
		Include: o.Include, Exclude: o.Exclude}
	if s := o.shard; s != nil {
		ident.Shard, ident.ListingSHA256 = o.Shard.String(), s.info.ListingSHA256
	}
	for _, c := range o.Corpus {
		if objstore.IsURL(c) {
			ident.Corpus = append(ident.Corpus, c)
			continue
		}
		abs, err := filepath.Abs(c)
		if err != nil {
			return ident, fmt.Errorf("corpus %s: %w", c, err)
		}
		ident.Corpus = append(ident.Corpus, abs)
	}
	return ident, nil
}

// beginManifest starts the run's manifest, and sums up what the kept parts
// hold.
func (r *prepared) beginManifest() {
	m := r.opts.Model
	r.man = &Manifest{
		PostscoreVersion: Version, ModelName: m.Name, ModelVersion: m.Version,
		ModelHash: m.Hash(), ModelFile: m.File(), HalfLifeDays: m.HalfLifeDays, AsOf: r.opts.AsOf.String(),
		CommandLine: r.opts.CommandLine, Corpus: r.opts.Corpus, Format: r.opts.Format, Workers: r.opts.Workers,
		TextField: r.opts.TextField, IDField: r.opts.IDField,
		Include: r.opts.Include, Exclude: r.opts.Exclude,
		MaxBytes: r.opts.MaxBytes, Start: r.state.Start, Resumes: r.state.Resumes,
		ErrorsByKind: map[string]int64{}, WarningsByKind: map[string]int64{}, Shard: r.opts.shardInfo(),
		Duplicates: &m.Duplicates,
	}
	for _, p := range r.state.Parts {
		r.kept.Inputs += p.Inputs
		r.kept.Rows += p.Rows
		r.kept.Errors += p.Errors
		r.kept.Bytes += p.Bytes
		r.kept.Warnings += p.Warnings
		r.man.PostsWithWarning += p.PostsWithWarning
		for k, v := range p.WarningsByKind {
			r.man.WarningsByKind[k] += v
		}
		for k, v := range p.ErrorsByKind {
			r.man.ErrorsByKind[k] += v
		}
	}
}

// prepareOut readies OUT: it completes a commit that a killed run left
// half done, then a fresh run refuses an OUT that holds results or an
// interrupted run unless opts.Force; a resume needs an interrupted run made
// the same way, and keeps only the parts it can trust (resume.go). It
// returns the run's state (fresh, or the interrupted one's), or, when a
// resume finds the run already complete, its manifest.
func prepareOut(ctx context.Context, opts Options, work string, ident runIdentity) (*runState, *Manifest, error) {
	out := opts.Out
	if out == "" {
		return nil, nil, errors.New("no output directory (-o OUT)")
	}
	// Probe that OUT is writable now rather than after the whole corpus.
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
	if opts.Resume && (opts.Shard == nil || exists(work)) {
		st, err := resumeState(ctx, opts, work, ident)
		return st, nil, err
	}
	if opts.Resume && !opts.Force { // a shard with no interrupted run: complete already, or to begin
		if man, err := completeShard(opts, ident); man != nil || err != nil {
			return nil, man, err
		}
	}
	st, err := freshState(opts, work, ident)
	return st, nil, err
}

// completeShard is the complete run of the shard in OUT (or, for a bucket's
// OUT, the one published there), when it was made as this one would be: a
// shard's --resume, which a scheduler's retry passes whether or not the
// first attempt got anywhere, returns it as it is. A complete run made
// differently is refused; with none, both are nil and the shard begins.
func completeShard(opts Options, ident runIdentity) (*Manifest, error) {
	man, err := ReadManifest(opts.Out)
	if err != nil {
		man = opts.published
	}
	if man == nil {
		return nil, nil
	}
	if diff := identityOf(man, ident).differences(ident); len(diff) > 0 {
		return nil, fmt.Errorf("%w: %s holds shard %s made differently: %s; pass --force to score it again", ErrOutputExists, OutLocation(opts.Out, nil), opts.Shard, strings.Join(diff, "; "))
	}
	return man, nil
}

// resumeState is the interrupted run's state in work, made the same way as
// this one (ident), with the parts a resume can trust.
func resumeState(ctx context.Context, opts Options, work string, ident runIdentity) (*runState, error) {
	old, err := readState(work)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("%w: %s holds no interrupted run (no %s); run without --resume", ErrCannotResume, opts.Out, filepath.Join(WorkDirName, stateName))
	case err != nil:
		return nil, fmt.Errorf("%w: %v; start over with --force", ErrCannotResume, err)
	}
	if diff := old.Identity.differences(ident); len(diff) > 0 {
		return nil, fmt.Errorf("%w: the interrupted run in %s was made differently: %s; run it as before, or start over with --force", ErrCannotResume, opts.Out, strings.Join(diff, "; "))
	}
	cleanWork(work)
	if err := trustedParts(ctx, opts, work, old); err != nil {
		return nil, err
	}
	old.Resumes++
	return old, nil
}

// freshState starts a new run in OUT, which must hold no results and no
// interrupted run unless opts.Force. With --force, the previous run stays
// in place until this one is published; only an interrupted run's
// checkpoints are dropped.
func freshState(opts Options, work string, ident runIdentity) (*runState, error) {
	out := opts.Out
	old, _ := readState(work)
	var found []string
	for _, name := range []string{ScoresName, ErrorsName, ManifestName} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			found = append(found, name)
		}
	}
	if old != nil && !opts.Force {
		return nil, fmt.Errorf("%w: %s holds an interrupted run (%d inputs checkpointed); pass --resume to continue it, or --force to start over", ErrOutputExists, out, old.inputs())
	}
	if len(found) > 0 && !opts.Force {
		return nil, fmt.Errorf("%w: %s has %v; pass --force to replace them, or choose another -o", ErrOutputExists, out, found)
	}
	if err := os.RemoveAll(work); err != nil {
		return nil, fmt.Errorf("removing the old checkpoints: %w", err)
	}
	st := &runState{Identity: ident, Start: time.Now().UTC(), CommandLine: opts.CommandLine}
	return st, createWork(out, work, st)
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
func trustedParts(ctx context.Context, opts Options, work string, st *runState) error {
	keep, why := verifyParts(work, st.Parts)
	unchanged, whyChanged, err := verifyInputs(ctx, newFeed(opts, nil, nil), work, st.Parts[:keep])
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
