package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sync"

	"github.com/alphanode/postscore/pipeline/objstore"
)

// A CORPUS argument may be a bucket's URL (s3://bucket/prefix, gs://,
// azblob://, file://): the walker lists its objects in the order it walks
// a directory (objstore.Store.Walk), and each object it selects is an
// Input whose obj says where it is. Its bytes are read from the bucket as
// they are needed, never downloaded whole first: a post by one ranged GET
// of at most --max-bytes, a JSONL object as a stream, a Parquet object by
// ranged reads of its footer and column chunks.

// object is an input that is an object in a bucket.
type object struct {
	store *objstore.Store
	key   string
	size  int64
	stamp sourceStamp // its size and modification time, as listed
}

// stores are the buckets of a run's CORPUS URLs, each opened once (the
// feed walks the corpus more than once: listing a shard, counting, on
// resume) and closed when the run ends.
type stores struct {
	mu     sync.Mutex
	byRoot map[string]*objstore.Store
}

func newStores() *stores { return &stores{byRoot: map[string]*objstore.Store{}} }

// open is the bucket of the CORPUS URL root.
func (s *stores) open(ctx context.Context, root string) (*objstore.Store, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.byRoot[root]; ok {
		return st, nil
	}
	st, err := objstore.Open(ctx, root)
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", root, err)
	}
	s.byRoot[root] = st
	return st, nil
}

func (s *stores) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for root, st := range s.byRoot {
		st.Close()
		delete(s.byRoot, root)
	}
}

// bucket walks the objects under the CORPUS URL root, as dir walks a
// directory: hidden names skipped and counted, the selection applied.
func (w *walker) bucket(ctx context.Context, root string) error {
	st, err := w.stores.open(ctx, root)
	if err != nil {
		return err
	}
	var emitErr error // the walk's own error, passed through as it is
	var objects int64
	hidden, err := st.Walk(ctx, func(e objstore.Entry) error {
		objects++
		doc := e.Key
		if len(w.roots) > 1 {
			doc = st.KeyURL(e.Key)
		}
		if doc = cleanName(doc); !w.selected(doc) {
			return nil
		}
		obj := &object{store: st, key: e.Key, size: e.Size, stamp: sourceStamp{e.Size, e.ModTime.UnixNano()}}
		emitErr = w.emit(Input{Path: st.KeyURL(e.Key), DocPath: doc, obj: obj, src: obj.stamp})
		return emitErr
	})
	w.Hidden += hidden
	switch {
	case emitErr != nil:
		return emitErr
	case err != nil:
		return fmt.Errorf("listing %s: %w", root, err)
	case objects == 0 && hidden == 0:
		return fmt.Errorf("corpus %s holds no objects: give the prefix of a folder of posts (an object's own URL is not read as a corpus), and check its spelling", root)
	}
	return nil
}

// read reads the object whole, if it is at most max bytes.
func (o *object) read(ctx context.Context, max int64) ([]byte, *ErrorRow) {
	if o.size > max {
		return nil, tooLarge(o.size, max)
	}
	data, err := o.store.ReadAll(ctx, o.key, max)
	if err != nil {
		return nil, objectError(err, max)
	}
	return data, nil
}

// open streams the object, decompressing it as openJSONL does a file.
func (o *object) open(ctx context.Context) (io.ReadCloser, error) {
	return o.store.NewReader(ctx, o.key, 0, -1)
}

// objectError is the error row of an object that could not be read.
func objectError(err error, max int64) *ErrorRow {
	kind := ErrKindUnreadable
	switch {
	case errors.Is(err, objstore.ErrTooLarge):
		return &ErrorRow{Stage: StageRead, Kind: ErrKindTooLarge, Reason: fmt.Sprintf("the object is over --max-bytes %d", max)}
	case errors.Is(err, fs.ErrNotExist):
		kind = ErrKindVanished
	case errors.Is(err, fs.ErrPermission):
		kind = ErrKindPermissionDenied
	}
	return &ErrorRow{Stage: StageRead, Kind: kind, Reason: fmt.Sprintf("cannot read: %v", err)}
}
