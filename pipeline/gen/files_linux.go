package gen

import (
	"fmt"
	"path/filepath"
	"syscall"
)

// dirWriter creates the files of one directory relative to an open
// descriptor of it: three system calls a file (openat, write, close) and no
// path walk from the root, where os.WriteFile makes four and walks the whole
// path. Creating files is most of what gen costs.
type dirWriter struct {
	dir string
	fd  int
}

func openDirWriter(dir string) (*dirWriter, error) {
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("opening directory %s: %w", dir, err)
	}
	return &dirWriter{dir: dir, fd: fd}, nil
}

// writeFile creates (or truncates) name in the directory and writes data.
func (w *dirWriter) writeFile(name string, data []byte) error {
	var fd int
	var err error
	for {
		fd, err = syscall.Openat(w.fd, name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Join(w.dir, name), err)
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return fmt.Errorf("writing %s: %w", filepath.Join(w.dir, name), err)
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return fmt.Errorf("closing %s: %w", filepath.Join(w.dir, name), err)
	}
	return nil
}

func (w *dirWriter) close() error { return syscall.Close(w.fd) }
