package pipeline

import (
	"context"
	"errors"
	"time"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/pipeline/dedup"
	"github.com/alphanode/postscore/pipeline/objstore"
	"github.com/alphanode/postscore/scoring"
)

// A run is five stages, each in a file of its own, with plain data between
// them:
//
//	prepare  (prepare.go)  Options → *prepared: the defaults, the run's
//	                       identity, OUT locked, a resume's checks, the
//	                       final files opened, the manifest begun
//	feed     (feed.go)     the corpus → Input, in input order: the walker,
//	                       JSONL and Parquet files expanded into documents,
//	                       the inputs a resume keeps checked, not fed
//	score    (score.go)    Input → scoredInput (a Row or an ErrorRow), on
//	                       the workers of one ordered pool (pool/), which
//	                       hands them back in input order
//	write    (write.go)    scoredInput → checkpointed parts: the counts,
//	                       --max-errors, progress; each full part committed
//	                       and copied into the final files
//	finish   (finish.go)   the last part, the manifest, the reports, then
//	                       the final files staged and put in place
//	                       (commit.go)
//
// prepare readies OUT (creates and locks it, completes an interrupted
// commit, clears or keeps the work directory); after it only write and
// finish change OUT. A stage over the whole corpus (one that needs every
// row) goes between write and finish; a selection of the corpus (a shard)
// goes in feed.

// Options configure a scoring run.
type Options struct {
	Corpus       []string // files or directories
	Out          string   // output directory, or a bucket's URL (remote.go)
	StageDir     string   // where a run into a bucket is made before it is uploaded ("": under the system's temporary directory)
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
	// Include and Exclude are globs matched against each doc_path of a file
	// found in a CORPUS directory: with Include, only a file that matches
	// one is an input; a file that matches an Exclude is not (selection).
	Include, Exclude []string
	TextField        string // JSONL and Parquet: the text field (default "text")
	IDField          string // JSONL and Parquet: the id field (default "id")
	// Shard, when set, scores only that shard of the corpus, as a run of
	// its own in ShardDir(Out, *Shard) (shard.go).
	Shard       *Shard
	CommandLine []string
	Progress    Progress // nil: silent
	// OnRow and OnError, when set, are called with each row and each error
	// row as it is written, in input order, from one goroutine; they must
	// not keep r or e or their slices. On a resumed run they see only the
	// inputs this run scores.
	OnRow   func(r *Row)
	OnError func(e *ErrorRow)
	// Reports, when set, renders the run's reports once its data files are
	// staged: dir holds scores.parquet, errors.parquet, duplicates.parquet
	// and manifest.json as they will be published. It returns each report's
	// file name and contents, which are committed with the run; when it
	// fails, the run is committed without them and Run returns ErrReports.
	Reports func(dir string, man *Manifest) (map[string][]byte, error)
	// Notice, when set, is told what the user should know that is not an
	// error (a checkpoint that could not be reused, a commit completed).
	Notice func(msg string)

	shard     *shardPlan // the shard's share of the corpus listing (prepare)
	stores    *stores    // the buckets of CORPUS URLs, open while Run runs
	published *Manifest  // a run into a bucket: the run published there already (remote.go)
}

// DefaultMaxBytes is the largest file read as one post (4 MiB: sixty times
// the longest of 764 real blog posts; a larger one is an error row unless
// --max-bytes says otherwise, and memory grows with it: see MemoryLimit).
const DefaultMaxBytes = 4 << 20

// MaxPostBytes bounds MaxBytes: a post's words and offsets are counted in
// 32 bits (1 GiB leaves room for any offset and count).
const MaxPostBytes = 1 << 30

// Output file names in OUT.
const (
	ScoresName     = "scores.parquet"
	ErrorsName     = "errors.parquet"
	DuplicatesName = "duplicates.parquet" // the near-duplicate clusters; a run of an earlier postscore has none
)

// The values of duplicates.parquet's match column: what a post is to its
// cluster's canonical post (package dedup declares them).
const (
	MatchCanonical = string(dedup.Canonical) // the canonical post itself
	MatchExact     = string(dedup.Exact)     // the same normalised text (text_hash equal)
	MatchNear      = string(dedup.Near)      // a near copy
)

// DocInfo is what the pipeline knows of one input beyond its post.
type DocInfo struct {
	DocPath string
	SHA256  string // of the input's bytes
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

// Run scores the corpus into opts.Out and returns the manifest it wrote.
func Run(ctx context.Context, opts Options) (*Manifest, error) {
	if objstore.IsURL(opts.Out) {
		return runIntoBucket(ctx, opts)
	}
	opts.stores = newStores()
	defer opts.stores.close()
	run, complete, err := prepare(ctx, opts)
	if err != nil || complete != nil {
		return complete, err
	}
	defer run.close()
	in := newFeed(run.opts, run.state.Parts, &run.total)
	out := newPartWriter(run)
	err = scorePool(ctx, run.opts).Run(ctx, in.run, out.write)
	return finish(ctx, run, in, out, err)
}
