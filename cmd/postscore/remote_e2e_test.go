package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alphanode/postscore/pipeline"
	"github.com/alphanode/postscore/pipeline/objstore"
	"github.com/alphanode/postscore/pipeline/objstore/s3test"
	"github.com/alphanode/postscore/reports"
	"github.com/parquet-go/parquet-go"
)

// scoreIntoBucket scores testdata/generated locally as of asOf and uploads
// the run to prefix in srv's bucket, its manifest last (the score
// command's own URL support is tested with it).
func scoreIntoBucket(t *testing.T, srv *s3test.Server, prefix, asOf string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	corpus := filepath.Join("..", "..", "testdata", "generated")
	if msg, code := runBin(t, "score", corpus, "-o", out, "--as-of", asOf, "-q", "--report-format", "md"); code != 0 {
		t.Fatalf("score: %d %s", code, msg)
	}
	man, err := pipeline.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range man.Files {
		names = append(names, f.Name)
	}
	if err := srv.Open(t, prefix).Publish(context.Background(), out, append(names, pipeline.ManifestName)); err != nil {
		t.Fatal(err)
	}
}

// fetch downloads the run at prefix into a new directory.
func fetch(t *testing.T, srv *s3test.Server, prefix string) string {
	t.Helper()
	dir := t.TempDir()
	if err := srv.Open(t, prefix).FetchRun(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestReportFromBucket: 'report s3://...' reports on a run in a bucket and
// puts the reports back, listed in the run's manifest, which still
// verifies.
func TestReportFromBucket(t *testing.T) {
	srv := s3test.Start(t)
	scoreIntoBucket(t, srv, "runs/a", "2026-11-27")
	msg, code := runBin(t, "report", srv.URL("runs/a"), "--format", "md,html")
	if code != 0 || !strings.Contains(msg, "wrote "+srv.URL("runs/a/report.html")) {
		t.Fatalf("report: %d %s", code, msg)
	}
	dir := fetch(t, srv, "runs/a")
	man, err := pipeline.VerifyRun(dir)
	if err != nil {
		t.Fatalf("the run in the bucket after 'report': %v", err)
	}
	if f, ok := man.File("report.html"); !ok || f.SHA256 == "" {
		t.Errorf("the manifest does not list report.html: %+v", man.Files)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "report.html")); !strings.Contains(string(b), "<html") {
		t.Errorf("report.html in the bucket: %.200q", b)
	}
}

// TestReportURLErrors: a URL that names no run is a usage mistake (exit
// 2) that says what is wrong.
func TestReportURLErrors(t *testing.T) {
	srv := s3test.Start(t)
	for arg, want := range map[string]string{
		"s3://no-such-bucket/runs/a": "create the bucket",
		srv.URL("runs/none"):         "not the OUT of a finished 'postscore score' run",
		"ftp://host/run":             "use s3://bucket/prefix",
	} {
		if msg, code := runBin(t, "report", arg); code != 2 || !strings.Contains(msg, want) {
			t.Errorf("report %s: %d %s; want exit 2 and %q", arg, code, msg, want)
		}
	}
}

// TestCompareBuckets: 'compare' of two runs in a bucket into the bucket
// writes compare.parquet (recording the runs' URLs) and its reports there.
func TestCompareBuckets(t *testing.T) {
	srv := s3test.Start(t)
	scoreIntoBucket(t, srv, "runs/v1", "2026-11-27")
	scoreIntoBucket(t, srv, "runs/v2", "2027-03-01")
	oldURL, newURL := srv.URL("runs/v1"), srv.URL("runs/v2")
	msg, code := runBin(t, "compare", oldURL, newURL, "-o", srv.URL("diffs/v1-v2"))
	if code != 0 || !strings.Contains(msg, "wrote "+srv.URL("diffs/v1-v2/compare.parquet")) {
		t.Fatalf("compare: %d %s", code, msg)
	}
	st := srv.Open(t, "diffs/v1-v2")
	var keys []string
	if _, err := st.Walk(context.Background(), func(e objstore.Entry) error { keys = append(keys, e.Key); return nil }); err != nil {
		t.Fatal(err)
	}
	if want := "compare.html,compare.json,compare.md,compare.parquet"; strings.Join(keys, ",") != want {
		t.Errorf("the bucket's diffs/v1-v2 holds %q, want %s", keys, want)
	}
	path := filepath.Join(t.TempDir(), reports.CompareName)
	if err := st.Download(context.Background(), reports.CompareName, path); err != nil {
		t.Fatal(err)
	}
	checkCompareFile(t, path, oldURL, newURL)
	// A local OUT from runs in the bucket, and a run from each side.
	local := filepath.Join(t.TempDir(), "cmp")
	if msg, code := runBin(t, "compare", fetch(t, srv, "runs/v1"), newURL, "-o", local); code != 0 {
		t.Fatalf("compare LOCAL URL -o LOCAL: %d %s", code, msg)
	}
	if _, err := os.Stat(filepath.Join(local, reports.CompareName)); err != nil {
		t.Error(err)
	}
}

// checkCompareFile checks that compare.parquet has rows and names the runs
// by their URLs, not by their temporary local copies.
func checkCompareFile(t *testing.T, path, oldURL, newURL string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	pf, err := parquet.OpenFile(f, fi.Size())
	if err != nil {
		t.Fatal(err)
	}
	if pf.NumRows() == 0 {
		t.Error("compare.parquet has no rows")
	}
	for key, want := range map[string]string{"postscore.compare.old": oldURL, "postscore.compare.new": newURL} {
		if got, _ := pf.Lookup(key); got != want {
			t.Errorf("compare.parquet's %s = %q, want %q", key, got, want)
		}
	}
}
