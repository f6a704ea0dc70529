package incremental

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"

	"github.com/dashsmith/dashsmith/build"
)

// Salt digests what the look of every page depends on besides the site's
// content and data: the running binary (which embeds the default theme
// and the renderers) and the folders dirs (the site's own layouts/ and
// static/), slash paths inside the site folder site. They are read
// through the site folder's root (build.OpenSite): a link inside the site
// counts as the file it leads to, and a link out of the site is an error
// that names it (*build.Error). Any other file that cannot be read makes
// a salt that matches nothing, so every page is built.
func Salt(site string, dirs ...string) (string, error) {
	h := sha256.New()
	exe, err := os.Executable()
	if err != nil || hashFile(h, exe) != nil {
		return "", nil
	}
	root, err := build.OpenSite(site)
	if err != nil {
		return "", nil
	}
	defer root.Close()
	fsys := root.FS()
	for _, dir := range dirs {
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == dir {
					return fs.SkipDir
				}
				return build.SiteReadError(p, err)
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				fi, err := fs.Stat(fsys, p)
				if err != nil {
					return build.SiteReadError(p, err)
				}
				if !fi.Mode().IsRegular() {
					return nil // a linked folder: not walked, as before
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			io.WriteString(h, p+"\x00")
			f, err := fsys.Open(p)
			if err != nil {
				return build.SiteReadError(p, err)
			}
			defer f.Close()
			_, err = io.Copy(h, f)
			return err
		})
		var outside *build.Error
		if errors.As(err, &outside) {
			return "", err
		}
		if err != nil {
			return "", nil
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hashFile(w io.Writer, p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
