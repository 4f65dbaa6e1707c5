package objstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/config"
	"gocloud.dev/blob"
	_ "gocloud.dev/blob/azureblob" // azblob://
	_ "gocloud.dev/blob/fileblob"  // file://
	_ "gocloud.dev/blob/gcsblob"   // gs://
	_ "gocloud.dev/blob/memblob"   // mem://
	_ "gocloud.dev/blob/s3blob"    // s3://
)

// Errors that Open's errors wrap, for errors.Is.
var (
	ErrBadURL            = errors.New("not a usable object storage URL")
	ErrUnsupportedScheme = errors.New("not a supported object storage URL")
	ErrBucketNotFound    = errors.New("bucket not found")
	ErrAccessDenied      = errors.New("access denied")
	ErrNoCredentials     = errors.New("no credentials")
)

// Schemes are the URL schemes Open accepts.
var Schemes = []string{"s3", "gs", "azblob", "file", "mem"}

// schemeRE is a URL scheme followed by "://" (RFC 3986 scheme characters).
var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]+://`)

// IsURL reports whether s names object storage (a scheme://...) rather than
// a local path. Any scheme counts, so that Open can say an unknown one is
// not supported rather than a local path named "ftp:" being looked for.
// One-letter schemes are not URLs: "C://x" is a Windows path.
func IsURL(s string) bool { return schemeRE.MatchString(s) }

// Store is a bucket and a key prefix, opened from a URL.
type Store struct {
	b      *blob.Bucket
	prefix string // "" or ending in "/"
	url    string // scheme://bucket/prefix, no query, no trailing "/"
}

// Open opens the bucket and prefix that rawURL names and checks that the
// bucket can be listed, so that a wrong name or wrong credentials fail here
// with what to do, rather than at the first read.
func Open(ctx context.Context, rawURL string) (*Store, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	bucketURL, prefix := splitURL(ctx, u)
	b, err := blob.DefaultURLMux().OpenBucketURL(ctx, bucketURL)
	if err != nil {
		return nil, openErr(u, err)
	}
	s := &Store{b: b, prefix: prefix, url: displayURL(u, prefix)}
	if err := s.probe(ctx); err != nil {
		_ = b.Close()
		return nil, err
	}
	return s, nil
}

// NewStore makes a Store of a bucket already open (tests, or a bucket
// opened with options no URL says); url names it in messages.
func NewStore(b *blob.Bucket, prefix, url string) *Store {
	return &Store{b: b, prefix: cleanPrefix(prefix), url: strings.TrimSuffix(url, "/")}
}

// parseURL parses rawURL and checks its scheme and bucket.
func parseURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadURL, err)
	}
	if !isScheme(u.Scheme) {
		return nil, fmt.Errorf("%s: %w: use s3://bucket/prefix, gs://bucket/prefix, azblob://container/prefix or file:///dir (%q is not one of %s)",
			rawURL, ErrUnsupportedScheme, u.Scheme, strings.Join(Schemes, ", "))
	}
	if u.Scheme != "file" && u.Host == "" {
		return nil, fmt.Errorf("%s: %w: no bucket name: write %s://BUCKET/prefix", rawURL, ErrBadURL, u.Scheme)
	}
	return u, nil
}

func isScheme(s string) bool {
	for _, k := range Schemes {
		if s == k {
			return true
		}
	}
	return false
}

// splitURL is the URL of the bucket gocloud opens, and the key prefix
// within it. A file:// URL's path is the bucket (a directory); the others'
// path is the prefix.
func splitURL(ctx context.Context, u *url.URL) (*url.URL, string) {
	b := *u
	q := b.Query()
	switch u.Scheme {
	case "file":
		setDefault(q, "metadata", "skip")
		setDefault(q, "no_tmp_dir", "1")
		b.RawQuery = q.Encode()
		return &b, ""
	case "s3":
		s3Defaults(ctx, q)
	}
	prefix := cleanPrefix(b.Path)
	b.Path, b.RawPath, b.RawQuery = "", "", q.Encode()
	return &b, prefix
}

func setDefault(q url.Values, key, value string) {
	if !q.Has(key) {
		q.Set(key, value)
	}
}

// cleanPrefix is p without leading "/" and, unless empty, with one
// trailing "/".
func cleanPrefix(p string) string {
	p = strings.Trim(p, "/")
	if p == "" {
		return ""
	}
	return p + "/"
}

// displayURL is u's scheme, bucket and prefix, without the query.
func displayURL(u *url.URL, prefix string) string {
	if u.Scheme == "file" {
		return strings.TrimSuffix("file://"+u.Host+u.Path, "/")
	}
	return strings.TrimSuffix(u.Scheme+"://"+u.Host+"/"+prefix, "/")
}

// s3Defaults sets what an S3-compatible store other than AWS needs and its
// user should not have to know: when an endpoint is configured (the URL
// says so, or the environment, or the shared config profile's
// endpoint_url), path-style requests, and region us-east-1 if none is
// configured (the SDK refuses to sign without one; such stores accept
// any). The URL's own use_path_style (or s3ForcePathStyle) and region win.
func s3Defaults(ctx context.Context, q url.Values) {
	var opts []func(*config.LoadOptions) error
	if p := q.Get("profile"); p != "" {
		opts = append(opts, config.WithSharedConfigProfile(p))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	endpoint := q.Get("endpoint") != "" || os.Getenv("AWS_ENDPOINT_URL_S3") != "" || os.Getenv("AWS_ENDPOINT_URL") != "" ||
		(err == nil && cfg.BaseEndpoint != nil && *cfg.BaseEndpoint != "")
	if !endpoint {
		return
	}
	if q.Get("use_path_style") == "" && q.Get("s3ForcePathStyle") == "" {
		q.Set("use_path_style", "true")
	}
	if q.Get("region") == "" && err == nil && cfg.Region == "" {
		q.Set("region", "us-east-1")
	}
}

// probe lists one key under the prefix: the bucket exists and the
// credentials are good.
func (s *Store) probe(ctx context.Context) error {
	_, _, err := s.b.ListPage(ctx, blob.FirstPageToken, 1, &blob.ListOptions{Prefix: s.prefix})
	if err != nil {
		u, _ := url.Parse(s.url)
		return openErr(u, err)
	}
	return nil
}
