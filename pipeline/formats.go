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

// autoExtensions are the endings of the file names --format auto reads,
// each with the format it names (formatSniff: the export format or
// Markdown, as the file's first bytes tell; a plain text file reads as the
// export format). Only JSONL is read compressed (openJSONL). A file found in
// a corpus directory whose name has none of these endings is no input
// (selection); MARKDOWN.md section 3 says why.
var autoExtensions = []struct{ suffix, format string }{
	{".txt", formatSniff},
	{".md", FormatMarkdown}, {".markdown", FormatMarkdown},
	{".jsonl", FormatJSONL}, {".jsonl.gz", FormatJSONL}, {".jsonl.zst", FormatJSONL},
	{".ndjson", FormatJSONL}, {".ndjson.gz", FormatJSONL}, {".ndjson.zst", FormatJSONL},
	{".parquet", FormatParquet},
}

// extensionFormat is the format the ending of path names (autoExtensions,
// in any case), or "" when it names none.
func extensionFormat(path string) string {
	lower := strings.ToLower(path)
	for _, e := range autoExtensions {
		if strings.HasSuffix(lower, e.suffix) {
			return e.format
		}
	}
	return ""
}

// fileFormat is the format of one corpus file: the --format flag, or with
// auto the format its extension names, else formatSniff: its first bytes
// tell (front matter → markdown, otherwise the post format, which reads
// plain text as a title and paragraphs). With auto, a file of another
// extension is read only when it was asked for (a CORPUS argument, or a
// match of --include).
func fileFormat(flag, path string) string {
	if flag != FormatAuto && flag != "" {
		return flag
	}
	if f := extensionFormat(path); f != "" {
		return f
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
