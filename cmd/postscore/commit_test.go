package main

import (
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alphanode/postscore/pipeline"
)

// commitSteps are the moments of the final commit at which
// POSTSCORE_CRASH_AT kills a run (pipeline/commit.go), for a run that writes
// only report.md.
var commitSteps = []string{"staged", "decided", "publish-old-manifest-set-aside", "publish-old-files-removed",
	"publish-scores.parquet", "publish-errors.parquet", "publish-report.md", "publish-done"}

// TestKillsOverAnEarlierRun (issue 21, defect 2): a 20,000-post run with
// --force over an earlier run (which wrote every report, where the new run
// writes report.md alone) is SIGKILLed 30 times: once at each step of its
// final commit, then at random moments. After every kill OUT holds
// one whole run (its manifest's files, each as the manifest says, and no file
// of another run) or none with a run in progress, and --resume completes it;
// the result equals an uninterrupted run's files.
func TestKillsOverAnEarlierRun(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	corpus := bigCorpus(t)
	args := []string{"score", corpus, "--as-of", "2026-11-27", "-q", "--report-format", "md"}
	ref := filepath.Join(t.TempDir(), "ref")
	began := time.Now()
	if msg, code := runBin(t, append(args, "-o", ref)...); code != 0 {
		t.Fatalf("uninterrupted run: %d %s", code, msg)
	}
	full := time.Since(began)
	wantRows := readParquet[pipeline.Row](t, filepath.Join(ref, pipeline.ScoresName))
	wantErrs := readParquet[pipeline.ErrorRow](t, filepath.Join(ref, pipeline.ErrorsName))
	earlier := filepath.Join(t.TempDir(), "earlier")
	if msg, code := runBin(t, "score", corpus, "--as-of", "2026-01-01", "-q", "-o", earlier); code != 0 {
		t.Fatalf("the earlier run: %d %s", code, msg)
	}
	out := filepath.Join(t.TempDir(), "out")
	rng := rand.New(rand.NewPCG(21, 2))
	for i := range 30 {
		os.RemoveAll(out)
		copyTree(t, earlier, out)
		cmd := exec.Command(postscoreBin(t), append(args, "-o", out, "--force")...)
		step := ""
		if i < len(commitSteps) {
			step = commitSteps[i]
			cmd.Env = append(os.Environ(), "POSTSCORE_CRASH_AT="+step)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if step == "" {
			after := time.Duration(rng.Int64N(int64(full)))
			time.AfterFunc(after, func() { cmd.Process.Signal(syscall.SIGKILL) })
		}
		err := cmd.Wait()
		killed := err != nil && cmd.ProcessState.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL
		if step != "" && !killed {
			t.Fatalf("kill %d, at %s: the run was not killed (%v)", i, step, err)
		}
		if err != nil && !killed {
			t.Fatalf("kill %d: %v", i, err)
		}
		asOf := checkOneRun(t, out, i)
		_, err = os.Stat(filepath.Join(out, pipeline.WorkDirName))
		switch {
		case err == nil: // begun: --resume completes it
			if msg, code := runBin(t, append(args, "-o", out, "--resume")...); code != 0 {
				t.Fatalf("kill %d (%s): --resume: %d %s", i, step, code, msg)
			}
		case asOf == "2026-01-01": // killed before it began: the earlier run is whole
			if msg, code := runBin(t, append(args, "-o", out, "--force")...); code != 0 {
				t.Fatalf("kill %d (%s): --force again: %d %s", i, step, code, msg)
			}
		case asOf != "2026-11-27":
			t.Fatalf("kill %d (%s): no run in OUT and nothing to resume", i, step)
		}
		checkOneRun(t, out, i)
		if !reflect.DeepEqual(readParquet[pipeline.Row](t, filepath.Join(out, pipeline.ScoresName)), wantRows) ||
			!reflect.DeepEqual(readParquet[pipeline.ErrorRow](t, filepath.Join(out, pipeline.ErrorsName)), wantErrs) {
			t.Fatalf("kill %d (%s): the result differs from an uninterrupted run", i, step)
		}
	}
}

// checkOneRun checks that OUT holds one whole run, or none, and returns
// the as-of date of the run it holds ("" for none): the earlier run's or the
// new one's.
func checkOneRun(t *testing.T, out string, kill int) string {
	t.Helper()
	man, err := pipeline.VerifyRun(out)
	if errors.Is(err, os.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatalf("kill %d: %v", kill, err)
	}
	want := []string{pipeline.ManifestName}
	for _, f := range man.Files {
		want = append(want, f.Name)
	}
	var got []string
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if e.Name()[0] != '.' {
			got = append(got, e.Name())
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("kill %d: OUT holds %v, its manifest (as-of %s) lists %v", kill, got, man.AsOf, want)
	}
	return man.AsOf
}

// copyTree copies the regular files of src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// TestReportKeepsTheRunWhole: a report that 'report' writes into a run is
// recorded in the run's manifest with its stamp, so that the manifest lists
// every file of the run, the run still verifies, and 'compare' reads it.
func TestReportKeepsTheRunWhole(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	corpus := filepath.Join("..", "..", "testdata", "generated")
	if msg, code := runBin(t, "score", corpus, "-o", out, "--as-of", "2026-11-27", "-q", "--report-format", "md"); code != 0 {
		t.Fatalf("score: %d %s", code, msg)
	}
	if msg, code := runBin(t, "report", out, "--format", "md,html"); code != 0 {
		t.Fatalf("report: %d %s", code, msg)
	}
	man, err := pipeline.VerifyRun(out)
	if err != nil {
		t.Fatalf("after 'report': %v", err)
	}
	if f, ok := man.File("report.html"); !ok || f.SHA256 == "" {
		t.Errorf("the manifest does not list the report.html that 'report' wrote: %+v", man.Files)
	}
	if msg, code := runBin(t, "compare", out, out, "-o", filepath.Join(t.TempDir(), "cmp")); code != 0 {
		t.Errorf("compare after 'report': %d %s", code, msg)
	}
}

// TestTwoRunsIntoOneOut (issue 21, defect 13): while a run writes to OUT, a
// second run into it, with --force or --resume, is refused with exit 2 and
// leaves it alone: the first completes.
func TestTwoRunsIntoOneOut(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	corpus := bigCorpus(t)
	out := filepath.Join(t.TempDir(), "out")
	first := exec.Command(postscoreBin(t), "score", corpus, "-o", out, "--as-of", "2026-11-27", "-q", "--checkpoint-every", "500")
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if committed, _ := filepath.Glob(filepath.Join(out, pipeline.WorkDirName, "errors-*.parquet")); len(committed) > 0 {
			break
		}
	}
	for _, flag := range []string{"--force", "--resume"} {
		msg, code := runBin(t, "score", corpus, "-o", out, "--as-of", "2026-11-27", "-q", "--checkpoint-every", "500", flag)
		if code != 2 || !strings.Contains(msg, "another postscore run is writing to") {
			t.Errorf("a second run with %s while the first runs: %d %s", flag, code, msg)
		}
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("the first run, after the second was refused: %v", err)
	}
	if man, err := pipeline.VerifyRun(out); err != nil || man.Inputs != 20000 {
		t.Errorf("the first run's result: %v", err)
	}
}
