package post

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
	"unsafe"
)

// ParseError says why an input is not a post. Kind is a stable token that
// the pipeline stores as the error row's reason prefix.
type ParseError struct {
	Kind   string // not_text, empty, only_preamble, too_complex
	Detail string
}

func (e *ParseError) Error() string {
	if e.Detail == "" {
		return e.Kind
	}
	return e.Kind + ": " + e.Detail
}

// Error kinds for inputs that are not posts.
const (
	ErrKindNotText      = "not_text"
	ErrKindEmpty        = "empty"
	ErrKindOnlyPreamble = "only_preamble"
	ErrKindTooComplex   = "too_complex" // Markdown over MaxMarkdownNesting or MaxMarkdownDelimiters
)

// IsParseError reports whether err says the input is not a post, and which kind.
func IsParseError(err error) (string, bool) {
	var pe *ParseError
	if errors.As(err, &pe) {
		return pe.Kind, true
	}
	return "", false
}

// maxInvalidShare is the share of invalid UTF-8 bytes above which a file is
// not text (FORMAT.md, Encoding).
const maxInvalidShare = 0.10

// Decode turns raw bytes into text by FORMAT.md's encoding rules: a BOM is
// skipped, invalid bytes become U+FFFD (warned invalid_utf8), and \r\n and \r
// become \n. A NUL byte or more than 10% invalid bytes make it not text.
// The text may share data's memory: data must not change afterwards (so
// must it not for the posts that Parse, ParseMarkdown and ParsePlainText
// make of it).
func Decode(data []byte) (text string, invalidUTF8 bool, err error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", false, &ParseError{Kind: ErrKindNotText, Detail: fmt.Sprintf("NUL byte at offset %d", i)}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	invalid := 0
	if !utf8.Valid(data) {
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				invalid++
			}
			i += size
		}
	}
	if invalid > 0 && float64(invalid) > maxInvalidShare*float64(len(data)) {
		return "", true, &ParseError{Kind: ErrKindNotText, Detail: fmt.Sprintf("%d of %d bytes are invalid UTF-8 (over 10%%)", invalid, len(data))}
	}
	if invalid == 0 && bytes.IndexByte(data, '\r') < 0 {
		return unsafe.String(unsafe.SliceData(data), len(data)), false, nil
	}
	out := make([]byte, 0, len(data)+2*invalid)
	for i := 0; i < len(data); {
		c := data[i]
		if c == '\r' {
			out = append(out, '\n')
			i++
			if i < len(data) && data[i] == '\n' {
				i++
			}
			continue
		}
		if c < utf8.RuneSelf {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	return string(out), invalid > 0, nil
}
