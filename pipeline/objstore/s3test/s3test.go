// Package s3test runs a real S3-compatible server for tests: Versity
// Gateway (versitygw) serving a temporary directory with its posix backend.
//
//	srv := s3test.Start(t)          // skips when versitygw is missing, unless POSTSCORE_REQUIRE_S3=1
//	srv.PutDir(t, "testdata/corpus", "corpus/")
//	url := srv.URL("corpus")        // s3://BUCKET/corpus
//
// Start sets the AWS_* environment variables (endpoint, region, keys) with
// t.Setenv, so that objstore.Open and a postscore binary run by the test
// reach the server; for that reason a test that starts a server cannot be
// parallel (t.Setenv forbids it).
//
// versitygw is looked for in $VERSITYGW, then PATH, then $GOPATH/bin
// (go env GOPATH). Install it with
//
//	go install github.com/versity/versitygw/cmd/versitygw@v1.8.0
//
// The server it starts is
//
//	versitygw --access KEY --secret SECRET --port 127.0.0.1:PORT --quiet posix [--nometa] DIR
//
// The posix backend keeps objects' metadata in the directory's extended
// attributes (user.*); on a filesystem without them --nometa is added.
package s3test

import (
	"context"
	"errors"
	"fmt"
	"go/build"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alphanode/postscore/pipeline/objstore"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"golang.org/x/sys/unix"
)

// The server's account, region and bucket.
const (
	AccessKey = "postscore-test"
	SecretKey = "postscore-test-secret-key"
	Region    = "us-east-1"
	Bucket    = "postscore-test"
)

// RequireEnv, set to 1, makes a missing versitygw fail the test rather
// than skip it (CI sets it).
const RequireEnv = "POSTSCORE_REQUIRE_S3"

// Server is a running versitygw.
type Server struct {
	Endpoint string // http://127.0.0.1:PORT
	Bucket   string
	Dir      string // the posix backend's root: Dir/Bucket holds the objects
	cmd      *exec.Cmd
	log      string
}

// Start starts versitygw on a free port of 127.0.0.1, serving a temporary
// directory, waits until it answers, creates Bucket, points the AWS_*
// environment at it and stops it when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := Find()
	if bin == "" {
		msg := "versitygw not found ($VERSITYGW, PATH, $GOPATH/bin): install it with 'go install github.com/versity/versitygw/cmd/versitygw@v1.8.0' to run the S3 tests"
		if os.Getenv(RequireEnv) == "1" {
			t.Fatal(msg + " (" + RequireEnv + "=1)")
		}
		t.Skip(msg)
	}
	srv := &Server{Bucket: Bucket, Dir: t.TempDir()}
	srv.log = filepath.Join(t.TempDir(), "versitygw.log")
	var err error
	for attempt := 0; attempt < 3; attempt++ { // another process may take the free port first
		if err = srv.start(t, bin); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("starting versitygw: %v\n%s", err, srv.logTail())
	}
	srv.setEnv(t)
	if err := srv.createBucket(context.Background()); err != nil {
		t.Fatalf("creating bucket %s on versitygw: %v\n%s", Bucket, err, srv.logTail())
	}
	return srv
}

// Find is the path of versitygw, or "" when it is not installed.
func Find() string {
	if p := os.Getenv("VERSITYGW"); p != "" {
		return p
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	for _, dir := range filepath.SplitList(build.Default.GOPATH) {
		p := filepath.Join(dir, "bin", "versitygw")
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// start runs bin on a free port and waits until it answers.
func (s *Server) start(t testing.TB, bin string) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	args := []string{"--access", AccessKey, "--secret", SecretKey, "--region", Region,
		"--port", "127.0.0.1:" + strconv.Itoa(port), "--quiet", "posix"}
	if !hasUserXattrs(s.Dir) {
		args = append(args, "--nometa")
	}
	args = append(args, s.Dir)
	logf, err := os.OpenFile(s.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logf.Close()
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	s.Endpoint = "http://127.0.0.1:" + strconv.Itoa(port)
	if err := waitReady(s.Endpoint, exited); err != nil {
		_ = cmd.Process.Kill()
		return err
	}
	s.cmd = cmd
	t.Cleanup(func() {
		_ = cmd.Process.Kill() // the process this test started, by its pid
		<-exited
	})
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// hasUserXattrs reports whether dir's filesystem keeps user.* extended
// attributes, which versitygw's posix backend stores metadata in.
func hasUserXattrs(dir string) bool {
	p := filepath.Join(dir, ".xattr-probe")
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		return false
	}
	defer os.Remove(p)
	return unix.Setxattr(p, "user.postscore-probe", []byte("1"), 0) == nil
}

// waitReady polls endpoint until it answers an HTTP request (any status:
// an anonymous request is refused, and that is an answer), for up to 20 s.
func waitReady(endpoint string, exited <-chan error) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("versitygw exited: %v", err)
		default:
		}
		if resp, err := client.Get(endpoint + "/"); err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("versitygw did not answer within 20 s")
}

// setEnv points the AWS SDK at the server, and away from the user's own
// AWS configuration.
func (s *Server) setEnv(t testing.TB) {
	none := filepath.Join(s.Dir, "no-aws-config")
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL": s.Endpoint, "AWS_ENDPOINT_URL_S3": "", "AWS_REGION": Region, "AWS_DEFAULT_REGION": Region,
		"AWS_ACCESS_KEY_ID": AccessKey, "AWS_SECRET_ACCESS_KEY": SecretKey, "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "",
		"AWS_CONFIG_FILE": none, "AWS_SHARED_CREDENTIALS_FILE": none, "AWS_EC2_METADATA_DISABLED": "true",
	} {
		t.Setenv(k, v) // restored when the test ends
		if v == "" {
			os.Unsetenv(k)
		}
	}
}

// createBucket creates Bucket with the S3 API (objstore does not create
// buckets: a run's bucket is the user's).
func (s *Server) createBucket(ctx context.Context) error {
	client := s3.New(s3.Options{
		Region:       Region,
		Credentials:  credentials.NewStaticCredentialsProvider(AccessKey, SecretKey, ""),
		BaseEndpoint: aws.String(s.Endpoint),
		UsePathStyle: true,
	})
	_, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(s.Bucket)})
	return err
}

// URL is the s3:// URL of prefix in the bucket.
func (s *Server) URL(prefix string) string {
	return "s3://" + s.Bucket + "/" + strings.TrimPrefix(prefix, "/")
}

// Open opens the store of prefix in the bucket, closed when the test ends.
func (s *Server) Open(t testing.TB, prefix string) *objstore.Store {
	t.Helper()
	st, err := objstore.Open(context.Background(), s.URL(prefix))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// PutDir uploads every file under localDir (hidden ones too) to the
// bucket under prefix, through objstore.
func (s *Server) PutDir(t testing.TB, localDir, prefix string) {
	t.Helper()
	st := s.Open(t, "")
	if err := st.UploadDir(context.Background(), localDir, cleanPrefix(prefix)); err != nil {
		t.Fatal(err)
	}
}

func cleanPrefix(p string) string {
	p = strings.Trim(p, "/")
	if p == "" {
		return ""
	}
	return p + "/"
}

// logTail is the end of versitygw's output, for a failure's message.
func (s *Server) logTail() string {
	b, _ := os.ReadFile(s.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}
