package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestProfileIsFresh: default.pgo, the profile the binary is optimised
// with, was made from the hot code as it is: scripts/pgo.sh records in
// default.pgo.sources the sha256 that scripts/hotsources computes of the
// code of features and its subpackages, comments aside. A profile of
// older code still builds, but optimises code that has changed.
func TestProfileIsFresh(t *testing.T) {
	recorded, err := os.ReadFile("default.pgo.sources")
	if err != nil {
		t.Fatalf("%v: run make pgo and commit the profile", err)
	}
	cmd := exec.Command("go", "run", "./scripts/hotsources")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go run ./scripts/hotsources: %v", err)
	}
	got, want := strings.TrimSpace(string(out)), strings.TrimSpace(string(recorded))
	if got != want {
		t.Errorf("the code of features has changed since default.pgo was made (sources %s, the profile's %s): run make pgo and commit the profile", got, want)
	}
}
