package build

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
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
	w, err := NewOutputDir(out, alsoOurs...)
	if err != nil {
		return err
	}
	defer w.Close()
	return w.Commit(s)
}

// OutputDir is Write in two steps, for a build that writes pages as they are
// finished (it is a PageSink: set it as Site.Output): NewOutputDir makes the
// temporary folder, Put writes one page and its files into it and lets
// them go, and Commit writes what is left (pages not put, the site's
// other files) and puts the folder in out's place. Close, after a failed
// build, removes the temporary folder and leaves out as it was.
type OutputDir struct {
	out, tmp string
	mu       sync.Mutex
	dirs     map[string]bool   // folders made in tmp
	owners   map[string]string // files written, by the page (Source) or "" for a site file
	put      map[*Page]bool    // pages written by Put
	done     bool
}

// NewOutputDir checks that out may be replaced (see CheckReplace), removes
// the leftovers of a killed write and makes the temporary folder.
func NewOutputDir(out string, alsoOurs ...string) (*OutputDir, error) {
	out = filepath.Clean(out)
	if err := CheckReplace(out, alsoOurs...); err != nil {
		return nil, err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeLeftovers(out, alsoOurs)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, OutputMarker), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &OutputDir{out: out, tmp: tmp, dirs: map[string]bool{".": true}, owners: map[string]string{OutputMarker: ""}, put: map[*Page]bool{}}, nil
}

// Files is how many files the writer has written, its marker left out.
func (w *OutputDir) Files() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.owners) - 1
}

// Put implements PageSink: it writes p's HTML and its files (Page.Files,
// taken out of s.Files), and lets go of them and of p's data.
func (w *OutputDir) Put(s *Site, p *Page) error {
	if p.Kept {
		return w.keep(p)
	}
	files := s.TakeFiles(p.Files)
	files[p.OutputPath()] = p.Body
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	if err := w.claim(p.Source, names); err != nil {
		return err
	}
	for _, name := range names {
		if err := writeFile(filepath.Join(w.tmp, filepath.FromSlash(name)), filepath.Join(w.out, filepath.FromSlash(name)), files[name]); err != nil {
			return err
		}
	}
	w.mu.Lock()
	w.put[p] = true
	w.mu.Unlock()
	p.Body, p.Data = nil, nil
	return nil
}

// keep links a kept page's HTML and files from the output folder being
// replaced into the new one (copies them where a link cannot be made).
func (w *OutputDir) keep(p *Page) error {
	names := append([]string{p.OutputPath()}, p.Files...)
	if err := w.claim(p.Source, names); err != nil {
		return err
	}
	for _, name := range names {
		old, dst := filepath.Join(w.out, filepath.FromSlash(name)), filepath.Join(w.tmp, filepath.FromSlash(name))
		if fi, err := os.Lstat(old); err != nil || !fi.Mode().IsRegular() {
			return fmt.Errorf("write: %s: keep %s from the last build: not a file there any more", p.Source, name)
		}
		if os.Link(old, dst) == nil {
			continue
		}
		data, err := os.ReadFile(old)
		if err != nil {
			return fmt.Errorf("write: %s: keep %s from the last build: %w", p.Source, name, err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
	}
	w.mu.Lock()
	w.put[p] = true
	w.mu.Unlock()
	return nil
}

// claim checks that names are paths inside the output that no other
// page or file wrote, records them as owner's and makes their folders.
func (w *OutputDir) claim(owner string, names []string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, name := range names {
		if err := checkOutputPath(name); err != nil {
			return err
		}
		if other, dup := w.owners[name]; dup {
			if other == "" {
				other = "a file of the site"
			}
			return fmt.Errorf("write: %s and %s both write %s", owner, other, name)
		}
		w.owners[name] = owner
		if dir := path.Dir(name); !w.dirs[dir] {
			if err := os.MkdirAll(filepath.Join(w.tmp, filepath.FromSlash(dir)), 0o755); err != nil {
				return err
			}
			w.dirs[dir] = true
		}
	}
	return nil
}

// Commit writes the pages Put did not and the site's files, then puts
// the folder in out's place.
func (w *OutputDir) Commit(s *Site) error {
	files := map[string][]byte{}
	owners := map[string]string{}
	for name, data := range s.Files {
		if name != OutputMarker { // the writer's own, written already
			files[name], owners[name] = data, ""
		}
	}
	for _, p := range s.Pages {
		if w.put[p] {
			continue
		}
		if p.Kept {
			if err := w.keep(p); err != nil {
				return err
			}
			continue
		}
		if _, dup := files[p.OutputPath()]; dup {
			return fmt.Errorf("write: %s and another file both write %s", p.Source, p.OutputPath())
		}
		files[p.OutputPath()], owners[p.OutputPath()] = p.Body, p.Source
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := w.claim(owners[name], []string{name}); err != nil {
			return err
		}
	}
	if err := writeFiles(w.tmp, w.out, names, files); err != nil {
		return err
	}
	if err := os.Chmod(w.tmp, 0o755); err != nil {
		return err
	}
	if err := replaceDir(w.tmp, w.out); err != nil {
		return err
	}
	w.done = true
	return nil
}

// Close removes the temporary folder unless Commit put it in place.
func (w *OutputDir) Close() error {
	if w.done {
		return nil
	}
	return os.RemoveAll(w.tmp)
}

var _ PageSink = (*OutputDir)(nil)

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
