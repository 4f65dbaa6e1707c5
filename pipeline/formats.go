package pipeline

import (
	"strings"

	"github.com/alphanode/postscore/features/post"
)

// Input formats.
const (
	FormatAuto     = "auto"
	FormatPost     = post.FormatPost
	FormatMarkdown = post.FormatMarkdown
	FormatText     = post.FormatText
	FormatJSONL    = "jsonl"
	FormatParquet  = "parquet"
)

// Formats lists the --format values.
var Formats = []string{FormatAuto, FormatPost, FormatMarkdown, FormatText, FormatJSONL, FormatParquet}

// fileFormat is the format of one corpus file: the --format flag, or with
// auto its extension (.md, .markdown → markdown; .jsonl, .ndjson, with .gz
// or .zst → jsonl; .parquet → parquet), else formatSniff: its first bytes
// tell (front matter → markdown, otherwise the post format, which reads
// plain text as a title and paragraphs). A compressed file of another kind
// is read in the post format.
func fileFormat(flag, path string) string {
	if flag != FormatAuto && flag != "" {
		return flag
	}
	lower := strings.ToLower(path)
	p := strings.TrimSuffix(strings.TrimSuffix(lower, ".gz"), ".zst")
	switch {
	case strings.HasSuffix(p, ".md"), strings.HasSuffix(p, ".markdown"):
		return FormatMarkdown
	case strings.HasSuffix(p, ".jsonl"), strings.HasSuffix(p, ".ndjson"):
		return FormatJSONL
	case strings.HasSuffix(p, ".parquet"):
		return FormatParquet
	case p != lower:
		return FormatPost
	}
	return formatSniff
}

// formatSniff marks a file whose format its first bytes tell (post or
// Markdown): the worker that reads it decides, so the file is read once.
const formatSniff = "sniff"

// sniffBytes is how much of a file's start tells its format.
const sniffBytes = 4096

// sniffedFormat is post or Markdown, by the first sniffBytes of data.
func sniffedFormat(data []byte) string {
	if post.SniffFormat(data[:min(len(data), sniffBytes)]) == FormatMarkdown {
		return FormatMarkdown
	}
	return FormatPost
}

// formatJSONLine marks an input that is one line of a JSONL corpus, still
// to be decoded (by the worker, with jsonlDoc).
const formatJSONLine = "jsonl-line"

// docFormat is the format of a document inside a JSONL or Parquet corpus.
func docFormat(data []byte) string { return post.SniffFormat(data) }

// docOptions say how to read the documents of JSONL and Parquet corpora.
type docOptions struct {
	TextField, IDField string
	MaxBytes           int64
}
