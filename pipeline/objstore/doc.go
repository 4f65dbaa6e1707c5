// Package objstore reads and writes postscore's inputs and outputs in object
// storage through gocloud.dev/blob, one portable library for every store:
//
//	s3://bucket/prefix       Amazon S3 or any S3-compatible store (MinIO, Ceph, versitygw, R2, ...)
//	gs://bucket/prefix       Google Cloud Storage (Application Default Credentials)
//	azblob://container/pfx   Azure Blob Storage (AZURE_STORAGE_ACCOUNT and the usual Azure credentials)
//	file:///abs/dir          a local directory through the same code (the directory must exist)
//	mem://name/prefix        an in-memory bucket, empty at each Open (tests)
//
// A Store is a bucket and a key prefix. Keys given to and returned by a
// Store are relative to its prefix and "/"-separated.
//
// # S3 configuration
//
// The AWS SDK's usual sources configure s3:// URLs: AWS_REGION,
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE,
// ~/.aws/config and ~/.aws/credentials, AWS_ENDPOINT_URL and
// AWS_ENDPOINT_URL_S3 (or endpoint_url in the profile), and the query
// parameters gocloud's s3blob knows (region, endpoint, profile,
// use_path_style, ...; see https://pkg.go.dev/gocloud.dev/blob/s3blob#URLOpener).
//
// Path-style addressing: when an endpoint is configured (the URL's
// endpoint parameter, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, or the
// profile's endpoint_url), Open asks for path-style requests
// (http://host/bucket/key), which every S3-compatible server answers,
// rather than virtual-host style (http://bucket.host/key), which needs a
// DNS name per bucket. The URL's own use_path_style=false (or
// s3ForcePathStyle) wins, for a custom endpoint that wants virtual hosts.
// Without an endpoint (AWS itself) the SDK's default is kept. Likewise, with
// an endpoint and no region anywhere (URL, AWS_REGION, profile), the region
// is us-east-1: the SDK will not sign a request without one, and
// S3-compatible stores accept any.
//
// # file:// URLs
//
// file:// URLs are served by fileblob, which is told not to write its
// ".attrs" sidecar files (metadata=skip) and to stage a write next to its
// target (no_tmp_dir), so that the final rename never crosses devices.
// fileblob hides files whose names end in ".attrs"; point postscore at a
// local path rather than a file:// URL to read a corpus that has such files.
//
// # Walk order
//
// Walk visits objects in the order of postscore's local directory walker:
// depth first, each "directory" level sorted by name in byte order, a
// directory compared by its name without the trailing "/". Thus "a/x" comes
// before "a.txt", although a flat S3 listing puts "a.txt" first ("." sorts
// before "/"). Names starting with "." are skipped and counted (a hidden
// directory counts once). An object and a "directory" of the same name
// (possible in S3, not on a disk) are both visited, the object first.
// Directory marker objects (keys ending in "/") are not visited.
package objstore
