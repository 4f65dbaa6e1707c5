package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// jsonlDocs calls emit for each line of a JSONL file (optionally .gz or
// .zst) that starts in the span sp, streaming: one line in memory at a
// time. A blank line is no input.
func jsonlDocs(ctx context.Context, in Input, o docOptions, sp span, emit func(Input) error) error {
	r, closeAll, rerr := openJSONL(ctx, in)
	if rerr != nil {
		return emit(sp.fileError(in, rerr))
	}
	defer closeAll()
	lines := newLineReader(r, o.MaxBytes)
	if err := lines.skipTo(sp.from); err != nil {
		return jsonlReadError(in, lines.ends+1, err, emit)
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, n, tooLong, err := lines.next()
		if err == io.EOF || !sp.holds(lines.lineStart) {
			return nil
		}
		doc := Input{Path: in.Path, DocPath: fmt.Sprintf("%s:%d", in.DocPath, n)}
		switch {
		case err != nil:
			return jsonlReadError(in, n, err, emit)
		case tooLong:
			doc.Err = &ErrorRow{Stage: StageRead, Kind: ErrKindTooLarge, Reason: fmt.Sprintf("line %d is over --max-bytes %d", n, o.MaxBytes)}
		default:
			// The worker decodes it: JSON decoding is much of a JSONL
			// corpus's cost, and this goroutine is alone.
			doc.Data, doc.Format, doc.Line = line, formatJSONLine, n
		}
		if err := emit(doc); err != nil {
			return err
		}
	}
}

// jsonlReadError emits the error row of a JSONL file that could not be read
// on from line n.
func jsonlReadError(in Input, n int, err error, emit func(Input) error) error {
	return emit(Input{Path: in.Path, DocPath: fmt.Sprintf("%s:%d", in.DocPath, n), Err: &ErrorRow{Stage: StageRead, Kind: ErrKindUnreadable,
		Reason: fmt.Sprintf("reading line %d: %v (the rest of the file is not read)", n, err)}})
}

// jsonlBufferSize is the read buffer of a JSONL file: a line up to this
// size is copied out of it once.
const jsonlBufferSize = 256 << 10

// openJSONL opens a JSONL file or object, decompressing it by its name's
// .gz or .zst; closeAll closes what it opened.
func openJSONL(ctx context.Context, in Input) (r io.Reader, closeAll func(), rerr *ErrorRow) {
	var f io.ReadCloser
	var err error
	if in.obj != nil {
		f, err = in.obj.open(ctx)
	} else {
		f, err = openCorpusFile(in.Path)
	}
	if err != nil {
		return nil, nil, openError(unwrapPath(err))
	}
	path := in.Path
	badCompression := func(format string, err error) *ErrorRow {
		f.Close()
		return &ErrorRow{Stage: StageRead, Kind: ErrKindBadCompression, Reason: fmt.Sprintf("not %s: %v", format, err)}
	}
	switch lower := strings.ToLower(path); {
	case strings.HasSuffix(lower, ".gz"):
		gz, err := gzip.NewReader(f)
		if err != nil {
			return nil, nil, badCompression("gzip", err)
		}
		return gz, func() { gz.Close(); f.Close() }, nil
	case strings.HasSuffix(lower, ".zst"):
		zr, err := zstd.NewReader(f, zstd.WithDecoderConcurrency(1))
		if err != nil {
			return nil, nil, badCompression("zstd", err)
		}
		return zr, func() { zr.Close(); f.Close() }, nil
	}
	return f, func() { f.Close() }, nil
}

// compressedJSONL reports whether openJSONL decompresses the file at path:
// such a file is read from its start only.
func compressedJSONL(path string) bool {
	lower := strings.ToLower(path)
	return strings.HasSuffix(lower, ".gz") || strings.HasSuffix(lower, ".zst")
}

// lineReader reads the lines of a stream that are not blank, numbered from
// 1 as the stream's lines are, and knows where each starts.
type lineReader struct {
	br        *bufio.Reader
	file      *countingReader // what br has taken from the stream
	max       int64           // a longer line is read past, not kept
	ends      int             // line ends passed so far
	start     int64           // the stream offset after the last line end passed
	lineStart int64           // the stream offset of the line next returned last
}

func newLineReader(r io.Reader, max int64) *lineReader {
	file := &countingReader{r: r}
	return &lineReader{br: bufio.NewReaderSize(file, jsonlBufferSize), file: file, max: max}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// offset is the stream offset of the next byte the reader returns.
func (lr *lineReader) offset() int64 { return lr.file.n - int64(lr.br.Buffered()) }

// skipTo passes over the lines that start before offset from, counting
// their line ends: the next line is the first that starts at from or after.
func (lr *lineReader) skipTo(from int64) error {
	if from <= 0 {
		return nil
	}
	last := byte('\n') // the byte before the reader's offset
	for lr.offset() < from {
		if _, err := lr.br.Peek(1); err != nil {
			return ignoreEOF(err)
		}
		buf, _ := lr.br.Peek(int(min(int64(lr.br.Buffered()), from-lr.offset())))
		lr.ends += bytes.Count(buf, []byte{'\n'})
		last = buf[len(buf)-1]
		lr.br.Discard(len(buf))
	}
	for last != '\n' { // from is inside a line that starts before it: pass its rest
		_, err := lr.br.ReadSlice('\n')
		switch {
		case err == nil:
			lr.ends++
			last = '\n'
		case err != bufio.ErrBufferFull:
			return ignoreEOF(err)
		}
	}
	lr.start = lr.offset()
	return nil
}

// ignoreEOF is err, but nil for the end of the stream.
func ignoreEOF(err error) error {
	if err == io.EOF {
		return nil
	}
	return err
}

// asciiSpace marks the bytes bytes.TrimSpace trims that are ASCII.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// next returns the next line that is not blank and its number: in a buffer
// of its own, of exactly its length, or tooLong when it is over max. At the
// end it returns io.EOF.
func (lr *lineReader) next() (line []byte, n int, tooLong bool, err error) {
	for {
		if err := lr.skipBlank(); err != nil {
			return nil, lr.ends + 1, false, err
		}
		n, lr.lineStart = lr.ends+1, lr.start
		line, tooLong, err = lr.readLine()
		lr.ends++
		lr.start = lr.offset()
		if err != nil || tooLong || len(bytes.TrimSpace(line)) > 0 {
			return line, n, tooLong, err
		}
		// Blank by Unicode's white space (U+00A0...): no input either.
	}
}

// skipBlank discards the ASCII white space at the stream's front, counting
// the line ends it passes: a blank line costs a byte's look, not a line's
// work (50 MB of newlines took 23 s when each was a line).
func (lr *lineReader) skipBlank() error {
	for {
		if _, err := lr.br.Peek(1); err != nil {
			return err // fills the buffer when it is empty
		}
		buf, _ := lr.br.Peek(lr.br.Buffered())
		at, i := lr.offset(), 0
		for i < len(buf) && asciiSpace[buf[i]] {
			if buf[i] == '\n' {
				lr.ends++
				lr.start = at + int64(i) + 1
			}
			i++
		}
		lr.br.Discard(i)
		if i < len(buf) {
			return nil
		}
	}
}

// readLine reads the rest of the current line (without its line end).
// A line within the read buffer is copied out once; a longer one is copied
// piece by piece, then into one buffer of its length (2x while it is
// joined, 1x held). Past max, the pieces are dropped and the rest is only
// read past: a line over --max-bytes costs at most max bytes.
func (lr *lineReader) readLine() (line []byte, tooLong bool, err error) {
	var pieces [][]byte
	size := int64(0)
	for {
		chunk, isPrefix, err := lr.br.ReadLine()
		if err == io.EOF && size > 0 {
			err = nil // the last line has no line end
		} else if err != nil {
			return nil, false, err
		}
		size += int64(len(chunk))
		switch {
		case size > lr.max:
			tooLong, pieces = true, nil
		case !isPrefix && pieces == nil:
			return append(make([]byte, 0, len(chunk)), chunk...), false, nil
		default:
			pieces = append(pieces, append(make([]byte, 0, len(chunk)), chunk...))
		}
		if !isPrefix {
			break
		}
	}
	if tooLong {
		return nil, true, nil
	}
	line = make([]byte, 0, size)
	for _, p := range pieces {
		line = append(line, p...)
	}
	return line, false, nil
}

// jsonlDoc reads the text and id fields of one JSON line, in one streaming
// pass (other fields are skipped; of a repeated field, the last counts).
func jsonlDoc(line []byte, n int, o docOptions) ([]byte, string, *ErrorRow) {
	if text, id, ok := jsonlDocFast(line, o); ok {
		return text, id, nil
	}
	return jsonlDocDecoder(line, n, o)
}

// jsonlDocFast reads the text and id fields of a line that is a flat JSON
// object of strings, numbers, booleans and nulls, with no \u escape of a
// surrogate and valid UTF-8: what corpus exports write. On anything else
// (a nested value, a malformed line, a text that is not a string...) it
// reports false, and encoding/json reads the line (jsonlDocDecoder), so
// that errors say what encoding/json says. TestJSONLDocFast holds the two
// to the same result on the lines it takes. It earns its place: several
// times as fast as encoding/json on a 9 KB post's line, with 3 allocations
// instead of 66 (BenchmarkJSONLDoc).
func jsonlDocFast(line []byte, o docOptions) (text []byte, id string, ok bool) {
	p := jsonScan{b: line}
	if !p.skip('{') {
		return nil, "", false
	}
	haveText := false
	if p.peek() == '}' {
		p.i++
	} else {
		for {
			key, ok := p.scratch()
			if !ok || !p.skip(':') {
				return nil, "", false
			}
			p.ws()
			switch {
			case key == o.TextField:
				if p.peek() != '"' {
					return nil, "", false // not a string: encoding/json says so
				}
				// At most the rest of the line: one allocation.
				if text, ok = p.str(slices.Grow(text[:0], len(line)-p.i)); !ok {
					return nil, "", false
				}
				haveText = true
			case key == o.IDField:
				start := p.i
				if p.peek() == '"' {
					v, ok := p.scratch()
					if !ok {
						return nil, "", false
					}
					id = strings.Clone(v)
				} else if !p.scalar() {
					return nil, "", false
				} else if raw := string(line[start:p.i]); raw == "null" {
					id = ""
				} else {
					id = raw // a number or a boolean, as written
				}
			default:
				if p.peek() == '"' {
					if _, ok := p.scratch(); !ok {
						return nil, "", false
					}
				} else if !p.scalar() {
					return nil, "", false
				}
			}
			p.ws()
			if p.peek() == ',' {
				p.i++
				continue
			}
			if !p.skip('}') {
				return nil, "", false
			}
			break
		}
	}
	p.ws()
	if p.i != len(line) || !haveText {
		return nil, "", false
	}
	return text, id, true
}

// jsonScan reads JSON from b at i.
type jsonScan struct {
	b   []byte
	i   int
	tmp []byte // scratch() decodes into it
}

// scratch reads a string into the scanner's scratch buffer: the result is
// valid until the next call (keys, skipped values, an id before it is
// copied).
func (p *jsonScan) scratch() (string, bool) {
	v, ok := p.str(p.tmp[:0])
	if !ok {
		return "", false
	}
	p.tmp = v
	return unsafe.String(unsafe.SliceData(v), len(v)), true
}

// ws skips JSON white space.
func (p *jsonScan) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// peek returns the next byte (0 at the end).
func (p *jsonScan) peek() byte {
	if p.i < len(p.b) {
		return p.b[p.i]
	}
	return 0
}

// skip skips white space and the byte c, reporting whether c was there.
func (p *jsonScan) skip(c byte) bool {
	p.ws()
	if p.peek() != c {
		return false
	}
	p.i++
	return true
}

// str reads a string (after white space), appending its value to buf.
func (p *jsonScan) str(buf []byte) ([]byte, bool) {
	if !p.skip('"') {
		return nil, false
	}
	ascii := true
	for p.i < len(p.b) {
		// A run of plain characters, copied at once.
		j := p.i
		for j < len(p.b) {
			c := p.b[j]
			if c == '"' || c == '\\' || c < 0x20 {
				break
			}
			if c >= utf8.RuneSelf {
				ascii = false
			}
			j++
		}
		buf = append(buf, p.b[p.i:j]...)
		p.i = j
		if j == len(p.b) || p.b[j] < 0x20 {
			return nil, false // unterminated, or a raw control character
		}
		p.i++
		if p.b[j] == '"' {
			if !ascii && !utf8.Valid(buf) {
				return nil, false // encoding/json would put U+FFFD for the bad bytes
			}
			return buf, true
		}
		if p.i >= len(p.b) {
			return nil, false
		}
		e := p.b[p.i]
		p.i++
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			if p.i+4 > len(p.b) {
				return nil, false
			}
			r, err := strconv.ParseUint(string(p.b[p.i:p.i+4]), 16, 32)
			if err != nil || utf16.IsSurrogate(rune(r)) {
				return nil, false
			}
			p.i += 4
			buf = utf8.AppendRune(buf, rune(r))
		default:
			return nil, false
		}
	}
	return nil, false
}

// scalar reads a number, true, false or null (after white space).
func (p *jsonScan) scalar() bool {
	p.ws()
	for _, lit := range []string{"true", "false", "null"} {
		if bytes.HasPrefix(p.b[p.i:], []byte(lit)) {
			p.i += len(lit)
			return true
		}
	}
	// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
	digits := func() int {
		k := 0
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
			k++
		}
		return k
	}
	if p.peek() == '-' {
		p.i++
	}
	switch c := p.peek(); {
	case c == '0':
		p.i++
	case c >= '1' && c <= '9':
		digits()
	default:
		return false
	}
	if p.peek() == '.' {
		p.i++
		if digits() == 0 {
			return false
		}
	}
	if c := p.peek(); c == 'e' || c == 'E' {
		p.i++
		if c := p.peek(); c == '+' || c == '-' {
			p.i++
		}
		if digits() == 0 {
			return false
		}
	}
	return true
}

// jsonlDocDecoder is jsonlDoc with encoding/json, for any line.
func jsonlDocDecoder(line []byte, n int, o docOptions) ([]byte, string, *ErrorRow) {
	bad := func(format string, args ...any) *ErrorRow {
		return &ErrorRow{Stage: StageParse, Kind: ErrKindBadJSONLLine, Reason: fmt.Sprintf(format, args...)}
	}
	notObject := func(err error) *ErrorRow { return bad("line %d is not a JSON object: %v", n, err) }
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, "", notObject(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, "", notObject(fmt.Errorf("it is %s", jsonKind(tok)))
	}
	var text, id string
	haveText, textIsString := false, false
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, "", notObject(err)
		}
		key, _ := kt.(string)
		switch key {
		case o.TextField:
			var v any
			if err := dec.Decode(&v); err != nil {
				return nil, "", notObject(err)
			}
			haveText = true
			text, textIsString = v.(string)
		case o.IDField:
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, "", notObject(err)
			}
			var s string
			switch {
			case json.Unmarshal(raw, &s) == nil:
				id = s
			case bytes.Equal(raw, []byte("null")):
				id = ""
			default:
				id = string(bytes.TrimSpace(raw)) // a number, kept as written
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, "", notObject(err)
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, "", notObject(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("more than one JSON value on the line")
		}
		return nil, "", notObject(err)
	}
	if !haveText {
		return nil, "", bad("line %d has no field %q (--text-field)", n, o.TextField)
	}
	if !textIsString {
		return nil, "", bad("line %d: field %q is not a string", n, o.TextField)
	}
	return []byte(text), id, nil
}

// jsonKind names the JSON value a token starts.
func jsonKind(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '[' {
			return "an array"
		}
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "not an object"
}
