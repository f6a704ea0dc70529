package layout

import (
	"html/template"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// Data is what a layout template sees.
//
// Titles, descriptions and a copy's value are shown through build.Display:
// a copy of a template says an event name or a property value, untrusted
// text that must not reorder the page around it with bidirectional
// controls.
//
// Links in navigation hold paths from the site root; a template writes
// href="{{ $.Root }}{{ .Path }}", which is relative to the page laid
// out, so the site works from file://, a domain root and a sub-path alike.
type Data struct {
	Site    SiteData
	Page    PageData
	Home    bool          // the page is the site's home page
	Root    string        // relative path to the site root: "", "../", "../../"
	Content template.HTML // the page's HTML, from markdown and charts
	AsOf    string        // the build's "as of" instant, UTC, RFC 3339 (Built.ISO)

	Built     Stamp  // the build's "as of" instant
	Through   Stamp  // how far the data is complete; zero when the store holds none
	Canonical string // the page's absolute URL when the config sets baseURL, else ""

	Sections []Section // the navigation: top-level pages and content folders, in page order
	Section  *Section  // the entry of Sections that holds this page; nil on the home page
	Children []Link    // the pages one folder below this one: a folder's dashboards (not a template's copies: its list links them)

	// Menu is Sections as links from this page, with the current one
	// marked, and the pages of Section the same way, also laid out by
	// partials/navlink.html. The theme's navigation prints those, made
	// once per build: a site of a thousand pages lays out its navigation
	// links a few thousand times, not a few hundred thousand.
	Menu Menu

	nav *navigation
}

// SiteData describes the site.
type SiteData struct {
	Title   string
	BaseURL string
}

// PageData describes the page being laid out.
type PageData struct {
	Title       string
	Description string
	URL         string // the page's folder from the site root: "sales/checkout/"
	Path        string // the page's file from the site root: "sales/checkout/index.html"
	Each        string // for a copy of a template page, its value
}

// Stamp is an instant as a machine reads it (ISO, RFC 3339 in UTC) and as a
// person does (Text, "2026-11-19 18:00 UTC").
type Stamp struct {
	ISO, Text string
}

func stamp(t time.Time) Stamp {
	if t.IsZero() {
		return Stamp{}
	}
	t = t.UTC()
	return Stamp{ISO: t.Format(time.RFC3339), Text: t.Format("2006-01-02 15:04 UTC")}
}

// NavItem is a link to one page, relative to the page being laid out.
type NavItem struct {
	Title       string
	Description string
	Href        string
	Home        bool
	Current     bool
}

// Nav returns every page but the copies of templates and the unlisted
// pages (a template's list after its first page), in order, the home
// page first, each linked relative to this page. Sections is cheaper for
// large sites: it lists the folders' pages without a copy per page.
func (d Data) Nav() []NavItem {
	out := make([]NavItem, 0, len(d.nav.pages))
	for _, q := range d.nav.pages {
		out = append(out, NavItem{
			Title:       build.Display(q.Meta.Title),
			Description: build.Display(q.Meta.Description),
			Href:        d.Root + q.URL + "index.html",
			Home:        q.URL == "",
			Current:     q.URL == d.Page.URL && q.Each == d.Page.Each,
		})
	}
	return out
}

// TopPages returns the entries of Sections that are single pages, not
// folders: the home page lists them first, then each folder's pages.
func (d Data) TopPages() []Link {
	var out []Link
	for _, sec := range d.Sections {
		if len(sec.Pages) == 0 {
			out = append(out, Link{Title: sec.Title, Description: sec.Description, URL: sec.URL, Path: sec.Path})
		}
	}
	return out
}

func pageData(s *build.Site, nav *navigation, p *build.Page) Data {
	built := stamp(s.Now)
	d := Data{
		Site: SiteData{Title: nav.title, BaseURL: s.Config.BaseURL},
		Page: PageData{Title: build.Display(p.Meta.Title), Description: build.Display(p.Meta.Description),
			URL: p.URL, Path: p.OutputPath(), Each: build.Display(p.Each)},
		Home:    p.URL == "",
		Root:    p.Root(),
		Content: template.HTML(p.Body), // safe: goldmark without raw HTML, charts escape their input
		AsOf:    built.ISO,
		Built:   built,
		Through: stamp(s.Through),

		Canonical: absolute(s.Config.BaseURL, p.URL),
		Sections:  nav.sections,
		Children:  nav.children[p.URL],
		nav:       nav,
	}
	if i, ok := nav.sectionOf[top(p.URL)]; ok && p.URL != "" {
		d.Section = &nav.sections[i]
	}
	d.Menu = nav.menu(p.URL, d.Root)
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
