// Command postscore scores a corpus of posts: it measures each post,
// recomputes quality, freshness, depth and clarity with a versioned scoring
// model, and writes one Parquet row per post plus reports.
package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"runtime"
	"sync/atomic"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/alphanode/postscore/reports"
)

func main() {
	// No allocation sampling unless --memprofile asks for it (it turns it
	// back on): the runtime samples every 512 KB allocated by default,
	// recording a stack each time: 1,260 stacks on 20,000 posts (32 KB each).
	runtime.MemProfileRate = 0
	code, msg := exitStatus(newRootCmd().ExecuteC())
	if msg != "" {
		// A message can name a hostile file: its control characters are shown.
		fmt.Fprintln(os.Stderr, "postscore:", reports.VisibleText(msg))
	}
	os.Exit(code)
}

// Exit codes: README's table.
const (
	exitOK            = 0
	exitFailed        = 1   // a run failed (I/O)
	exitUsage         = 2   // a usage mistake: flag, argument, date, model, corpus, OUT
	exitTooManyErrors = 3   // more error rows than --max-errors
	exitSIGINT        = 130 // 128 + the signal's number
	exitSIGTERM       = 143
)

// exitError carries a specific exit code out of a command.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageErr(format string, args ...any) error {
	return &exitError{code: exitUsage, msg: fmt.Sprintf(format, args...)}
}

// exitStatus is the exit code and message for what a command returned. The
// commands return exitErrors only (newRootCmd sees to it), so any other
// error is cobra's own, about the command line: a usage mistake.
func exitStatus(cmd *cobra.Command, err error) (int, string) {
	if err == nil {
		return exitOK, ""
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code, ee.msg
	}
	return exitUsage, fmt.Sprintf("%v (see '%s --help')", err, cmd.CommandPath())
}

// readRunErr is the error of a command that reads a finished run (report,
// compare): a directory that holds none is a usage mistake, anything else
// a failure.
func readRunErr(command string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return usageErr("%s: %v: that is not the OUT of a finished 'postscore score' run (see 'postscore %s --help')", command, err, command)
	}
	return &exitError{code: exitFailed, msg: fmt.Sprintf("%s: %v", command, err)}
}

// signals cancels a context on SIGINT or SIGTERM and remembers which came.
type signals struct {
	got atomic.Value // os.Signal
}

// watch returns ctx cancelled by the first SIGINT or SIGTERM, and stop,
// which stops watching.
func (s *signals) watch(parent context.Context) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-ch:
			s.got.Store(sig)
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, func() { signal.Stop(ch); cancel() }
}

// interrupted is the exit error of a command stopped by a signal: 130 for
// SIGINT, 143 for SIGTERM.
func (s *signals) interrupted(msg string) error {
	code := exitSIGINT
	if sig, _ := s.got.Load().(os.Signal); sig == syscall.SIGTERM {
		code = exitSIGTERM
	}
	return &exitError{code: code, msg: msg}
}

// received says whether a signal stopped the command.
func (s *signals) received() bool { return s.got.Load() != nil }
