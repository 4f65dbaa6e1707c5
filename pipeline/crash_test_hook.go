//go:build crashtest

package pipeline

import (
	"os"
	"syscall"
)

// crashAt kills the process at the named step of the final commit when the
// environment variable POSTSCORE_CRASH_AT names it: the kill tests build
// postscore with -tags crashtest to stop a run exactly between two steps,
// which random timing seldom hits.
func crashAt(step string) {
	if os.Getenv("POSTSCORE_CRASH_AT") == step {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way
	}
}
