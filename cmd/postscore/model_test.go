package main

import (
	"os"
	"strings"
	"testing"
)

// TestModelCheckRefusesDevice (issue 21, defect 9): `model --check
// /dev/zero` and `score --model /dev/zero` grew until killed; both exit 2
// at once, saying why.
func TestModelCheckRefusesDevice(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	want := "/dev/zero: is a device, not a regular file: give the path of a model file"
	if _, errs, code := run(t, "model", "--check", "/dev/zero"); code != 2 || !strings.Contains(errs, want) {
		t.Errorf("model --check /dev/zero: exit %d, %q", code, errs)
	}
	if _, errs, code := run(t, "score", "../../testdata/corpus/seed", "-o", t.TempDir(), "--model", "/dev/zero"); code != 2 || !strings.Contains(errs, want) {
		t.Errorf("score --model /dev/zero: exit %d, %q", code, errs)
	}
}
