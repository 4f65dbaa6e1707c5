package pipeline

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A resume reuses a committed part only when it can trust it: the part's
// files must still have the sizes and checksums recorded when it was
// committed (verifyParts), and each input it holds must still be what it was
// when it was scored (verifyInputs). The first part that fails either check
// is scored again, with every part after it.
//
// What an input was is kept in the part's listing, inputs-NNNNNN.txt, one
// line an input in input order: its file's size and modification time in
// nanoseconds (-1 -1 when it could not be stat'ed), then its doc_path quoted
// as a Go string:
//
//	9120 1764236851000000000 "posts/2019/intro.md"
//	512004 1764236850000000000 "dump.jsonl:17"
//
// (the second is line 17 of a JSONL corpus: the size and time are the
// file's).

// sourceStamp is what a resume compares to tell whether an input changed
// since it was scored: the size and modification time of its file (for a
// line or row of a JSONL or Parquet corpus, of the whole file).
type sourceStamp struct{ size, modNanos int64 }

// statSource stamps the file at path.
func statSource(path string) sourceStamp {
	fi, err := os.Stat(path)
	if err != nil {
		return sourceStamp{-1, -1}
	}
	return sourceStamp{fi.Size(), fi.ModTime().UnixNano()}
}

// stampOf stamps the input's file, or its object as listed.
func stampOf(in Input) sourceStamp {
	if in.obj != nil {
		return in.obj.stamp
	}
	return statSource(in.Path)
}

// appendListing appends one listing line to b.
func appendListing(b []byte, docPath string, src sourceStamp) []byte {
	b = strconv.AppendInt(b, src.size, 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, src.modNanos, 10)
	b = append(b, ' ')
	b = strconv.AppendQuote(b, docPath)
	return append(b, '\n')
}

// parseListing reads one listing line (without its newline).
func parseListing(line string) (docPath string, src sourceStamp, err error) {
	size, rest, ok1 := strings.Cut(line, " ")
	mod, quoted, ok2 := strings.Cut(rest, " ")
	if !ok1 || !ok2 {
		return "", src, fmt.Errorf("malformed listing line %q", line)
	}
	if src.size, err = strconv.ParseInt(size, 10, 64); err == nil {
		if src.modNanos, err = strconv.ParseInt(mod, 10, 64); err == nil {
			docPath, err = strconv.Unquote(quoted)
		}
	}
	if err != nil {
		return "", src, fmt.Errorf("malformed listing line %q: %w", line, err)
	}
	return docPath, src, nil
}

// verifyParts returns how many of the parts, from the first, can be reused
// as they are, and why the next one cannot.
func verifyParts(work string, parts []partInfo) (int, string) {
	for i, p := range parts {
		for _, want := range []struct {
			name  string
			stamp FileStamp
		}{{partName("scores", p.Index), p.ScoresFile}, {partName("errors", p.Index), p.ErrorsFile}, {listingName(p.Index), p.ListingFile}} {
			got, err := stampFile(filepath.Join(work, want.name))
			switch {
			case err != nil:
				return i, fmt.Sprintf("checkpoint %s cannot be read (%v)", want.name, unwrapPath(err))
			case got.Bytes != want.stamp.Bytes || got.SHA256 != want.stamp.SHA256:
				return i, fmt.Sprintf("checkpoint %s is not the file that was committed (%d bytes, sha256 %.12s…; committed: %d bytes, %.12s…)",
					want.name, got.Bytes, got.SHA256, want.stamp.Bytes, want.stamp.SHA256)
			}
		}
	}
	return len(parts), ""
}

// verifyInputs walks the corpus as far as the parts go and compares each
// input with the parts' listings. It returns how many parts, from the first,
// hold only inputs that are unchanged, and what changed in the next one.
func verifyInputs(ctx context.Context, f *feed, work string, parts []partInfo) (int, string, error) {
	lr := &listingReader{work: work, parts: parts}
	defer lr.close()
	var reason string
	err := f.walk(ctx, func(in Input) error {
		docPath, want, err := lr.next()
		if err != nil {
			return err
		}
		if lr.done() {
			return errStop
		}
		switch got := stampOf(in); {
		case in.DocPath != docPath:
			reason = fmt.Sprintf("the corpus lists %q where the checkpoint has %q (inputs were added, removed or renamed)", in.DocPath, docPath)
		case got != want:
			reason = fmt.Sprintf("%s changed since it was scored (size %d, modified %d ns; then %d, %d ns)", in.DocPath, got.size, got.modNanos, want.size, want.modNanos)
		default:
			return nil
		}
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return 0, "", err
	}
	if reason == "" && !lr.done() {
		if _, _, err := lr.next(); err != nil {
			return 0, "", err
		}
		if !lr.done() {
			reason = "the corpus lists fewer inputs than were checkpointed"
		}
	}
	if reason == "" {
		return len(parts), "", nil
	}
	return lr.part, reason, nil
}

// listingReader reads the parts' listings one line at a time, in order.
type listingReader struct {
	work  string
	parts []partInfo
	part  int // the part of the line last read
	f     *os.File
	r     *bufio.Reader
}

// next reads the next line; past the last part, done is true.
func (lr *listingReader) next() (string, sourceStamp, error) {
	for lr.part < len(lr.parts) {
		if lr.r == nil {
			f, err := os.Open(filepath.Join(lr.work, listingName(lr.parts[lr.part].Index)))
			if err != nil {
				return "", sourceStamp{}, fmt.Errorf("checkpoint listing: %w", err)
			}
			lr.f, lr.r = f, bufio.NewReaderSize(f, 64<<10)
		}
		line, err := lr.r.ReadString('\n')
		if err == nil {
			return parseListing(strings.TrimSuffix(line, "\n"))
		}
		lr.close()
		lr.part++
	}
	return "", sourceStamp{}, nil
}

func (lr *listingReader) done() bool { return lr.part >= len(lr.parts) }

func (lr *listingReader) close() {
	if lr.f != nil {
		lr.f.Close()
		lr.f, lr.r = nil, nil
	}
}
