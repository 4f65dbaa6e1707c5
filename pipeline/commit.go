package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
)

// A run's final files are committed in three steps, so that OUT never
// holds the files of two runs without saying so, and a kill at any moment
// leaves either the old complete run, the new complete run, or a run that
// --resume (or any later score into OUT) completes:
//
//  1. Stage. scores.parquet, errors.parquet and the reports are written and
//     synced in OUT/.postscore-work/final/, with the new manifest.json beside
//     them listing each file's size and sha256.
//  2. Decide. state.json records the phase "publish" and the staged
//     manifest's stamp (synced). From here on the run is complete: what is
//     left is to put its files in place.
//  3. Publish. The old manifest.json is set aside into the work directory
//     first, so that while files are swapped OUT holds no manifest and no
//     reader takes it for a complete run; the old run's files that the new
//     one does not have are removed (the set-aside manifest lists them);
//     each staged file is renamed into OUT; the manifest is renamed last;
//     then the work directory is removed.
//
// Publishing again after a kill is safe: a manifest in OUT with the staged
// stamp means the run is in place; a staged file that is gone was renamed
// already, and is checked in OUT against the staged manifest.

// stageDirName is the folder under the work directory where final files are
// staged.
const stageDirName = "final"

// phasePublish is the state's phase once every final file is staged.
const phasePublish = "publish"

// FileStamp is one final file as the manifest records it.
type FileStamp struct {
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// UnmarshalJSON also reads a manifest written before files carried stamps,
// where each file is its name alone.
func (f *FileStamp) UnmarshalJSON(b []byte) error {
	var name string
	if json.Unmarshal(b, &name) == nil {
		*f = FileStamp{Name: name}
		return nil
	}
	type plain FileStamp
	return json.Unmarshal(b, (*plain)(f))
}

// legacyReportNames are the reports a manifest without stamps did not list:
// a run over such a run removes them with its other files.
var legacyReportNames = []string{"report.md", "report.html", "report.json"}

// replacedName is where publish sets the old run's manifest aside.
const replacedName = "replaced-manifest.json"

// publish puts the staged run in place (step 3). It is idempotent.
func publish(out, work string, st *runState) error {
	stage := filepath.Join(work, stageDirName)
	current := filepath.Join(out, ManifestName)
	replaced := filepath.Join(work, replacedName)
	if stamp, err := stampFile(current); err == nil {
		if stamp.Bytes == st.Staged.Bytes && stamp.SHA256 == st.Staged.SHA256 {
			return nil // an earlier publish got to the end
		}
		if err := os.Rename(current, replaced); err != nil {
			return fmt.Errorf("setting the previous run's %s aside: %w", ManifestName, err)
		}
	}
	crashAt("publish-old-manifest-set-aside")
	staged, err := readManifestFile(filepath.Join(stage, ManifestName))
	if err != nil {
		return fmt.Errorf("the staged run in %s: %w; start over with --force", stage, err)
	}
	if old, err := readManifestFile(replaced); err == nil {
		if err := removeOldFiles(out, old, staged); err != nil {
			return err
		}
	}
	crashAt("publish-old-files-removed")
	for _, f := range staged.Files {
		if err := moveStaged(stage, out, f); err != nil {
			return err
		}
		crashAt("publish-" + f.Name)
	}
	if err := syncDir(out); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(stage, ManifestName), current); err != nil {
		return fmt.Errorf("putting %s in place: %w", ManifestName, err)
	}
	if err := syncDir(out); err != nil {
		return err
	}
	crashAt("publish-done")
	return nil
}

// removeOldFiles removes the files of the old run that the new run does not
// replace.
func removeOldFiles(out string, old, staged *Manifest) error {
	names := make([]string, 0, len(old.Files)+len(legacyReportNames))
	legacy := false
	for _, f := range old.Files {
		names = append(names, f.Name)
		legacy = legacy || f.SHA256 == ""
	}
	if legacy {
		names = append(names, legacyReportNames...)
	}
	for _, name := range names {
		if _, replaced := staged.File(name); replaced || name == ManifestName || filepath.Base(name) != name || name == "." || name == ".." {
			continue
		}
		if err := removeIfExists(filepath.Join(out, name)); err != nil {
			return err
		}
	}
	return nil
}

// moveStaged renames one staged file into OUT; when it is no longer staged
// (an earlier publish moved it), the file in OUT must be the staged one.
func moveStaged(stage, out string, f FileStamp) error {
	src, dst := filepath.Join(stage, f.Name), filepath.Join(out, f.Name)
	err := os.Rename(src, dst)
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		if err != nil {
			return fmt.Errorf("putting %s in place: %w", f.Name, err)
		}
		return nil
	}
	got, err := stampFile(dst)
	if err != nil || got != f {
		return fmt.Errorf("%s is neither staged nor the staged file in place (%v); start over with --force", f.Name, err)
	}
	return nil
}

// recoverCommit completes a commit that a killed run left in the publish
// phase, so that OUT holds that run whole. It returns that run's state, or
// nil when there was none.
func recoverCommit(out, work string) (*runState, error) {
	st, err := readState(work)
	if err != nil || st.Phase != phasePublish {
		return nil, nil
	}
	if err := publish(out, work, st); err != nil {
		return nil, fmt.Errorf("completing the run interrupted while its files were put in place: %w", err)
	}
	if err := os.RemoveAll(work); err != nil {
		return nil, fmt.Errorf("removing %s: %w", work, err)
	}
	return st, nil
}

func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("removing %s: %w", path, err)
	}
	return nil
}

// syncDir makes the renames in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}

// stampFile reads a file whole for its size and sha256.
func stampFile(path string) (FileStamp, error) {
	f, err := os.Open(path)
	if err != nil {
		return FileStamp{}, err
	}
	defer f.Close()
	sum := sha256.New()
	n, err := io.Copy(sum, f)
	if err != nil {
		return FileStamp{}, fmt.Errorf("reading %s: %w", path, err)
	}
	return FileStamp{Name: filepath.Base(path), Bytes: n, SHA256: hex.EncodeToString(sum.Sum(nil))}, nil
}
