package main

import (
	"fmt"
	"path/filepath"

	"github.com/alphanode/postscore/pipeline"
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
		Long: `Report summarises a run from OUT's scores.parquet, errors.parquet,
duplicates.parquet and manifest.json alone: the run; each score's
distribution and how the posts' claimed scores compare (bias, error, Pearson
and Spearman correlation, a scatter plot, posts that claim 20 points more
than they earn); distributions of repetition, image density, paragraphs and
review age; breakdowns by topic, difficulty and stack; the weakest posts with
their main reasons; stale posts; posts whose meta does not tell the truth;
the near-duplicate clusters (how many, their posts, exact and near copies,
the largest with their canonical post and what differs; a run written before
duplicates.parquet records none); errors and warnings by kind.

The HTML is one self-contained file (inline CSS and SVG charts, no script,
nothing fetched). score writes all three reports unless --no-report.

OUT may be in object storage (s3://bucket/prefix, gs://, azblob://,
file://): the run is downloaded into a temporary directory, reported on
there, and the reports and the manifest that lists them are uploaded back,
the manifest last.`,
		Example: `  postscore report out
  postscore report out --format html
  postscore report s3://bucket/runs/2026-11-27`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReport(cmd, o, args[0])
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "md,html,json", "formats to write, comma-separated: md, html, json")
	return cmd
}

// runReport writes the reports of the run in arg (a directory or a URL)
// and says which files it wrote.
func runReport(cmd *cobra.Command, o reportOptions, arg string) error {
	formats, err := reports.ParseFormats(o.format)
	if err != nil {
		return usageErr("--format: %v", err)
	}
	var sigs signals
	ctx, stop := watchRemote(cmd.Context(), &sigs, arg)
	defer stop()
	run, err := openRunDir(ctx, arg)
	if err != nil {
		return remoteErr(&sigs, "report", err)
	}
	defer run.Close()
	files, err := reports.WriteReports(run.dir, formats)
	if err != nil {
		return readRunErr("report", err)
	}
	names := make([]string, 0, len(files)+1)
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if err := run.update(ctx, append(names, pipeline.ManifestName)); err != nil {
		return remoteErr(&sigs, "report", err)
	}
	for _, name := range names {
		fmt.Fprintln(cmd.OutOrStdout(), "wrote", run.name(name))
	}
	return nil
}
