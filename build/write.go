package build

import (
	"bytes"
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
// A file whose bytes are those of the same file in the previous out is
// hard-linked from there instead of written again (creating and writing a
// file costs far more than a link on most disks); once the old out is
// removed, every file has one name again.
//
// Every output holds OutputMarker, and an existing out is replaced only
// when it is empty or holds the marker or one of alsoOurs (see
// CheckReplace). The temporary folders of an earlier Write into out that
// was killed are removed first (only those that carry the marker).
func Write(s *Site, out string, alsoOurs ...string) error {
	out = filepath.Clean(out)
	if err := CheckReplace(out, alsoOurs...); err != nil {
		return err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeLeftovers(out, alsoOurs)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // a no-op after the rename
	// The marker goes first: a folder left by a kill is known as ours.
	if err := os.WriteFile(filepath.Join(tmp, OutputMarker), []byte(markerText), 0o644); err != nil {
		return err
	}

	files := map[string][]byte{}
	for name, data := range s.Files {
		files[name] = data
	}
	delete(files, OutputMarker) // Write's own, written above
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
	if err := writeFiles(tmp, out, names, files); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	return replaceDir(tmp, out)
}

// writeFiles writes the files under dir, whose folders exist, a few at a
// time: a site of a thousand dashboards is some ten thousand files, and
// file systems take them faster side by side. A file that prev holds with
// the same bytes is linked from there. It returns the first error.
func writeFiles(dir, prev string, names []string, files map[string][]byte) error {
	var next atomic.Int64
	errs := make(chan error, writers)
	for range writers {
		go func() {
			for i := int(next.Add(1)) - 1; i < len(names); i = int(next.Add(1)) - 1 {
				name := filepath.FromSlash(names[i])
				if err := writeFile(filepath.Join(dir, name), filepath.Join(prev, name), files[names[i]]); err != nil {
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

// writeFile writes data to dst, or links dst to old when old is a regular
// file that holds data already.
func writeFile(dst, old string, data []byte) error {
	if fi, err := os.Lstat(old); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm() == 0o644 && fi.Size() == int64(len(data)) {
		if same, err := os.ReadFile(old); err == nil && bytes.Equal(same, data) && os.Link(old, dst) == nil {
			return nil
		}
	}
	return os.WriteFile(dst, data, 0o644)
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
