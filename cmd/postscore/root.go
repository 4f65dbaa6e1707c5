package main

import (
	"errors"
	"slices"
	"strings"

	"github.com/alphanode/postscore/pipeline"
	"github.com/alphanode/postscore/reports"
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
	score, report, gen, explain := newScoreCmd(), newReportCmd(), newGenCmd(), newExplainCmd()
	root.AddCommand(score, newMergeCmd(), report, newCompareCmd(), gen, explain, newSchemaCmd(), newModelCmd(), newVersionCmd())
	// Flags that take one of a fixed set of values complete them ('postscore
	// completion' writes the shells' scripts).
	completeValues(score, "format", pipeline.Formats)
	completeList(score, "report-format", reports.Formats)
	completeList(report, "format", reports.Formats)
	completeValues(gen, "format", genFormats)
	completeValues(explain, "format", []string{pipeline.FormatAuto, pipeline.FormatPost, pipeline.FormatMarkdown, pipeline.FormatText})
	for _, c := range root.Commands() {
		if c.RunE != nil {
			c.RunE = failuresExit(c.RunE)
		}
	}
	return root
}

// failuresExit makes any error run returns that is not an exitError a run
// that failed (exit 1), so that main can tell the errors cobra returns
// about the command line (exit 2) from the commands' own.
func failuresExit(run func(*cobra.Command, []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		err := run(cmd, args)
		var ee *exitError
		if err != nil && !errors.As(err, &ee) {
			return &exitError{code: exitFailed, msg: err.Error()}
		}
		return err
	}
}

// completeValues completes the flag's value with those of values that start
// with what is typed.
func completeValues(cmd *cobra.Command, flag string, values []string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, func(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, v := range values {
			if strings.HasPrefix(v, typed) {
				out = append(out, v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
}

// completeList completes a comma-separated list's last item with the values
// not yet in it, and leaves the cursor there for another comma.
func completeList(cmd *cobra.Command, flag string, values []string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, func(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
		cut := strings.LastIndex(typed, ",") + 1
		given, last := strings.Split(typed[:cut], ","), typed[cut:]
		var out []string
		for _, v := range values {
			if strings.HasPrefix(v, last) && !slices.Contains(given, v) {
				out = append(out, typed[:cut]+v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
}
