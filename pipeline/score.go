package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime/debug"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/minhash"
	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/pipeline/pool"
	"github.com/alphanode/postscore/scoring"
)

// The score stage turns each input into a row or an error row, on the
// workers of one ordered pool: read (unless the feed did), then
// Scorer.Score's parse → measure → score → row.

// scoredInput is one input as the score stage hands it to write.
type scoredInput struct {
	docPath string
	src     sourceStamp // what the input's file was, for a resume's check
	row     *Row        // or
	err     *ErrorRow
	bytes   int64 // the size of the post's text, held until the row is written
}

// What is in flight at once, so that memory does not grow with the corpus.
// The pool keeps 32 inputs a worker between the feed and the writer (read,
// being scored, or waiting for their turn): with every core busy, the feed
// and the orderer run only now and then, and a worker must not wait for
// them between two posts. Documents the feed has read (the lines and rows
// of JSONL and Parquet corpora) wait for a worker with their text: at most
// feedBytes of it, whatever --max-bytes lets one be. Results wait for the
// writer, which commits a part in about 0.1 s (two workers score some 400
// posts of 9 KB meanwhile): at most orderedRows of them, holding at most
// orderedBytes of text.
const (
	inFlightPerWorker = 32
	feedBytes         = 64 << 20
	orderedRows       = 1024
	orderedBytes      = 64 << 20
)

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

// A Markdown post is read through goldmark's syntax tree, which holds up
// to twice what reading and measuring take per byte of the other formats
// (some 180 bytes for each byte of a post of a million list items). So that
// a run's memory stays what --max-bytes says (MemoryLimit, TestPeakRSS's
// md_ cases), a Markdown post is read up to half of --max-bytes (2 MiB by
// default, thirty times the longest of 764 real posts); a larger one is a
// too_large error row.
const markdownShareOfMaxBytes = 2

// MaxMarkdownBytes is the largest Markdown post read with --max-bytes
// maxBytes.
func MaxMarkdownBytes(maxBytes int64) int64 { return maxBytes / markdownShareOfMaxBytes }

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

// scorePool is the score stage's pool: opts.Workers workers, each scoring
// one input at a time, the results handed on in input order.
func scorePool(ctx context.Context, opts Options) *pool.Pool[Input, scoredInput] {
	memory := pool.NewBudget(postMemory)
	return &pool.Pool[Input, scoredInput]{
		Workers: opts.Workers, InFlight: opts.Workers * inFlightPerWorker, Ready: orderedRows,
		JobSize: func(in Input) int64 { return int64(len(in.Data)) }, JobBytes: feedBytes,
		ResultSize: func(r scoredInput) int64 { return r.bytes }, ResultBytes: orderedBytes,
		NewWorker: func() func(Input) scoredInput {
			w := &worker{ctx: ctx, maxBytes: opts.MaxBytes, memory: memory, scorer: NewScorer(opts.Model, opts.AsOf, opts.MaxBytes),
				docOpts: docOptions{TextField: opts.TextField, IDField: opts.IDField}}
			return w.score
		},
	}
}

// worker is one of the pool's workers.
type worker struct {
	ctx      context.Context // the run's: a read from a bucket stops with it
	maxBytes int64
	docOpts  docOptions
	memory   *pool.Budget // shared by the workers: what the posts being measured hold
	scorer   *Scorer
}

// score reads the input, unless the feed did, and scores it.
func (w *worker) score(in Input) scoredInput {
	res := scoredInput{docPath: in.DocPath, src: in.src}
	if res.src == (sourceStamp{}) {
		res.src = stampOf(in) // before the read: a file changed after it is scored again on resume
	}
	doc, rerr := w.read(in)
	if rerr != nil {
		rerr.DocPath = in.DocPath
		res.err = rerr
		return res
	}
	res.bytes = int64(len(doc.Data))
	cost := res.bytes * postCostPerByte
	w.memory.Acquire(cost)
	defer w.memory.Release(cost)
	scored, rerr := w.scorer.Score(doc)
	if rerr != nil {
		res.err = rerr
		return res
	}
	row := scored.Row
	res.row = &row
	return res
}

// read is the document the input holds: the file read (at most maxBytes),
// or the line or row of a JSONL or Parquet corpus the feed read, a JSON
// line decoded into its text and id.
func (w *worker) read(in Input) (Document, *ErrorRow) {
	if in.Err != nil {
		e := *in.Err
		return Document{}, &e
	}
	doc := Document{DocPath: in.DocPath, Format: in.Format, Data: in.Data, ID: in.ID}
	if doc.Data == nil {
		var rerr *ErrorRow
		if in.obj != nil {
			doc.Data, rerr = in.obj.read(w.ctx, w.maxBytes)
		} else {
			doc.Data, rerr = readLimited(in.Path, w.maxBytes)
		}
		if rerr != nil {
			return doc, rerr
		}
	}
	if in.Format == formatJSONLine {
		text, id, rerr := jsonlDoc(doc.Data, in.Line, w.docOpts)
		if rerr != nil {
			return doc, rerr
		}
		doc.Data, doc.ID, doc.Format = text, id, docFormat(text)
	}
	return doc, nil
}

// Document is one input's text, as Scorer.Score takes it.
type Document struct {
	DocPath string // names the row, and the post when it has no post_id
	Format  string // post, markdown, text; or, from FileDocument, "sniff": its first bytes tell
	Data    []byte
	ID      string // a corpus's own id field (JSONL, Parquet): it names the post over its post_id
}

// FileDocument is the document a file named on its own is, as score reads
// it: format is the --format flag (auto: by the file's extension, else its
// first bytes).
func FileDocument(format, path string, data []byte) Document {
	return Document{DocPath: path, Format: fileFormat(format, path), Data: data}
}

// Scored is one document scored: its post, what was measured of it, its
// scores, and the row that score writes of them.
type Scored struct {
	Post     *post.Post
	Features *features.Features
	Scores   scoring.Scores
	Row      Row
}

// Scorer scores documents one at a time. A run's workers have one each;
// explain makes one for its post, so that what it explains is the row that
// score writes.
type Scorer struct {
	model    *scoring.Model
	asOf     post.Date
	prov     Provenance
	m        features.Measurer // keeps its buffers from one document to the next
	maxBytes int64             // --max-bytes, which bounds a Markdown post (MaxMarkdownBytes)
}

// NewScorer scores with model, measuring freshness at asOf, documents of up
// to maxBytes (--max-bytes).
func NewScorer(model *scoring.Model, asOf post.Date, maxBytes int64) *Scorer {
	s := &Scorer{model: model, asOf: asOf, maxBytes: maxBytes,
		prov: Provenance{ScorerVersion: Version, ModelName: model.Name, ModelVersion: model.Version, ModelHash: model.Hash()}}
	s.m.Signer = minhash.NewSigner(model.Duplicates)
	return s
}

// KeepCheckSentences keeps, in each scored post's features, the
// sentences behind its readability checks (features.Features.CheckSentences), for
// explain; a run keeps only their counts.
func (s *Scorer) KeepCheckSentences() { s.m.KeepCheckSentences = true }

// Score parses, measures and scores doc, or returns the error row that says
// why it is not a post. A panic (a bug in postscore) becomes an error row
// too, so that one input never stops a batch.
func (s *Scorer) Score(doc Document) (scored Scored, rerr *ErrorRow) {
	stage := StageParse
	defer func() {
		if p := recover(); p != nil {
			scored, rerr = Scored{}, &ErrorRow{DocPath: doc.DocPath, Stage: stage, Kind: ErrKindInternal,
				Reason: fmt.Sprintf("postscore failed on this input (please report it): %v\n%s", p, debug.Stack())}
		}
	}()
	parsed, err := parseDoc(doc.Format, doc.Data, MaxMarkdownBytes(s.maxBytes))
	if err != nil {
		kind, ok := post.IsParseError(err)
		if !ok {
			kind = ErrKindParseFailed
		}
		return Scored{}, &ErrorRow{DocPath: doc.DocPath, Stage: StageParse, Kind: kind, Reason: err.Error()}
	}
	stage = StageMeasure
	f := s.m.Measure(parsed, s.asOf)
	stage = StageScore
	scores := s.model.Score(f)
	if doc.ID != "" {
		parsed.PostID = doc.ID
	}
	sum := sha256.Sum256(doc.Data)
	info := DocInfo{DocPath: doc.DocPath, SHA256: hex.EncodeToString(sum[:])}
	return Scored{Post: parsed, Features: f, Scores: scores, Row: BuildRow(&info, parsed, f, &scores, &s.prov)}, nil
}

// parseDoc parses one document in the given format, a Markdown one of up
// to maxMarkdown bytes.
func parseDoc(format string, data []byte, maxMarkdown int64) (*post.Post, error) {
	if format == formatSniff {
		format = sniffedFormat(data)
	}
	switch format {
	case FormatPost, "":
		return post.Parse(data)
	case FormatMarkdown:
		if int64(len(data)) > maxMarkdown {
			return nil, &post.ParseError{Kind: ErrKindTooLarge, Detail: fmt.Sprintf(
				"a Markdown post of %d bytes, over %d (half of --max-bytes: its syntax tree takes twice the memory)", len(data), maxMarkdown)}
		}
		return post.ParseMarkdown(data)
	case FormatText:
		return post.ParsePlainText(data)
	}
	return nil, fmt.Errorf("unknown format %q", format)
}
