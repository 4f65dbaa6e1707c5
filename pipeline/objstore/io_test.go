package objstore_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/alphanode/postscore/pipeline/objstore"
	"github.com/parquet-go/parquet-go"
)

// pattern is n bytes that differ from offset to offset.
func pattern(n int) []byte {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func putBytes(t *testing.T, s *objstore.Store, key string, b []byte) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Upload(context.Background(), key, p); err != nil {
		t.Fatal(err)
	}
}

func TestStatAndNotFound(t *testing.T) {
	forEachStore(t, func(t *testing.T, open opener) { checkStatAndNotFound(t, open(t)) })
}

func checkStatAndNotFound(t *testing.T, s *objstore.Store) {
	ctx := context.Background()
	putBytes(t, s, "d/k.bin", pattern(1000))
	e, err := s.Stat(ctx, "d/k.bin")
	if err != nil || e.Size != 1000 || e.Key != "d/k.bin" || e.ModTime.IsZero() {
		t.Errorf("Stat: %+v %v", e, err)
	}
	_, err = s.Stat(ctx, "d/missing")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat of a missing key: %v, want fs.ErrNotExist", err)
	}
	if _, err := s.NewReader(ctx, "missing", 0, -1); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("NewReader of a missing key: %v", err)
	}
	if err := s.Delete(ctx, "missing"); err != nil {
		t.Errorf("Delete of a missing key: %v", err)
	}
	if err := s.Delete(ctx, "d/k.bin"); err != nil {
		t.Errorf("Delete: %v", err)
	}
	if _, err := s.Stat(ctx, "d/k.bin"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat after Delete: %v", err)
	}
}

func TestRanges(t *testing.T) {
	forEachStore(t, func(t *testing.T, open opener) { checkRanges(t, open(t)) })
}

func checkRanges(t *testing.T, s *objstore.Store) {
	ctx := context.Background()
	data := pattern(100_000)
	putBytes(t, s, "r.bin", data)
	for _, c := range []struct{ off, n int64 }{{0, -1}, {0, 10}, {99_990, 10}, {99_990, -1}, {5, 0}, {50_000, 20_000}, {99_990, 100}} {
		r, err := s.NewReader(ctx, "r.bin", c.off, c.n)
		if err != nil {
			t.Fatalf("NewReader(%d, %d): %v", c.off, c.n, err)
		}
		got, err := io.ReadAll(r)
		r.Close()
		end := int64(len(data))
		if c.n >= 0 {
			end = min(end, c.off+c.n)
		}
		if err != nil || !bytes.Equal(got, data[c.off:end]) {
			t.Errorf("NewReader(%d, %d): %d bytes, %v; want %d", c.off, c.n, len(got), err, end-c.off)
		}
	}
}

func TestReaderAt(t *testing.T) {
	forEachStore(t, func(t *testing.T, open opener) { checkReaderAt(t, open(t)) })
}

func checkReaderAt(t *testing.T, s *objstore.Store) {
	ctx := context.Background()
	data := pattern(1_000_000)
	putBytes(t, s, "p.bin", data)
	r := s.ReaderAt(ctx, "p.bin", int64(len(data)))
	// A footer read, then the footer before it: one request.
	p := make([]byte, 8)
	if n, err := r.ReadAt(p, int64(len(data)-8)); n != 8 || err != nil || !bytes.Equal(p, data[len(data)-8:]) {
		t.Fatalf("ReadAt of the last 8 bytes: %d %v", n, err)
	}
	p = make([]byte, 5000)
	if n, err := r.ReadAt(p, int64(len(data)-5008)); n != 5000 || err != nil || !bytes.Equal(p, data[len(data)-5008:len(data)-8]) {
		t.Fatalf("ReadAt of the footer: %d %v", n, err)
	}
	if r.Requests() != 1 {
		t.Errorf("a footer cost %d requests, want 1", r.Requests())
	}
	// Past the end: what there is, and io.EOF.
	p = make([]byte, 100)
	if n, err := r.ReadAt(p, int64(len(data)-10)); n != 10 || err != io.EOF {
		t.Errorf("ReadAt across the end: %d %v", n, err)
	}
	if n, err := r.ReadAt(p, int64(len(data))); n != 0 || err != io.EOF {
		t.Errorf("ReadAt at the end: %d %v", n, err)
	}
	// Large reads, and Read + Seek through the whole object.
	big := make([]byte, 600_000)
	if n, err := r.ReadAt(big, 100); n != len(big) || err != nil || !bytes.Equal(big, data[100:100+len(big)]) {
		t.Errorf("a large ReadAt: %d %v", n, err)
	}
	if _, err := r.Seek(10, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, data[10:]) {
		t.Errorf("Seek(10) and ReadAll: %d bytes, %v", len(got), err)
	}
	if pos, err := r.Seek(-4, io.SeekEnd); pos != int64(len(data)-4) || err != nil {
		t.Errorf("Seek(-4, end): %d %v", pos, err)
	}
	if _, err := r.Seek(-1, io.SeekStart); err == nil {
		t.Error("Seek(-1): no error")
	}
}

// TestReaderAtParquet: parquet-go reads a file through a ReaderAt, with a
// handful of requests.
func TestReaderAtParquet(t *testing.T) {
	type row struct {
		ID    int64  `parquet:"id"`
		Title string `parquet:"title"`
	}
	rows := make([]row, 5000)
	for i := range rows {
		rows[i] = row{ID: int64(i), Title: "post number " + string(rune('a'+i%26))}
	}
	var buf bytes.Buffer
	if err := parquet.Write(&buf, rows); err != nil {
		t.Fatal(err)
	}
	s := memStore(t)
	putBytes(t, s, "scores.parquet", buf.Bytes())
	r := s.ReaderAt(context.Background(), "scores.parquet", int64(buf.Len()))
	f, err := parquet.OpenFile(r, r.Size())
	if err != nil {
		t.Fatal(err)
	}
	got, err := parquet.Read[row](r, r.Size())
	if err != nil || len(got) != len(rows) || got[4999] != rows[4999] || f.NumRows() != 5000 {
		t.Fatalf("read %d rows, %v", len(got), err)
	}
	if r.Requests() > 4 {
		t.Errorf("reading a %d-byte Parquet file cost %d requests", buf.Len(), r.Requests())
	}
}

func TestReadAll(t *testing.T) {
	s := memStore(t)
	putBytes(t, s, "m.json", []byte("0123456789"))
	ctx := context.Background()
	if b, err := s.ReadAll(ctx, "m.json", 10); err != nil || string(b) != "0123456789" {
		t.Errorf("ReadAll(max 10): %q %v", b, err)
	}
	if _, err := s.ReadAll(ctx, "m.json", 9); !errors.Is(err, objstore.ErrTooLarge) {
		t.Errorf("ReadAll(max 9) of 10 bytes: %v, want ErrTooLarge", err)
	}
	if _, err := s.ReadAll(ctx, "none", 9); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadAll of a missing key: %v", err)
	}
}

func TestUploadDownload(t *testing.T) {
	forEachStore(t, func(t *testing.T, open opener) { checkUploadDownload(t, open(t)) })
}

func checkUploadDownload(t *testing.T, s *objstore.Store) {
	ctx := context.Background()
	data := pattern(3 << 20)
	putBytes(t, s, "deep/in/side.bin", data)
	dir := t.TempDir()
	dst := filepath.Join(dir, "side.bin")
	if err := s.Download(ctx, "deep/in/side.bin", dst); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(dst); !bytes.Equal(got, data) {
		t.Errorf("Download: %d bytes, want %d", len(got), len(data))
	}
	if err := s.Download(ctx, "missing", filepath.Join(dir, "m")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Download of a missing key: %v", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("Download left %d files in the directory, want 1", len(ents))
	}
	if err := s.Upload(ctx, "x", filepath.Join(dir, "no such file")); err == nil {
		t.Error("Upload of a missing file: no error")
	}
}

// failingReader gives n bytes, then an error.
type failingReader struct{ n int }

var errDisk = errors.New("disk gone")

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errDisk
	}
	k := min(len(p), f.n)
	f.n -= k
	return k, nil
}

func TestInterruptedUpload(t *testing.T) {
	forEachStore(t, func(t *testing.T, open opener) { checkInterruptedUpload(t, open(t)) })
}

func checkInterruptedUpload(t *testing.T, s *objstore.Store) {
	ctx := context.Background()
	err := objstore.UploadFrom(s, ctx, "new.bin", &failingReader{n: 12 << 20}) // past S3's 5 MiB part: a multipart upload
	if !errors.Is(err, errDisk) {
		t.Errorf("an interrupted upload: %v", err)
	}
	if _, err := s.Stat(ctx, "new.bin"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("an interrupted upload left an object: %v", err)
	}
	putBytes(t, s, "old.bin", []byte("old"))
	_ = objstore.UploadFrom(s, ctx, "old.bin", &failingReader{n: 1 << 20})
	if b, err := s.ReadAll(ctx, "old.bin", 100); string(b) != "old" || err != nil {
		t.Errorf("an interrupted upload over an object: it holds %d bytes, %v", len(b), err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	p := filepath.Join(t.TempDir(), "f")
	os.WriteFile(p, pattern(1<<20), 0o644)
	if err := s.Upload(cctx, "cancelled.bin", p); err == nil {
		t.Error("an upload with a cancelled ctx: no error")
	}
	if _, err := s.Stat(ctx, "cancelled.bin"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("an upload with a cancelled ctx left an object: %v", err)
	}
}
