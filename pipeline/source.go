package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/alphanode/postscore/pipeline/gen"
	"github.com/alphanode/postscore/pipeline/objstore"
)

// Input is one document found in the corpus: a file to read, or something
// that cannot be read (Err), which becomes an error row.
type Input struct {
	Path    string // the path to open
	DocPath string // relative to its CORPUS argument (":N" for line or row N of a JSONL or Parquet corpus); unique within a run
	Err     *ErrorRow
	Format  string // post, markdown, text (container formats are expanded before a worker sees them)
	Data    []byte // the document, for a line or row of a container file (nil: read Path)
	ID      string // the document's id field, for a line or row of a container file
	Line    int    // a JSONL line's number (Format formatJSONLine: Data is the line)
	// src is what the input's file was when the feed read it (a line or row
	// of a container file, an object as listed); zero for a file the worker
	// reads, which stamps it itself before reading (resume.go).
	src sourceStamp
	obj *object // an input in a bucket (objects.go); nil: a local file
}

// walker lists the inputs under the CORPUS arguments in a fixed order: each
// directory's entries sorted by name, depth first. Hidden entries (names
// starting with ".") are skipped, and so are the files postscore wrote
// (postscoreFiles) and the files its selection leaves out (a link by its
// own name). Symbolic links are followed when they resolve inside their
// CORPUS argument (or FollowLinks), and a directory reached twice (a link
// loop) is skipped the second time; an input reached through a link is read
// at its target, so that the read opens no link.
type walker struct {
	roots []string
	// FollowLinks follows links that lead out of their CORPUS argument.
	FollowLinks bool
	visited     map[[2]uint64]bool
	stores      *stores // the buckets of CORPUS URLs
	emit        func(Input) error
	sel         selection // which files found in a directory are inputs
	// What was passed over on purpose: hidden entries, directories reached
	// twice, and files postscore wrote (its outputs, gen's truth file).
	Hidden, Loops, Outputs int64
	// Files the selection left out: by extension (skipKey), and those
	// --include or --exclude did.
	Skipped  map[string]int64
	Excluded int64
}

// corpusRoot is one CORPUS argument: as given (doc_paths are relative to
// it) and as the absolute path it resolves to (links are followed inside
// it).
type corpusRoot struct{ arg, real string }

// errStop ends a walk early without an error (the caller stopped it).
var errStop = errors.New("walk stopped")

func newWalker(roots []string, emit func(Input) error) *walker {
	return &walker{roots: roots, visited: map[[2]uint64]bool{}, stores: newStores(), emit: emit, sel: newSelection(FormatAuto, nil, nil), Skipped: map[string]int64{}}
}

// docPathFor is the doc_path of rel under root: rel itself when there is one
// root, root/rel when there are several (so doc_path stays unique).
func (w *walker) docPathFor(root, rel string) string {
	p := filepath.ToSlash(rel)
	if len(w.roots) > 1 {
		p = filepath.ToSlash(filepath.Join(root, rel))
	}
	return cleanName(p)
}

// cleanName makes a file name valid UTF-8 for the Parquet string columns,
// writing each invalid byte as \xNN so that no two names collide.
func cleanName(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, `\x%02X`, s[i])
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func dirKey(fi fs.FileInfo) ([2]uint64, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return [2]uint64{}, false
	}
	return [2]uint64{uint64(st.Dev), st.Ino}, true
}

// Walk calls emit for every input, in order.
func (w *walker) Walk(ctx context.Context) error {
	for _, arg := range w.roots {
		if objstore.IsURL(arg) {
			if err := w.bucket(ctx, arg); err != nil {
				return err
			}
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			return fmt.Errorf("corpus %s: %w", arg, err)
		}
		real, err := resolve(arg)
		if err != nil {
			return fmt.Errorf("corpus %s: %w", arg, err)
		}
		root := corpusRoot{arg: arg, real: real}
		if !fi.IsDir() {
			// A file named on its own is an input, whatever it is.
			if err := w.file(root, filepath.Base(arg), real, fi); err != nil {
				return err
			}
			continue
		}
		if err := w.dir(ctx, root, arg, "", fi); err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) dir(ctx context.Context, root corpusRoot, path, rel string, fi fs.FileInfo) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if key, ok := dirKey(fi); ok {
		if w.visited[key] {
			w.Loops++
			return nil
		}
		w.visited[key] = true
	}
	entries, err := os.ReadDir(path)
	if err != nil && len(entries) == 0 {
		return w.emit(Input{Path: path, DocPath: w.docPathFor(root.arg, rel), Err: &ErrorRow{
			Stage: StageRead, Kind: ErrKindUnreadableDirectory, Reason: fmt.Sprintf("cannot list directory: %v", unwrapPath(err)),
		}})
	}
	written := postscoreFiles(path, entries)
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."):
			w.Hidden++
			continue
		case slices.Contains(written, name):
			w.Outputs++
			continue
		}
		full := filepath.Join(path, name)
		r := filepath.Join(rel, name)
		if e.Type().IsRegular() {
			// The listing says so: no stat (reading it reports what fails).
			doc := w.docPathFor(root.arg, r)
			if !w.selected(doc) {
				continue
			}
			if err := w.emit(Input{Path: full, DocPath: doc}); err != nil {
				return err
			}
			continue
		}
		if err := w.entry(ctx, root, full, r, e); err != nil {
			return err
		}
	}
	return nil
}

// entry walks a directory entry that is not a regular file: a link, a
// directory, or something that is no input.
func (w *walker) entry(ctx context.Context, root corpusRoot, full, rel string, e fs.DirEntry) error {
	fail := func(kind, reason string) error {
		return w.emit(Input{Path: full, DocPath: w.docPathFor(root.arg, rel), Err: &ErrorRow{Stage: StageRead, Kind: kind, Reason: reason}})
	}
	isLink := e.Type()&fs.ModeSymlink != 0
	fi, err := os.Stat(full) // follows links
	if (err != nil || !fi.IsDir()) && !w.selected(w.docPathFor(root.arg, rel)) {
		return nil // not a directory (as far as can be told): a file the selection leaves out
	}
	if err != nil {
		kind := ErrKindUnreadable
		switch {
		case isLink && errors.Is(err, fs.ErrNotExist):
			kind = ErrKindBrokenSymlink
		case errors.Is(err, fs.ErrNotExist):
			kind = ErrKindVanished
		case errors.Is(err, fs.ErrPermission):
			kind = ErrKindPermissionDenied
		}
		return fail(kind, fmt.Sprintf("cannot stat: %v", unwrapPath(err)))
	}
	if isLink {
		target, err := resolve(full)
		if err != nil {
			return fail(ErrKindUnreadable, fmt.Sprintf("cannot resolve the link: %v", unwrapPath(err)))
		}
		if !w.FollowLinks && !within(root.real, target) {
			as, _ := os.Readlink(full)
			return fail(ErrKindLinkNotFollowed, fmt.Sprintf("a link to %s, which resolves to %s, outside the corpus %s: not followed (pass --follow-links to follow links out of the corpus)", as, target, root.arg))
		}
		full = target
	}
	if fi.IsDir() {
		return w.dir(ctx, root, full, rel, fi)
	}
	return w.file(root, rel, full, fi)
}

// selected reports whether the file at docPath, found in a directory, is an
// input, and counts it when it is not.
func (w *walker) selected(docPath string) bool {
	switch w.sel.judge(docPath) {
	case skippedForExtension:
		w.Skipped[skipKey(docPath)]++
		return false
	case excludedByGlob:
		w.Excluded++
		return false
	}
	return true
}

func (w *walker) file(root corpusRoot, rel, full string, fi fs.FileInfo) error {
	in := Input{Path: full, DocPath: w.docPathFor(root.arg, rel)}
	if !fi.Mode().IsRegular() {
		in.Err = notRegular(fi.Mode())
	}
	return w.emit(in)
}

// resolve is the absolute path that path names, with no link in it.
func resolve(path string) (string, error) {
	p, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	return filepath.Abs(p)
}

// within reports whether the absolute path p is root or under it.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// runOutputNames are the files a score run writes in OUT (reports.Render
// writes the report.* ones).
var runOutputNames = []string{ScoresName, ErrorsName, DuplicatesName, ManifestName, "report.md", "report.html", "report.json"}

// postscoreFiles are the names, among a directory's entries, of the files
// postscore wrote there, which are no inputs. It knows them by the marks it
// leaves: a run's OUT holds .postscore-work/ (while the run goes on, or
// after it stopped) or a manifest.json with postscore_version (once it is
// complete); a corpus gen wrote holds gen's marker beside its truth file.
// Anything else in such a directory is walked as usual, so that CORPUS = OUT
// still reads the posts there.
func postscoreFiles(dir string, entries []fs.DirEntry) []string {
	var names []string
	for _, e := range entries {
		switch name := e.Name(); {
		case name == WorkDirName && e.IsDir(), name == ManifestName && isRunManifest(filepath.Join(dir, name)):
			names = append(names, runOutputNames...)
		case name == gen.MarkerName:
			names = append(names, gen.TruthName)
		}
	}
	return names
}

// isRunManifest reports whether the file at path is a run's manifest.json.
func isRunManifest(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var m Manifest
	return json.NewDecoder(io.LimitReader(f, 1<<20)).Decode(&m) == nil && m.PostscoreVersion != ""
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	case m&fs.ModeIrregular != 0:
		return "irregular file"
	}
	return m.Type().String()
}

// unwrapPath drops the path from an *fs.PathError: the row already names it.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// openCorpusFile opens a JSONL or Parquet corpus file for reading, not
// following a link (see readLimited).
func openCorpusFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|openNoFollow, 0)
}

// readLimitedFile is readLimited with package os (readLimited's fallback
// where there are no Unix system calls). It opens without blocking (a file
// swapped for a FIFO mid-run must not hang the batch), and without following
// a link (see readLimited).
func readLimitedFile(path string, max int64) ([]byte, *ErrorRow) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|openNoFollow, 0)
	if err != nil {
		return nil, openError(unwrapPath(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &ErrorRow{Stage: StageRead, Kind: ErrKindUnreadable, Reason: fmt.Sprintf("cannot stat: %v", unwrapPath(err))}
	}
	if !fi.Mode().IsRegular() {
		return nil, notRegular(fi.Mode())
	}
	if fi.Size() > max {
		return nil, tooLarge(fi.Size(), max)
	}
	return readAll(fi.Size(), max, func(b []byte) (int, error) {
		n, err := f.Read(b)
		if err == io.EOF {
			err = nil
		}
		return n, unwrapPath(err)
	})
}

// readAll reads a file of size bytes (as stat said: it may have changed)
// with read, which returns 0 at the end, keeping to at most max bytes.
//
// A read that asked for more than was left and stopped at exactly size
// bytes is the end: a regular file's read comes up short only at its end
// or when a signal cuts it, and a cut there still leaves the file as stat
// saw it, whole. That saves the read that would return 0 (one system call
// in five a file). A file that grew is read on to its end.
func readAll(size, max int64, read func([]byte) (int, error)) ([]byte, *ErrorRow) {
	data := make([]byte, 0, size+1)
	for {
		if int64(len(data)) > max {
			return nil, tooLarge(int64(len(data)), max)
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		want := cap(data) - len(data)
		n, err := read(data[len(data):cap(data)])
		if err != nil {
			return nil, &ErrorRow{Stage: StageRead, Kind: ErrKindUnreadable, Reason: fmt.Sprintf("read failed: %v", err)}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
		if n < want && int64(len(data)) == size {
			return data, nil
		}
	}
}

// openError is the error row of a file that cannot be opened.
func openError(err error) *ErrorRow {
	kind := ErrKindUnreadable
	switch {
	case errors.Is(err, syscall.ELOOP):
		return &ErrorRow{Stage: StageRead, Kind: ErrKindLinkNotFollowed, Reason: "it became a symbolic link after the corpus was listed: not followed"}
	case errors.Is(err, fs.ErrNotExist):
		kind = ErrKindVanished
	case errors.Is(err, fs.ErrPermission):
		kind = ErrKindPermissionDenied
	}
	return &ErrorRow{Stage: StageRead, Kind: kind, Reason: fmt.Sprintf("cannot open: %v", err)}
}

func notRegular(m fs.FileMode) *ErrorRow {
	return &ErrorRow{Stage: StageRead, Kind: ErrKindNotRegularFile, Reason: fmt.Sprintf("not a regular file (%s)", fileKind(m))}
}

func tooLarge(size, max int64) *ErrorRow {
	return &ErrorRow{Stage: StageRead, Kind: ErrKindTooLarge, Reason: fmt.Sprintf("file is %d bytes, over --max-bytes %d", size, max)}
}
