package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/pipeline"
	"github.com/alphanode/postscore/pipeline/gen"
)

// TestMain removes what the tests share between them (the binary, the big
// corpus) once every test has run.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range []string{binDir, corpus20k} {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

// binDir holds a postscore binary built for these tests, readable by everyone
// (some tests run it as an unprivileged user).
var (
	buildOnce sync.Once
	binDir    string
	binPath   string
	buildErr  error
)

func postscoreBin(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if bin := os.Getenv("POSTSCORE_TEST_BIN"); bin != "" {
			binPath = bin // another build, such as an earlier version's, to show what a test catches
			return
		}
		dir, err := os.MkdirTemp("", "postscore-bin-")
		if err != nil {
			buildErr = err
			return
		}
		os.Chmod(dir, 0o755)
		binDir = dir
		binPath = filepath.Join(dir, "postscore")
		// crashtest: POSTSCORE_CRASH_AT stops a run at a step of its commit (commit_test.go).
		out, err := exec.Command("go", "build", "-pgo=off", "-tags", "crashtest", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = err
			binPath = string(out)
		}
	})
	if buildErr != nil {
		t.Fatalf("building postscore: %v\n%s", buildErr, binPath)
	}
	return binPath
}

// openDir makes a directory that any user can read (and write, if open).
func openDir(t *testing.T, writable bool) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "postscore-e2e-")
	if err != nil {
		t.Fatal(err)
	}
	mode := os.FileMode(0o755)
	if writable {
		mode = 0o777
	}
	os.Chmod(dir, mode)
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

var (
	corpusOnce sync.Once
	corpus20k  string
)

// bigCorpus is 20,000 generated posts, made once for the tests that need a
// run long enough to interrupt.
func bigCorpus(t *testing.T) string {
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "postscore-20k-")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := gen.Write(context.Background(), dir, gen.Options{N: 20000, Seed: 9, Malformed: 0.01, AsOf: gen.DefaultAsOf}, 2, nil); err != nil {
			t.Fatal(err)
		}
		// The truth file is not a post: keep it out of the scored corpus.
		os.Remove(filepath.Join(dir, gen.TruthName))
		corpus20k = dir
	})
	if corpus20k == "" {
		t.Fatal("no corpus")
	}
	return corpus20k
}

func readParquet[T any](t *testing.T, path string) []T {
	t.Helper()
	rows, err := pipeline.ReadParquet[T](path)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func runBin(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(postscoreBin(t), args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), code
}

// TestKillAndResume SIGKILLs a 20,000-post run at 10 random moments,
// resuming each time; the final rows equal an uninterrupted run's.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	corpus := bigCorpus(t)
	ref := filepath.Join(t.TempDir(), "ref")
	if out, code := runBin(t, "score", corpus, "-o", ref, "--as-of", "2026-11-27", "-q", "--no-report"); code != 0 {
		t.Fatalf("uninterrupted run: %d %s", code, out)
	}
	// Kill moments follow the run's progress, not the clock (a clock-timed
	// kill missed the run when the machine got faster after measuring it):
	// each run is killed once it has committed one or two more parts of 500
	// inputs, then 0-40 ms later, most often inside the next part. Ten kills
	// leave the run well short of its 40 parts, however fast the machine.
	out := filepath.Join(t.TempDir(), "out")
	parts := func() int {
		committed, _ := filepath.Glob(filepath.Join(out, pipeline.WorkDirName, "errors-*.parquet"))
		return len(committed)
	}
	r := rand.New(rand.NewPCG(20000, 10))
	kills := 0
	for kills < 10 {
		args := []string{"score", corpus, "-o", out, "--as-of", "2026-11-27", "-q", "--no-report", "--checkpoint-every", "500"}
		if _, err := os.Stat(filepath.Join(out, pipeline.WorkDirName, "state.json")); err == nil {
			args = append(args, "--resume")
		}
		target, extra := parts()+1+r.IntN(2), time.Duration(r.IntN(41))*time.Millisecond
		cmd := exec.Command(postscoreBin(t), args...)
		var log bytes.Buffer
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		due := time.After(time.Hour) // armed when the parts are there
		tick := time.NewTicker(2 * time.Millisecond)
	wait:
		for {
			select {
			case <-tick.C:
				if target > 0 && parts() >= target {
					target, due = 0, time.After(extra)
				}
			case <-due:
				cmd.Process.Signal(syscall.SIGKILL)
				<-done
				kills++
				// A killed run never leaves a final file.
				if _, err := os.Stat(filepath.Join(out, pipeline.ScoresName)); err == nil {
					t.Fatalf("kill %d left %s", kills, pipeline.ScoresName)
				}
				break wait
			case err := <-done:
				t.Fatalf("the run ended before kill %d (%v, %d parts committed):\n%s", kills+1, err, parts(), log.String())
			}
		}
		tick.Stop()
	}
	t.Logf("after 10 kills: %d of 40 parts committed", parts())
	msg, code := runBin(t, "score", corpus, "-o", out, "--as-of", "2026-11-27", "-q", "--no-report", "--checkpoint-every", "500", "--resume")
	if code != 0 {
		t.Fatalf("final resume: %d %s", code, msg)
	}
	// Nothing half-written is left behind: no work directory, no temporary
	// file of a final one that a kill interrupted.
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{pipeline.DuplicatesName, pipeline.ErrorsName, pipeline.ManifestName, pipeline.ScoresName}; !slices.Equal(names, want) {
		t.Errorf("after the final resume %s holds %v, want %v", out, names, want)
	}
	want := readParquet[pipeline.Row](t, filepath.Join(ref, pipeline.ScoresName))
	got := readParquet[pipeline.Row](t, filepath.Join(out, pipeline.ScoresName))
	if len(got) != len(want) || !reflect.DeepEqual(got, want) {
		t.Errorf("after 10 kills and resumes: %d rows, uninterrupted %d; equal: %v", len(got), len(want), reflect.DeepEqual(got, want))
	}
	we := readParquet[pipeline.ErrorRow](t, filepath.Join(ref, pipeline.ErrorsName))
	ge := readParquet[pipeline.ErrorRow](t, filepath.Join(out, pipeline.ErrorsName))
	if !reflect.DeepEqual(ge, we) {
		t.Errorf("error rows differ: %d vs %d", len(ge), len(we))
	}
	man, err := pipeline.ReadManifest(out)
	if err != nil || man.Inputs != 20000 || man.Rows+man.Errors != 20000 || man.Resumes < 1 {
		t.Errorf("manifest: %v %+v", err, man)
	}
	if _, err := os.Stat(filepath.Join(out, pipeline.WorkDirName)); !os.IsNotExist(err) {
		t.Errorf("the work directory outlived the finished run: %v", err)
	}
}

// TestSignals: SIGINT and SIGTERM stop a run cleanly with 130 and 143, say
// how far it got and how to resume, and leave no final file.
func TestSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	corpus := bigCorpus(t)
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		out := filepath.Join(t.TempDir(), "out")
		cmd := exec.Command(postscoreBin(t), "score", corpus, "-o", out, "--as-of", "2026-11-27", "-q")
		var log bytes.Buffer
		cmd.Stdout, cmd.Stderr = &log, &log
		cmd.Start()
		// Signal once the first part (8,192 of the 20,000 inputs) is
		// committed, not after a fixed time a fast machine could outrun.
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			if committed, _ := filepath.Glob(filepath.Join(out, pipeline.WorkDirName, "errors-*.parquet")); len(committed) > 0 {
				break
			}
		}
		cmd.Process.Signal(c.sig)
		cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != c.code {
			t.Errorf("%v: exit %d, want %d\n%s", c.sig, code, c.code, log.String())
		}
		msg := log.String()
		if !strings.Contains(msg, "interrupted after") || !strings.Contains(msg, "--resume") {
			t.Errorf("%v: message %q", c.sig, msg)
		}
		for _, f := range []string{pipeline.ScoresName, pipeline.ErrorsName, pipeline.ManifestName, "report.html"} {
			if _, err := os.Stat(filepath.Join(out, f)); err == nil {
				t.Errorf("%v left %s", c.sig, f)
			}
		}
		// The interrupted run resumes to completion.
		if msg, code := runBin(t, "score", corpus, "-o", out, "--as-of", "2026-11-27", "-q", "--resume"); code != 0 || !strings.Contains(msg, "20000 inputs") {
			t.Errorf("%v then --resume: %d %s", c.sig, code, msg)
		}
	}
}

// TestResumeRefused: a resume made differently is refused, naming the difference.
func TestResumeRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	corpus := filepath.Join("..", "..", "testdata", "corpus")
	// Leave an interrupted run: a state with no part yet.
	asOf, _ := post.ParseDate("2026-11-27")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := pipeline.Run(ctx, pipeline.Options{Corpus: []string{corpus}, Out: out, AsOf: asOf, MaxErrors: -1}); err == nil {
		t.Fatal("a cancelled run succeeded")
	}
	model := filepath.Join(t.TempDir(), "m.toml")
	os.WriteFile(model, []byte(strings.Replace(string(mustModel(t)), "half_life_days = 180", "half_life_days = 30", 1)), 0o644)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--as-of", "2026-12-01"}, "--as-of 2026-11-27, now 2026-12-01"},
		{[]string{"--as-of", "2026-11-27", "--model", model}, "model hash"},
		{[]string{"--as-of", "2026-11-27", "--max-bytes", "1000"}, fmt.Sprintf("--max-bytes %d, now 1000", pipeline.DefaultMaxBytes)},
	}
	for _, c := range cases {
		msg, code := runBin(t, append([]string{"score", corpus, "-o", out, "-q", "--resume"}, c.args...)...)
		if code != 2 || !strings.Contains(msg, c.want) {
			t.Errorf("%v: %d %s", c.args, code, msg)
		}
	}
	msg, code := runBin(t, "score", filepath.Join(corpus, "seed"), "-o", out, "-q", "--resume", "--as-of", "2026-11-27")
	if code != 2 || !strings.Contains(msg, "corpus") {
		t.Errorf("another corpus: %d %s", code, msg)
	}
	msg, code = runBin(t, "score", corpus, "-o", filepath.Join(t.TempDir(), "fresh"), "-q", "--resume")
	if code != 2 || !strings.Contains(msg, "holds no interrupted run") {
		t.Errorf("nothing to resume: %d %s", code, msg)
	}
	msg, code = runBin(t, "score", corpus, "-o", out, "-q", "--as-of", "2026-11-27")
	if code != 2 || !strings.Contains(msg, "pass --resume to continue it, or --force") {
		t.Errorf("no --resume on an interrupted OUT: %d %s", code, msg)
	}
	if msg, code := runBin(t, "score", corpus, "-o", out, "-q", "--as-of", "2026-11-27", "--resume"); code != 0 {
		t.Errorf("the same run resumes: %d %s", code, msg)
	}
}

func mustModel(t *testing.T) []byte {
	out, _, code := run(t, "model")
	if code != 0 {
		t.Fatal("model")
	}
	return []byte(out)
}

// asNobody runs postscore as an unprivileged user when the tests run as
// root (root reads mode-000 files and writes read-only directories).
func asNobody(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(postscoreBin(t), args...)
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return out.String(), ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), 0
}

// TestPermissionDenied: an unreadable file is an error row, and the batch completes.
func TestPermissionDenied(t *testing.T) {
	dir := openDir(t, false)
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("a readable post\n\nthis one can be read by anyone at all.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "locked.txt"), []byte("locked\n\nnobody may read this.\n"), 0o000)
	out := filepath.Join(openDir(t, true), "out")
	msg, code := asNobody(t, "score", dir, "-o", out, "-q", "--as-of", "2026-11-27")
	if code != 0 || !strings.Contains(msg, "2 inputs → 1 rows, 1 errors (permission_denied 1)") {
		t.Fatalf("%d %s", code, msg)
	}
	rows := readParquet[pipeline.ErrorRow](t, filepath.Join(out, pipeline.ErrorsName))
	if len(rows) != 1 || rows[0].DocPath != "locked.txt" || rows[0].Stage != "read" || !strings.Contains(rows[0].Reason, "permission denied") {
		t.Errorf("error row: %+v", rows)
	}
}

// TestReadOnlyOut: an OUT that cannot be written fails at once, clearly, with
// no final file.
func TestReadOnlyOut(t *testing.T) {
	out := openDir(t, false) // 0755, owned by the test's user: read-only to nobody
	if os.Geteuid() != 0 {
		os.Chmod(out, 0o555)
		defer os.Chmod(out, 0o755)
	}
	msg, code := asNobody(t, "score", filepath.Join("..", "..", "testdata", "corpus", "seed"), "-o", out, "-q")
	if code != 1 || !strings.Contains(msg, "is not writable") || !strings.Contains(msg, "permission denied") {
		t.Errorf("%d %s", code, msg)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
}

// TestFullDisk: a disk that fills up mid-run gives a clear error, a non-zero
// exit and no final file; after space is freed, --resume finishes the run.
func TestFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	defer exec.Command("umount", mnt).Run()
	corpus := t.TempDir()
	gen.Write(context.Background(), corpus, gen.Options{N: 3000, Seed: 2, AsOf: gen.DefaultAsOf}, 2, nil)
	os.Remove(filepath.Join(corpus, gen.TruthName))
	out := filepath.Join(mnt, "out")
	msg, code := runBin(t, "score", corpus, "-o", out, "-q", "--as-of", "2026-11-27", "--checkpoint-every", "500")
	if code != 1 || !strings.Contains(msg, "disk is full") || !strings.Contains(msg, "--resume") {
		t.Fatalf("%d %s", code, msg)
	}
	for _, f := range []string{pipeline.ScoresName, pipeline.ErrorsName, pipeline.ManifestName} {
		if _, err := os.Stat(filepath.Join(out, f)); err == nil {
			t.Errorf("a full disk left a final %s", f)
		}
	}
	// Free space: grow the tmpfs, then resume.
	if err := exec.Command("mount", "-o", "remount,size=64m", mnt).Run(); err != nil {
		t.Skipf("cannot grow the tmpfs: %v", err)
	}
	msg, code = runBin(t, "score", corpus, "-o", out, "-q", "--as-of", "2026-11-27", "--checkpoint-every", "500", "--resume")
	if code != 0 || !strings.Contains(msg, "3000 inputs → 3000 rows") {
		t.Errorf("resume after freeing space: %d %s", code, msg)
	}
}
