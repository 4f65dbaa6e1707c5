package pipeline

import (
	"fmt"
	"io"
	"os"
	"time"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Progress reports a run's progress.
type Progress interface {
	Update(Stats)
	WantsTotal() bool
}

// Finisher is a Progress that must end its output (the bar's line).
type Finisher interface{ Finish() }

// NewProgress returns a bar redrawn in place when w is a terminal, and a
// plain log line every 10 seconds otherwise, for a scoring run.
func NewProgress(w io.Writer) Progress { return newProgress(w, false) }

// NewWriteProgress is NewProgress for a run that writes posts (gen): it
// reports posts written, and no rows or errors.
func NewWriteProgress(w io.Writer) Progress { return newProgress(w, true) }

func newProgress(w io.Writer, writing bool) Progress {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return newBar(w, func() int { return terminalColumns(f) }, writing)
	}
	return newLogLines(w, time.Now, writing)
}

// terminalColumns is f's width, asked at each redraw (the window may have
// been resized); 80 when the terminal does not say.
func terminalColumns(f *os.File) int {
	if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
		return cols
	}
	return 80
}

// meter measures this invocation's rates from the first Stats it is given,
// so that the inputs a resumed run found checkpointed do not count.
type meter struct {
	first   Stats
	started bool
}

// rates are posts/s and MB/s since the first Stats; 0 until there are two.
func (m *meter) rates(st Stats) (posts, mbs float64) {
	if !m.started {
		m.first, m.started = st, true
		return 0, 0
	}
	secs := (st.Elapsed - m.first.Elapsed).Seconds()
	if secs <= 0 {
		return 0, 0
	}
	return float64(st.Inputs-m.first.Inputs) / secs, float64(st.Bytes-m.first.Bytes) / 1e6 / secs
}

// eta is the time the inputs left take at rate, to the second.
func eta(st Stats, rate float64) string {
	if rate <= 0 {
		return "?"
	}
	secs := float64(max(st.Total-st.Inputs, 0)) / rate
	return time.Duration(secs * float64(time.Second)).Round(time.Second).String()
}

// bar is a progress bar redrawn in place on a terminal (schollz/progressbar
// draws it); it never draws a line as wide as the terminal, which would wrap
// and break the redraw.
type bar struct {
	w       io.Writer
	columns func() int
	writing bool
	meter   meter
	pb      *progressbar.ProgressBar
	shape   barShape      // what pb was made for
	drawn   time.Duration // Stats.Elapsed at the last redraw
}

// barShape is what a progressbar.ProgressBar is made for: it cannot change
// its width or leave its spinner, so a new one is made when this changes.
type barShape struct {
	known bool // the total is counted: a bar, not a spinner
	width int  // the bar's columns
}

// Columns around the description: progressbar draws " 42% |" + bar + "|  " +
// description + " " (11 columns and the bar), or a spinner, two spaces, the
// description and a space (4 columns) while the total is unknown. One
// more column stays free, so that the cursor never wraps.
const (
	barOverhead     = 12
	spinnerOverhead = 5
	minBarWidth     = 10
	maxBarWidth     = 30
	redrawEvery     = 100 * time.Millisecond
)

func newBar(w io.Writer, columns func() int, writing bool) *bar {
	return &bar{w: w, columns: columns, writing: writing, drawn: -redrawEvery}
}

func (b *bar) WantsTotal() bool { return true }

func (b *bar) Update(st Stats) {
	rate, mbs := b.meter.rates(st)
	known := st.Total > 0
	if st.Elapsed-b.drawn < redrawEvery && !(known && st.Inputs >= st.Total) {
		return
	}
	b.drawn = st.Elapsed
	desc, width := fitLine(b.fields(st, rate, mbs), b.columns(), known)
	if shape := (barShape{known, width}); b.pb == nil || shape != b.shape {
		b.pb, b.shape = b.newProgressBar(st.Total, shape), shape
	}
	// Describe redraws; Set64 redraws again when the percentage moves, and
	// the redraw that reaches 100% is the bar's last.
	b.pb.Describe(desc)
	if known {
		_ = b.pb.Set64(min(st.Inputs, st.Total))
	}
}

func (b *bar) newProgressBar(total int64, shape barShape) *progressbar.ProgressBar {
	if !shape.known {
		total = -1
	}
	return progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(b.w),
		progressbar.OptionSetWidth(shape.width),
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionSetPredictTime(false), // its rate counts resumed inputs: the description has ours
		progressbar.OptionSetElapsedTime(false),
		progressbar.OptionSetSpinnerChangeInterval(0), // no goroutine: the spinner turns at each redraw
		progressbar.OptionUseANSICodes(true),          // each line ends by clearing what a longer one left
	)
}

// fields are what the bar says, the most useful first: a narrow terminal
// gets only the first few.
func (b *bar) fields(st Stats, rate, mbs float64) []string {
	known := st.Total > 0
	f := []string{fmt.Sprintf("%d posts", st.Inputs)}
	if known {
		f[0] = fmt.Sprintf("%d/%d posts", st.Inputs, st.Total)
	}
	if rate > 0 {
		f = append(f, fmt.Sprintf("%.0f posts/s", rate))
	}
	if known {
		f = append(f, "ETA "+eta(st, rate))
	}
	if rate > 0 {
		f = append(f, fmt.Sprintf("%.1f MB/s", mbs))
	}
	if !b.writing {
		f = append(f, fmt.Sprintf("errors %d", st.Errors))
	}
	if !known {
		f = append(f, "(counting inputs…)")
	}
	return f
}

// fitLine joins as many fields as fit in columns beside the bar (at least
// minBarWidth wide when there is room for it) and says how wide the bar is.
func fitLine(fields []string, columns int, known bool) (desc string, width int) {
	overhead := spinnerOverhead
	if known {
		overhead = barOverhead
	}
	room := max(columns-overhead, 0)
	desc = fields[0]
	for _, f := range fields[1:] {
		longer := desc + "  " + f
		if utf8.RuneCountInString(longer) > room-minBarWidth {
			break
		}
		desc = longer
	}
	if n := utf8.RuneCountInString(desc); n > room {
		desc = string([]rune(desc)[:room])
	}
	if known {
		width = min(maxBarWidth, room-utf8.RuneCountInString(desc))
	}
	return desc, width
}

// Finish ends the bar's line.
func (b *bar) Finish() {
	if b.pb != nil {
		fmt.Fprintln(b.w)
	}
}

// logLines logs a plain line every interval, for a log file or a pipe.
type logLines struct {
	w       io.Writer
	now     func() time.Time
	every   time.Duration
	last    time.Time
	writing bool
	meter   meter
}

func newLogLines(w io.Writer, now func() time.Time, writing bool) *logLines {
	return &logLines{w: w, now: now, every: 10 * time.Second, writing: writing}
}

func (l *logLines) WantsTotal() bool { return false }

func (l *logLines) Update(st Stats) {
	rate, mbs := l.meter.rates(st)
	now := l.now()
	if l.last.IsZero() {
		l.last = now // the first call starts the clock
		return
	}
	if now.Sub(l.last) < l.every {
		return
	}
	l.last = now
	stamp := now.UTC().Format(time.RFC3339)
	if l.writing {
		fmt.Fprintf(l.w, "postscore gen: %s %d of %d posts written, %.0f posts/s, %.1f MB/s\n",
			stamp, st.Inputs, st.Total, rate, mbs)
		return
	}
	fmt.Fprintf(l.w, "postscore: %s %d inputs, %d rows, %d errors, %.0f posts/s\n",
		stamp, st.Inputs, st.Rows, st.Errors, rate)
}
