package objstore

import (
	"context"
	"fmt"
	"io"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

// Entry is an object under a Store's prefix.
type Entry struct {
	Key     string // relative to the prefix, "/"-separated
	Size    int64
	ModTime time.Time
}

// URL is the store's scheme://bucket/prefix, without query parameters.
func (s *Store) URL() string { return s.url }

// KeyURL is the URL of key, for messages.
func (s *Store) KeyURL(key string) string { return s.url + "/" + key }

// Bucket is the gocloud bucket under the store (its keys are not prefixed).
func (s *Store) Bucket() *blob.Bucket { return s.b }

// Close closes the bucket.
func (s *Store) Close() error { return s.b.Close() }

// full is the bucket key of key.
func (s *Store) full(key string) string { return s.prefix + key }

// Stat is key's size and modification time. An object that is not there
// is an error for which errors.Is(err, fs.ErrNotExist).
func (s *Store) Stat(ctx context.Context, key string) (Entry, error) {
	a, err := s.b.Attributes(ctx, s.full(key))
	if err != nil {
		return Entry{}, s.wrap("stat", key, err)
	}
	return Entry{Key: key, Size: a.Size, ModTime: a.ModTime}, nil
}

// NewReader streams length bytes of key from offset (length < 0: to the
// end). The object is read as the caller reads, not downloaded first.
func (s *Store) NewReader(ctx context.Context, key string, offset, length int64) (io.ReadCloser, error) {
	if offset < 0 {
		return nil, fmt.Errorf("reading %s: negative offset %d", s.KeyURL(key), offset)
	}
	r, err := s.b.NewRangeReader(ctx, s.full(key), offset, length, nil)
	if err != nil {
		return nil, s.wrap("reading", key, err)
	}
	return &namedReader{r: r, s: s, key: key}, nil
}

// namedReader wraps a reader's errors with the object's URL.
type namedReader struct {
	r   *blob.Reader
	s   *Store
	key string
}

func (n *namedReader) Read(p []byte) (int, error) {
	k, err := n.r.Read(p)
	if err != nil && err != io.EOF {
		err = n.s.wrap("reading", n.key, err)
	}
	return k, err
}

func (n *namedReader) Close() error { return n.s.wrap("closing", n.key, n.r.Close()) }

// ReadAll reads key whole, if it has at most max bytes; a larger object is
// an error wrapping ErrTooLarge (and is not read).
func (s *Store) ReadAll(ctx context.Context, key string, max int64) ([]byte, error) {
	r, err := s.b.NewReader(ctx, s.full(key), nil)
	if err != nil {
		return nil, s.wrap("reading", key, err)
	}
	defer r.Close()
	if r.Size() > max {
		return nil, fmt.Errorf("reading %s: %w: %d bytes, more than %d", s.KeyURL(key), ErrTooLarge, r.Size(), max)
	}
	// Read one byte more than max: the object may have grown since.
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, s.wrap("reading", key, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("reading %s: %w: more than %d bytes", s.KeyURL(key), ErrTooLarge, max)
	}
	return b, nil
}

// Delete deletes key; an object that is not there is no error.
func (s *Store) Delete(ctx context.Context, key string) error {
	err := s.b.Delete(ctx, s.full(key))
	if err != nil && gcerrors.Code(err) != gcerrors.NotFound {
		return s.wrap("deleting", key, err)
	}
	return nil
}
