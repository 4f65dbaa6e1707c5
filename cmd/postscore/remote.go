package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/alphanode/postscore/pipeline/objstore"
)

// runDir is a run directory named on the command line (a RUN to read or
// an OUT to write): a local directory as it is, or a temporary local copy
// of a prefix in object storage (s3://, gs://, azblob://, file://), which
// a command reads and writes as it would a local one; publish then puts
// what it wrote back.
type runDir struct {
	arg   string          // as given
	dir   string          // the local directory the command uses
	store *objstore.Store // nil for a local directory
}

// openRunDir is the run named by arg, to read: a URL's run (its manifest,
// data files, and every file the manifest lists) is downloaded into a
// temporary directory first.
func openRunDir(ctx context.Context, arg string) (*runDir, error) {
	r, err := openOutDir(ctx, arg)
	if err != nil || r.store == nil {
		return r, err
	}
	if err := r.store.FetchRun(ctx, r.dir); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// openOutDir is the directory named by arg, to write: a URL's is an empty
// temporary directory, published by publish.
func openOutDir(ctx context.Context, arg string) (*runDir, error) {
	if !objstore.IsURL(arg) {
		return &runDir{arg: arg, dir: arg}, nil
	}
	st, err := objstore.Open(ctx, arg)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "postscore-run-")
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("a local copy of %s: %w", arg, err)
	}
	return &runDir{arg: arg, dir: tmp, store: st}, nil
}

// Close removes the local copy of a URL's run.
func (r *runDir) Close() {
	if r == nil || r.store == nil {
		return
	}
	r.store.Close()
	os.RemoveAll(r.dir)
}

// publish uploads the named files of the local copy to the URL, the last
// (the manifest, or the main output) last: objstore.Publish. A local
// directory has nothing to publish.
func (r *runDir) publish(ctx context.Context, names []string) error {
	if r.store == nil {
		return nil
	}
	return r.store.Publish(ctx, r.dir, names)
}

// update uploads the named files of the local copy to the URL in order,
// replacing them, without removing the manifest first as publish does: for
// report, which adds files to a run and their stamps to its manifest, so
// that an upload that fails leaves the run with its manifest (report again
// to make its reports match their stamps).
func (r *runDir) update(ctx context.Context, names []string) error {
	if r.store == nil {
		return nil
	}
	for _, name := range names {
		if err := r.store.Upload(ctx, name, filepath.Join(r.dir, name)); err != nil {
			return err
		}
	}
	return nil
}

// name is how messages name the file of the run: its URL, or its path.
func (r *runDir) name(file string) string {
	if r.store != nil {
		return r.store.KeyURL(file)
	}
	return filepath.Join(r.dir, file)
}

// storeErr is the exit error of command for an object storage error: a
// usage mistake when the URL names nothing usable (unknown scheme, missing
// bucket, no run there), a failure otherwise (credentials, network).
func storeErr(command string, err error) error {
	switch {
	case errors.Is(err, objstore.ErrUnsupportedScheme), errors.Is(err, objstore.ErrBucketNotFound), errors.Is(err, objstore.ErrBadURL):
		return usageErr("%s: %v", command, err)
	case errors.Is(err, fs.ErrNotExist):
		return readRunErr(command, err)
	}
	return &exitError{code: exitFailed, msg: fmt.Sprintf("%s: %v", command, err)}
}

// remoteErr is storeErr, or the exit of the signal that stopped the
// transfer.
func remoteErr(sigs *signals, command string, err error) error {
	if sigs.received() {
		return sigs.interrupted(fmt.Sprintf("%s interrupted: %v", command, err))
	}
	return storeErr(command, err)
}

// watchRemote is the context of a command whose arguments are args: when
// one is a URL, SIGINT and SIGTERM cancel it (an upload cancelled leaves
// no object; the command then exits 130 or 143); otherwise they keep
// their default, ending the process, as before object storage.
func watchRemote(parent context.Context, sigs *signals, args ...string) (context.Context, func()) {
	for _, a := range args {
		if objstore.IsURL(a) {
			return sigs.watch(parent)
		}
	}
	return parent, func() {}
}
