//go:build unix

package datafile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestRead: regular files are read within their bound; a FIFO with no
// writer, a directory and a missing file are refused, and a FIFO does not
// block (the test would hang if it did).
func TestRead(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "reg")
	if err := os.WriteFile(reg, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, tc := range []struct {
		name string
		max  int64
		want error // nil: read "12345"
	}{
		{"reg", 5, nil},
		{"reg", 4, ErrTooLarge},
		{"fifo", 5, ErrNotRegular},
		{".", 5, ErrNotRegular},
		{"missing", 5, os.ErrNotExist},
	} {
		for _, via := range []string{"path", "root"} {
			var b []byte
			var err error
			if via == "path" {
				b, _, err = Read(filepath.Join(dir, tc.name), tc.max)
			} else {
				b, _, err = ReadIn(root, tc.name, tc.max)
			}
			if tc.want == nil {
				if err != nil || string(b) != "12345" {
					t.Errorf("%s via %s: %q, %v", tc.name, via, b, err)
				}
			} else if !errors.Is(err, tc.want) || b != nil {
				t.Errorf("%s via %s: %q, %v; want %v", tc.name, via, b, err, tc.want)
			}
		}
	}
	// The FileInfo of a refused FIFO is returned, so that a poller can tell
	// when it is replaced.
	if _, fi, _ := Read(fifo, 5); fi == nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("FIFO: FileInfo %v", fi)
	}
}
