// Package pipeline runs a scoring run's stages: it finds and reads the
// inputs, scores them on an ordered pool of workers, writes the rows and
// error rows into checkpointed Parquet parts, and puts the final files, the
// manifest and the reports in place together. run.go lists the stages in
// the order a post meets them; the output columns are declared in
// internal/columns/table.go.
package pipeline
