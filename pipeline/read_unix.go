//go:build linux || darwin || freebsd || netbsd || openbsd

package pipeline

import (
	"fmt"
	"io/fs"
	"syscall"
)

// openNoFollow makes an open fail on a link: the walker gives the reader
// the path of a file, or of a link's target, never a link, so a link there
// was swapped in after the walk, perhaps to lead out of the corpus. (Only
// the last element of the path is held: a directory swapped for a link is
// not caught; openat2's RESOLVE_BENEATH would, on Linux only.)
const openNoFollow = syscall.O_NOFOLLOW

// readLimited reads a regular file of at most max bytes. It opens without
// blocking (a file swapped for a FIFO mid-run must not hang the batch), and
// without following a link (openNoFollow).
//
// It makes the system calls itself (open, fstat, read to the end, close):
// an *os.File also tries to register the descriptor with the runtime's
// poller and sets up a finalizer, which doubled the cost of reading a
// small file (22 us against 11 us a file here).
func readLimited(path string, max int64) ([]byte, *ErrorRow) {
	fd, err := retry(func() (int, error) {
		return syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC|openNoFollow, 0)
	})
	if err != nil {
		return nil, openError(err)
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if _, err := retry(func() (int, error) { return 0, syscall.Fstat(fd, &st) }); err != nil {
		return nil, &ErrorRow{Stage: StageRead, Kind: ErrKindUnreadable, Reason: fmt.Sprintf("cannot stat: %v", err)}
	}
	if m := uint32(st.Mode) & syscall.S_IFMT; m != syscall.S_IFREG {
		return nil, notRegular(fileMode(m))
	}
	if st.Size > max {
		return nil, tooLarge(st.Size, max)
	}
	return readAll(st.Size, max, func(b []byte) (int, error) {
		return retry(func() (int, error) { return syscall.Read(fd, b) })
	})
}

// retry calls a system call again while a signal interrupts it.
func retry(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if err != syscall.EINTR {
			return n, err
		}
	}
}

// fileMode is the fs.FileMode type bits of a stat mode's S_IFMT bits.
func fileMode(m uint32) fs.FileMode {
	switch m {
	case syscall.S_IFDIR:
		return fs.ModeDir
	case syscall.S_IFIFO:
		return fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		return fs.ModeSocket
	case syscall.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		return fs.ModeDevice
	case syscall.S_IFLNK:
		return fs.ModeSymlink
	}
	return fs.ModeIrregular
}

// statSize is the size of the file at path, following links (as os.Stat),
// or false when it cannot be stat'ed; without os.Stat's FileInfo, which a
// shard's listing of every file does not need.
func statSize(path string) (int64, bool) {
	var st syscall.Stat_t
	if _, err := retry(func() (int, error) { return 0, syscall.Stat(path, &st) }); err != nil {
		return 0, false
	}
	return st.Size, true
}
