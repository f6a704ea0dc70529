// Package starter writes a new site from a tree of files: dashsmith new
// passes it the starter site the binary embeds.
package starter

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Write copies every file of files (under its top folder, when that is
// all it holds: "starter/") into dir, which must be empty or not exist yet.
// It returns the paths it wrote, slash-separated and relative to dir.
func Write(dir string, files fs.FS) ([]string, error) {
	if err := vacant(dir); err != nil {
		return nil, err
	}
	files = unwrap(files)
	var wrote []string
	err := fs.WalkDir(files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := fs.ReadFile(files, path)
		if err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
		wrote = append(wrote, path)
		return nil
	})
	return wrote, err
}

// vacant refuses a dir that holds anything, or that is a file.
func vacant(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("%s: %w", dir, err)
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty: pick a new folder, so that nothing of yours is overwritten", dir)
	}
	return nil
}

// unwrap returns the one folder files holds, or files.
func unwrap(files fs.FS) fs.FS {
	entries, err := fs.ReadDir(files, ".")
	if err != nil || len(entries) != 1 || !entries[0].IsDir() {
		return files
	}
	sub, err := fs.Sub(files, entries[0].Name())
	if err != nil {
		return files
	}
	return sub
}
