package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// OpenSite opens the site folder dir ("" is the current folder) as an
// os.Root. Everything a build reads from the site (content/, layouts/,
// static/, the config) is read through it, so a symbolic link that leads
// outside the folder, or an absolute one, cannot be followed: nothing
// outside the site is ever read, however its files were committed. Links
// that stay inside the folder, written relative, work as usual.
func OpenSite(dir string) (*os.Root, error) {
	if dir == "" {
		dir = "."
	}
	return os.OpenRoot(dir)
}

// SiteReadError returns err, from reading file (a slash path relative to
// the site folder) through the site's root, as an *Error that names the
// file and says the fix when the file is a link out of the site; any other
// error is returned as it is.
func SiteReadError(file string, err error) error {
	if errors.Is(err, ErrHiddenTarget) {
		return Errorf(file, 0, "symlink leads into a hidden file or folder of the site (.git/, .dashsmith/, .env, ...), which hold credentials and the store, never dashboards; replace it with the file itself")
	}
	if !LeavesSite(err) {
		return err
	}
	return Errorf(file, 0, "symlink leads outside the site folder (or is absolute); replace it with the file itself, or with a relative link to a file inside the site")
}

// ErrHiddenTarget is ReadSiteFile's refusal of a link into a hidden part
// of the site.
var ErrHiddenTarget = errors.New("link into a hidden part of the site")

// ReadSiteFile reads the file name (relative to root) through root, and
// refuses, with ErrHiddenTarget, a file that is reached through a link
// into a hidden file or folder of the site: the site folder is often the
// repository's root, and its .git/config holds CI's token, .dashsmith/ the
// store, .env secrets. Such a link stays inside the site, so os.Root
// alone would follow it. A name that is itself hidden is the caller's
// business (content/ and layouts/ skip them).
func ReadSiteFile(root *os.Root, name string) ([]byte, error) {
	if hiddenTarget(root.Name(), name) {
		return nil, &fs.PathError{Op: "read", Path: filepath.ToSlash(name), Err: ErrHiddenTarget}
	}
	return root.ReadFile(name)
}

// hiddenTarget reports whether name, under the folder top, resolves to a
// path inside top that has a hidden part. A path that does not resolve,
// or resolves outside top, is left to os.Root to refuse.
func hiddenTarget(top, name string) bool {
	if hidden(filepath.ToSlash(name)) {
		return false // asked for by name, not reached through a link
	}
	real, err := filepath.EvalSymlinks(filepath.Join(top, name))
	if err != nil {
		return false
	}
	base, err := filepath.EvalSymlinks(top)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(base, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	return hidden(filepath.ToSlash(rel))
}

// hidden reports whether a slash path has a part that starts with a dot.
func hidden(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return true
		}
	}
	return false
}

// LeavesSite reports whether err is os.Root's refusal of a path that
// leads outside the root. The os package does not export that error, so
// it is told by its text; a test of this package pins it.
func LeavesSite(err error) bool {
	var pe *fs.PathError
	for errors.As(err, &pe) {
		if pe.Err.Error() == escapeText {
			return true
		}
		err = pe.Err
	}
	return false
}

// escapeText is the text of os.Root's error for a path that escapes it.
const escapeText = "path escapes from parent"
