package objstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"os"
	"path"
	"path/filepath"
	"slices"

	"gocloud.dev/blob"
)

// Upload streams the file at localPath to key. The object appears only
// when the whole file is written: gocloud's Writer commits the object in
// Close (a single PUT sent, or a multipart upload completed, or fileblob's
// temp file renamed), and a Writer whose ctx is cancelled before Close
// aborts instead (the multipart upload is aborted, the PUT never
// completes, the temp file is removed). So on a read error the ctx is
// cancelled before Close, and any previous object stays as it was.
func (s *Store) Upload(ctx context.Context, key, localPath string) error {
	f, err := os.Open(localPath)
	if err != nil {
		return fmt.Errorf("uploading to %s: %w", s.KeyURL(key), err)
	}
	defer f.Close()
	return s.uploadFrom(ctx, key, f)
}

// uploadFrom streams r to key, committing only if all of r was read.
func (s *Store) uploadFrom(ctx context.Context, key string, r io.Reader) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	opts := &blob.WriterOptions{ContentType: contentType(key)}
	w, err := s.b.NewWriter(ctx, s.full(key), opts)
	if err != nil {
		return s.wrap("uploading to", key, err)
	}
	if _, err := io.Copy(w, r); err != nil {
		cancel() // abort: Close must not commit a part of the file
		_ = w.Close()
		return s.wrap("uploading to", key, err)
	}
	return s.wrap("uploading to", key, w.Close())
}

// contentType is the MIME type of key's extension (the type a browser
// opening report.html needs), or a neutral one.
func contentType(key string) string {
	if t := mime.TypeByExtension(path.Ext(key)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Download copies key to localPath, through a temp file beside it that is
// renamed when complete: localPath is the whole object or what it was.
func (s *Store) Download(ctx context.Context, key, localPath string) (err error) {
	r, err := s.NewReader(ctx, key, 0, -1)
	if err != nil {
		return err
	}
	defer r.Close()
	tmp, err := os.CreateTemp(filepath.Dir(localPath), "."+filepath.Base(localPath)+".*.part")
	if err != nil {
		return fmt.Errorf("downloading %s: %w", s.KeyURL(key), err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := io.Copy(tmp, r); err != nil {
		return fmt.Errorf("downloading %s to %s: %w", s.KeyURL(key), localPath, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("downloading %s to %s: %w", s.KeyURL(key), localPath, err)
	}
	if err := os.Rename(tmp.Name(), localPath); err != nil {
		return fmt.Errorf("downloading %s: %w", s.KeyURL(key), err)
	}
	return nil
}

// Publish uploads the named files of localDir under the prefix so that no
// reader ever sees a manifest that names files not yet there: it deletes
// the old manifest object (names[len-1]) first, uploads the others, then
// the manifest last. A reader that finds no manifest sees no run (as a
// local OUT without manifest.json is no finished run); an interrupted
// Publish leaves no manifest, never a stale one beside new files.
func (s *Store) Publish(ctx context.Context, localDir string, names []string) error {
	if len(names) == 0 {
		return fmt.Errorf("publishing to %s: no files named", s.url)
	}
	manifest := names[len(names)-1]
	if err := s.Delete(ctx, manifest); err != nil {
		return fmt.Errorf("publishing to %s: %w", s.url, err)
	}
	for _, name := range names {
		if err := s.Upload(ctx, name, filepath.Join(localDir, filepath.FromSlash(name))); err != nil {
			return fmt.Errorf("publishing to %s: %w", s.url, err)
		}
	}
	return nil
}

// Names of a run's files, as the pipeline writes them (the pipeline
// imports this package, so it cannot be asked).
const (
	ManifestName = "manifest.json"
	ScoresName   = "scores.parquet"
	ErrorsName   = "errors.parquet"
)

// MaxManifestBytes bounds the manifest FetchRun reads into memory.
const MaxManifestBytes = 64 << 20

// ErrRunChanged is wrapped by FetchRun's error when the run's manifest was
// replaced while its files were being downloaded.
var ErrRunChanged = errors.New("the run changed while it was being downloaded")

// FetchRun downloads a run's manifest.json, scores.parquet, errors.parquet,
// every other file its manifest lists ("files": [{"name": ...}]) and the
// extra names a caller gives, from the store into localDir (which must
// exist). The manifest is read first and written last; if it changed
// meanwhile (another run was published there), the error wraps
// ErrRunChanged: the files may be of two runs.
func (s *Store) FetchRun(ctx context.Context, localDir string, extra ...string) error {
	man, err := s.ReadAll(ctx, ManifestName, MaxManifestBytes)
	if err != nil {
		return fmt.Errorf("fetching the run at %s: %w", s.url, err)
	}
	names, err := runFiles(man, extra)
	if err != nil {
		return fmt.Errorf("fetching the run at %s: %s: %w", s.url, ManifestName, err)
	}
	for _, name := range names {
		if err := s.Download(ctx, name, filepath.Join(localDir, name)); err != nil {
			return fmt.Errorf("fetching the run at %s: %w", s.url, err)
		}
	}
	again, err := s.ReadAll(ctx, ManifestName, MaxManifestBytes)
	if err != nil || string(again) != string(man) {
		return fmt.Errorf("fetching the run at %s: %w; try again when it is complete", s.url, ErrRunChanged)
	}
	if err := os.WriteFile(filepath.Join(localDir, ManifestName), man, 0o644); err != nil {
		return fmt.Errorf("fetching the run at %s: %w", s.url, err)
	}
	return nil
}

// runFiles are the files of a run to download: the data files, those the
// manifest lists, and extra, each once. A listed name must be a plain file
// name (no directory, not hidden): a manifest is input, and must not make
// FetchRun write outside localDir.
func runFiles(manifest []byte, extra []string) ([]string, error) {
	var m struct {
		Files []struct {
			Name string `json:"name"`
		} `json:"files"`
	}
	if err := json.Unmarshal(manifest, &m); err != nil {
		return nil, fmt.Errorf("not a run's manifest: %w", err)
	}
	names := []string{ScoresName, ErrorsName}
	for _, f := range m.Files {
		names = append(names, f.Name)
	}
	names = append(names, extra...)
	var out []string
	for _, n := range names {
		if n == "" || n == ManifestName || slices.Contains(out, n) {
			continue
		}
		if filepath.Base(n) != n || n[0] == '.' || !fs.ValidPath(n) {
			return nil, fmt.Errorf("lists %q, which is not a file name of a run", n)
		}
		out = append(out, n)
	}
	return out, nil
}

// UploadDir uploads every regular file under localDir to prefix+its path
// relative to localDir ("/"-separated; prefix "" or ending in "/"),
// hidden files too.
func (s *Store) UploadDir(ctx context.Context, localDir, prefix string) error {
	return filepath.WalkDir(localDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(localDir, p)
		if err != nil {
			return err
		}
		return s.Upload(ctx, prefix+filepath.ToSlash(rel), p)
	})
}
