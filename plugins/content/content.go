// Package content reads a site's content/ folder into pages.
package content

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
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
// An empty dir means the site's own content/ folder.
func New(dir string) *Content { return &Content{dir: dir} }

// Name implements build.Plugin.
func (c *Content) Name() string { return "content" }

// Run replaces s.Pages with one page per Markdown file: Source, URL and the
// raw file as Body. Two files that map to the same URL are an error.
func (c *Content) Run(ctx context.Context, s *build.Site) error {
	dir := c.dir
	if dir == "" {
		dir = filepath.Join(s.Dir, "content")
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no folder %s/ here: run dashsmith in a site folder (one with content/) or pass --config", filepath.ToSlash(dir))
	}
	var pages []*build.Page
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != dir && skip(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		pages = append(pages, &build.Page{Source: filepath.ToSlash(rel), Line: 1, Body: body})
		return nil
	})
	if err != nil {
		return err
	}
	var errs build.ErrorList
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
