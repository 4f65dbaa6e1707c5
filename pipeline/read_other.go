//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package pipeline

// readLimited reads a regular file of at most max bytes.
func readLimited(path string, max int64) ([]byte, *ErrorRow) { return readLimitedFile(path, max) }

// openNoFollow is O_NOFOLLOW where there is one (read_unix.go).
const openNoFollow = 0
