package objstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
)

// DefaultReadAhead is how much a ReaderAt fetches at least per request:
// enough that a Parquet footer and the small reads of a page walk cost a
// request per 256 KiB, not one per few bytes; small enough that a read of
// one column does not fetch its neighbours too.
const DefaultReadAhead = 256 << 10

// ReaderAt reads an object of known size with ranged GETs. It is an
// io.ReaderAt (safe for concurrent use) and an io.ReadSeeker, which is what
// Arrow's parquet.ReaderAtSeeker and parquet-go's OpenFile ask for.
//
// Each fetch is at least ReadAhead bytes and is kept as the window: a read
// inside the window is served from memory. A fetch that would pass the end
// of the object starts earlier instead, so that the first read of a
// Parquet file (its last 8 bytes) brings its footer with it.
type ReaderAt struct {
	ctx       context.Context
	s         *Store
	key       string
	size      int64
	ReadAhead int64 // bytes fetched at least per request; DefaultReadAhead unless set before the first read

	mu     sync.Mutex
	window []byte // the object's bytes at winOff
	winOff int64
	pos    int64 // Read and Seek's position

	requests atomic.Int64
}

// ReaderAt returns a ReaderAt of key, whose size is size (from Walk or
// Stat). ctx bounds every request it makes.
func (s *Store) ReaderAt(ctx context.Context, key string, size int64) *ReaderAt {
	return &ReaderAt{ctx: ctx, s: s, key: key, size: size, ReadAhead: DefaultReadAhead}
}

// Size is the object's size.
func (r *ReaderAt) Size() int64 { return r.size }

// Requests is how many ranged GETs r has made.
func (r *ReaderAt) Requests() int64 { return r.requests.Load() }

// ReadAt reads len(p) bytes at off; fewer only at the end of the object
// (with io.EOF) or on an error.
func (r *ReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("reading %s: negative offset %d", r.s.KeyURL(r.key), off)
	}
	if off >= r.size {
		return 0, io.EOF
	}
	want := min(int64(len(p)), r.size-off)
	if n, ok := r.fromWindow(p[:want], off); ok {
		return n, eofIfShort(n, len(p))
	}
	if want >= r.readAhead() {
		n, err := r.fetch(p[:want], off) // a large read: straight into p, not kept
		if err != nil {
			return n, err
		}
		return n, eofIfShort(n, len(p))
	}
	start, end := r.span(off, want)
	buf := make([]byte, end-start)
	if _, err := r.fetch(buf, start); err != nil {
		return 0, err
	}
	r.mu.Lock()
	r.window, r.winOff = buf, start
	r.mu.Unlock()
	n := copy(p[:want], buf[off-start:])
	return n, eofIfShort(n, len(p))
}

func (r *ReaderAt) readAhead() int64 {
	if r.ReadAhead <= 0 {
		return DefaultReadAhead
	}
	return r.ReadAhead
}

// span is the range to fetch for want bytes at off: ReadAhead bytes from
// off, moved back so as not to pass the end of the object.
func (r *ReaderAt) span(off, want int64) (start, end int64) {
	n := max(want, r.readAhead())
	start = off
	if start+n > r.size {
		start = max(0, r.size-n)
	}
	return start, min(start+n, r.size)
}

// fromWindow copies p from the window if it holds all of it.
func (r *ReaderAt) fromWindow(p []byte, off int64) (int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if off < r.winOff || off+int64(len(p)) > r.winOff+int64(len(r.window)) {
		return 0, false
	}
	return copy(p, r.window[off-r.winOff:]), true
}

// fetch fills p from the object at off with one ranged GET.
func (r *ReaderAt) fetch(p []byte, off int64) (int, error) {
	r.requests.Add(1)
	rc, err := r.s.NewReader(r.ctx, r.key, off, int64(len(p)))
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	n, err := io.ReadFull(rc, p)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = fmt.Errorf("reading %s: %d bytes at %d: the object is shorter than its listed size %d (did it change?): %w", r.s.KeyURL(r.key), len(p), off, r.size, io.ErrUnexpectedEOF)
	}
	return n, err
}

func eofIfShort(n, want int) error {
	if n < want {
		return io.EOF
	}
	return nil
}

// Read reads from the position Seek set.
func (r *ReaderAt) Read(p []byte) (int, error) {
	r.mu.Lock()
	pos := r.pos
	r.mu.Unlock()
	n, err := r.ReadAt(p, pos)
	r.mu.Lock()
	r.pos = pos + int64(n)
	r.mu.Unlock()
	if err == io.EOF && n > 0 {
		err = nil // io.Reader: data first, io.EOF on the next call
	}
	return n, err
}

// Seek sets the position of Read.
func (r *ReaderAt) Seek(offset int64, whence int) (int64, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var abs int64
	switch whence {
	case io.SeekStart:
		abs = offset
	case io.SeekCurrent:
		abs = r.pos + offset
	case io.SeekEnd:
		abs = r.size + offset
	default:
		return 0, fmt.Errorf("seeking %s: bad whence %d", r.s.KeyURL(r.key), whence)
	}
	if abs < 0 {
		return 0, fmt.Errorf("seeking %s: negative position %d", r.s.KeyURL(r.key), abs)
	}
	r.pos = abs
	return abs, nil
}

// Close drops the window; the ReaderAt holds no connection between reads.
func (r *ReaderAt) Close() error {
	r.mu.Lock()
	r.window = nil
	r.mu.Unlock()
	return nil
}
