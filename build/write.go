package build

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
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
	for _, name := range names {
		if err := checkOutputPath(name); err != nil {
			return err
		}
		dst := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, files[name], 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	return replaceDir(tmp, out)
}

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
