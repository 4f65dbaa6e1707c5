package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/parquet-go/parquet-go"
)

// atomicFile is an output written under a temporary name in its final
// directory and renamed over the final name only when complete, so that an
// interrupted run never leaves a file that looks finished. Writes go through
// Write, which keeps the file's size and sha256 for the manifest and the
// checkpoints' checks.
type atomicFile struct {
	final string
	tmp   string
	f     *os.File
	sum   hash.Hash
	size  int64
}

// Write writes b to the file and adds it to the file's checksum.
func (a *atomicFile) Write(b []byte) (int, error) {
	n, err := a.f.Write(b)
	a.sum.Write(b[:n])
	a.size += int64(n)
	return n, err
}

// stamp is the size and sha256 of what was written so far.
func (a *atomicFile) stamp() FileStamp {
	return FileStamp{Name: filepath.Base(a.final), Bytes: a.size, SHA256: hex.EncodeToString(a.sum.Sum(nil))}
}

func createAtomic(final string) (*atomicFile, error) {
	return createAtomicIn(filepath.Dir(final), final)
}

// createAtomicIn is createAtomic with the temporary file in dir, which must
// be on final's file system.
func createAtomicIn(dir, final string) (*atomicFile, error) {
	f, err := os.CreateTemp(dir, "."+filepath.Base(final)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", final, err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("creating %s: %w", final, err)
	}
	return &atomicFile{final: final, tmp: f.Name(), f: f, sum: sha256.New()}, nil
}

// commit syncs, closes and renames the file into place.
func (a *atomicFile) commit() error { return a.finish(true) }

// finish closes and renames the file into place, syncing it first if sync.
func (a *atomicFile) finish(sync bool) error {
	if sync {
		if err := a.f.Sync(); err != nil {
			a.abort()
			return fmt.Errorf("writing %s: %w", a.final, err)
		}
	}
	if err := a.f.Close(); err != nil {
		a.abort()
		return fmt.Errorf("writing %s: %w", a.final, err)
	}
	if err := os.Rename(a.tmp, a.final); err != nil {
		os.Remove(a.tmp)
		return fmt.Errorf("renaming %s into place: %w", a.final, err)
	}
	return nil
}

// abort removes the temporary file.
func (a *atomicFile) abort() {
	a.f.Close()
	os.Remove(a.tmp)
}

// WriteFileAtomic writes data to path through a temporary file renamed into
// place, so that path never holds a partial file.
func WriteFileAtomic(path string, data []byte) error {
	_, err := writeFileStamped(path, data)
	return err
}

// writeFileStamped is WriteFileAtomic, which also returns the file's stamp.
func writeFileStamped(path string, data []byte) (FileStamp, error) {
	a, err := createAtomic(path)
	if err != nil {
		return FileStamp{}, err
	}
	if _, err := a.Write(data); err != nil {
		a.abort()
		return FileStamp{}, fmt.Errorf("writing %s: %w", path, err)
	}
	return a.stamp(), a.commit()
}

// parquetSink writes rows of type T to one Parquet file: zstd, statistics
// on (parquet-go's default), row groups of at most rowGroup rows.
type parquetSink[T any] struct {
	file  *atomicFile
	w     *parquet.GenericWriter[T]
	buf   []T
	rows  int64
	flush int
}

// DefaultRowGroupRows is the row-group size: large enough for good
// compression and statistics, small enough that a writer buffers a few tens
// of megabytes, not the corpus.
const DefaultRowGroupRows = 8192

func newParquetSink[T any](path string, rowGroup int, createdBy string) (*parquetSink[T], error) {
	return newParquetSinkIn[T](filepath.Dir(path), path, rowGroup, createdBy)
}

// newParquetSinkIn is newParquetSink with the temporary file in tmpDir (on
// path's file system).
func newParquetSinkIn[T any](tmpDir, path string, rowGroup int, createdBy string) (*parquetSink[T], error) {
	f, err := createAtomicIn(tmpDir, path)
	if err != nil {
		return nil, err
	}
	w := parquet.NewGenericWriter[T](f,
		parquet.Compression(sharedZstd),
		parquet.MaxRowsPerRowGroup(int64(rowGroup)),
		parquet.PageBufferSize(256*1024),
		// Statistics go in each column chunk and in the page index (the
		// column index: each page's min and max); not also in every page's
		// header, which parquet-go works out a second time (page.Bounds
		// again) and which readers use only without a page index.
		parquet.DataPageStatistics(false),
		parquet.CreatedBy("postscore", createdBy, ""),
	)
	return &parquetSink[T]{file: f, w: w, flush: 256}, nil
}

// reuse starts writing path (under a temporary name in tmpDir) with the
// writer of s, which must be committed: the writer's column buffers are
// kept (parquet-go's Reset), not allocated again.
func (s *parquetSink[T]) reuse(tmpDir, path string) (*parquetSink[T], error) {
	f, err := createAtomicIn(tmpDir, path)
	if err != nil {
		return nil, err
	}
	s.w.Reset(f)
	return &parquetSink[T]{file: f, w: s.w, buf: s.buf[:0], flush: s.flush}, nil
}

// Write buffers one row.
func (s *parquetSink[T]) Write(row T) error {
	s.buf = append(s.buf, row)
	s.rows++
	if len(s.buf) >= s.flush {
		return s.drain()
	}
	return nil
}

func (s *parquetSink[T]) drain() error {
	if len(s.buf) == 0 {
		return nil
	}
	if _, err := s.w.Write(s.buf); err != nil {
		return fmt.Errorf("writing %s: %w", s.file.final, err)
	}
	clear(s.buf)
	s.buf = s.buf[:0]
	return nil
}

// flushColumns encodes and compresses the values buffered in each column
// into pages, on n goroutines (each column on one), so that Commit finds
// only bytes to write. A column's pages are the same as Close would make:
// Close flushes each column the same way, one after another.
func (s *parquetSink[T]) flushColumns(n int) error {
	if err := s.drain(); err != nil {
		return err
	}
	cols := s.w.ColumnWriters()
	var next atomic.Int64
	errs := make([]error, len(cols))
	var wg sync.WaitGroup
	for range min(n, len(cols)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(cols); i = int(next.Add(1) - 1) {
				errs[i] = cols[i].Flush()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("writing %s: %w", s.file.final, err)
	}
	return nil
}

// Commit writes the key-value metadata, closes the file and renames it into place.
func (s *parquetSink[T]) Commit(kv map[string]string) error { return s.commit(kv, true) }

// commit is Commit, which syncs the file only if sync.
func (s *parquetSink[T]) commit(kv map[string]string, sync bool) error {
	if err := s.drain(); err != nil {
		s.Abort()
		return err
	}
	for _, k := range slices.Sorted(maps.Keys(kv)) {
		s.w.SetKeyValueMetadata(k, kv[k])
	}
	if err := s.w.Close(); err != nil {
		s.Abort()
		return fmt.Errorf("closing %s: %w", s.file.final, err)
	}
	return s.file.finish(sync)
}

// Abort drops the file.
func (s *parquetSink[T]) Abort() { s.file.abort() }

// ParquetWriter writes rows of type T to a Parquet file atomically, with the
// same settings as the run's outputs (zstd, statistics, bounded row groups).
type ParquetWriter[T any] struct{ s *parquetSink[T] }

// NewParquetWriter starts writing path under a temporary name.
func NewParquetWriter[T any](path string) (*ParquetWriter[T], error) {
	s, err := newParquetSink[T](path, DefaultRowGroupRows, Version)
	if err != nil {
		return nil, err
	}
	return &ParquetWriter[T]{s: s}, nil
}

// Write adds one row.
func (w *ParquetWriter[T]) Write(row T) error { return w.s.Write(row) }

// Commit writes the key-value metadata and renames the file into place.
func (w *ParquetWriter[T]) Commit(kv map[string]string) error { return w.s.Commit(kv) }

// Abort removes the temporary file.
func (w *ParquetWriter[T]) Abort() { w.s.Abort() }

// explainWriteError explains ENOSPC in words a user can act on.
func explainWriteError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) && errors.Is(pe.Err, errNoSpace) {
		return fmt.Errorf("%w: the disk is full; free space or choose another -o, then run again (nothing final was written)", err)
	}
	return err
}

// ReadParquet reads every row of a Parquet file written by postscore (for
// tests and small files: it holds all rows in memory).
func ReadParquet[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := parquet.NewGenericReader[T](f)
	defer r.Close()
	rows := make([]T, r.NumRows())
	n, err := r.Read(rows)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return rows[:n], nil
}
