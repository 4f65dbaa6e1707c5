package pipeline

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestProgressLines: off a terminal, a scoring run logs inputs, rows and
// errors; a writing run (gen) logs posts written of the total, no errors.
// The rate is this invocation's: from the first update (776,000 - 76,000
// inputs in 70 - 7 s: 11,111 posts/s; 7 - 0.7 GB: 100 MB/s).
func TestProgressLines(t *testing.T) {
	first := Stats{Inputs: 76000, Bytes: 700_000_000, Total: 1000000, Elapsed: 7 * time.Second}
	st := Stats{Inputs: 776000, Rows: 775990, Errors: 10, Bytes: 7_000_000_000, Total: 1000000, Elapsed: 70 * time.Second}
	for _, c := range []struct {
		writing    bool
		want, lack string
	}{
		{false, "776000 inputs, 775990 rows, 10 errors, 11111 posts/s", "written"},
		{true, "776000 of 1000000 posts written, 11111 posts/s, 100.0 MB/s", "errors"},
	} {
		var buf bytes.Buffer
		clock := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
		l := newLogLines(&buf, func() time.Time { return clock }, c.writing)
		l.Update(first) // starts the clock and the rate
		clock = clock.Add(9 * time.Second)
		l.Update(st) // under 10 s since the first: nothing
		if buf.Len() != 0 {
			t.Errorf("logged before 10 s: %q", buf.String())
		}
		clock = clock.Add(time.Second)
		l.Update(st)
		got := buf.String()
		if !strings.Contains(got, c.want) || strings.Contains(got, c.lack) || strings.Count(got, "\n") != 1 || strings.Contains(got, "\r") {
			t.Errorf("got %q, want one plain line with %q and no %q", got, c.want, c.lack)
		}
		if !strings.Contains(got, "2026-11-27T10:00:10Z") {
			t.Errorf("got %q, want the injected clock's time", got)
		}
	}
}

// TestProgressETA: the bar's rate and ETA count only this invocation's
// inputs. A resumed run starts at 12,000 checkpointed inputs of 20,000; it
// scores 2,000 more in the next 2 s: 1,000 posts/s, and 6,000 left take 6 s.
func TestProgressETA(t *testing.T) {
	var buf bytes.Buffer
	b := newBar(&buf, func() int { return 120 }, false)
	b.Update(Stats{Inputs: 12000, Bytes: 120e6, Total: 20000, Elapsed: time.Second})
	b.Update(Stats{Inputs: 14000, Bytes: 140e6, Total: 20000, Elapsed: 3 * time.Second, Errors: 3})
	got := lastDrawn(buf.String())
	for _, want := range []string{"14000/20000", "1000 posts/s", "ETA 6s", "10.0 MB/s", "errors 3"} {
		if !strings.Contains(got, want) {
			t.Errorf("bar %q lacks %q", got, want)
		}
	}
	// 3,000 in 10 s: 300 posts/s; 5,000 left take 16.7 s.
	b.Update(Stats{Inputs: 15000, Bytes: 150e6, Total: 20000, Elapsed: 11 * time.Second})
	if got := lastDrawn(buf.String()); !strings.Contains(got, "300 posts/s") || !strings.Contains(got, "ETA 17s") {
		t.Errorf("bar %q, want 300 posts/s and ETA 17s", got)
	}
}

// TestProgressFitsTerminal: every line the bar draws fits the terminal's
// width (one column spare, so the cursor never wraps), whatever the counts.
func TestProgressFitsTerminal(t *testing.T) {
	stats := []Stats{
		{Inputs: 1, Total: -1, Elapsed: time.Second},
		{Inputs: 776000, Rows: 700000, Errors: 76000, Bytes: 7e9, Total: -1, Elapsed: 70 * time.Second},
		{Inputs: 800000, Rows: 700000, Errors: 100000, Bytes: 8e9, Total: 10000000, Elapsed: 80 * time.Second},
		{Inputs: 10000000, Rows: 9000000, Errors: 1000000, Bytes: 9e10, Total: 10000000, Elapsed: 900 * time.Second},
	}
	for _, columns := range []int{200, 80, 60, 40, 20} {
		for _, writing := range []bool{false, true} {
			var buf bytes.Buffer
			b := newBar(&buf, func() int { return columns }, writing)
			for _, st := range stats {
				b.Update(st)
			}
			b.Finish()
			drawn := strings.Split(ansi.ReplaceAllString(buf.String(), ""), "\r")
			for _, line := range drawn {
				line = strings.TrimSuffix(line, "\n")
				if n := utf8.RuneCountInString(line); n >= columns {
					t.Errorf("%d columns: drew %d: %q", columns, n, line)
				}
			}
			if columns >= 80 && !strings.Contains(buf.String(), "ETA") {
				t.Errorf("%d columns: no ETA in %q", columns, buf.String())
			}
		}
	}
}

// TestProgressNotTerminal: a file, a pipe or /dev/null (a character device,
// but not a terminal) gets plain log lines, never a bar.
func TestProgressNotTerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for _, f := range []*os.File{null, w} {
		if _, ok := NewProgress(f).(*logLines); !ok {
			t.Errorf("%s: got %T, want log lines", f.Name(), NewProgress(f))
		}
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")

// lastDrawn is the last line the bar drew, without its terminal codes.
func lastDrawn(out string) string {
	out = ansi.ReplaceAllString(out, "")
	lines := strings.Split(strings.TrimRight(out, "\r\n "), "\r")
	return lines[len(lines)-1]
}
