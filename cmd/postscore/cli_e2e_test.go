package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/sys/unix"
)

// TestExitCodes runs each case of README's exit-code table with the built
// binary, as a user would: 0 the batch completed, 1 a run failed, 2 a usage
// mistake, 3 more error rows than --max-errors, 130/143 SIGINT/SIGTERM (for
// score and gen; -short leaves those out).
func TestExitCodes(t *testing.T) {
	tmp := t.TempDir()
	seedDir := filepath.Join("..", "..", "testdata", "corpus", "seed")
	bad := filepath.Join("..", "..", "testdata", "corpus", "bad")
	done := filepath.Join(tmp, "done") // a finished run, made by the first case
	empty := filepath.Join(tmp, "empty")
	os.Mkdir(empty, 0o755)
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, []byte("not a directory"), 0o644)
	broken := filepath.Join(tmp, "broken") // a run whose manifest cannot be read
	os.Mkdir(broken, 0o755)
	os.WriteFile(filepath.Join(broken, "manifest.json"), []byte("{"), 0o644)
	fresh := func(name string) string { return filepath.Join(tmp, name) }
	manyWorkers := strconv.Itoa(4*runtime.GOMAXPROCS(0) + 1)

	cases := []struct {
		name string
		args []string
		code int
		says string
	}{
		// 0: the batch completed, even with error rows.
		{"score completes", []string{"score", seedDir, "-o", done, "-q", "--as-of", "2026-11-27"}, 0, "1 inputs → 1 rows"},
		{"score with error rows", []string{"score", bad, "-o", fresh("bad"), "-q", "--no-report"}, 0, "errors"},
		{"score above 4 workers a core warns", []string{"score", seedDir, "-o", fresh("w"), "-q", "--no-report", "--workers", manyWorkers}, 0, "more than 4 per core"},
		{"score --max-errors -1", []string{"score", bad, "-o", fresh("m1"), "-q", "--no-report", "--max-errors", "-1"}, 0, "errors"},
		{"report", []string{"report", done, "--format", "md"}, 0, "report.md"},
		{"compare", []string{"compare", done, done, "-o", fresh("cmp")}, 0, "posts in both"},
		{"explain", []string{"explain", seed, "--as-of", "2026-11-27"}, 0, "quality"},
		{"gen", []string{"gen", "-n", "3", "-o", fresh("gen"), "-q"}, 0, "3 posts"},
		{"schema", []string{"schema"}, 0, "post_id"},
		{"model", []string{"model"}, 0, "postscore-default"},
		{"version", []string{"version"}, 0, ""},
		{"help", []string{"score", "--help"}, 0, "--workers"},

		// 1: a run failed (I/O).
		{"score into a file's path", []string{"score", seedDir, "-o", filepath.Join(file, "out"), "-q"}, 1, "not a directory"},
		{"gen into a file's path", []string{"gen", "-n", "3", "-o", filepath.Join(file, "out"), "-q"}, 1, "not a directory"},
		{"report of an unreadable manifest", []string{"report", broken}, 1, "manifest.json"},

		// 2: a usage mistake.
		{"unknown command", []string{"scroe"}, 2, `unknown command "scroe"`},
		{"score unknown flag", []string{"score", seedDir, "-o", fresh("u1"), "--nope"}, 2, "unknown flag: --nope"},
		{"score bad flag value", []string{"score", seedDir, "-o", fresh("u2"), "--workers", "many"}, 2, `invalid argument "many"`},
		{"score without -o", []string{"score", seedDir}, 2, `"out" not set`},
		{"score without corpus", []string{"score", "-o", fresh("u3")}, 2, "requires at least 1 arg"},
		{"score --workers 0", []string{"score", seedDir, "-o", fresh("u4"), "--workers", "0"}, 2, "--workers 0: want 1 to 256"},
		{"score --workers -1", []string{"score", seedDir, "-o", fresh("u5"), "--workers", "-1"}, 2, "--workers -1: want 1 to 256"},
		{"score --workers 257", []string{"score", seedDir, "-o", fresh("u6"), "--workers", "257"}, 2, "--workers 257: want 1 to 256"},
		{"score --max-errors -5", []string{"score", seedDir, "-o", fresh("u7"), "--max-errors", "-5"}, 2, "--max-errors -5: want -1 (no limit) or 0 and more"},
		{"score bad date", []string{"score", seedDir, "-o", fresh("u8"), "--as-of", "2026-13-01"}, 2, "YYYY-MM-DD"},
		{"score bad model", []string{"score", seedDir, "-o", fresh("u9"), "--model", file}, 2, file},
		{"score missing corpus", []string{"score", "no/such/corpus", "-o", fresh("u10")}, 2, "no/such/corpus"},
		{"score bad format", []string{"score", seedDir, "-o", fresh("u11"), "--format", "pdf"}, 2, `--format "pdf"`},
		{"score OUT holds results", []string{"score", seedDir, "-o", done, "-q"}, 2, "--force"},
		{"score nothing to resume", []string{"score", seedDir, "-o", fresh("u12"), "-q", "--resume"}, 2, "holds no interrupted run"},
		{"report without OUT", []string{"report"}, 2, "accepts 1 arg"},
		{"report of no run", []string{"report", empty}, 2, "not the OUT of a finished 'postscore score' run"},
		{"report bad format", []string{"report", done, "--format", "pdf"}, 2, "--format"},
		{"compare one run", []string{"compare", done, "-o", fresh("c1")}, 2, "accepts 2 arg"},
		{"compare without -o", []string{"compare", done, done}, 2, `"out" not set`},
		{"compare no manifest", []string{"compare", empty, done, "-o", fresh("c2")}, 2, "not the OUT of a finished 'postscore score' run"},
		{"explain without FILE", []string{"explain"}, 2, "accepts 1 arg"},
		{"explain unknown flag", []string{"explain", seed, "--nope"}, 2, "unknown flag"},
		{"gen without -o", []string{"gen", "-n", "3"}, 2, `"out" not set`},
		{"gen bad -n", []string{"gen", "-n", "three", "-o", fresh("g1")}, 2, `invalid argument "three"`},
		{"gen an argument", []string{"gen", "-o", fresh("g2"), "extra"}, 2, "unknown command"},
		{"gen --workers 0", []string{"gen", "-o", fresh("g3"), "--workers", "0"}, 2, "--workers 0: want 1 to 256"},
		{"schema an argument", []string{"schema", "x"}, 2, "unknown command"},
		{"model unknown flag", []string{"model", "--nope"}, 2, "unknown flag"},
		{"version unknown flag", []string{"version", "--nope"}, 2, "unknown flag"},

		// 3: more error rows than --max-errors.
		{"score --max-errors 0", []string{"score", bad, "-o", fresh("e3"), "-q", "--max-errors", "0"}, 3, "over --max-errors 0"},
	}
	for _, c := range cases {
		out, code := runBin(t, c.args...)
		if code != c.code || !strings.Contains(out, c.says) {
			t.Errorf("%s: postscore %s: exit %d, want %d saying %q; it said:\n%s", c.name, strings.Join(c.args, " "), code, c.code, c.says, out)
		}
	}
	// A mistake in the command line says where to read how to use it.
	if out, _ := runBin(t, "score", seedDir, "--nope"); !strings.Contains(out, "see 'postscore score --help'") {
		t.Errorf("an unknown flag does not point to the command's help: %s", out)
	}

	if testing.Short() {
		return
	}
	// 130/143: SIGINT and SIGTERM stop score and gen cleanly.
	corpus := bigCorpus(t)
	for _, sig := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		scoreOut := fresh("sig-score-" + strconv.Itoa(sig.code))
		started := func() bool {
			parts, _ := filepath.Glob(filepath.Join(scoreOut, ".postscore-work", "errors-*.parquet"))
			return len(parts) > 0
		}
		code, out := interrupt(t, sig.sig, started, "score", corpus, "-o", scoreOut, "-q", "--as-of", "2026-11-27", "--checkpoint-every", "500")
		if code != sig.code || !strings.Contains(out, "interrupted after") || !strings.Contains(out, "--resume") {
			t.Errorf("score stopped by %v: exit %d, want %d; said %q", sig.sig, code, sig.code, out)
		}
		genOut := fresh("sig-gen-" + strconv.Itoa(sig.code))
		started = func() bool {
			entries, _ := os.ReadDir(genOut)
			return len(entries) > 1
		}
		code, out = interrupt(t, sig.sig, started, "gen", "-n", "1000000", "-o", genOut, "-q")
		if code != sig.code || !strings.Contains(out, "gen interrupted after") || !strings.Contains(out, "remove "+genOut) {
			t.Errorf("gen stopped by %v: exit %d, want %d; said %q", sig.sig, code, sig.code, out)
		}
	}
}

// interrupt runs postscore, sends sig once started() holds, and returns the
// exit code and what it said.
func interrupt(t *testing.T, sig syscall.Signal, started func() bool, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(postscoreBin(t), args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); !started() && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
	}
	cmd.Process.Signal(sig)
	cmd.Wait()
	return cmd.ProcessState.ExitCode(), out.String()
}

// TestProgressOnTerminal runs score with its stderr on an 80-column
// terminal (a pseudo-terminal): the bar is drawn, every line it draws is
// narrower than the terminal, and the rate and ETA are shown.
func TestProgressOnTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	ptm, pts := openPTY(t, 80)
	cmd := exec.Command(postscoreBin(t), "score", bigCorpus(t), "-o", filepath.Join(t.TempDir(), "out"), "--no-report", "--as-of", "2026-11-27")
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, pts
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pts.Close()
	var drawn bytes.Buffer
	readDone := make(chan struct{})
	go func() { drawn.ReadFrom(ptm); close(readDone) }()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%v: %s", err, stdout.String())
	}
	<-readDone // the terminal's side closes with the process
	text := regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]").ReplaceAllString(drawn.String(), "")
	var lines int
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\r' || r == '\n' }) {
		lines++
		if n := utf8.RuneCountInString(line); n >= 80 {
			t.Errorf("drew %d columns on an 80-column terminal: %q", n, line)
		}
	}
	if lines < 2 || !strings.Contains(text, "posts/s") || !strings.Contains(text, "ETA") || !strings.Contains(text, "20000/20000 posts") {
		t.Errorf("the bar drew %d lines, without its rate, ETA or the total:\n%q", lines, text)
	}
}

// TestProgressOffTerminal: with stderr on a pipe, score writes plain lines
// (a run shorter than 10 s writes none), never a redrawn bar.
func TestProgressOffTerminal(t *testing.T) {
	out, code := runBin(t, "score", filepath.Join("..", "..", "testdata", "corpus"), "-o", filepath.Join(t.TempDir(), "out"), "--no-report", "--as-of", "2026-11-27")
	if code != 0 || strings.ContainsAny(out, "\r\x1b") {
		t.Errorf("exit %d, output with terminal codes: %q", code, out)
	}
}

// openPTY opens a pseudo-terminal of the given width: the side a program
// writes to, and the side that reads what it drew.
func openPTY(t *testing.T, columns uint16) (ptm, pts *os.File) {
	t.Helper()
	ptm, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { ptm.Close() })
	if err := unix.IoctlSetPointerInt(int(ptm.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlocking the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptm.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("naming the pseudo-terminal: %v", err)
	}
	pts, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("opening the pseudo-terminal: %v", err)
	}
	if err := unix.IoctlSetWinsize(int(pts.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 24, Col: columns}); err != nil {
		t.Skipf("sizing the pseudo-terminal: %v", err)
	}
	return ptm, pts
}
