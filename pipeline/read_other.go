//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package pipeline

import "os"

// readLimited reads a regular file of at most max bytes.
func readLimited(path string, max int64) ([]byte, *ErrorRow) { return readLimitedFile(path, max) }

// openNoFollow is O_NOFOLLOW where there is one (read_unix.go).
const openNoFollow = 0

// statSize is the size of the file at path, or false when it cannot be
// stat'ed.
func statSize(path string) (int64, bool) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, false
	}
	return fi.Size(), true
}
