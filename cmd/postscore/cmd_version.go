package main

import (
	"fmt"
	"runtime"

	"github.com/alphanode/postscore/pipeline"
	"github.com/spf13/cobra"
)

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print postscore's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "postscore %s (%s, %s/%s)\n", pipeline.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
