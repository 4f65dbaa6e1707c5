package main

import (
	"fmt"
	"io"

	"github.com/alphanode/postscore/reports"
	"github.com/spf13/cobra"
)

type compareOptions struct {
	out string
}

func newCompareCmd() *cobra.Command {
	var o compareOptions
	cmd := &cobra.Command{
		Use:   "compare OLD NEW -o DIR",
		Short: "Compare two runs post by post: what moved, by how much, and why",
		Long: `Compare joins two runs (OUT directories of score) by post_id, taking the
highest revision_version where a run has several, and writes:

  DIR/compare.parquet  one row per post: both values and the delta of each
                       score, both revision versions, status (both, added,
                       removed), body_changed (body_sha256 differs: the text
                       a reader sees), meta_changed (content_sha256 differs
                       but body_sha256 does not: the front matter or meta
                       block only), model_changed, as_of_changed, and for a
                       post whose scores moved its cause and cause_detail
  DIR/compare.md, compare.html, compare.json
                       mean shift and Kolmogorov-Smirnov statistic per score,
                       band transition matrices (0-39, 40-59, 60-79, 80-100),
                       body and metadata-only changes counted, the top movers
                       with their cause and the features that moved most,
                       the near-duplicate clusters that appeared, grew,
                       shrank or dissolved, posts added and removed.

A moved post's cause is the first that applies of: body; metadata (with what
appeared or disappeared: "review date lost", "front matter unreadable",
"title changed", "tags lost", "claimed scores appeared", ...); content (the
input changed, but a run written before body_sha256 cannot tell body from
metadata: body_changed and meta_changed are then null); model; as_of;
scorer (nothing else changed: postscore's own rules did).

Clusters (OUT/duplicates.parquet) are matched by their posts' post_ids: a
NEW cluster matches the OLD cluster with which it shares the most (on a tie,
the one with fewer posts, then the lower cluster_id). A run written before
duplicates.parquet has no clusters to compare, and the reports say so.

OLD, NEW and DIR may be in object storage (s3://bucket/prefix, gs://,
azblob://, file://): the runs are downloaded into temporary directories,
compared there, and DIR's files uploaded, compare.parquet last.`,
		Example: `  postscore score corpus -o out-v1 --as-of 2026-11-27
  postscore score corpus -o out-v2 --as-of 2026-11-27 --model new-model.toml
  postscore compare out-v1 out-v2 -o diff
  postscore compare s3://bucket/runs/v1 s3://bucket/runs/v2 -o s3://bucket/diffs/v1-v2`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(cmd, o, args[0], args[1])
		},
	}
	cmd.Flags().StringVarP(&o.out, "out", "o", "", "output directory (required)")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}

// compareFiles are what compare writes into DIR, the main output last (a
// reader of DIR in object storage that finds compare.parquet finds the
// reports beside it).
var compareFiles = []string{"compare.md", "compare.html", "compare.json", reports.CompareName}

// runCompare compares the runs oldArg and newArg (directories or URLs)
// into o.out and prints the summary line.
func runCompare(cmd *cobra.Command, o compareOptions, oldArg, newArg string) error {
	var sigs signals
	ctx, stop := watchRemote(cmd.Context(), &sigs, oldArg, newArg, o.out)
	defer stop()
	var dirs [3]*runDir
	defer func() {
		for _, d := range dirs {
			d.Close()
		}
	}()
	for k, arg := range []string{oldArg, newArg, o.out} {
		var err error
		if k < 2 {
			dirs[k], err = openRunDir(ctx, arg)
		} else {
			dirs[k], err = openOutDir(ctx, arg)
		}
		if err != nil {
			return remoteErr(&sigs, "compare", err)
		}
	}
	c, err := reports.CompareAs(dirs[0].dir, dirs[1].dir, dirs[2].dir, oldArg, newArg)
	if err != nil {
		return readRunErr("compare", err)
	}
	if err := dirs[2].publish(ctx, compareFiles); err != nil {
		return remoteErr(&sigs, "compare", err)
	}
	printComparison(cmd.OutOrStdout(), c, dirs[2].name(reports.CompareName))
	return nil
}

// printComparison prints the summary line of c, written to where.
func printComparison(w io.Writer, c *reports.Comparison, where string) {
	q := c.Scores[0]
	fmt.Fprintf(w, "postscore compare: %d posts in both, %d added, %d removed; %s; quality moved on %d (by cause: %s), mean shift %+.2f, KS %s; %s; wrote %s\n",
		c.Both, c.Added, c.Removed, c.ChangeSummary(), c.Moved.Moved, c.Moved.CauseSummary(), q.MeanShift, fmtOpt(q.KS), c.ClusterSummary(), where)
}
