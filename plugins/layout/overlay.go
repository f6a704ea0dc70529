package layout

import (
	"errors"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// file is one template and where it came from, for error messages.
type file struct {
	text string
	from string // "" for the theme, " (in the site's layouts/)" for the site
}

// overlay reads every .html file of the theme, then of the layouts/
// folder of the site folder siteDir (when it exists), a site file
// replacing the theme file of the same slash path. The site's files are
// read through the site folder's root (build.OpenSite): a layout that is a
// link out of the site is an error that names it, and is not read.
func overlay(theme fs.FS, siteDir string) (map[string]file, error) {
	files := map[string]file{}
	if theme != nil {
		load := func(p string) ([]byte, error) { return fs.ReadFile(theme, p) }
		if err := read(theme, load, "", "", files); err != nil {
			return nil, err
		}
	}
	root, err := build.OpenSite(siteDir)
	if errors.Is(err, fs.ErrNotExist) {
		return files, nil
	}
	if err != nil {
		return nil, err
	}
	defer root.Close()
	if _, err := root.Stat("layouts"); err == nil {
		site, err := fs.Sub(root.FS(), "layouts")
		if err != nil {
			return nil, err
		}
		load := func(p string) ([]byte, error) {
			return build.ReadSiteFile(root, filepath.Join("layouts", filepath.FromSlash(p)))
		}
		if err := read(site, load, "layouts/", " (in the site's layouts/)", files); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, build.SiteReadError("layouts", err)
	}
	return files, nil
}

// read adds every .html file of fsys, read with load, to files. dir is
// fsys's folder in the site, for errors ("" for the theme).
func read(fsys fs.FS, load func(string) ([]byte, error), dir, from string, files map[string]file) error {
	return fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		data, err := load(path)
		if err != nil {
			return build.SiteReadError(dir+path, err)
		}
		files[path] = file{text: string(data), from: from}
		return nil
	})
}

// names returns the keys of a map, sorted.
func names[T any](sets map[string]T) []string {
	out := make([]string, 0, len(sets))
	for name := range sets {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// unwrap returns the folder name inside fsys when that folder is all fsys
// holds (an embed.FS of "layouts" holds just "layouts/"), else fsys.
func unwrap(fsys fs.FS, name string) fs.FS {
	if fsys == nil {
		return nil
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil || len(entries) != 1 || !entries[0].IsDir() || entries[0].Name() != name {
		return fsys
	}
	sub, err := fs.Sub(fsys, name)
	if err != nil {
		return fsys
	}
	return sub
}
