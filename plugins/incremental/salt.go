package incremental

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Salt digests what the look of every page depends on besides the site's
// content and data: the running binary (which embeds the default theme
// and the renderers) and the site's own layouts/ and static/ folders. A
// file that cannot be read makes a salt that matches nothing, so every
// page is built.
func Salt(dirs ...string) string {
	h := sha256.New()
	exe, err := os.Executable()
	if err != nil || hashFile(h, exe) != nil {
		return ""
	}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) && p == dir {
					return filepath.SkipDir
				}
				return err
			}
			if !d.Type().IsRegular() {
				return nil
			}
			io.WriteString(h, filepath.ToSlash(p)+"\x00")
			return hashFile(h, p)
		})
		if err != nil {
			return ""
		}
	}
	return hex.EncodeToString(h.Sum(nil))
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
