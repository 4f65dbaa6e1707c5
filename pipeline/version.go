// Package pipeline finds and reads the inputs of a scoring run, runs the
// workers, keeps input order, and writes the Parquet outputs, the error rows
// and the manifest atomically (see DESIGN.md).
package pipeline

// Version is postscore's version, set at build time with -ldflags -X; it is
// written into every output as scorer_version.
var Version = "0.1.0-dev"
