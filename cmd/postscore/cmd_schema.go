package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/alphanode/postscore/pipeline"
	"github.com/spf13/cobra"
)

type schemaOptions struct {
	errors, duplicates bool
	json               bool
}

func newSchemaCmd() *cobra.Command {
	var o schemaOptions
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "List the columns of scores.parquet (or errors.parquet, duplicates.parquet): Parquet type, DuckDB type, meaning",
		Example: `  postscore schema
  postscore schema --errors
  postscore schema --duplicates
  postscore schema --json | jq '.[].name'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			file := pipeline.ScoresName
			switch {
			case o.errors && o.duplicates:
				return usageErr("give --errors or --duplicates, not both")
			case o.errors:
				file = pipeline.ErrorsName
			case o.duplicates:
				file = pipeline.DuplicatesName
			}
			cols, _ := pipeline.Schema(file)
			if o.json {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(cols)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "COLUMN\tPARQUET\tDUCKDB\tNULL\tMEANING")
			for _, c := range cols {
				null := ""
				if c.Nullable {
					null = "yes"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.Name, c.Parquet, c.DuckDB, null, c.Meaning)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&o.errors, "errors", false, "describe errors.parquet instead")
	cmd.Flags().BoolVar(&o.duplicates, "duplicates", false, "describe duplicates.parquet instead")
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON")
	return cmd
}
