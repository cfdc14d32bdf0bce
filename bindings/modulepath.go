package bindings

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// modulePath is the file require loads for the module name (dots are folders) in
// the folder dir: its path as named in messages, and the real one to read, with
// every symlink resolved. A module must lie inside dir once
// links are followed (lib -> ../elsewhere does not take require out of the
// script's folder) and be a regular file (not a FIFO or a device).
func modulePath(dir, name string) (path, real string, err error) {
	path = filepath.Join(dir, filepath.FromSlash(strings.ReplaceAll(name, ".", "/"))+".lua")
	notFound := func(why string) error {
		return fmt.Errorf("module '%s' not found: %s (modules come from the script's folder)", name, why)
	}
	root, err := realPath(dir)
	if err != nil {
		return "", "", notFound(err.Error())
	}
	real, err = realPath(path)
	if err != nil {
		return "", "", notFound("no file " + path)
	}
	if rel, err := filepath.Rel(root, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", "", notFound(fmt.Sprintf("%s leads to %s, outside the script's folder", path, real))
	}
	info, err := os.Stat(real)
	if err != nil {
		return "", "", notFound("no file " + path)
	}
	if !info.Mode().IsRegular() {
		return "", "", notFound(path + " is not a regular file")
	}
	return path, real, nil
}

// realPath is path made absolute, with every symlink in it resolved.
func realPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}
