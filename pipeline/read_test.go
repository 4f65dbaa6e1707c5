package pipeline

import (
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"
)

// TestReadLimitedBothWays holds the system-call reader to the package-os
// one (the fallback on other systems) on every kind of input: the same
// bytes, or the same error row.
func TestReadLimitedBothWays(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.txt", "")
	small := write("small.txt", "title\n\nbody text.\n")
	big := write("big.txt", string(make([]byte, 70000)))
	locked := write("locked.txt", "secret")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	pipe := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path     string
		max      int64
		wantKind string // "" for data
	}{
		{empty, 100, ""},
		{small, 100, ""},
		{small, 5, "too_large"},
		{big, 1 << 20, ""},
		{big, 69999, "too_large"},
		{locked, 100, "permission_denied"},
		{pipe, 100, "not_regular_file"},
		{dir, 100, "not_regular_file"},
		{"/dev/null", 100, "not_regular_file"},
		{filepath.Join(dir, "missing.txt"), 100, "vanished"},
	}
	for _, c := range cases {
		if c.wantKind == "permission_denied" && os.Geteuid() == 0 {
			continue // root reads it anyway
		}
		got, gotErr := readLimited(c.path, c.max)
		want, wantErr := readLimitedFile(c.path, c.max)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotErr, wantErr) {
			t.Errorf("%s (max %d): system calls %d bytes, %+v; package os %d bytes, %+v", c.path, c.max, len(got), gotErr, len(want), wantErr)
		}
		switch {
		case c.wantKind == "" && (gotErr != nil || got == nil):
			t.Errorf("%s: %+v, want its bytes", c.path, gotErr)
		case c.wantKind != "" && (gotErr == nil || gotErr.Kind != c.wantKind):
			t.Errorf("%s: %+v, want %s", c.path, gotErr, c.wantKind)
		}
	}
	if got, _ := readLimited(big, 1<<20); len(got) != 70000 {
		t.Errorf("big.txt: %d bytes read, want 70000", len(got))
	}
}

// TestReadAllStopsAtTheEnd: a read that comes up short at the stat size ends
// the file without another call; a file that grew, shrank or whose size stat
// does not know is read to the read that returns 0.
func TestReadAllStopsAtTheEnd(t *testing.T) {
	cases := []struct {
		name      string
		size      int64
		content   string
		chunks    []int // the most each read returns, in turn (then the rest)
		wantCalls int
	}{
		{"whole in one read", 10, "0123456789", nil, 1},
		{"cut by a signal, then the rest", 10, "0123456789", []int{4}, 2},
		{"grew after stat", 5, "0123456789", nil, 3}, // 6 bytes asked, then the 4 left, then 0
		{"shrank after stat", 10, "012345", nil, 2},
		{"stat knows no size", 0, "01234", nil, 3}, // 1 byte asked, then the 4 left, then 0
		{"empty", 0, "", nil, 1},
	}
	for _, c := range cases {
		rest, calls := c.content, 0
		got, rerr := readAll(c.size, 100, func(b []byte) (int, error) {
			n := min(len(b), len(rest))
			if calls < len(c.chunks) {
				n = min(n, c.chunks[calls])
			}
			calls++
			copy(b, rest[:n])
			rest = rest[n:]
			return n, nil
		})
		if rerr != nil || string(got) != c.content || calls != c.wantCalls {
			t.Errorf("%s: read %q (%+v) in %d calls, want %q in %d", c.name, got, rerr, calls, c.content, c.wantCalls)
		}
	}
}
