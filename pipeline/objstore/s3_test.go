package objstore_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/alphanode/postscore/pipeline/objstore"
	"github.com/alphanode/postscore/pipeline/objstore/s3test"
)

// TestS3OpenErrors: against versitygw, each way of getting an s3:// URL
// wrong fails in Open with an error that says what to do.
func TestS3OpenErrors(t *testing.T) {
	srv := s3test.Start(t)
	ctx := context.Background()
	if _, err := objstore.Open(ctx, "s3://no-such-bucket/x"); !errors.Is(err, objstore.ErrBucketNotFound) || !strings.Contains(err.Error(), "create the bucket") {
		t.Errorf("a missing bucket: %v", err)
	}
	t.Setenv("AWS_SECRET_ACCESS_KEY", "wrong-secret")
	_, err := objstore.Open(ctx, srv.URL("x"))
	if !errors.Is(err, objstore.ErrAccessDenied) || !strings.Contains(err.Error(), "AWS_SECRET_ACCESS_KEY") {
		t.Errorf("a wrong secret key: %v", err)
	}
	t.Setenv("AWS_ACCESS_KEY_ID", "nobody")
	if _, err := objstore.Open(ctx, srv.URL("x")); !errors.Is(err, objstore.ErrAccessDenied) {
		t.Errorf("an unknown access key: %v", err)
	}
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	os.Unsetenv("AWS_ACCESS_KEY_ID")
	os.Unsetenv("AWS_SECRET_ACCESS_KEY")
	_, err = objstore.Open(ctx, srv.URL("x"))
	if !errors.Is(err, objstore.ErrNoCredentials) || !strings.Contains(err.Error(), "AWS_ACCESS_KEY_ID") {
		t.Errorf("no credentials: %v", err)
	}
}

// TestS3PathStyle: with an endpoint configured, Open asks for path-style
// requests unless the URL says otherwise. The endpoint is named
// "localhost" (the SDK keeps path style for an IP address whatever it is
// told): virtual-host requests go to BUCKET.localhost, which the server
// does not serve as the bucket.
func TestS3PathStyle(t *testing.T) {
	srv := s3test.Start(t)
	ctx := context.Background()
	t.Setenv("AWS_ENDPOINT_URL", strings.Replace(srv.Endpoint, "127.0.0.1", "localhost", 1))
	s, err := objstore.Open(ctx, srv.URL("x"))
	if err != nil {
		t.Fatalf("the default (path style): %v", err)
	}
	s.Close()
	if s.URL() != "s3://"+srv.Bucket+"/x" {
		t.Errorf("URL() = %q", s.URL())
	}
	s, err = objstore.Open(ctx, srv.URL("x")+"?use_path_style=false")
	t.Logf("use_path_style=false: %v", err)
	if err == nil {
		s.Close()
		t.Error("use_path_style=false reached the bucket: the URL's own setting was not applied")
	}
}

// TestS3DefaultRegion: with an endpoint and no region configured, Open
// works (us-east-1).
func TestS3DefaultRegion(t *testing.T) {
	srv := s3test.Start(t)
	for _, k := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	s, err := objstore.Open(context.Background(), srv.URL("x"))
	if err != nil {
		t.Fatalf("no region: %v", err)
	}
	s.Close()
}

// TestS3PutDir: the helper other packages' tests use.
func TestS3PutDir(t *testing.T) {
	srv := s3test.Start(t)
	dir := t.TempDir()
	writeTree(t, dir, []string{"a/b.md", "c.txt"})
	srv.PutDir(t, dir, "/corpus/")
	got, _ := walkKeys(t, srv.Open(t, "corpus"))
	if want := []string{"a/b.md", "c.txt"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("after PutDir: %q", got)
	}
}
