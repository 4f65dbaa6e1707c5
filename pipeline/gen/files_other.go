//go:build !linux

package gen

import (
	"os"
	"path/filepath"
)

// dirWriter creates the files of one directory.
type dirWriter struct{ dir string }

func openDirWriter(dir string) (*dirWriter, error) { return &dirWriter{dir: dir}, nil }

func (w *dirWriter) writeFile(name string, data []byte) error {
	return os.WriteFile(filepath.Join(w.dir, name), data, 0o644)
}

func (w *dirWriter) close() error { return nil }
