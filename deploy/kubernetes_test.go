// Package deploy holds the recipes that run postscore on a scheduler
// (kubernetes/, slurm/) and the tests that check them; it has no Go code of
// its own.
package deploy

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// The Kubernetes recipe is checked without a cluster: kubectl's dry run
// needs an API server for discovery, so each file is decoded strictly
// (an unknown or misspelt field is an error) into the API's own Go types,
// and the Jobs' shapes and arguments are checked against each other.

// decodeStrict reads the one object in a YAML file into v, refusing
// unknown and duplicate fields, and checks its kind.
func decodeStrict(t *testing.T, name, kind string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("kubernetes", name))
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`(?m)^---`).Match(data) {
		t.Fatalf("%s: one object per file, so that each can be applied on its own", name)
	}
	if err := yaml.UnmarshalStrict(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var meta struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := yaml.Unmarshal(data, &meta); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Job": "batch/v1", "ConfigMap": "v1"}[kind]
	if meta.Kind != kind || meta.APIVersion != want {
		t.Fatalf("%s: %s %s, want %s %s", name, meta.APIVersion, meta.Kind, want, kind)
	}
}

// varRef is Kubernetes' $(VAR) in a container's args, replaced by the
// container's environment (env and envFrom) when the pod starts.
var varRef = regexp.MustCompile(`\$\(([A-Za-z_][A-Za-z0-9_]*)\)`)

// expandArgs is a container's args as the pod runs them, with env the
// container's variables; a reference to an undefined variable is an error,
// since Kubernetes would pass it on literally.
func expandArgs(t *testing.T, job string, args []string, env map[string]string) []string {
	t.Helper()
	var out []string
	for _, a := range args {
		out = append(out, varRef.ReplaceAllStringFunc(a, func(ref string) string {
			name := varRef.FindStringSubmatch(ref)[1]
			v, ok := env[name]
			if !ok {
				t.Errorf("%s: args name $(%s), which neither the ConfigMap nor env defines", job, name)
			}
			return v
		}))
	}
	return out
}

// show is *p for a message, or "unset".
func show[T any](p *T) string {
	if p == nil {
		return "unset"
	}
	return fmt.Sprint(*p)
}

// flagValue is the value after flag in args ("" if absent).
func flagValue(args []string, flag string) string {
	if i := slices.Index(args, flag); i >= 0 && i+1 < len(args) {
		return args[i+1]
	}
	return ""
}

// jobContainer is the Job's one container, checked for what every recipe
// Job needs: no restarts in place (retries are new pods, as
// podFailurePolicy requires), the run's ConfigMap and the credentials'
// Secret, GOMEMLIMIT under the memory limit, and the staging emptyDir
// mounted where TMPDIR points. It returns the container and its variables.
func jobContainer(t *testing.T, name string, job *batchv1.Job, run map[string]string) (corev1.Container, map[string]string) {
	t.Helper()
	spec := job.Spec.Template.Spec
	if spec.RestartPolicy != corev1.RestartPolicyNever {
		t.Errorf("%s: restartPolicy %q, want Never", name, spec.RestartPolicy)
	}
	if len(spec.Containers) != 1 {
		t.Fatalf("%s: %d containers, want 1", name, len(spec.Containers))
	}
	c := spec.Containers[0]
	env := map[string]string{}
	var sources []string
	for _, from := range c.EnvFrom {
		switch {
		case from.ConfigMapRef != nil:
			sources = append(sources, "configmap/"+from.ConfigMapRef.Name)
			if from.ConfigMapRef.Name == "postscore-run" {
				for k, v := range run {
					env[k] = v
				}
			}
		case from.SecretRef != nil:
			sources = append(sources, "secret/"+from.SecretRef.Name)
		}
	}
	if !slices.Equal(sources, []string{"configmap/postscore-run", "secret/postscore-s3"}) {
		t.Errorf("%s: envFrom %v, want the run's ConfigMap and the credentials' Secret", name, sources)
	}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	limit := c.Resources.Limits[corev1.ResourceMemory]
	if req := c.Resources.Requests[corev1.ResourceMemory]; req.Cmp(limit) != 0 {
		t.Errorf("%s: memory request %s, limit %s: equal, so that the pod is not killed for using what it asked", name, req.String(), limit.String())
	}
	if mib, ok := strings.CutSuffix(env["GOMEMLIMIT"], "MiB"); !ok {
		t.Errorf("%s: GOMEMLIMIT %q, want N MiB", name, env["GOMEMLIMIT"])
	} else if n, _ := strconv.ParseInt(mib, 10, 64); n <= 0 || n<<20 >= limit.Value() {
		t.Errorf("%s: GOMEMLIMIT %s, want it below the memory limit %s", name, env["GOMEMLIMIT"], limit.String())
	}
	staging := ""
	for _, m := range c.VolumeMounts {
		for _, v := range spec.Volumes {
			if v.Name == m.Name && v.EmptyDir != nil {
				staging = m.MountPath
			}
		}
	}
	if staging == "" || env["TMPDIR"] != staging {
		t.Errorf("%s: TMPDIR %q, emptyDir mounted at %q: want the staging emptyDir at TMPDIR", name, env["TMPDIR"], staging)
	}
	return c, env
}

func TestKubernetesRecipe(t *testing.T) {
	var cm corev1.ConfigMap
	decodeStrict(t, "run-config.yaml", "ConfigMap", &cm)
	run := cm.Data
	for _, k := range []string{"CORPUS", "OUT", "SHARDS", "ASOF"} {
		if run[k] == "" {
			t.Fatalf("run-config.yaml: no %s", k)
		}
	}
	n, err := strconv.Atoi(run["SHARDS"])
	if err != nil || n < 1 {
		t.Fatalf("run-config.yaml: SHARDS %q, want a number of shards", run["SHARDS"])
	}
	if _, err := time.Parse(time.DateOnly, run["ASOF"]); err != nil {
		t.Errorf("run-config.yaml: ASOF %q, want YYYY-MM-DD", run["ASOF"])
	}

	var score, merge, rerun batchv1.Job
	decodeStrict(t, "score-job.yaml", "Job", &score)
	decodeStrict(t, "merge-job.yaml", "Job", &merge)
	decodeStrict(t, "rerun-index-job.yaml", "Job", &rerun)

	// The score Job: N indexed pods, each index retried alone.
	s := score.Spec
	if s.CompletionMode == nil || *s.CompletionMode != batchv1.IndexedCompletion {
		t.Errorf("score-job.yaml: completionMode %s, want Indexed", show(s.CompletionMode))
	}
	if s.Completions == nil || int(*s.Completions) != n {
		t.Errorf("score-job.yaml: completions %s, want SHARDS = %d (run-config.yaml)", show(s.Completions), n)
	}
	if s.Parallelism == nil || *s.Parallelism < 1 || int(*s.Parallelism) > n {
		t.Errorf("score-job.yaml: parallelism %s, want 1 to SHARDS = %d", show(s.Parallelism), n)
	}
	if s.BackoffLimitPerIndex == nil || *s.BackoffLimitPerIndex < 1 {
		t.Errorf("score-job.yaml: backoffLimitPerIndex %s, want retries per index", show(s.BackoffLimitPerIndex))
	}
	c, env := jobContainer(t, "score-job.yaml", &score, run)
	args := expandArgs(t, "score-job.yaml", c.Args, env)
	if len(args) < 2 || args[0] != "score" || args[1] != run["CORPUS"] {
		t.Errorf("score-job.yaml: args %q, want score CORPUS ...", args)
	}
	if got := flagValue(args, "--shards"); got != strconv.Itoa(n) {
		t.Errorf("score-job.yaml: --shards %q, want completions = %d", got, n)
	}
	if got := flagValue(args, "-o"); got != run["OUT"] {
		t.Errorf("score-job.yaml: -o %q, want OUT %q", got, run["OUT"])
	}
	if got := flagValue(args, "--as-of"); got != run["ASOF"] {
		t.Errorf("score-job.yaml: --as-of %q, want ASOF %q: every shard must measure at one date", got, run["ASOF"])
	}

	// The merge Job: one pod, merge of the same OUT, the same image.
	if merge.Spec.CompletionMode != nil && *merge.Spec.CompletionMode == batchv1.IndexedCompletion {
		t.Error("merge-job.yaml: Indexed; the merge is one pod")
	}
	mc, menv := jobContainer(t, "merge-job.yaml", &merge, run)
	if margs := expandArgs(t, "merge-job.yaml", mc.Args, menv); !slices.Equal(margs, []string{"merge", run["OUT"]}) {
		t.Errorf("merge-job.yaml: args %q, want merge %s", margs, run["OUT"])
	}

	// The one-off rerun of an index: the same command, --shard I/N.
	rc, renv := jobContainer(t, "rerun-index-job.yaml", &rerun, run)
	rargs := expandArgs(t, "rerun-index-job.yaml", rc.Args, renv)
	for _, f := range []string{"-o", "--as-of"} {
		if flagValue(rargs, f) != flagValue(args, f) {
			t.Errorf("rerun-index-job.yaml: %s %q, want the score Job's %q", f, flagValue(rargs, f), flagValue(args, f))
		}
	}
	i, found := strings.CutSuffix(flagValue(rargs, "--shard"), "/"+strconv.Itoa(n))
	if k, err := strconv.Atoi(i); !found || err != nil || k < 0 || k >= n {
		t.Errorf("rerun-index-job.yaml: --shard %q, want I/%d with 0 <= I < %d", flagValue(rargs, "--shard"), n, n)
	}
	if rargs[0] != "score" || rargs[1] != run["CORPUS"] {
		t.Errorf("rerun-index-job.yaml: args %q, want score CORPUS ...", rargs)
	}

	for _, other := range []corev1.Container{mc, rc} {
		if other.Image != c.Image {
			t.Errorf("images differ: %s and %s; one postscore for every step", c.Image, other.Image)
		}
	}
}
