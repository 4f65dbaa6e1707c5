package objstore

import (
	"context"
	"io"
)

// UploadFrom is uploadFrom, for the tests of an upload that fails midway.
func UploadFrom(s *Store, ctx context.Context, key string, r io.Reader) error {
	return s.uploadFrom(ctx, key, r)
}
