package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/alphanode/postscore/pipeline/objstore"
)

// A run whose OUT is a bucket's URL is made in a local directory, its stage
// (Options.StageDir; by default a folder under the system's temporary
// directory named after OUT), as any local run is: checkpoints, --resume and
// the commit protocol included. Once it is committed there, its files are
// uploaded with objstore.Store.Publish: the bucket's old manifest is
// removed first and the new one uploaded last, so that a reader never finds
// a manifest beside files of another run, and an interrupted upload leaves
// no manifest. The stage is then removed. A shard's run goes to
// OUT/shards/I-of-N/ in the bucket.
//
// merge with a bucket's OUT downloads each shard's files into the stage,
// merges them there, and uploads the merged run the same way.

// stageDir is where a run or merge into the bucket URL out is made: stage
// when given, else a folder of the system's temporary directory named after
// out.
func stageDir(out, stage string) string {
	if stage != "" {
		return stage
	}
	sum := sha256.Sum256([]byte(out))
	return filepath.Join(os.TempDir(), "postscore-stage", hex.EncodeToString(sum[:8]))
}

// OutLocation is where a run into out, of shard s when not nil, is written:
// for messages (a local path, or a bucket's URL without its query).
func OutLocation(out string, s *Shard) string {
	if objstore.IsURL(out) {
		if u, err := url.Parse(out); err == nil {
			u.RawQuery = ""
			if s != nil {
				u.Path = path.Join(u.Path, ShardsDirName, s.String())
			}
			return u.String()
		}
	}
	if s != nil {
		return ShardDir(out, *s)
	}
	return out
}

// runIntoBucket is Run for an OUT that is a bucket's URL.
func runIntoBucket(ctx context.Context, opts Options) (*Manifest, error) {
	store, err := objstore.Open(ctx, opts.Out)
	if err != nil {
		return nil, fmt.Errorf("output %w", err)
	}
	defer store.Close()
	prefix := ""
	if opts.Shard != nil {
		prefix = ShardsDirName + "/" + opts.Shard.String() + "/"
	}
	stage := stageDir(OutLocation(opts.Out, opts.Shard), opts.StageDir)
	local := stage
	if opts.Shard != nil {
		local = ShardDir(stage, *opts.Shard)
	}
	published, err := publishedManifest(ctx, store, prefix)
	switch {
	case err != nil:
		return nil, err
	case published != nil && !opts.Force && !opts.Resume:
		return nil, fmt.Errorf("%w: %s holds a run; pass --force to replace it, or choose another -o", ErrOutputExists, OutLocation(opts.Out, opts.Shard))
	}
	man, err := stagedRun(ctx, opts, stage, local, published)
	if man == nil || man == published { // failed, or complete in the bucket already
		return man, err
	}
	if perr := publishRun(ctx, store, local, prefix, man, published); perr != nil {
		return nil, fmt.Errorf("%w; the run is complete in %s: run the same command with --resume to upload it", perr, local)
	}
	removeStaged(stage, local, man, opts.StageDir == "")
	return man, err
}

// stagedRun makes the run in the stage, or, on --resume, finds it complete
// there (an upload that failed) or, for a shard, in the bucket (published).
func stagedRun(ctx context.Context, opts Options, stage, local string, published *Manifest) (*Manifest, error) {
	if opts.Resume {
		if man, err := ReadManifest(local); err == nil {
			return man, nil
		}
	}
	opts.Out, opts.published = stage, published
	man, err := Run(ctx, opts)
	if err != nil && !errors.Is(err, ErrReports) {
		return nil, fmt.Errorf("%w (the run is staged in %s)", err, stage)
	}
	if man == published {
		opts.notice(fmt.Sprintf("shard %s is complete in the bucket already", opts.Shard))
	}
	return man, err
}

// removeStaged removes a published run's files from the stage, and the
// directories they leave empty up to the stage's, which it removes too when
// it is the default one (other shards' runs may share a stage).
func removeStaged(stage, local string, man *Manifest, ownStage bool) {
	for _, name := range append(fileNames(man), ManifestName) {
		os.Remove(filepath.Join(local, name))
	}
	stage = filepath.Clean(stage)
	for dir := filepath.Clean(local); ; dir = filepath.Dir(dir) {
		if dir == stage && !ownStage || os.Remove(dir) != nil || dir == stage || filepath.Dir(dir) == dir {
			return
		}
	}
}

// publishedManifest is the manifest of the run under prefix in the bucket,
// or nil when there is none.
func publishedManifest(ctx context.Context, store *objstore.Store, prefix string) (*Manifest, error) {
	b, err := store.ReadAll(ctx, prefix+ManifestName, objstore.MaxManifestBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", store.KeyURL(prefix+ManifestName), err)
	}
	return &m, nil
}

// publishRun uploads the run committed in local under prefix, the manifest
// last (objstore.Store.Publish), and removes the files of the run it
// replaces (old, nil when none) that the new one does not have.
func publishRun(ctx context.Context, store *objstore.Store, local, prefix string, man, old *Manifest) error {
	var names []string
	for _, name := range append(fileNames(man), ManifestName) {
		names = append(names, prefix+name)
	}
	root := local
	if prefix != "" {
		root = strings.TrimSuffix(local, filepath.FromSlash(strings.TrimSuffix(prefix, "/")))
	}
	if err := store.Publish(ctx, root, names); err != nil {
		return err
	}
	if old == nil {
		return nil
	}
	for _, name := range fileNames(old) {
		if _, kept := man.File(name); !kept && isRunFileName(name) {
			if err := store.Delete(ctx, prefix+name); err != nil {
				return fmt.Errorf("removing the replaced run's %s: %w", name, err)
			}
		}
	}
	return nil
}

// isRunFileName reports whether name, listed in a manifest, is a file's
// name in its run's directory: not a path, not hidden.
func isRunFileName(name string) bool {
	return name != "" && name == filepath.Base(name) && name == path.Base(name) && !strings.HasPrefix(name, ".")
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// mergeInBucket is Merge for an OUT that is a bucket's URL: the shards'
// files are downloaded into the stage, merged there and uploaded.
func mergeInBucket(ctx context.Context, opts MergeOptions) (*Manifest, error) {
	store, err := objstore.Open(ctx, opts.Out)
	if err != nil {
		return nil, fmt.Errorf("output %w", err)
	}
	defer store.Close()
	published, err := publishedManifest(ctx, store, "")
	if err != nil {
		return nil, err
	}
	if published != nil && !opts.Force {
		return nil, fmt.Errorf("%w: %s holds a merged run already; pass --force to merge again", ErrOutputExists, OutLocation(opts.Out, nil))
	}
	stage, err := mergeStage(opts)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(stage)
	if err := fetchShards(ctx, store, stage); err != nil {
		return nil, err
	}
	remote := opts.Out
	opts.Out, opts.Force = stage, true
	man, err := Merge(ctx, opts)
	if err != nil && !errors.Is(err, ErrReports) {
		return nil, &relocatedError{err: err, msg: strings.ReplaceAll(err.Error(), stage, OutLocation(remote, nil))}
	}
	if perr := publishRun(ctx, store, stage, "", man, published); perr != nil {
		return nil, perr
	}
	return man, err
}

// mergeStage is a new directory of its own in the stage, where a merge of a
// bucket's shards is made (removed when it ends).
func mergeStage(opts MergeOptions) (string, error) {
	parent := stageDir(opts.Out, opts.StageDir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("creating the stage %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, "merge-")
	if err != nil {
		return "", fmt.Errorf("creating a directory in the stage %s: %w", parent, err)
	}
	return dir, nil
}

// fetchShards downloads the runs under shards/ in the bucket into
// stage/shards/, each into its own directory (left empty when the bucket
// has no manifest there: Merge then names the shard incomplete).
func fetchShards(ctx context.Context, store *objstore.Store, stage string) error {
	dirs := map[string]bool{}
	_, err := store.Walk(ctx, func(e objstore.Entry) error {
		rest, ok := strings.CutPrefix(e.Key, ShardsDirName+"/")
		if dir, _, nested := strings.Cut(rest, "/"); ok && nested {
			dirs[dir] = true
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("listing %s: %w", store.KeyURL(ShardsDirName), err)
	}
	for dir := range dirs {
		if err := fetchShard(ctx, store, dir, filepath.Join(stage, ShardsDirName, dir)); err != nil {
			return fmt.Errorf("fetching shard %s: %w", dir, err)
		}
	}
	return nil
}

// fetchShard downloads the run under shards/dir/ in the bucket into local:
// the files its manifest lists, then the manifest.
func fetchShard(ctx context.Context, store *objstore.Store, dir, local string) error {
	if err := os.MkdirAll(local, 0o755); err != nil {
		return err
	}
	prefix := ShardsDirName + "/" + dir + "/"
	man, err := publishedManifest(ctx, store, prefix)
	if err != nil || man == nil {
		return err
	}
	for _, name := range append(fileNames(man), ManifestName) {
		if !isRunFileName(name) {
			return fmt.Errorf("%s lists %q, which is no file of a run", store.KeyURL(prefix+ManifestName), name)
		}
		if err := store.Download(ctx, prefix+name, filepath.Join(local, name)); err != nil {
			return err
		}
	}
	return nil
}

func fileNames(man *Manifest) []string {
	var names []string
	for _, f := range man.Files {
		names = append(names, f.Name)
	}
	return names
}

// relocatedError is err with the stage's paths in its message replaced by
// the bucket's URL.
type relocatedError struct {
	err error
	msg string
}

func (e *relocatedError) Error() string { return e.msg }
func (e *relocatedError) Unwrap() error { return e.err }
