// Package content reads a site's content/ folder into pages.
package content

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// Content is the plugin that reads every dashboard under a folder.
type Content struct {
	dir string
}

// New returns the plugin that reads every *.md file under dir, at any
// depth, in path order, skipping hidden and "_"-prefixed files and folders.
// dir is a folder inside the site folder (relative to the current folder,
// as the site's Dir is); an empty dir means the site's own content/ folder.
func New(dir string) *Content { return &Content{dir: dir} }

// folder returns the content folder as a path inside the site folder
// site: content/ when the plugin names none.
func (c *Content) folder(site string) (string, error) {
	if c.dir == "" {
		return "content", nil
	}
	abs, err := filepath.Abs(c.dir)
	if err != nil {
		return "", err
	}
	top, err := filepath.Abs(site)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("content folder %s is outside the site folder %s: keep the dashboards inside the site", c.dir, site)
	}
	return rel, nil
}

// Name implements build.Plugin.
func (c *Content) Name() string { return "content" }

// Stage implements build.Staged: it reads the pages.
func (*Content) Stage() build.Stage { return build.ReadStage }

// Run replaces s.Pages with one page per Markdown file: Source, URL and the
// raw file as Body. Two files that map to the same URL are an error. Files
// are read through the site folder's root (build.OpenSite): a file that is
// a link out of the site is an error that names it, and is not read.
func (c *Content) Run(ctx context.Context, s *build.Site) error {
	root, err := build.OpenSite(s.Dir)
	if err != nil {
		return err
	}
	defer root.Close()
	dir, err := c.folder(root.Name())
	if err != nil {
		return err
	}
	shown := filepath.ToSlash(filepath.Join(root.Name(), dir))
	if _, err := root.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no folder %s/ here: run dashsmith in a site folder (one with content/) or pass --config", shown)
	} else if err != nil {
		return build.SiteReadError("content", err)
	}
	fsys := root.FS()
	var pages []*build.Page
	var errs build.ErrorList
	err = fs.WalkDir(fsys, filepath.ToSlash(dir), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path == filepath.ToSlash(dir) {
			return nil
		}
		if skip(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		rel := strings.TrimPrefix(path, filepath.ToSlash(dir)+"/")
		if dir == "." {
			rel = path
		}
		body, err := build.ReadSiteFile(root, filepath.FromSlash(path))
		if err != nil {
			if build.LeavesSite(err) || errors.Is(err, build.ErrHiddenTarget) {
				errs.Add("content/"+rel, build.SiteReadError("content/"+rel, err))
				return nil
			}
			return err
		}
		pages = append(pages, &build.Page{Source: rel, Line: 1, Body: body})
		return nil
	})
	if err != nil {
		return err
	}
	if err := errs.Err(); err != nil {
		return err
	}
	byURL := map[string]string{}
	for _, p := range pages {
		url, err := URL(p.Source)
		if err != nil {
			errs = append(errs, build.Errorf("content/"+p.Source, 0, "%v", err))
			continue
		}
		if other, dup := byURL[url]; dup {
			errs = append(errs, build.Errorf("content/"+p.Source, 0, "same URL %q as content/%s: rename one of them", url, other))
			continue
		}
		byURL[url] = p.Source
		p.URL = url
	}
	if err := errs.Err(); err != nil {
		return err
	}
	s.Pages = pages
	return nil
}

// skip reports whether a file or folder name is left out of the site.
func skip(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

var _ build.Plugin = (*Content)(nil)
