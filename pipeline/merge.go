package pipeline

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/alphanode/postscore/pipeline/objstore"
)

// Merge puts the runs of a corpus's N shards (OUT/shards/I-of-N, shard.go)
// together into one run in OUT, as if it had been scored on one machine:
//
//	check    every shard 0..N-1 is there, complete (its manifest lists files
//	         that are as written), and made alike: the same postscore version,
//	         model, as-of date, options and corpus listing; the shards' shares
//	         of the listing follow one another with no gap and no overlap
//	copy     each shard's row groups, shard 0's first, are copied into
//	         scores.parquet and errors.parquet without being decoded (the
//	         rows come out in the unsharded run's order)
//	commit   the manifest sums the shards' counts; the reports are made from
//	         the merged files; all are committed as a score run commits
//	         (commit.go)
//
// Memory holds one row group at a time, whatever the number of shards.

// MergeOptions configure a merge.
type MergeOptions struct {
	Out         string // the run's OUT: the shards are in OUT/shards
	Force       bool   // replace results already in Out
	StageDir    string // a bucket's OUT: where the shards are merged before the upload (remote.go)
	CommandLine []string
	// Reports is Options.Reports: the reports, made from the staged files.
	Reports func(dir string, man *Manifest) (map[string][]byte, error)
	Notice  func(msg string)
}

// ErrCannotMerge is returned when the shards in OUT/shards cannot be merged:
// one is missing or incomplete, or they were not made alike.
var ErrCannotMerge = errors.New("cannot merge")

// shardRun is one shard's complete run.
type shardRun struct {
	dir string
	man *Manifest
}

// Merge merges the shards in opts.Out/shards into opts.Out.
func Merge(ctx context.Context, opts MergeOptions) (*Manifest, error) {
	if objstore.IsURL(opts.Out) {
		return mergeInBucket(ctx, opts)
	}
	shards, err := readShards(opts.Out)
	if err != nil {
		return nil, err
	}
	unlock, err := LockOut(opts.Out)
	if err != nil {
		return nil, err
	}
	defer unlock()
	work := filepath.Join(opts.Out, WorkDirName)
	st, err := freshMerge(opts, work)
	if err != nil {
		return nil, err
	}
	final, err := openFinal(filepath.Join(work, stageDirName), work, DefaultRowGroupRows)
	if err != nil {
		return nil, err
	}
	man := mergedManifest(shards, opts.CommandLine)
	if err := copyShards(ctx, shards, final); err != nil {
		final.abort()
		return nil, err
	}
	stores := newStores()
	defer stores.close()
	reportErr, err := stageFinal(work, st, man, final, opts.Reports, mergedSentences(ctx, man, stores))
	if err != nil {
		return nil, fmt.Errorf("%w; merge again once the cause is fixed", explainWriteError(err))
	}
	if err := decideAndPublish(opts.Out, work, st); err != nil {
		return nil, fmt.Errorf("%w; run merge again to put the merged files in place", explainWriteError(err))
	}
	if reportErr != nil {
		return man, fmt.Errorf("%w: %v", ErrReports, reportErr)
	}
	return man, nil
}

// mergedSentences is the textSource of a merged run: its shards' corpus, as
// they read it, when every CORPUS argument names one place wherever merge
// runs (an absolute path or a bucket's URL); nil (no sentences) otherwise,
// as a relative path may name another directory from merge's.
func mergedSentences(ctx context.Context, man *Manifest, stores *stores) textSource {
	for _, c := range man.Corpus {
		if !filepath.IsAbs(c) && !objstore.IsURL(c) {
			return nil
		}
	}
	return corpusSentences(ctx, Options{Corpus: man.Corpus, Format: man.Format, TextField: man.TextField, IDField: man.IDField,
		Include: man.Include, Exclude: man.Exclude, MaxBytes: man.MaxBytes, stores: stores})
}

// freshMerge readies OUT for a merge: it completes a commit a killed run
// left half done, refuses results already there unless opts.Force, and
// starts the work directory anew (a merge is quick: it does not resume).
func freshMerge(opts MergeOptions, work string) (*runState, error) {
	if _, err := recoverCommit(opts.Out, work); err != nil && !opts.Force {
		return nil, fmt.Errorf("%w; or merge with --force", err)
	}
	if _, err := os.Stat(filepath.Join(opts.Out, ManifestName)); err == nil && !opts.Force {
		return nil, fmt.Errorf("%w: %s holds a merged run already; pass --force to merge again", ErrOutputExists, opts.Out)
	}
	if err := os.RemoveAll(work); err != nil {
		return nil, fmt.Errorf("removing %s: %w", work, err)
	}
	st := &runState{Start: time.Now().UTC(), CommandLine: opts.CommandLine}
	return st, createWork(opts.Out, work, st)
}

// parseShardDir reads a shard's directory name, "2-of-7", as Shard.String
// writes it.
func parseShardDir(name string) (Shard, bool) {
	is, ns, ok := strings.Cut(name, "-of-")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	s := Shard{Index: i, Count: n}
	return s, ok && err1 == nil && err2 == nil && 0 <= i && i < n && s.String() == name
}

// readShards reads and checks the shards in out/shards: every one of them,
// complete and made alike, in order.
func readShards(out string) ([]shardRun, error) {
	dir := filepath.Join(out, ShardsDirName)
	byCount, err := listShardDirs(dir)
	if err != nil {
		return nil, err
	}
	if len(byCount) > 1 {
		return nil, fmt.Errorf("%w: %s holds shards of %s runs: %s; they overlap: remove the directories of the run you do not want", ErrCannotMerge, dir, countsOf(byCount), dirsOf(byCount))
	}
	var count int
	for count = range byCount {
	}
	var shards []shardRun
	for i := range count {
		s := Shard{Index: i, Count: count}
		run, err := readShard(ShardDir(out, s), s)
		if err != nil {
			return nil, err
		}
		shards = append(shards, run)
	}
	if err := checkShardsAlike(shards); err != nil {
		return nil, err
	}
	return shards, nil
}

// listShardDirs lists the shard directories in dir by their shard count.
func listShardDirs(dir string) (map[int][]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil, fmt.Errorf("%w: %s holds no shards: score each with 'postscore score CORPUS -o %s --shard I/N', then merge", ErrCannotMerge, dir, filepath.Dir(dir))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCannotMerge, err)
	}
	byCount := map[int][]string{}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		s, ok := parseShardDir(e.Name())
		if !ok || !e.IsDir() {
			return nil, fmt.Errorf("%w: %s is not a shard's directory (I-of-N, 0 ≤ I < N); remove it", ErrCannotMerge, filepath.Join(dir, e.Name()))
		}
		byCount[s.Count] = append(byCount[s.Count], e.Name())
	}
	return byCount, nil
}

func countsOf(byCount map[int][]string) string {
	var s []string
	for _, n := range slices.Sorted(maps.Keys(byCount)) {
		s = append(s, strconv.Itoa(n))
	}
	return strings.Join(s, " and ")
}

func dirsOf(byCount map[int][]string) string {
	var s []string
	for _, n := range slices.Sorted(maps.Keys(byCount)) {
		s = append(s, byCount[n]...)
	}
	return strings.Join(s, ", ")
}

// readShard reads shard s's run in dir, which must be complete and be the
// shard its name says.
func readShard(dir string, s Shard) (shardRun, error) {
	if _, err := os.Stat(dir); err != nil {
		return shardRun{}, fmt.Errorf("%w: shard %s is missing (%s): score it with --shard %d/%d", ErrCannotMerge, s, dir, s.Index, s.Count)
	}
	if _, err := os.Stat(filepath.Join(dir, ManifestName)); err != nil {
		return shardRun{}, fmt.Errorf("%w: shard %s is incomplete (%s has no %s): score it again with --shard %d/%d, adding --resume if it was interrupted", ErrCannotMerge, s, dir, ManifestName, s.Index, s.Count)
	}
	man, err := VerifyRun(dir)
	if err != nil {
		return shardRun{}, fmt.Errorf("%w: shard %s: %v", ErrCannotMerge, s, err)
	}
	if man.Shard == nil || man.Shard.Index != s.Index || man.Shard.Count != s.Count {
		return shardRun{}, fmt.Errorf("%w: %s holds %s (its manifest says so), not shard %s: remove it and score the shard again", ErrCannotMerge, dir, shardName(man.Shard), s)
	}
	return shardRun{dir: dir, man: man}, nil
}

func shardName(info *ShardInfo) string {
	if info == nil {
		return "a run that is no shard's"
	}
	return "shard " + info.name()
}

// checkShardsAlike checks that the shards were made alike, of one listing,
// and that their shares of it follow one another.
func checkShardsAlike(shards []shardRun) error {
	first := shards[0].man
	end := int64(0)
	for _, s := range shards {
		if diff := shardIdentity(first).differences(shardIdentity(s.man)); len(diff) > 0 {
			return fmt.Errorf("%w: shard %s (%s) was made differently from shard %s (its value, then this shard's): %s; score it again as the others were",
				ErrCannotMerge, s.man.Shard.name(), s.dir, first.Shard.name(), strings.Join(diff, "; "))
		}
		info := s.man.Shard
		if info.FirstByte != end {
			return fmt.Errorf("%w: shard %s (%s) holds the listing's bytes from %d, but the shard before it ends at %d: the shards overlap or leave a gap; score it again", ErrCannotMerge, info.name(), s.dir, info.FirstByte, end)
		}
		end = info.EndByte
	}
	if last := shards[len(shards)-1].man.Shard; end != last.ListingBytes {
		return fmt.Errorf("%w: the last shard ends at byte %d of the listing's %d", ErrCannotMerge, end, last.ListingBytes)
	}
	return nil
}

// shardIdentity is how a shard's run was made, but for which shard it is.
func shardIdentity(m *Manifest) runIdentity {
	id := identityOf(m, runIdentity{})
	id.Shard = ""
	return id
}

// mergedManifest is the merged run's manifest: the first shard's facts of
// how the run was made, the shards' counts summed.
func mergedManifest(shards []shardRun, commandLine []string) *Manifest {
	m := *shards[0].man
	m.CommandLine, m.Shard, m.MergedShards, m.Files = commandLine, nil, len(shards), nil
	m.Inputs, m.Rows, m.Errors, m.Bytes, m.Warnings, m.PostsWithWarning, m.Resumes = 0, 0, 0, 0, 0, 0, 0
	m.ErrorsByKind, m.WarningsByKind = map[string]int64{}, map[string]int64{}
	for _, s := range shards {
		sm := s.man
		m.Inputs += sm.Inputs
		m.Rows += sm.Rows
		m.Errors += sm.Errors
		m.Bytes += sm.Bytes
		m.Warnings += sm.Warnings
		m.PostsWithWarning += sm.PostsWithWarning
		m.Resumes += sm.Resumes
		addCounts(m.ErrorsByKind, sm.ErrorsByKind)
		addCounts(m.WarningsByKind, sm.WarningsByKind)
		m.Start = earliest(m.Start, sm.Start)
		if sm.End.After(m.End) {
			m.End = sm.End
		}
	}
	m.DurationSeconds = m.End.Sub(m.Start).Seconds()
	m.PostsPerSecond, m.MBPerSecond = 0, 0
	if m.DurationSeconds > 0 { // over the span from the first shard's start to the last one's end
		m.PostsPerSecond = float64(m.Inputs) / m.DurationSeconds
		m.MBPerSecond = float64(m.Bytes) / 1e6 / m.DurationSeconds
	}
	return &m
}

func addCounts(sum, add map[string]int64) {
	for k, v := range add {
		sum[k] += v
	}
}

func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// copyShards copies the shards' row groups, in order, into the final files.
func copyShards(ctx context.Context, shards []shardRun, final *finalFiles) error {
	for _, s := range shards {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%w: merge stopped; nothing was written", ErrInterrupted)
		}
		if err := copyRowGroups(filepath.Join(s.dir, ScoresName), final.scores); err != nil {
			return err
		}
		if err := copyRowGroups(filepath.Join(s.dir, ErrorsName), final.errs); err != nil {
			return err
		}
	}
	return nil
}
