// Package layout lays each page out in html/template layouts: the default
// theme, overridden file by file by the site's own layouts/ folder, as in
// Hugo (baseof.html with {{ block "main" . }}, page.html, index.html,
// partials/*.html).
//
// Layouts see a Data: the page, the site, the build's times, and the
// navigation, grouped by the folders of content/ (Sections, Menu) and
// computed once per build. Every link is relative to the page, so the
// site works from file://, a domain root or a sub-path; the config's
// baseURL is used only for canonical links and sitemap.xml.
package layout

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// DefaultLayout is the layout of a page whose frontmatter names none.
const DefaultLayout = "page"

// Layout is the plugin that wraps each page's HTML in its layout.
type Layout struct {
	theme, static fs.FS
	siteDir       string

	sets map[string]*template.Template // during a run: a template set per layout
	nav  *navigation                   // during a run: the site's navigation
}

// New returns the layout plugin. theme holds the default layouts
// (baseof.html, page.html, index.html, partials/); static holds the theme's
// assets, copied to assets/ in the output. Either may hold its files in a
// top-level folder named "layouts" or "static", as dashsmith.Layouts and
// dashsmith.Static do. Files in <siteDir>/layouts/ replace the
// theme's files of the same path; an empty siteDir means the site's folder.
func New(theme, static fs.FS, siteDir string) *Layout {
	return &Layout{theme: unwrap(theme, "layouts"), static: unwrap(static, "static"), siteDir: siteDir}
}

// Name implements build.Plugin.
func (*Layout) Name() string { return "layout" }

// Stage implements build.Staged: it lays out the pages.
func (*Layout) Stage() build.Stage { return build.LayoutStage }

// Run replaces every page's Body with the whole HTML document, and adds the
// theme's static files under assets/ and, when the config sets baseURL,
// sitemap.xml. It runs after index. Pages are laid out in parallel, a
// page at a time (build.PageRunner); the output does not depend on the
// order. A page marked Reused is laid out already: the others list it in
// their navigation, and it is left as is.
func (l *Layout) Run(ctx context.Context, s *build.Site) error {
	return build.RunPages(ctx, s, l)
}

// Begin implements build.PageRunner: it reads the theme and the site's
// layouts and makes the navigation, which every page shares.
func (l *Layout) Begin(_ context.Context, s *build.Site) error {
	dir := l.siteDir
	if dir == "" {
		dir = s.Dir
	}
	files, err := overlay(l.theme, dir)
	if err != nil {
		return err
	}
	sets, err := parse(files)
	if err != nil {
		return err
	}
	nav := newNavigation(s)
	if nav.link, err = linkFunc(sets); err != nil {
		return err
	}
	l.sets, l.nav = sets, nav
	return nil
}

// RunPage implements build.PageRunner: it lays p out.
func (l *Layout) RunPage(_ context.Context, s *build.Site, p *build.Page) error {
	if p.Reused {
		return nil
	}
	if err := l.render(l.sets, s, l.nav, p); err != nil {
		return err
	}
	return nil
}

// End implements build.PageRunner: it adds sitemap.xml and the theme's
// static files.
func (l *Layout) End(_ context.Context, s *build.Site) error {
	l.sets, l.nav = nil, nil
	if sm := sitemap(s); sm != nil {
		s.AddFile("sitemap.xml", sm)
	}
	return copyStatic(l.static, s)
}

// render lays out one page.
func (l *Layout) render(sets map[string]*template.Template, s *build.Site, nav *navigation, p *build.Page) *build.Error {
	name := p.Meta.Layout
	if name == "" {
		name = DefaultLayout
	}
	file := "content/" + p.Source
	if p.Source == "" {
		file = "index page"
	}
	t, ok := sets[name]
	if !ok {
		return build.Errorf(file, 0, "unknown layout %q (layouts: %s)", name, strings.Join(names(sets), ", "))
	}
	var buf bytes.Buffer
	buf.Grow(len(p.Body) + 8<<10)
	if err := t.ExecuteTemplate(&buf, "baseof.html", pageData(s, nav, p)); err != nil {
		return build.Errorf(file, 0, "layout %q: %v", name, err)
	}
	p.Body = buf.Bytes()
	return nil
}

// copyStatic adds every file of static to s.Files under assets/.
func copyStatic(static fs.FS, s *build.Site) error {
	if static == nil {
		return nil
	}
	if s.Files == nil {
		s.Files = map[string][]byte{}
	}
	return fs.WalkDir(static, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(static, path)
		if err != nil {
			return err
		}
		s.Files["assets/"+path] = data
		return nil
	})
}

// parse builds one template set per layout: baseof.html, the partials
// and the layout file, which defines "main".
func parse(files map[string]file) (map[string]*template.Template, error) {
	base, ok := files["baseof.html"]
	if !ok {
		return nil, fmt.Errorf("no baseof.html in the theme or the site's layouts/")
	}
	paths := names(files)
	sets := map[string]*template.Template{}
	for _, path := range paths {
		f := files[path]
		if strings.Contains(path, "/") || path == "baseof.html" {
			continue
		}
		t := template.New("baseof.html")
		if _, err := t.Parse(base.text); err != nil {
			return nil, fmt.Errorf("%v%s", err, base.from)
		}
		for _, pp := range paths {
			if pf := files[pp]; strings.HasPrefix(pp, "partials/") {
				if _, err := t.New(pp).Parse(pf.text); err != nil {
					return nil, fmt.Errorf("%v%s", err, pf.from)
				}
			}
		}
		if _, err := t.New(path).Parse(f.text); err != nil {
			return nil, fmt.Errorf("%v%s", err, f.from)
		}
		sets[strings.TrimSuffix(path, ".html")] = t
	}
	return sets, nil
}

var (
	_ build.Plugin     = (*Layout)(nil)
	_ build.PageRunner = (*Layout)(nil)
)
