package main

import (
	"fmt"

	"github.com/alphanode/postscore/scoring"
	"github.com/spf13/cobra"
)

type modelOptions struct {
	check string
}

func newModelCmd() *cobra.Command {
	var o modelOptions
	cmd := &cobra.Command{
		Use:   "model",
		Short: "Print the default scoring model (TOML), to start your own from; or check a model file",
		Example: `  postscore model > my-model.toml
  postscore model --check my-model.toml
  postscore score corpus/ -o out --model my-model.toml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.check != "" {
				m, err := loadModel(o.check)
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s: model %s %s is valid (hash %s)\n", o.check, m.Name, m.Version, m.Hash())
				return err
			}
			_, err := cmd.OutOrStdout().Write(scoring.DefaultModelTOML())
			return err
		},
	}
	cmd.Flags().StringVar(&o.check, "check", "", "validate a model file instead of printing the default")
	return cmd
}
