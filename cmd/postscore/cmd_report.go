package main

import (
	"fmt"

	"github.com/alphanode/postscore/reports"
	"github.com/spf13/cobra"
)

type reportOptions struct {
	format string
}

func newReportCmd() *cobra.Command {
	var o reportOptions
	cmd := &cobra.Command{
		Use:   "report OUT",
		Short: "Write the summary reports of a run: OUT/report.md, report.html, report.json",
		Long: `Report summarises a run from OUT's scores.parquet, errors.parquet and
manifest.json alone: the run; each score's distribution and how the posts'
claimed scores compare (bias, error, Pearson and Spearman correlation, a
scatter plot, posts that claim 20 points more than they earn); distributions
of repetition, image density, paragraphs and review age; breakdowns by topic,
difficulty and stack; the weakest posts with their main reasons; stale posts;
posts whose meta does not tell the truth; errors and warnings by kind.

The HTML is one self-contained file (inline CSS and SVG charts, no script,
nothing fetched). score writes all three reports unless --no-report.`,
		Example: `  postscore report out
  postscore report out --format html`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			formats, err := reports.ParseFormats(o.format)
			if err != nil {
				return usageErr("--format: %v", err)
			}
			files, err := reports.WriteReports(args[0], formats)
			if err != nil {
				return readRunErr("report", err)
			}
			for _, f := range files {
				fmt.Fprintln(cmd.OutOrStdout(), "wrote", f)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "md,html,json", "formats to write, comma-separated: md, html, json")
	return cmd
}
