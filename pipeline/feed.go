package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"sync/atomic"
)

// feed is the feed stage: it lists a run's documents in input order (the
// files the walker finds, each JSONL or Parquet corpus file expanded into
// its lines or rows) and puts each to the score stage, but for those that
// a resume's kept parts hold, which it checks instead (keptInputs).
type feed struct {
	corpus      []string
	format      string
	docOpts     docOptions
	followLinks bool
	sel         selection // which files found in a directory are inputs
	kept        keptInputs
	total       *atomic.Int64 // where the counter stores the inputs it found (nil: no count)
	walker      *walker       // the last walk's, for what it passed over
	shard       *shardPlan    // a shard's run reads only the shard (nil: the whole corpus)
	stores      *stores       // the buckets of CORPUS URLs
}

// newFeed is the feed of a run with opts, past the inputs the kept parts
// hold; total, when not nil, receives the number of files in the corpus
// for the progress bar's ETA, counted alongside.
func newFeed(opts Options, kept []partInfo, total *atomic.Int64) *feed {
	f := &feed{corpus: opts.Corpus, format: opts.Format, followLinks: opts.FollowLinks,
		sel:     newSelection(opts.Format, opts.Include, opts.Exclude),
		docOpts: docOptions{TextField: opts.TextField, IDField: opts.IDField, MaxBytes: opts.MaxBytes},
		kept:    keptInputs{parts: kept, inputs: inputsOf(kept), hash: sha256.New()}, shard: opts.shard, stores: opts.stores}
	if opts.Progress != nil && opts.Progress.WantsTotal() {
		f.total = total
	}
	return f
}

// run walks the corpus and puts each input the kept parts do not hold.
func (f *feed) run(ctx context.Context, put func(Input) error) error {
	if f.total != nil {
		go func() {
			if n, err := f.countFiles(ctx); err == nil {
				f.total.Store(n)
			}
		}()
	}
	err := f.walk(ctx, func(in Input) error {
		if f.kept.holdsNext() {
			return f.kept.check(in.DocPath)
		}
		return put(in)
	})
	if err == nil {
		err = f.kept.allSeen()
	}
	return err
}

// walk calls emitDoc with each document, in input order: of a shard's
// run, only the shard's (shard.go).
func (f *feed) walk(ctx context.Context, emitDoc func(Input) error) error {
	var shard *shardFilter
	if f.shard != nil {
		shard = newShardFilter(f.shard)
	}
	f.walker = f.newWalker(func(in Input) error {
		sp := wholeFile
		if shard != nil {
			sp = shard.place(in)
		}
		return f.emitFile(ctx, in, sp, emitDoc)
	})
	if err := f.walker.Walk(ctx); err != nil || shard == nil {
		return err
	}
	return shard.check()
}

// emitFile emits what the span sp holds of one file the walker found: the
// file itself, or the lines or rows of a JSONL or Parquet corpus file.
func (f *feed) emitFile(ctx context.Context, in Input, sp span, emitDoc func(Input) error) error {
	if in.Err == nil {
		in.Format = fileFormat(f.format, in.Path)
	}
	var expand containerReader
	switch {
	case in.Err != nil:
	case in.Format == FormatJSONL && !compressedJSONL(in.Path):
		expand = jsonlDocs
	case in.Format == FormatJSONL:
		expand, sp = jsonlDocs, sp.unsplit()
	case in.Format == FormatParquet:
		expand = parquetDocs
	}
	switch {
	case expand == nil && sp.ownsFile:
		return emitDoc(in)
	case expand == nil || !sp.reaches():
		return nil
	}
	src := stampOf(in) // before the file is read
	return expand(ctx, in, f.docOpts, sp, func(doc Input) error {
		doc.src = src
		return emitDoc(doc)
	})
}

// containerReader emits the documents of a JSONL or Parquet corpus file
// in the span (jsonlDocs, parquetDocs).
type containerReader func(ctx context.Context, in Input, o docOptions, sp span, emit func(Input) error) error

// newWalker is a walker of f's corpus that follows links and selects files
// as f says.
func (f *feed) newWalker(emit func(Input) error) *walker {
	w := newWalker(f.corpus, emit)
	w.FollowLinks, w.sel = f.followLinks, f.sel
	if f.stores != nil {
		w.stores = f.stores
	}
	return w
}

// keptInputs checks, on a resume, that the corpus still lists the inputs
// the kept parts hold, in the same order: the doc_paths of each part's
// inputs hash to what the part recorded.
type keptInputs struct {
	parts  []partInfo
	inputs int64 // the parts hold
	seen   int64 // inputs checked so far
	part   int   // the part the next input belongs to
	inPart int64 // inputs of it checked so far
	hash   hash.Hash
}

// holdsNext reports whether the next input is one of the kept parts'.
func (k *keptInputs) holdsNext() bool { return k.seen < k.inputs }

// check adds docPath to its part's hash, and checks the hash when the
// part is complete.
func (k *keptInputs) check(docPath string) error {
	io.WriteString(k.hash, docPath+"\n")
	k.seen++
	k.inPart++
	if p := k.parts[k.part]; k.inPart == p.Inputs {
		if hex.EncodeToString(k.hash.Sum(nil)) != p.DocPathsSHA256 {
			return fmt.Errorf("%w: the corpus has changed since the interrupted run (the inputs up to %s are not the ones checkpointed); score it again with --force", ErrCannotResume, docPath)
		}
		k.part, k.inPart = k.part+1, 0
		k.hash.Reset()
	}
	return nil
}

// allSeen, once the walk is over, checks that it listed every kept input.
func (k *keptInputs) allSeen() error {
	if k.seen < k.inputs {
		return fmt.Errorf("%w: the corpus now lists %d inputs, fewer than the %d checkpointed; score it again with --force", ErrCannotResume, k.seen, k.inputs)
	}
	return nil
}

// countFiles counts the files the feed's walk finds, of a shard's run
// those it reads (for the ETA only). A JSONL or Parquet file holds an
// unknown number of inputs: with one in the corpus there is no count
// (errUncounted), and the progress shows no total rather than a wrong one.
func (f *feed) countFiles(ctx context.Context) (int64, error) {
	var n int64
	var shard *shardFilter
	if f.shard != nil {
		shard = newShardFilter(f.shard)
	}
	err := f.newWalker(func(in Input) error {
		if shard != nil && !shard.place(in).reaches() {
			return ctx.Err()
		}
		if format := fileFormat(f.format, in.Path); in.Err == nil && (format == FormatJSONL || format == FormatParquet) {
			return errUncounted
		}
		n++
		return ctx.Err()
	}).Walk(ctx)
	return n, err
}

// errUncounted ends countFiles at a file whose inputs it cannot count.
var errUncounted = errors.New("the corpus holds files of many inputs")
