package scoring

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadModelRefusesWhatIsNotAModelFile (issue 21, defect 9): a device,
// a directory or a file over MaxModelBytes is refused with the reason,
// before anything is read.
func TestLoadModelRefusesWhatIsNotAModelFile(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.toml")
	// A valid model padded with a comment to one byte over the limit.
	pad := MaxModelBytes + 1 - len(defaultTOML) - 2
	if err := os.WriteFile(big, append(DefaultModelTOML(), append([]byte("\n#"), bytes.Repeat([]byte("x"), pad)...)...), 0o644); err != nil {
		t.Fatal(err)
	}
	fits := filepath.Join(dir, "fits.toml")
	if err := os.WriteFile(fits, append(DefaultModelTOML(), append([]byte("\n#"), bytes.Repeat([]byte("x"), pad-1)...)...), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, want string }{
		{big, "is 1048577 bytes, over the limit of 1048576 bytes (1 MiB) for a model file"},
		{dir, "is a directory, not a regular file: give the path of a model file"},
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases = append(cases, struct{ path, want string }{"/dev/zero", "is a device, not a regular file: give the path of a model file"})
	}
	for _, c := range cases {
		_, err := LoadModel(c.path)
		if err == nil || !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want it to say %q", c.path, err, c.want)
		}
	}
	if _, err := LoadModel(fits); err != nil {
		t.Errorf("a model of exactly %d bytes: %v", MaxModelBytes, err)
	}
	if _, err := ParseModel(bytes.Repeat([]byte("#"), MaxModelBytes+1), "bytes.toml"); err == nil || !strings.Contains(err.Error(), "over the limit of 1048576 bytes (1 MiB)") {
		t.Errorf("ParseModel of %d bytes: %v", MaxModelBytes+1, err)
	}
}
