package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math/big"
	"path/filepath"
	"strconv"
	"strings"
)

// A shard is a contiguous share of the corpus in input order, balanced by
// bytes, that a task scores on its own (score --shard I/N); merge puts the
// shards' rows back together in order (merge.go).
//
// The partition is a pure function of the corpus listing, so that N tasks
// agree on it without talking to each other. The listing is what the walker
// finds, in input order, each entry with its file's size (an entry that is
// an error, such as a link not followed, has size 0). Laid end to end, the
// entries' bytes span [0, T); every document has a position in that span:
//
//	a file                        the offset its bytes start at
//	a line of a JSONL file        the file's offset + the offset its line starts at
//	a row of a Parquet file       the file's offset + its row group's share of the
//	                              file, by the row groups' uncompressed sizes
//
// Shard I of N holds the documents whose position p has ⌊p·N/T⌋ = I, that
// is p in [⌈I·T/N⌉, ⌈(I+1)·T/N⌉); positions at T and beyond (empty files
// at the end) belong to the last shard. Positions grow with input order, so
// shard 0's documents, then shard 1's, ... are the unsharded run's order.
// Example, with T = 1,000 and N = 3: shard 0 holds [0, 334), shard 1
// [334, 667), shard 2 [667, 1000]. A compressed JSONL file cannot be read
// from its middle: it is one document range, at its file's offset.
//
// Each task walks the corpus twice: once to list it (listCorpus, in
// prepare), which stats every file for its size and finds T; then as the
// feed, when each entry's offset decides what of it the shard reads
// (shardFilter). The feed's walk takes the sizes from the listing, which
// keeps them uvarint-encoded (about 3 bytes a file: 30 MB for 10 million
// files), rather than stat every file again; it must list the same
// doc_paths in the same order.
//
// The types, in the order a shard's run meets them:
//
//	Shard        which shard: --shard I/N, or --shards N and the scheduler's index
//	listing      the corpus listing: sizes, entries, bytes, hash (listCorpus)
//	shardPlan    the shard's share of a listing: its ShardInfo and the listing
//	ShardInfo    what the shard's manifest says of it (merge checks it)
//	shardFilter  the feed's walk, entry by entry: the span of each it reads
//	span         the part of one file a shard reads (in the file's offsets)

// Shard names one shard of a run: Index of Count, 0-based.
type Shard struct {
	Index, Count int
	// From says where Index came from: "--shard", or the scheduler's
	// variable (JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID).
	From string
}

// ShardIndexVariables are the environment variables --shards N reads the
// shard index from, in order: Kubernetes Indexed Jobs set the first, Slurm
// job arrays the second.
var ShardIndexVariables = []string{"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"}

// ErrBadShard is returned for a --shard or --shards that names no shard.
var ErrBadShard = errors.New("bad shard")

// ParseShard reads --shard I/N.
func ParseShard(s string) (Shard, error) {
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("%w: --shard %q: give it as I/N, shard I of N counted from 0 (0/4 to 3/4)", ErrBadShard, s)
	}
	sh, err := checkShard(Shard{Index: i, Count: n, From: "--shard"})
	if err != nil {
		return sh, fmt.Errorf("--shard %s: %w", s, err)
	}
	return sh, nil
}

// ShardFromEnv is shard I of count, I read from the first of
// ShardIndexVariables that is set (getenv is os.Getenv in use).
func ShardFromEnv(count int, getenv func(string) string) (Shard, error) {
	for _, name := range ShardIndexVariables {
		v := getenv(name)
		if v == "" {
			continue
		}
		i, err := strconv.Atoi(v)
		if err != nil {
			return Shard{}, fmt.Errorf("%w: %s=%q is not a shard index", ErrBadShard, name, v)
		}
		sh, err := checkShard(Shard{Index: i, Count: count, From: name})
		if err != nil {
			return sh, fmt.Errorf("--shards %d with %s=%s: %w", count, name, v, err)
		}
		return sh, nil
	}
	return Shard{}, fmt.Errorf("%w: --shards %d takes the shard index from %s, and neither is set; set one, or give --shard I/%d", ErrBadShard, count, strings.Join(ShardIndexVariables, " or "), count)
}

func checkShard(s Shard) (Shard, error) {
	switch {
	case s.Count < 1:
		return s, fmt.Errorf("%w: %d shards: want 1 or more", ErrBadShard, s.Count)
	case s.Index < 0 || s.Index >= s.Count:
		return s, fmt.Errorf("%w: shard %d of %d: want 0 to %d (shards count from 0)", ErrBadShard, s.Index, s.Count, s.Count-1)
	}
	return s, nil
}

// String is the shard's directory name under OUT/shards: "2-of-7".
func (s Shard) String() string { return fmt.Sprintf("%d-of-%d", s.Index, s.Count) }

// ShardsDirName is the folder in OUT that holds the shards' runs.
const ShardsDirName = "shards"

// ShardDir is where shard s of the run in out writes its own run.
func ShardDir(out string, s Shard) string {
	return filepath.Join(out, ShardsDirName, s.String())
}

// ShardInfo is what a shard's manifest says of its shard: which one it is,
// the listing it was cut from, and its share of the listing's bytes.
type ShardInfo struct {
	Index         int    `json:"index"`
	Count         int    `json:"count"`
	IndexFrom     string `json:"index_from"`
	ListingSHA256 string `json:"listing_sha256"` // of the listing's lines: size and doc_path of each entry, in order
	ListingInputs int64  `json:"listing_inputs"` // the listing's entries (files, and inputs that are errors)
	ListingBytes  int64  `json:"listing_bytes"`  // T
	FirstByte     int64  `json:"first_byte"`     // the shard holds the positions in [FirstByte, EndByte)
	EndByte       int64  `json:"end_byte"`       // (the last shard: up to and with T)
}

// name is the shard's name, "2-of-7".
func (i *ShardInfo) name() string { return Shard{Index: i.Index, Count: i.Count}.String() }

// listing is the corpus listing: its entries' sizes, in order, and its
// hash.
type listing struct {
	entries, bytes int64
	sizes          []byte    // each entry's size, uvarint-encoded
	hash           hash.Hash // of each entry's size and doc_path (listingLine): ListingSHA256
	line           []byte    // add's buffer
}

func newListing() *listing { return &listing{hash: sha256.New()} }

// add lists one walker entry: a file's size as stat (or a bucket's
// listing) gives it; 0 for an input that is an error, or a file that
// cannot be stat'ed (reading it says why).
func (l *listing) add(in Input) {
	size := int64(0)
	switch {
	case in.obj != nil:
		size = in.obj.size
	case in.Err == nil:
		size, _ = statSize(in.Path)
	}
	l.line = appendListingLine(l.line[:0], size, in.DocPath)
	l.hash.Write(l.line)
	l.sizes = binary.AppendUvarint(l.sizes, uint64(size))
	l.entries++
	l.bytes += size
}

// appendListingLine appends an entry's line of the listing's hash: its
// size, its doc_path's length (a name may hold any byte, a newline too),
// the doc_path. "9120 19 posts/2019/intro.md\n"
func appendListingLine(b []byte, size int64, docPath string) []byte {
	b = strconv.AppendInt(b, size, 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(len(docPath)), 10)
	b = append(b, ' ')
	return append(append(b, docPath...), '\n')
}

func (l *listing) sum() string { return hex.EncodeToString(l.hash.Sum(nil)) }

// listCorpus lists the corpus the feed of opts walks.
func listCorpus(ctx context.Context, opts Options) (*listing, error) {
	l := newListing()
	w := newFeed(opts, nil, nil).newWalker(func(in Input) error {
		l.add(in)
		return ctx.Err()
	})
	if err := w.Walk(ctx); err != nil {
		return nil, fmt.Errorf("listing the corpus for shard %s: %w", opts.Shard, err)
	}
	return l, nil
}

// planShard is shard s's share of the listing l.
func planShard(s Shard, l *listing) *shardPlan {
	info := &ShardInfo{Index: s.Index, Count: s.Count, IndexFrom: s.From, ListingSHA256: l.sum(),
		ListingInputs: l.entries, ListingBytes: l.bytes,
		FirstByte: shardBoundary(s.Index, s.Count, l.bytes), EndByte: shardBoundary(s.Index+1, s.Count, l.bytes)}
	return &shardPlan{info: info, listing: l}
}

// shardBoundary is ⌈i·T/N⌉, where shard i begins (big: i·T may overflow).
func shardBoundary(i, n int, total int64) int64 {
	num := new(big.Int).Mul(big.NewInt(int64(i)), big.NewInt(total))
	num.Add(num, big.NewInt(int64(n-1)))
	return num.Quo(num, big.NewInt(int64(n))).Int64()
}

// span is what a shard reads of one corpus file of size bytes: the
// documents whose position in the file (the offset a line starts at, a row
// group's share) is in [from, to), or from from on when toEnd. ownsFile is
// whether the shard holds the file's own position (offset 0): it alone
// reads a file that is one document, and reports an error of the whole file
// (one that cannot be opened or read as JSONL or Parquet).
type span struct {
	from, to int64
	toEnd    bool
	size     int64
	ownsFile bool
}

// wholeFile is the span of an unsharded run.
var wholeFile = span{from: 0, toEnd: true, ownsFile: true}

// holds reports whether a document at offset p of the file is the span's.
func (s span) holds(p int64) bool { return p >= s.from && (s.toEnd || p < s.to) }

// reaches reports whether the span holds the file, or part of it.
func (s span) reaches() bool { return s.ownsFile || s.from < s.size && (s.toEnd || s.to > 0) }

// unsplit is the span of a file that cannot be split (a compressed JSONL
// file): all of it to the shard that holds its position, none to the others.
func (s span) unsplit() span {
	if s.ownsFile {
		return wholeFile
	}
	return span{from: 0, to: 0}
}

// fileError is the error row of a file the span's shard cannot open. Every
// shard that reads part of the file reports it, so that no document goes
// unaccounted for: the one holding the file's start as the file's, the
// others as their part's, named by the byte it begins at
// ("big.jsonl@52428800"). (A file that opens but is no JSONL or Parquet
// is the same to every shard: the one holding its start alone says so.)
func (s span) fileError(in Input, rerr *ErrorRow) Input {
	if s.ownsFile {
		return Input{Path: in.Path, DocPath: in.DocPath, Err: rerr}
	}
	e := *rerr
	e.Reason = fmt.Sprintf("the part from byte %d: %s", s.from, e.Reason)
	return Input{Path: in.Path, DocPath: fmt.Sprintf("%s@%d", in.DocPath, s.from), Err: &e}
}

// shardFilter decides, as the feed walks the corpus, what of each entry
// the shard reads, with the sizes the listing found; it checks that the
// walk lists the listing's doc_paths (hashed with those sizes, they must
// give the listing's hash).
type shardFilter struct {
	info    *ShardInfo
	listing *listing
	last    bool
	sizes   []byte    // the listing's sizes not yet placed
	at      int64     // the offset of the next entry
	hash    hash.Hash // of the entries placed so far, as the listing's
	seen    int64
	line    []byte
}

func newShardFilter(plan *shardPlan) *shardFilter {
	return &shardFilter{info: plan.info, listing: plan.listing, last: plan.info.Index == plan.info.Count-1,
		sizes: plan.listing.sizes, hash: sha256.New()}
}

// place returns the span of the entry that the shard reads.
func (f *shardFilter) place(in Input) span {
	size, n := binary.Uvarint(f.sizes)
	if n <= 0 {
		size = 0 // more entries than listed: check says so
	}
	f.sizes = f.sizes[max(n, 0):]
	f.line = appendListingLine(f.line[:0], int64(size), in.DocPath)
	f.hash.Write(f.line)
	f.seen++
	at := f.at
	f.at += int64(size)
	return span{from: f.info.FirstByte - at, to: f.info.EndByte - at, toEnd: f.last, size: int64(size), ownsFile: f.holds(at)}
}

// holds reports whether position p of the corpus (not of a file, as
// span.holds) is the shard's.
func (f *shardFilter) holds(p int64) bool {
	return p >= f.info.FirstByte && (p < f.info.EndByte || f.last)
}

// check, at the end of the walk, compares the doc_paths it listed with the
// listing's.
func (f *shardFilter) check() error {
	if f.seen != f.listing.entries || hex.EncodeToString(f.hash.Sum(nil)) != f.info.ListingSHA256 {
		return fmt.Errorf("the corpus changed while shard %s was scored (%d entries listed before, %d now, or other names): score it again once the corpus is still",
			f.info.name(), f.listing.entries, f.seen)
	}
	return nil
}

// shardPlan is a shard's run's share of the corpus: what its manifest says
// of it, and the listing it was cut from.
type shardPlan struct {
	info    *ShardInfo
	listing *listing
}

// shardInfo is what the manifest says of the run's shard; nil for a run
// of the whole corpus.
func (o *Options) shardInfo() *ShardInfo {
	if o.shard == nil {
		return nil
	}
	return o.shard.info
}
