package pipeline

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Progress reports a run's progress.
type Progress interface {
	Update(Stats)
	WantsTotal() bool
}

// NewProgress returns a bar redrawn in place when w is a terminal, and a
// plain log line every interval otherwise, for a scoring run.
func NewProgress(w io.Writer) Progress { return newProgress(w, false) }

// NewWriteProgress is NewProgress for a run that writes posts (gen): it
// reports posts written, and no rows or errors.
func NewWriteProgress(w io.Writer) Progress { return newProgress(w, true) }

func newProgress(w io.Writer, writing bool) Progress {
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			return &bar{w: w, writing: writing}
		}
	}
	return &logLines{w: w, every: 10 * time.Second, writing: writing}
}

type bar struct {
	w       io.Writer
	last    int
	writing bool
}

func (b *bar) WantsTotal() bool { return true }

func (b *bar) Update(st Stats) {
	rate := float64(st.Inputs) / max(st.Elapsed.Seconds(), 1e-9)
	mbs := float64(st.Bytes) / 1e6 / max(st.Elapsed.Seconds(), 1e-9)
	var line string
	if st.Total > 0 {
		frac := min(float64(st.Inputs)/float64(st.Total), 1)
		const width = 24
		filled := int(frac * width)
		eta := "?"
		if rate > 0 {
			eta = (time.Duration(float64(st.Total-st.Inputs)/rate) * time.Second / time.Second).Round(time.Second).String()
		}
		line = fmt.Sprintf("[%s%s] %d/%d posts %3.0f%%  %.0f posts/s  %.1f MB/s  ETA %s",
			strings.Repeat("#", filled), strings.Repeat(".", width-filled), st.Inputs, st.Total, 100*frac, rate, mbs, eta)
		if !b.writing {
			line += fmt.Sprintf("  errors %d", st.Errors)
		}
	} else {
		line = fmt.Sprintf("%d posts  %.0f posts/s  %.1f MB/s  errors %d (counting inputs…)", st.Inputs, rate, mbs, st.Errors)
	}
	pad := ""
	if n := b.last - len(line); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	b.last = len(line)
	fmt.Fprintf(b.w, "\r%s%s", line, pad)
}

// Finish ends the bar's line.
func (b *bar) Finish() { fmt.Fprintln(b.w) }

type logLines struct {
	w       io.Writer
	every   time.Duration
	last    time.Time
	writing bool
}

func (l *logLines) WantsTotal() bool { return false }

func (l *logLines) Update(st Stats) {
	if time.Since(l.last) < l.every {
		return
	}
	if l.last.IsZero() {
		l.last = time.Now()
		return
	}
	l.last = time.Now()
	rate := float64(st.Inputs) / max(st.Elapsed.Seconds(), 1e-9)
	now := time.Now().UTC().Format(time.RFC3339)
	if l.writing {
		fmt.Fprintf(l.w, "postscore gen: %s %d of %d posts written, %.0f posts/s, %.1f MB/s\n",
			now, st.Inputs, st.Total, rate, float64(st.Bytes)/1e6/max(st.Elapsed.Seconds(), 1e-9))
		return
	}
	fmt.Fprintf(l.w, "postscore: %s %d inputs, %d rows, %d errors, %.0f posts/s\n",
		now, st.Inputs, st.Rows, st.Errors, rate)
}

// Finisher is a Progress that must end its output (the bar's line).
type Finisher interface{ Finish() }
