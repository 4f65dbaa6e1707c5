// Command gencolumns writes the files generated from the column table
// (pipeline/internal/columns): pipeline's Row, ErrorRow and BuildRow, and
// features' numeric registry. `go generate ./pipeline` runs it in the
// pipeline package's directory.
package main

import (
	"fmt"
	"os"
	"sort"

	"github.com/alphanode/postscore/pipeline/internal/columns"
)

func main() {
	files, err := columns.Generate(columns.Scores, columns.Errors, columns.Duplicates)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gencolumns: the column table: %v\n", err)
		os.Exit(1)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := os.WriteFile(name, files[name], 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "gencolumns: %v\n", err)
			os.Exit(1)
		}
	}
}
