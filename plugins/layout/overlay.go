package layout

import (
	"errors"
	"io/fs"
	"os"
	"sort"
	"strings"
)

// file is one template and where it came from, for error messages.
type file struct {
	text string
	from string // "" for the theme, " (in the site's layouts/)" for the site
}

// overlay reads every .html file of the theme, then of the site's layouts
// folder (when it exists), a site file replacing the theme file of the
// same slash path.
func overlay(theme fs.FS, siteLayouts string) (map[string]file, error) {
	files := map[string]file{}
	if theme != nil {
		if err := read(theme, "", files); err != nil {
			return nil, err
		}
	}
	if _, err := os.Stat(siteLayouts); err == nil {
		if err := read(os.DirFS(siteLayouts), " (in the site's layouts/)", files); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return files, nil
}

func read(fsys fs.FS, from string, files map[string]file) error {
	return fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		data, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
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
