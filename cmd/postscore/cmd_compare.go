package main

import (
	"fmt"
	"path/filepath"

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
                       removed), content_changed (content_sha256 differs),
                       model_changed (model hash differs), as_of_changed
  DIR/compare.md, compare.html, compare.json
                       mean shift and Kolmogorov-Smirnov statistic per score,
                       band transition matrices (0-39, 40-59, 60-79, 80-100),
                       the top movers with the features that moved most,
                       posts added and removed, and for moved posts whether
                       their content changed or only the scorer did.`,
		Example: `  postscore score corpus -o out-v1 --as-of 2026-11-27
  postscore score corpus -o out-v2 --as-of 2026-11-27 --model new-model.toml
  postscore compare out-v1 out-v2 -o diff`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := reports.Compare(args[0], args[1], o.out)
			if err != nil {
				return readRunErr("compare", err)
			}
			q := c.Scores[0]
			fmt.Fprintf(cmd.OutOrStdout(), "postscore compare: %d posts in both, %d added, %d removed; quality moved on %d (%d with changed content), mean shift %+.2f, KS %s; wrote %s\n",
				c.Both, c.Added, c.Removed, c.Moved.Moved, c.Moved.ContentChanged, q.MeanShift, fmtOpt(q.KS), filepath.Join(o.out, reports.CompareName))
			return nil
		},
	}
	cmd.Flags().StringVarP(&o.out, "out", "o", "", "output directory (required)")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}
