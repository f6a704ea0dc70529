// Package index gives a site its home page, which lists the dashboards.
package index

import (
	"context"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// Layout is the layout of the home page.
const Layout = "index"

// DefaultTitle is the home page's title when the config sets none.
const DefaultTitle = "Dashboards"

// Index is the plugin that adds the home page.
type Index struct{}

// New returns the index plugin. It runs after the pages have their
// frontmatter and before layout.
func New() *Index { return &Index{} }

// Name implements build.Plugin.
func (*Index) Name() string { return "index" }

// Stage implements build.Staged: it orders the pages and adds the home page.
func (*Index) Stage() build.Stage { return build.ListStage }

// Run sorts the pages (build.SortPages) and puts the home page first: the
// root content/index.md when there is one, keeping its body above the list
// of dashboards, else a new page with the site's title. The home page gets
// the "index" layout unless its frontmatter names another.
func (*Index) Run(ctx context.Context, s *build.Site) error {
	title := strings.TrimSpace(s.Config.Title)
	if title == "" {
		title = DefaultTitle
	}
	var home *build.Page
	pages := make([]*build.Page, 0, len(s.Pages)+1)
	for _, p := range s.Pages {
		if p.URL == "" {
			home = p
			continue
		}
		pages = append(pages, p)
	}
	if home == nil {
		home = &build.Page{Meta: build.Meta{Title: title}}
	}
	if home.Meta.Layout == "" {
		home.Meta.Layout = Layout
	}
	if home.Meta.Title == "" {
		home.Meta.Title = title
	}
	build.SortPages(pages)
	s.Pages = append([]*build.Page{home}, pages...)
	return nil
}

var _ build.Plugin = (*Index)(nil)
