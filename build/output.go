package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// OutputMarker is the hidden file that Write puts in every output folder
// (deploy skips hidden files, so it is never published). Write replaces
// an existing folder only when it holds the marker, or is empty: a folder
// that dashsmith did not write is never deleted.
const OutputMarker = ".dashsmith-output"

// markerText is the marker's content, the same at every build.
const markerText = "This folder is written by dashsmith build, which replaces it whole at\n" +
	"each build. Keep nothing else in it.\n"

// Kept is a path that an output folder must keep clear of: the output
// may not be it, nor hold it, nor (when Inside) lie inside it.
type Kept struct {
	Path   string // a file or folder; relative paths are from the current folder
	What   string // what it is, for errors: "the site folder", "content/"
	Inside bool   // an output inside it is refused too
}

// CheckOutput refuses the output folder out when building there would
// delete or overwrite one of keep: when out is one of them, holds one of
// them, or lies inside one whose Inside is set. Paths are compared both
// as written (symbolic links resolved) and as files on disk, so another
// spelling of the same folder (a link, a case-insensitive disk) is caught.
func CheckOutput(out string, keep []Kept) error {
	o, err := resolve(out)
	if err != nil {
		return err
	}
	for _, k := range keep {
		p, err := resolve(k.Path)
		if err != nil {
			return err
		}
		var how string
		switch {
		case o == p || sameFile(o, p):
			how = "is"
		case within(p, o) || anyAncestor(p, func(a string) bool { return sameFile(o, a) }):
			how = "holds"
		case k.Inside && (within(o, p) || anyAncestor(o, func(a string) bool { return sameFile(a, p) })):
			how = "is inside"
		default:
			continue
		}
		return fmt.Errorf("output folder %s %s %s: a build replaces its output folder whole and would delete it; write the site to a folder of its own, such as public", out, how, k.What)
	}
	return nil
}

// CheckReplace refuses an existing out that dashsmith did not write: a
// file, or a folder with files in it but neither OutputMarker nor any of
// alsoOurs (files that show an older dashsmith wrote it, before the
// marker). A folder that does not exist or is empty may be written.
func CheckReplace(out string, alsoOurs ...string) error {
	fi, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("output folder %s is a file: pick another output folder, or delete the file by hand if you mean to", out)
	}
	if ours(out, alsoOurs) {
		return nil
	}
	return fmt.Errorf("output folder %s was not written by dashsmith (it has files but no %s), so a build will not replace it: pick another output folder, or delete this one by hand if you mean to", out, OutputMarker)
}

// ours reports whether the folder dir is empty or holds OutputMarker or
// one of alsoOurs.
func ours(dir string, alsoOurs []string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && (len(entries) == 0 || built(dir, alsoOurs))
}

// built reports whether the folder dir holds OutputMarker, or one of
// alsoOurs, as a regular file.
func built(dir string, alsoOurs []string) bool {
	for _, name := range append([]string{OutputMarker}, alsoOurs...) {
		if fi, err := os.Lstat(filepath.Join(dir, name)); err == nil && fi.Mode().IsRegular() {
			return true
		}
	}
	return false
}

// removeLeftovers removes the temporary folders that an earlier Write
// into out left beside it when it was killed (.public.tmp-123, and
// .public.tmp-123.old, the previous output on its way out). Only folders
// of that name that are ours (see ours) are removed; a removal that fails
// is left for the next build.
func removeLeftovers(out string, alsoOurs []string) {
	parent, base := filepath.Split(out)
	if parent == "" {
		parent = "."
	}
	pattern := regexp.MustCompile(`^\.` + regexp.QuoteMeta(base) + `\.tmp-[0-9]+(\.old)?$`)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !pattern.MatchString(e.Name()) {
			continue // a link or a file is never ours
		}
		dir := filepath.Join(parent, e.Name())
		if ours(dir, alsoOurs) {
			_ = os.RemoveAll(dir)
		}
	}
}

// resolve returns p absolute, clean, with the symbolic links of its
// longest existing part resolved.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest), nil
		}
		if dir == filepath.Dir(dir) {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// within reports whether p lies strictly inside dir; both are resolved.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// anyAncestor reports whether fn holds for a folder strictly above p.
func anyAncestor(p string, fn func(string) bool) bool {
	for dir := filepath.Dir(p); ; dir = filepath.Dir(dir) {
		if fn(dir) {
			return true
		}
		if dir == filepath.Dir(dir) {
			return false
		}
	}
}

// sameFile reports whether a and b both exist and are the same file.
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}
