package post

import (
	"bytes"
	"strings"
)

// looksLikeMarkdown reports whether text reads as Markdown rather than the
// export format: front matter (YAML, TOML, or a JSON object opening with a
// key), or ATX headings and fenced code.
func looksLikeMarkdown(data []byte) bool {
	t := bytes.TrimLeft(data, "\r\n \t\xef\xbb\xbf")
	if bytes.HasPrefix(t, []byte("---\n")) || bytes.HasPrefix(t, []byte("---\r\n")) || bytes.HasPrefix(t, []byte("+++")) {
		return true
	}
	if rest, ok := bytes.CutPrefix(t, []byte("{")); ok && bytes.HasPrefix(bytes.TrimLeft(rest, "\r\n \t"), []byte(`"`)) {
		return true
	}
	return bytes.HasPrefix(t, []byte("# ")) || bytes.Contains(data, []byte("\n## ")) || bytes.Contains(data, []byte("\n```"))
}

// looksLikePost reports whether text is in the export format: a meta header
// line or the preamble.
func looksLikePost(data []byte) bool {
	if bytes.HasPrefix(data, []byte("|")) || bytes.HasPrefix(data, []byte("\xef\xbb\xbf|")) {
		return true
	}
	for _, l := range bytes.Split(data, []byte("\n")) {
		if _, ok := metaHeaderSite(strings.TrimRight(string(l), " \r\t")); ok {
			return true
		}
	}
	return false
}

// SniffFormat guesses the format of a document whose container does not say
// (a JSONL line, a Parquet row, a file of unknown extension): post, markdown
// or text.
func SniffFormat(data []byte) string {
	switch {
	case looksLikePost(data):
		return FormatPost
	case looksLikeMarkdown(data):
		return FormatMarkdown
	}
	return FormatText
}
