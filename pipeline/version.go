package pipeline

// Version is postscore's version, set at build time with -ldflags -X; it is
// written into every output as scorer_version.
var Version = "0.1.0-dev"
