package build

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
)

// Write writes the site's pages and files into the folder out, atomically:
// everything goes to a temporary folder beside out, which replaces out only
// when every file is written. A failed write leaves the previous out as it was.
func Write(s *Site, out string) error {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // a no-op after the rename

	files := map[string][]byte{}
	for name, data := range s.Files {
		files[name] = data
	}
	for _, p := range s.Pages {
		if _, dup := files[p.OutputPath()]; dup {
			return fmt.Errorf("write: %s and another file both write %s", p.Source, p.OutputPath())
		}
		files[p.OutputPath()] = p.Body
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	made := map[string]bool{}
	for _, name := range names {
		if err := checkOutputPath(name); err != nil {
			return err
		}
		if dir := path.Dir(name); !made[dir] {
			if err := os.MkdirAll(filepath.Join(tmp, filepath.FromSlash(dir)), 0o755); err != nil {
				return err
			}
			made[dir] = true
		}
	}
	if err := writeFiles(tmp, names, files); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	return replaceDir(tmp, out)
}

// writeFiles writes the files under dir, whose folders exist, a few at a
// time: a site of a thousand dashboards is some ten thousand files, and
// file systems take them faster side by side. It returns the first error.
func writeFiles(dir string, names []string, files map[string][]byte) error {
	var next atomic.Int64
	errs := make(chan error, writers)
	for range writers {
		go func() {
			for i := int(next.Add(1)) - 1; i < len(names); i = int(next.Add(1)) - 1 {
				name := names[i]
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), files[name], 0o644); err != nil {
					next.Store(int64(len(names))) // the others stop too
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	var first error
	for range writers {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// writers is how many files Write writes at once.
const writers = 8

// replaceDir renames tmp over out, keeping the old out until the new one is
// in place.
func replaceDir(tmp, out string) error {
	old := ""
	if _, err := os.Stat(out); err == nil {
		old = tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			_ = os.Rename(old, out)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// checkOutputPath refuses names that would escape the output folder.
func checkOutputPath(name string) error {
	clean := path.Clean(name)
	if name == "" || clean != name || path.IsAbs(name) || clean == ".." || strings.HasPrefix(clean, "../") || strings.ContainsRune(name, '\\') {
		return fmt.Errorf("write: refusing output path %q outside the output folder", name)
	}
	return nil
}
