package main

import (
	"github.com/spf13/cobra"
)

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "postscore",
		Short: "Score a corpus of posts: thin, repetitive, image-stuffed, stale or over-claimed",
		Long: `postscore measures each post of a corpus (repetition, image density,
structure, readability, freshness, and whether its own meta tells the truth),
recomputes four scores (quality, freshness, depth, clarity) with a versioned,
explainable scoring model, and writes one Parquet row per post.`,
		Example: `  postscore score corpus/ -o out --as-of 2026-11-27     # scores.parquet, errors.parquet, reports
  postscore explain corpus/post.txt                        # why this post scores what it does
  postscore compare out-v1 out-v2 -o diff                  # what moved between two runs
  postscore gen -n 10000 --seed 1 -o sample                # a generated corpus with ground truth
  postscore schema                                         # the output columns and their types`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newScoreCmd(), newReportCmd(), newCompareCmd(), newGenCmd(), newExplainCmd(), newSchemaCmd(), newModelCmd(), newVersionCmd())
	return root
}
