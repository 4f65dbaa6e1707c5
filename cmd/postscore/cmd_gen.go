package main

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/alphanode/postscore/pipeline"
	"github.com/alphanode/postscore/pipeline/gen"
	"github.com/spf13/cobra"
)

type genOptions struct {
	n         int
	seed      uint64
	out       string
	malformed float64
	nearDups  float64
	format    string
	asOf      string
	workers   int
	quiet     bool
}

func newGenCmd() *cobra.Command {
	var o genOptions
	cmd := &cobra.Command{
		Use:   "gen -n N --seed S -o DIR",
		Short: "Generate a realistic corpus of posts with ground truth (DIR/truth.jsonl)",
		Long: `Gen writes N posts in the export format (FORMAT.md), spread over
subdirectories of at most 1,000 files, or as JSONL shards of 10,000 posts,
with DIR/truth.jsonl saying for each what it holds (paragraphs, headings,
bullets, images, repeated sentences, review date, claims) and what postscore
must make of it (a row, an error row of a given kind, warnings).

--format markdown writes the same posts (for the same --seed and -n: the
same words, paragraphs, headings, images and checklists) as Markdown files
(.md, MARKDOWN.md): YAML front matter, ATX headings, lists (some ordered,
some nested), images as ![alt](src), <img> and Hugo figure shortcodes, and
what only Markdown has: fenced and indented code blocks, tables, links
(inline and bare URLs), raw HTML (a <div>, WordPress <p> paragraphs, a
comment) and footnotes. Its truth counts the blocks of the rendered page,
code blocks, tables and links; the export meta's claims are not in it.

Posts vary where the scores look: topics, stacks and scenarios; 1-30
paragraphs; 0-15 images with and without alt lines; headings and
checklists; repetition from none to heavy; review dates over three years
before --as-of, some missing, a few in the future; revisions of earlier
post ids; claims that are sometimes true and sometimes inflated.
--malformed RATE makes that share of posts malformed, cycling through the
kinds FORMAT.md names (bad dates, out-of-range and non-numeric scores,
unknown meta keys, no meta, empty, only preamble, binary, invalid UTF-8,
CRLF, BOM; in Markdown: a bad front-matter date, no front matter, empty,
binary, invalid UTF-8, CRLF, BOM).

--near-dups RATE makes about that share of posts planted copies of an
earlier post of the corpus (its original), reviewed later than it: a fifth
exact copies (only case, punctuation, line breaks and the meta differ: the
same text once normalised), the rest near copies whose sentences are
reworded, dropped, added or moved until their word shingles' Jaccard
similarity with the original's falls to a target drawn from 0.5 to 1 (a
short post's first edit may take it lower). The truth names each copy's
original and the two posts' true Jaccard similarity ("duplicate").
The posts that are not copies are those the same command writes without
--near-dups. The same command always writes byte-identical files.`,
		Example: `  postscore gen -n 1000 --seed 1 -o corpus
  postscore gen -n 5000 --seed 7 -o corpus --malformed 0.02
  postscore gen -n 100000 --seed 1 -o shards --format jsonl
  postscore gen -n 1000 --seed 1 -o corpus-md --format markdown   # the posts of the first example, as .md
  postscore gen -n 20000 --seed 1 -o corpus-dups --near-dups 0.1  # a tenth of the posts copies of others`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runGen(cmd, o) },
	}
	f := cmd.Flags()
	f.IntVarP(&o.n, "n", "n", 1000, "number of posts")
	f.Uint64Var(&o.seed, "seed", 1, "random seed: the same seed writes the same corpus")
	f.StringVarP(&o.out, "out", "o", "", "output directory (required)")
	f.Float64Var(&o.malformed, "malformed", 0, "share of posts that are malformed, 0 to 1")
	f.Float64Var(&o.nearDups, "near-dups", 0, "share of posts that are planted exact or near copies of an earlier post, 0 to 1")
	f.StringVar(&o.format, "format", "post", "post (one file a post, the export format), markdown (one .md file a post) or jsonl (shards of 10,000 posts)")
	f.StringVar(&o.asOf, "as-of", "2026-11-27", "review dates are spread over the three years before this date")
	// Writing a million small files waits on the file system more than it
	// computes: more writers than cores keep both busy (measured: 8 writers
	// on 2 cores write 100,000 posts 1.3x faster than 2).
	f.IntVar(&o.workers, "workers", 4*runtime.GOMAXPROCS(0), fmt.Sprintf("parallel writers, 1 to %d (default: 4 per core: writing files waits on the disk)", maxWorkers))
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress output")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}

// genFormats are the formats gen writes.
var genFormats = []string{"post", "jsonl", "markdown"}

func runGen(cmd *cobra.Command, o genOptions) error {
	if o.n < 0 {
		return usageErr("-n %d: want a number of posts >= 0", o.n)
	}
	if o.malformed < 0 || o.malformed > 1 {
		return usageErr("--malformed %g: want a share from 0 to 1", o.malformed)
	}
	if !(o.nearDups >= 0 && o.nearDups <= 1) {
		return usageErr("--near-dups %g: want a share from 0 to 1", o.nearDups)
	}
	if !slices.Contains(genFormats, o.format) {
		return usageErr("--format %q: want %s", o.format, strings.Join(genFormats, ", "))
	}
	if err := checkWorkers(cmd, o.workers); err != nil {
		return err
	}
	asOf, err := parseAsOf(o.asOf)
	if err != nil {
		return err
	}
	if entries, err := os.ReadDir(o.out); err == nil && len(entries) > 0 {
		return usageErr("%s is not empty: gen writes into a new or empty directory", o.out)
	}
	var sigs signals
	ctx, stop := sigs.watch(cmd.Context())
	defer stop()
	start := time.Now()
	var progress func(int64, int64)
	if !o.quiet {
		p := pipeline.NewWriteProgress(cmd.ErrOrStderr())
		progress = func(done, bytes int64) {
			p.Update(pipeline.Stats{Inputs: done, Bytes: bytes, Total: int64(o.n), Elapsed: time.Since(start)})
		}
		if f, ok := p.(pipeline.Finisher); ok {
			defer f.Finish()
		}
	}
	opts := gen.Options{N: o.n, Seed: o.seed, Malformed: o.malformed, NearDups: o.nearDups, AsOf: asOf, JSONL: o.format == "jsonl", Markdown: o.format == "markdown"}
	st, err := gen.Write(ctx, o.out, opts, o.workers, progress)
	switch {
	case err != nil && sigs.received():
		return sigs.interrupted(fmt.Sprintf("gen interrupted after %d of %d posts: %s holds a partial corpus; remove %s and run again", st.Files, o.n, o.out, o.out))
	case err != nil:
		return &exitError{code: exitFailed, msg: fmt.Sprintf("gen failed after %d posts: %v (remove %s and run again)", st.Files, err, o.out)}
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(cmd.OutOrStdout(), "postscore gen: %d posts, %.1f MB in %s; %.2fs, %.0f posts/s; truth in %s\n",
		st.Files, float64(st.Bytes)/1e6, o.out, secs, float64(st.Files)/secs, o.out+"/"+gen.TruthName)
	return nil
}
