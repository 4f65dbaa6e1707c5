//go:build linux || darwin || freebsd || netbsd || openbsd

package pipeline

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// LockOut takes OUT for this process: a second run into the same OUT, or
// a report written into it, is refused while the first holds it. The lock is the kernel's (flock on the
// directory itself), so a killed run leaves nothing behind.
func LockOut(out string) (unlock func(), err error) {
	f, err := os.Open(out)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", out, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: another postscore run is writing to %s; wait for it to end, or choose another -o", ErrOutputBusy, out)
		}
		return nil, fmt.Errorf("locking %s: %w", out, err)
	}
	return func() { f.Close() }, nil
}
