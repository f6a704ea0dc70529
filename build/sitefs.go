package build

import (
	"errors"
	"io/fs"
	"os"
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
	if !LeavesSite(err) {
		return err
	}
	return Errorf(file, 0, "symlink leads outside the site folder (or is absolute); replace it with the file itself, or with a relative link to a file inside the site")
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
