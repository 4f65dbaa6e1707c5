package objstore

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"gocloud.dev/gcerrors"
)

// ErrTooLarge is wrapped by ReadAll's error when the object is larger than
// asked for.
var ErrTooLarge = errors.New("object too large")

// credentialHints are what each scheme's credentials are configured with.
var credentialHints = map[string]string{
	"s3":     "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), and AWS_ENDPOINT_URL for a store other than AWS",
	"gs":     "set GOOGLE_APPLICATION_CREDENTIALS or run 'gcloud auth application-default login'",
	"azblob": "set AZURE_STORAGE_ACCOUNT and AZURE_STORAGE_KEY (or the Azure identity variables)",
}

// noCredentialSigns are what the SDKs' errors say when they found no
// credentials at all.
var noCredentialSigns = []string{"get credentials", "failed to retrieve credentials", "no valid providers", "NoCredentialProviders", "could not find default credentials", "DefaultAzureCredential"}

// deniedSigns are the S3 error codes of credentials the server refused
// (gocloud maps only AccessDenied and Forbidden to PermissionDenied;
// versitygw answers an unknown access key with 404 XAdminUserNotFound).
var deniedSigns = []string{"InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidToken", "ExpiredToken", "UserNotFound", "StatusCode: 403"}

// openErr explains why u could not be opened, with what to do.
func openErr(u *url.URL, err error) error {
	where := u.Scheme + "://" + u.Host + u.Path
	hint := credentialHints[u.Scheme]
	msg := err.Error()
	switch {
	case gcerrors.Code(err) == gcerrors.NotFound || errors.Is(err, fs.ErrNotExist) || strings.Contains(msg, "NoSuchBucket"):
		return fmt.Errorf("opening %s: %w: create the bucket (or directory) first, or check its name (%v)", where, ErrBucketNotFound, err)
	case containsAny(msg, noCredentialSigns):
		return fmt.Errorf("opening %s: %w found: %s (%v)", where, ErrNoCredentials, hint, err)
	case gcerrors.Code(err) == gcerrors.PermissionDenied || containsAny(msg, deniedSigns):
		return fmt.Errorf("opening %s: %w: check the credentials (%s) and the bucket's permissions (%v)", where, ErrAccessDenied, hint, err)
	case strings.Contains(msg, "region"):
		return fmt.Errorf("opening %s: %v: set AWS_REGION (any region, such as us-east-1, for most S3-compatible stores)", where, err)
	}
	return fmt.Errorf("opening %s: %w", where, err)
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// opError is an operation on one object that failed. It is
// fs.ErrNotExist when the object (or its bucket) is not there.
type opError struct {
	op, url string
	err     error
}

func (e *opError) Error() string { return e.op + " " + e.url + ": " + e.err.Error() }
func (e *opError) Unwrap() error { return e.err }
func (e *opError) Is(target error) bool {
	return target == fs.ErrNotExist && gcerrors.Code(e.err) == gcerrors.NotFound
}

// wrap wraps err from op on key with the key's URL; nil stays nil.
func (s *Store) wrap(op, key string, err error) error {
	if err == nil {
		return nil
	}
	return &opError{op: op, url: s.KeyURL(key), err: err}
}
