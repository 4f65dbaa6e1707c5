package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
)

// ReadRegularFile reads the file at path the way a run reads a post: only a
// regular file (a device, FIFO or socket is refused at once, without
// blocking), and at most max bytes; limit names that bound for the message
// ("--max-bytes 70"). The error names the path and the reason.
func ReadRegularFile(path string, max int64, limit string) ([]byte, error) {
	// The reader refuses to open a link (a corpus's links are resolved by
	// the walker); a link the user names is theirs to follow.
	resolved, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, unwrapPath(err))
	}
	data, row := readLimited(resolved, max)
	if row != nil && row.Kind == ErrKindTooLarge {
		size := int64(-1)
		if fi, err := os.Stat(resolved); err == nil {
			size = fi.Size()
		}
		return nil, fmt.Errorf("reading %s: file is %d bytes, over %s", path, size, limit)
	}
	if row != nil {
		return nil, fmt.Errorf("reading %s: %s", path, row.Reason)
	}
	return data, nil
}

// CheckMaxBytes says what is wrong with a --max-bytes value: it must be 1 to
// MaxPostBytes, as a post's offsets are 32-bit.
func CheckMaxBytes(n int64) error {
	if n < 1 || n > MaxPostBytes {
		return fmt.Errorf("--max-bytes %d: want 1 to %d (1 GiB: postscore counts a post's offsets in 32 bits)", n, MaxPostBytes)
	}
	return nil
}
