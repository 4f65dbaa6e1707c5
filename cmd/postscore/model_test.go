package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alphanode/postscore/scoring"
)

// TestModelCheckRefusesDevice (issue 21, defect 9): `model --check
// /dev/zero` and `score --model /dev/zero` grew until killed; both exit 2
// at once, saying why.
func TestModelCheckRefusesDevice(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	want := "model: reading /dev/zero: not a regular file (device)"
	if _, errs, code := run(t, "model", "--check", "/dev/zero"); code != 2 || !strings.Contains(errs, want) {
		t.Errorf("model --check /dev/zero: exit %d, %q", code, errs)
	}
	if _, errs, code := run(t, "score", "../../testdata/corpus/seed", "-o", t.TempDir(), "--model", "/dev/zero"); code != 2 || !strings.Contains(errs, want) {
		t.Errorf("score --model /dev/zero: exit %d, %q", code, errs)
	}
}

// TestModelFileRefusesWhatIsNotAModelFile (issue 21, defect 9): a
// directory, a missing file or a file over 1 MiB is refused with the
// reason, before anything is parsed; a model of exactly 1 MiB is read.
func TestModelFileRefusesWhatIsNotAModelFile(t *testing.T) {
	dir := t.TempDir()
	padded := func(name string, size int) string {
		path := filepath.Join(dir, name)
		model := scoring.DefaultModelTOML()
		pad := append([]byte("\n#"), bytes.Repeat([]byte("x"), size-len(model)-2)...)
		if err := os.WriteFile(path, append(model, pad...), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	big, fits := padded("big.toml", scoring.MaxModelBytes+1), padded("fits.toml", scoring.MaxModelBytes)
	for _, c := range []struct{ path, want string }{
		{big, "model: reading " + big + ": file is 1048577 bytes, over the limit of 1 MiB for a model file"},
		{dir, "model: reading " + dir + ": not a regular file (directory)"},
		{"no/such/model.toml", "model: reading no/such/model.toml: no such file or directory"},
	} {
		if _, err := loadModel(c.path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want it to say %q", c.path, err, c.want)
		}
	}
	if _, err := loadModel(fits); err != nil {
		t.Errorf("a model of exactly %d bytes: %v", scoring.MaxModelBytes, err)
	}
}

// TestModelFileRefusesFIFO (issue 21, defect 9): a named pipe with no
// writer made the model loader wait for ever; it is refused at once.
func TestModelFileRefusesFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "model.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := loadModel(fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file (named pipe)") {
			t.Errorf("FIFO: %v", err)
		}
	case <-time.After(5 * time.Second):
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil { // let the blocked reader return
			w.Close()
		}
		t.Fatal("reading a named pipe with no writer as a model still waits after 5 s")
	}
}
