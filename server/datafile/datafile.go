// Package datafile reads the files the server keeps in its data and web
// folders: regular files only, of bounded size. Anything else found at a
// path (a FIFO, a socket, a device, a directory) is refused without a
// blocking open: opening a FIFO for reading waits for a writer, and the
// reader would hang with whatever lock it holds (the bundle reload's), and
// so would everything waiting on that lock, shutdown included.
package datafile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is returned for a path that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is returned for a file larger than the bound given.
var ErrTooLarge = errors.New("file too large")

// Read reads the regular file at path, of at most max bytes. It also
// returns the file's FileInfo (that of what was found, even when refused),
// nil if the path could not be examined.
func Read(path string, max int64) ([]byte, os.FileInfo, error) {
	return read(path, max, os.Stat, func(name string) (*os.File, error) {
		return os.OpenFile(name, os.O_RDONLY|openFlags, 0)
	})
}

// ReadIn is Read for a file under root (a web folder opened with
// os.OpenRoot), so that no symbolic link leads out of it.
func ReadIn(root *os.Root, name string, max int64) ([]byte, os.FileInfo, error) {
	return read(name, max, root.Stat, func(name string) (*os.File, error) {
		return root.OpenFile(name, os.O_RDONLY|openFlags, 0)
	})
}

func read(path string, max int64, stat func(string) (fs.FileInfo, error), open func(string) (*os.File, error)) ([]byte, os.FileInfo, error) {
	fi, err := stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fi, fmt.Errorf("%s: %w", path, ErrNotRegular)
	}
	// Non-blocking, in case the path was swapped for a FIFO since the Stat.
	f, err := open(path)
	if err != nil {
		return nil, fi, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fi, fmt.Errorf("%s: %w", path, ErrNotRegular)
	}
	if fi.Size() > max {
		return nil, fi, fmt.Errorf("%s: %d bytes, more than the %d allowed: %w", path, fi.Size(), max, ErrTooLarge)
	}
	body, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fi, err
	}
	if int64(len(body)) > max {
		return nil, fi, fmt.Errorf("%s: more than the %d bytes allowed: %w", path, max, ErrTooLarge)
	}
	return body, fi, nil
}
