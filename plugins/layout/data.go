package layout

import (
	"html/template"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// Data is what a layout template sees.
type Data struct {
	Site    SiteData
	Page    PageData
	Home    bool          // the page is the site's home page
	Root    string        // relative path to the site root: "", "../", "../../"
	Content template.HTML // the page's HTML, from markdown and charts
	Nav     []NavItem     // every page, in order, the home page first
	AsOf    string        // the build's "as of" instant, UTC, RFC 3339
}

// SiteData describes the site.
type SiteData struct {
	Title string
}

// PageData describes the page being laid out.
type PageData struct {
	Title       string
	Description string
	URL         string
}

// NavItem is a link to one page, relative to the page being laid out, so
// that the site works from file:// as well as from any server path.
type NavItem struct {
	Title       string
	Description string
	Href        string
	Home        bool
	Current     bool
}

func pageData(s *build.Site, p *build.Page) Data {
	root := p.Root()
	d := Data{
		Site:    SiteData{Title: siteTitle(s)},
		Page:    PageData{Title: p.Meta.Title, Description: p.Meta.Description, URL: p.URL},
		Home:    p.URL == "",
		Root:    root,
		Content: template.HTML(p.Body), // safe: goldmark without raw HTML, charts escape their input
		AsOf:    s.Now.UTC().Format(time.RFC3339),
	}
	for _, q := range s.Pages {
		if q.Meta.Draft {
			continue
		}
		d.Nav = append(d.Nav, NavItem{
			Title:       q.Meta.Title,
			Description: q.Meta.Description,
			Href:        root + q.URL + "index.html",
			Home:        q.URL == "",
			Current:     q == p,
		})
	}
	return d
}

// siteTitle is the config's title, else the home page's.
func siteTitle(s *build.Site) string {
	if s.Config.Title != "" {
		return s.Config.Title
	}
	for _, p := range s.Pages {
		if p.URL == "" {
			return p.Meta.Title
		}
	}
	return ""
}
