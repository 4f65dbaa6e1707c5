package deploy

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

var slurmScripts = []string{"submit.sh", "score.sbatch", "merge.sbatch"}

// TestSlurmScriptsParse checks the scripts' syntax (bash -n), and runs
// shellcheck on them where it is installed (Debian: apt-get install
// shellcheck).
func TestSlurmScriptsParse(t *testing.T) {
	for _, name := range slurmScripts {
		path := filepath.Join("slurm", name)
		if out, err := exec.Command("bash", "-n", path).CombinedOutput(); err != nil {
			t.Errorf("bash -n %s: %v\n%s", path, err, out)
		}
		if info, err := os.Stat(path); err == nil && info.Mode()&0o111 == 0 {
			t.Errorf("%s is not executable", path)
		}
	}
	if _, err := exec.LookPath("shellcheck"); err != nil {
		t.Log("shellcheck not installed: only bash -n checked")
		return
	}
	cmd := exec.Command("shellcheck", slurmScripts...)
	cmd.Dir = "slurm"
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("shellcheck: %v\n%s", err, out)
	}
}

// sbatchStub stands in for Slurm's sbatch: it runs a job here and now
// instead of queueing it, each array task as its own process with
// SLURM_ARRAY_TASK_ID set, and records each job's outcome in
// SBATCH_STUB_DIR so that --dependency=afterok:ID runs a job only after ID
// succeeded (else the job is cancelled, as --kill-on-invalid-dep=yes does).
// SBATCH_STUB_CRASH_INDEX=I kills array task I's postscore in the middle of
// its commit (POSTSCORE_CRASH_AT, a binary built with -tags crashtest),
// leaving an interrupted shard.
const sbatchStub = `#!/usr/bin/env bash
set -u
dir=${SBATCH_STUB_DIR:?}
parsable=0 array= dep=
while [ $# -gt 0 ]; do
  case $1 in
    --parsable) parsable=1 ;;
    --array=*) array=${1#--array=} ;;
    --dependency=*) dep=${1#--dependency=} ;;
    --*) ;;
    *) break ;;
  esac
  shift
done
script=$1
id=$(( $(cat "$dir/last" 2>/dev/null || echo 1000) + 1 ))
echo "$id" > "$dir/last"
if [ "$parsable" = 1 ]; then echo "$id"; else echo "Submitted batch job $id"; fi

if [ -n "$dep" ]; then
  after=${dep#afterok:}
  if [ "$(cat "$dir/$after")" != ok ]; then echo cancelled > "$dir/$id"; exit 0; fi
fi
[ -n "$array" ] || array=$(sed -n 's/^#SBATCH --array=//p' "$script")
if [ -z "$array" ]; then
  if SLURM_JOB_ID=$id bash "$script" > "$dir/$id.out" 2>&1; then echo ok > "$dir/$id"; else echo failed > "$dir/$id"; fi
  exit 0
fi
indexes=()
IFS=, read -ra items <<< "${array%%\%*}"
for item in "${items[@]}"; do
  if [[ $item == *-* ]]; then
    for ((i = ${item%-*}; i <= ${item#*-}; i++)); do indexes+=("$i"); done
  else
    indexes+=("$item")
  fi
done
pids=()
for i in "${indexes[@]}"; do
  crash=
  [ "${SBATCH_STUB_CRASH_INDEX:-}" = "$i" ] && crash=staged
  POSTSCORE_CRASH_AT=$crash SLURM_JOB_ID=$id SLURM_ARRAY_JOB_ID=$id SLURM_ARRAY_TASK_ID=$i \
    bash "$script" > "$dir/${id}_$i.out" 2>&1 &
  pids+=($!)
done
state=ok
for pid in "${pids[@]}"; do wait "$pid" || state=failed; done
echo "$state" > "$dir/$id"
`

// manifest is what the test reads of a run's manifest.json.
type manifest struct {
	Inputs int64 `json:"inputs"`
	Rows   int64 `json:"rows"`
	Errors int64 `json:"errors"`
}

func readManifest(t *testing.T, dir string) manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s/manifest.json: %v", dir, err)
	}
	return m
}

// parquetRows is the number of rows in a Parquet file.
func parquetRows(t *testing.T, path string) int64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, info.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return pf.NumRows()
}

// buildPostscore builds cmd/postscore with the crash hook into dir.
func buildPostscore(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "postscore")
	cmd := exec.Command("go", "build", "-pgo=off", "-tags", "crashtest", "-o", bin, "./cmd/postscore")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestSlurmRecipe runs submit.sh as a user would, with a stand-in sbatch
// that runs the jobs on this machine: an array of 3 shards of
// testdata/corpus, one of them killed mid-run, so that the merge does not
// run; then submit.sh for that shard alone, which continues its
// interrupted run, and the merge. The merged run must account for the same
// inputs as an unsharded run.
func TestSlurmRecipe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds postscore and runs it 9 times")
	}
	tmp := t.TempDir()
	bin := buildPostscore(t, tmp)

	stubBin, stubState := filepath.Join(tmp, "stub-bin"), filepath.Join(tmp, "sbatch-state")
	for _, d := range []string{stubBin, stubState} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(stubBin, "sbatch"), []byte(sbatchStub), 0o755); err != nil {
		t.Fatal(err)
	}

	const asOf = "2026-11-27"
	corpus, _ := filepath.Abs(filepath.Join("..", "testdata", "corpus"))
	whole, out := filepath.Join(tmp, "whole"), filepath.Join(tmp, "out")
	if msg, err := exec.Command(bin, "score", corpus, "-o", whole, "--as-of", asOf, "-q").CombinedOutput(); err != nil {
		t.Fatalf("unsharded run: %v\n%s", err, msg)
	}

	submit := func(crashIndex string, args ...string) {
		t.Helper()
		cmd := exec.Command(filepath.Join("slurm", "submit.sh"), args...)
		cmd.Dir = tmp // where Slurm runs the jobs: the submit directory
		cmd.Path, _ = filepath.Abs(cmd.Path)
		cmd.Env = append(os.Environ(),
			"PATH="+stubBin+string(os.PathListSeparator)+os.Getenv("PATH"),
			"SBATCH_STUB_DIR="+stubState, "SBATCH_STUB_CRASH_INDEX="+crashIndex,
			"CORPUS="+corpus, "OUT="+out, "N=3", "ASOF="+asOf, "POSTSCORE="+bin, "GOMEMLIMIT=")
		msg, err := cmd.CombinedOutput()
		t.Logf("submit.sh %s:\n%s", strings.Join(args, " "), msg)
		if err != nil {
			t.Fatalf("submit.sh: %v", err)
		}
	}
	logs := func() {
		paths, _ := filepath.Glob(filepath.Join(stubState, "*.out"))
		for _, p := range paths {
			data, _ := os.ReadFile(p)
			t.Logf("%s:\n%s", filepath.Base(p), data)
		}
	}

	// Shard 1 is killed: the array fails, so the merge is cancelled.
	submit("1")
	for i, want := range []bool{true, false, true} {
		shard := filepath.Join(out, "shards", []string{"0", "1", "2"}[i]+"-of-3", "manifest.json")
		if _, err := os.Stat(shard); (err == nil) != want {
			logs()
			t.Fatalf("after the first submission: %s exists %v, want %v", shard, err == nil, want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "manifest.json")); err == nil {
		logs()
		t.Fatal("the merge ran although shard 1 failed")
	}

	// Shard 1 again: its interrupted run is continued, then the merge runs.
	submit("", "1")
	if _, err := os.Stat(filepath.Join(out, "manifest.json")); err != nil {
		logs()
		t.Fatalf("after rerunning shard 1: no merged manifest: %v", err)
	}
	got, want := readManifest(t, out), readManifest(t, whole)
	if got != want {
		t.Errorf("merged run: %+v, want the unsharded run's %+v", got, want)
	}
	if n := parquetRows(t, filepath.Join(out, "scores.parquet")); n != want.Rows {
		t.Errorf("merged scores.parquet: %d rows, want %d", n, want.Rows)
	}
}
