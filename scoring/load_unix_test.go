//go:build unix

package scoring

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadModelRefusesFIFO (issue 21, defect 9): a named pipe with no
// writer made LoadModel wait for ever; it is refused at once.
func TestLoadModelRefusesFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "model.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := LoadModel(fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "is a named pipe, not a regular file") {
			t.Errorf("FIFO: %v", err)
		}
	case <-time.After(5 * time.Second):
		// Open a writer so that the blocked reader returns and the test ends.
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		t.Fatal("LoadModel of a named pipe with no writer still waits after 5 s")
	}
}
