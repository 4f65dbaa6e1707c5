package main

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/pipeline"
	"github.com/alphanode/postscore/pipeline/objstore"
	"github.com/alphanode/postscore/reports"
	"github.com/alphanode/postscore/scoring"
	"github.com/spf13/cobra"
)

type scoreOptions struct {
	out       string
	asOf      string
	model     string
	workers   int
	force     bool
	maxErrors int64
	maxBytes  int64
	format    string
	quiet     bool
	memprof   string
	cpuprof   string
	noReport  bool
	reportFmt string
	resume    bool
	partSize  int64
	textField string
	idField   string
	// followLinks follows links that lead out of the CORPUS arguments.
	followLinks bool
	// include and exclude select the files found in CORPUS directories
	// by their doc_path (pipeline.Options.Include, Exclude).
	include, exclude []string
	// shard is --shard I/N; shards is --shards N (the index from the
	// scheduler's environment).
	shard  string
	shards int
	// stageDir is where a run into a bucket is made before it is uploaded.
	stageDir string
}

// scoreLong is score's --help text.
const scoreLong = `Score reads every post under the CORPUS files and directories (walked
recursively in sorted order; hidden entries, postscore's own outputs and
files that are no posts by their extension skipped; links followed within each CORPUS, loops skipped), measures and scores each one in parallel, and writes:

  OUT/scores.parquet   one row per post (postscore schema lists the columns)
  OUT/errors.parquet   one row per input that is not a post: doc_path, stage, kind, reason
  OUT/duplicates.parquet  one row per post in a near-duplicate cluster (after the
                       last post: postscore schema --duplicates; docs/DUPLICATES.md)
  OUT/manifest.json    how the run was made: version, model, as-of, counts, speed

Every input is accounted for: inputs = rows + errors. OUT holds one whole
run or none: the final files are staged, then put in place together,
manifest.json last (it lists each file's size and sha256). The run exits 0 when the batch
completes, even with error rows; --max-errors fails it above a limit.

Formats (--format auto picks one per file): post (the export format,
FORMAT.md; also reads plain .txt as a title and paragraphs), markdown
(.md: YAML or TOML front matter, headings, lists, images, code blocks and
tables counted but kept out of the text), text (the whole file is the
body), jsonl (.jsonl, .jsonl.gz, .jsonl.zst: one document a line, fields
--text-field and --id-field) and parquet (.parquet: the same two columns).
Each line or row is an input; its text is read as post, markdown or text
by its content. Readability is computed for English only: other languages
(es, fr, de, pt, it) get null readability and a warning.

Which files are inputs: with --format auto, a file found in a CORPUS
directory is an input only when its extension names a format postscore
reads (.txt, .md, .markdown, .jsonl, .ndjson, .jsonl.gz/.zst,
.ndjson.gz/.zst, .parquet); any other (images, .yml data, theme files) is
skipped and counted by extension ("(none)" for a name without one) in the
summary and in manifest.json's "skipped" (another --format reads every
file found). --include GLOB and --exclude GLOB
(repeatable) match each file's doc_path, the path under its CORPUS
argument: "**" spans directories, "*" does not, and a GLOB without "/"
matches the file's name in any directory. With --include, a file is an
input only if it matches one, whatever its extension (its format then comes
from its extension, else its content); a file that matches an --exclude is
never an input. The files they leave out are counted as "excluded". A file
named as a CORPUS argument is always an input.

Rows are checkpointed every 8,192 inputs under OUT/.postscore-work/. A run
stopped by SIGINT or SIGTERM (exit 130 or 143), killed, or failed on a full
disk keeps its checkpoints: run the same command with --resume to carry on
where it stopped; the result is the same as an uninterrupted run's.

Shards (Kubernetes Indexed Jobs, Slurm arrays): --shard I/N scores only
shard I of N (0-based), a byte-balanced share of the corpus in input order
(a large JSONL or Parquet file is split by lines or row groups), into
OUT/shards/I-of-N/ (no reports); --shards N takes I from
JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID. Every task computes the same
partition from the corpus listing. 'postscore merge OUT' then writes the
run one machine would have. A shard's --resume continues its interrupted
run, leaves a complete one as it is, and otherwise starts it: a scheduler's
retry can always pass it.

CORPUS and OUT may be buckets: s3://bucket/prefix (AWS_ENDPOINT_URL,
AWS_REGION and the AWS credentials), gs://, azblob://, file://. Objects are
read as they are scored, never downloaded whole first; a run into a bucket
is made in --stage-dir, then uploaded, manifest.json last.`

func newScoreCmd() *cobra.Command {
	var o scoreOptions
	cmd := &cobra.Command{
		Use:   "score CORPUS... -o OUT",
		Short: "Score a corpus of posts into OUT/scores.parquet, errors.parquet, duplicates.parquet and manifest.json",
		Long:  scoreLong,
		Example: `  postscore score testdata/corpus -o out
  postscore score posts/ more/posts -o out --as-of 2026-11-27 --workers 4
  postscore score posts/ -o out --model my-model.toml --force --max-errors 100
  postscore score posts/ -o out --resume     # after an interrupted run
  postscore score site/content -o out --exclude 'drafts/**' --exclude '_index.md'
  postscore score site/ -o out --include 'content/**/*.md'   # only the Markdown under content/
  postscore score notes/ -o out --include '*.org'            # a file of any extension, by its content
  postscore score posts/ -o out --shard 2/8 --as-of 2026-11-27   # shard 2 of 8, into out/shards/2-of-8/
  postscore score s3://corpus/posts -o s3://runs/2026-11 --shards 8 --as-of 2026-11-27 --resume`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScore(cmd, o, args)
		},
	}
	o.addFlags(cmd)
	return cmd
}

// addFlags declares score's flags on cmd, each bound to its field of o.
func (o *scoreOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&o.out, "out", "o", "", "output directory, or a bucket's URL: s3://bucket/prefix, gs://, azblob://, file:// (required)")
	f.StringVar(&o.asOf, "as-of", "", "date freshness is measured at, YYYY-MM-DD (default: today, UTC)")
	f.StringVar(&o.model, "model", "", "scoring model file (TOML; default: the embedded model, see 'postscore model')")
	f.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), fmt.Sprintf("parallel workers, 1 to %d (default: the cores)", maxWorkers))
	f.BoolVar(&o.force, "force", false, "replace results (or an interrupted run) already in OUT")
	f.BoolVar(&o.resume, "resume", false, "continue the interrupted run in OUT from its last checkpoint (same corpus, model, as-of)")
	f.Int64Var(&o.partSize, "checkpoint-every", pipeline.DefaultCheckpointInputs, "inputs per checkpoint")
	_ = f.MarkHidden("checkpoint-every")
	f.Int64Var(&o.maxErrors, "max-errors", -1, "fail the run when there are more than N error rows (-1: no limit)")
	f.Int64Var(&o.maxBytes, "max-bytes", pipeline.DefaultMaxBytes, "largest file read as one post, at most 1 GiB; a larger one is an error row")
	f.StringVar(&o.format, "format", "auto", "input format: auto (by extension and content), post, markdown, text, jsonl or parquet")
	f.StringVar(&o.textField, "text-field", "text", "JSONL and Parquet corpora: the field that holds the text")
	f.StringVar(&o.idField, "id-field", "id", "JSONL and Parquet corpora: the field that holds the document id (post_id)")
	f.BoolVar(&o.followLinks, "follow-links", false, "follow links that lead out of the CORPUS directories (by default they are error rows)")
	f.StringArrayVar(&o.include, "include", nil, "only files whose doc_path matches `GLOB` are inputs, whatever their extension (repeatable: any of them)")
	f.StringArrayVar(&o.exclude, "exclude", nil, "files whose doc_path matches `GLOB` are not inputs (repeatable)")
	f.StringVar(&o.shard, "shard", "", "score only shard `I/N` (0-based) of the corpus, into OUT/shards/I-of-N/; then 'postscore merge OUT'")
	f.IntVar(&o.shards, "shards", 0, "score one of `N` shards, its index from JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm)")
	f.StringVar(&o.stageDir, "stage-dir", "", "with OUT in a bucket: the local `DIR` the run is made in before it is uploaded (default: under $TMPDIR)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress output, only the summary")
	f.BoolVar(&o.noReport, "no-report", false, "do not write OUT/report.md, report.html and report.json")
	f.StringVar(&o.reportFmt, "report-format", "md,html,json", "report formats to write, comma-separated")
	f.StringVar(&o.cpuprof, "cpuprofile", "", "write a CPU profile to this file (for performance work)")
	_ = f.MarkHidden("cpuprofile")
	f.StringVar(&o.memprof, "memprofile", "", "write an allocation profile to this file at the end (for performance work)")
	_ = f.MarkHidden("memprofile")
	_ = cmd.MarkFlagRequired("out")
}

// parseAsOf reads --as-of, defaulting to today in UTC.
func parseAsOf(s string) (post.Date, error) {
	if s == "" {
		return post.DateOf(time.Now()), nil
	}
	d, err := post.ParseDate(s)
	if err != nil {
		return 0, usageErr("--as-of %q is not a date: give it as YYYY-MM-DD", s)
	}
	return d, nil
}

// loadModel reads --model (a regular file of at most 1 MiB, read as a run
// reads a post), or the embedded default.
func loadModel(path string) (*scoring.Model, error) {
	if path == "" {
		return scoring.DefaultModel(), nil
	}
	data, err := pipeline.ReadRegularFile(path, scoring.MaxModelBytes, "the limit of 1 MiB for a model file")
	if err != nil {
		return nil, &exitError{code: exitUsage, msg: fmt.Sprintf("model: %v", err)}
	}
	m, err := scoring.ParseModel(data, path)
	if err != nil {
		return nil, &exitError{code: exitUsage, msg: err.Error()}
	}
	return m, nil
}

func runScore(cmd *cobra.Command, o scoreOptions, corpus []string) error {
	start := time.Now()
	asOf, model, formats, err := checkScoreFlags(cmd, o, corpus)
	if err != nil {
		return err
	}
	shard, err := shardFlags(o)
	if err != nil {
		return err
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(pipeline.MemoryLimit(o.maxBytes))
	}
	stopProfiles, err := startProfiles(o.cpuprof, o.memprof)
	if err != nil {
		return err
	}
	defer stopProfiles()
	stderr := cmd.ErrOrStderr()
	var progress pipeline.Progress
	if !o.quiet {
		progress = pipeline.NewProgress(stderr)
	}
	var sigs signals
	ctx, stop := sigs.watch(cmd.Context())
	defer stop()

	opts := pipeline.Options{
		Corpus: corpus, Out: o.out, AsOf: asOf, Model: model, Workers: o.workers, Force: o.force,
		MaxErrors: o.maxErrors, MaxBytes: o.maxBytes, Format: o.format, Resume: o.resume, CheckpointInputs: o.partSize,
		TextField: o.textField, IDField: o.idField, FollowLinks: o.followLinks, Include: o.include, Exclude: o.exclude,
		Shard: shard, StageDir: o.stageDir, CommandLine: os.Args, Progress: progress,
	}
	opts.Notice = func(msg string) { fmt.Fprintln(stderr, "postscore:", reports.VisibleText(msg)) }
	out := pipeline.OutLocation(o.out, shard)
	if shard == nil && !o.noReport { // a shard's run has no reports: merge writes them
		attachReports(&opts, model, formats)
	}
	man, err := pipeline.Run(ctx, opts)
	if f, ok := progress.(pipeline.Finisher); ok {
		f.Finish()
	}
	if err != nil {
		return scoreFailure(err, out, &sigs)
	}
	fmt.Fprintln(cmd.OutOrStdout(), summaryLine(man, out, time.Since(start)))
	return nil
}

// shardFlags reads --shard I/N or --shards N (with the index from the
// scheduler's environment): the shard to score, or nil for the whole corpus.
func shardFlags(o scoreOptions) (*pipeline.Shard, error) {
	var s pipeline.Shard
	var err error
	switch {
	case o.shard != "" && o.shards != 0:
		return nil, usageErr("--shard and --shards: give one (--shard I/N names the shard; --shards N takes I from the scheduler)")
	case o.shard != "":
		s, err = pipeline.ParseShard(o.shard)
	case o.shards != 0:
		s, err = pipeline.ShardFromEnv(o.shards, os.Getenv)
	default:
		return nil, nil
	}
	if err != nil {
		return nil, usageErr("%v", err)
	}
	return &s, nil
}

// checkScoreFlags reads and checks score's flags and corpus arguments: any
// that is wrong is a usage error, before anything is read or written.
func checkScoreFlags(cmd *cobra.Command, o scoreOptions, corpus []string) (post.Date, *scoring.Model, []string, error) {
	asOf, err := parseAsOf(o.asOf)
	if err != nil {
		return 0, nil, nil, err
	}
	model, err := loadModel(o.model)
	if err != nil {
		return 0, nil, nil, err
	}
	formats, err := reports.ParseFormats(o.reportFmt)
	if err != nil {
		return 0, nil, nil, usageErr("--report-format: %v", err)
	}
	if err := pipeline.CheckMaxBytes(o.maxBytes); err != nil {
		return 0, nil, nil, usageErr("%v", err)
	}
	if err := checkWorkers(cmd, o.workers); err != nil {
		return 0, nil, nil, err
	}
	if o.maxErrors < -1 {
		return 0, nil, nil, usageErr("--max-errors %d: want -1 (no limit) or 0 and more", o.maxErrors)
	}
	if !slices.Contains(pipeline.Formats, o.format) {
		return 0, nil, nil, usageErr("--format %q: want one of %s", o.format, strings.Join(pipeline.Formats, ", "))
	}
	for _, g := range o.include {
		if err := pipeline.CheckGlob(g); err != nil {
			return 0, nil, nil, usageErr("--include: %v", err)
		}
	}
	for _, g := range o.exclude {
		if err := pipeline.CheckGlob(g); err != nil {
			return 0, nil, nil, usageErr("--exclude: %v", err)
		}
	}
	if strings.HasPrefix(o.out, "mem://") {
		return 0, nil, nil, usageErr("-o %s: an in-memory bucket is gone when postscore exits; give a directory or a bucket", o.out)
	}
	for _, c := range corpus {
		if objstore.IsURL(c) {
			continue // opened when the run begins, which says what fails
		}
		if _, err := os.Stat(c); err != nil {
			return 0, nil, nil, usageErr("corpus %s: %v", c, err)
		}
	}
	return asOf, model, formats, nil
}

// startProfiles starts the CPU profile (--cpuprofile) and readies the
// allocation profile (--memprofile); the function it returns stops the one
// and writes the other.
func startProfiles(cpuprof, memprof string) (stop func(), err error) {
	var cpu *os.File
	if cpuprof != "" {
		if cpu, err = os.Create(cpuprof); err != nil {
			return nil, usageErr("--cpuprofile: %v", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, usageErr("--cpuprofile: %v", err)
		}
	}
	if memprof != "" {
		runtime.MemProfileRate = 64 << 10
	}
	return func() {
		if memprof != "" {
			if f, err := os.Create(memprof); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
	}, nil
}

// scoreFailure is the exit a failed run ends with: its code says what kind
// of failure it was.
func scoreFailure(err error, out string, sigs *signals) error {
	switch {
	case errors.Is(err, pipeline.ErrReports):
		return &exitError{code: exitFailed, msg: fmt.Sprintf("%v; run 'postscore report %s' to retry", err, out)}
	case errors.Is(err, pipeline.ErrInterrupted):
		return sigs.interrupted(err.Error())
	case errors.Is(err, pipeline.ErrOutputExists), errors.Is(err, pipeline.ErrCannotResume), errors.Is(err, pipeline.ErrOutputBusy):
		return &exitError{code: exitUsage, msg: err.Error()}
	case errors.Is(err, pipeline.ErrTooManyErrors):
		return &exitError{code: exitTooManyErrors, msg: err.Error() + "; nothing final was written"}
	}
	return &exitError{code: exitFailed, msg: fmt.Sprintf("score failed: %v", err)}
}

// attachReports has the run summarise its rows as they are written (not
// read back from the files) and render the reports once the final files are
// staged (Reports): the summary's clusters are in the staged
// duplicates.parquet, written after the last row. A resumed run's first
// rows are in the staged files only: its reports are made from those.
func attachReports(opts *pipeline.Options, model *scoring.Model, formats []string) {
	live := reports.NewLive(model.HalfLifeDays)
	opts.OnRow, opts.OnError = live.Add, live.AddError
	opts.Reports = func(staged string, man *pipeline.Manifest) (map[string][]byte, error) {
		s, err := live.Summary(staged, man)
		if err != nil {
			return nil, err
		}
		rendered, err := reports.Render(s, formats)
		if err != nil {
			return nil, err
		}
		return rendered.Files(), nil
	}
}

// maxWorkers bounds --workers: each worker keeps up to 32 inputs in flight
// (read, being scored, or waiting to be written), so memory grows with the
// workers; 256 keep at most 8,192 inputs in flight.
const maxWorkers = 256

// checkWorkers refuses a number of workers below 1 or above maxWorkers, and
// warns above 4 per core, where more workers only wait for a core.
func checkWorkers(cmd *cobra.Command, n int) error {
	if n < 1 || n > maxWorkers {
		return usageErr("--workers %d: want 1 to %d (see '%s --help')", n, maxWorkers, cmd.CommandPath())
	}
	if cores := runtime.GOMAXPROCS(0); n > 4*cores {
		fmt.Fprintf(cmd.ErrOrStderr(), "postscore: warning: --workers %d is more than 4 per core (%d cores): the extra workers wait for a core and hold memory\n", n, cores)
	}
	return nil
}

// summaryLine is the one-line summary a run ends with: the run's counts,
// and the time this invocation took and its rates (a resumed run's
// manifest spans every invocation; its rates are the last one's).
func summaryLine(m *pipeline.Manifest, out string, took time.Duration) string {
	var kinds []string
	for _, k := range slices.Sorted(maps.Keys(m.ErrorsByKind)) {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, m.ErrorsByKind[k]))
	}
	errs := fmt.Sprintf("%d errors", m.Errors)
	if len(kinds) > 0 {
		errs += " (" + strings.Join(kinds, ", ") + ")"
	}
	if m.OutputsSkipped > 0 {
		errs += fmt.Sprintf(", %d files of postscore's own outputs left out", m.OutputsSkipped)
	}
	resumed := ""
	if m.Resumes > 0 {
		resumed = "resumed, this run: "
	}
	return fmt.Sprintf("postscore: %d inputs → %d rows, %s, %d warnings on %d posts; %s%s%.2fs, %.0f posts/s, %.1f MB/s; wrote %s/",
		m.Inputs, m.Rows, errs, m.Warnings, m.PostsWithWarning, leftOut(m), resumed, took.Seconds(), m.PostsPerSecond, m.MBPerSecond, strings.TrimSuffix(out, "/"))
}

// summaryExtensions is how many extensions of skipped files the summary
// line names, the most frequent first (one more rather than "1 more of 1
// other extension"); the rest it counts together, and the manifest counts
// every one.
const summaryExtensions = 5

// leftOut is the part of the summary line that says which files found in
// the corpus were no inputs, each part ending in "; ": those skipped for
// their extension ("skipped 988 .yml, 3 .png"), then those --include or
// --exclude left out; "" when there were none.
func leftOut(m *pipeline.Manifest) string {
	var s string
	exts := slices.SortedFunc(maps.Keys(m.Skipped), func(a, b string) int {
		return cmp.Or(cmp.Compare(m.Skipped[b], m.Skipped[a]), cmp.Compare(a, b))
	})
	if len(exts) > 0 {
		var named []string
		show := summaryExtensions
		if len(exts) == show+1 {
			show++
		}
		for _, ext := range exts[:min(len(exts), show)] {
			named = append(named, fmt.Sprintf("%d %s", m.Skipped[ext], ext))
		}
		if rest := exts[len(named):]; len(rest) > 0 {
			var n int64
			for _, ext := range rest {
				n += m.Skipped[ext]
			}
			named = append(named, fmt.Sprintf("%d more of %d other extensions", n, len(rest)))
		}
		s += "skipped " + strings.Join(named, ", ") + "; "
	}
	if m.Excluded > 0 {
		s += fmt.Sprintf("%d excluded by --include/--exclude; ", m.Excluded)
	}
	return s
}
