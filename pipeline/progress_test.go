package pipeline

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestProgressLines: off a terminal, a scoring run logs inputs, rows and
// errors; a writing run (gen) logs posts written of the total, no errors.
func TestProgressLines(t *testing.T) {
	st := Stats{Inputs: 776000, Rows: 775990, Errors: 10, Bytes: 7_000_000_000, Total: 1000000, Elapsed: 70 * time.Second}
	for _, c := range []struct {
		p          Progress
		want, lack string
	}{
		{NewProgress(nil), "776000 inputs, 775990 rows, 10 errors, 11086 posts/s", "written"},
		{NewWriteProgress(nil), "776000 of 1000000 posts written, 11086 posts/s, 100.0 MB/s", "errors"},
	} {
		var buf bytes.Buffer
		l := c.p.(*logLines)
		l.w, l.every = &buf, 0
		l.Update(st) // the first call starts the clock
		l.Update(st)
		if got := buf.String(); !strings.Contains(got, c.want) || strings.Contains(got, c.lack) {
			t.Errorf("got %q, want %q and no %q", got, c.want, c.lack)
		}
	}
}
