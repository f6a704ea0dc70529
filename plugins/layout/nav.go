package layout

import (
	"html/template"
	"strings"
	"sync"

	"github.com/dashsmith/dashsmith/build"
)

// Link is a page as navigation shows it.
type Link struct {
	Title       string
	Description string
	URL         string // the page's folder from the site root: "sales/checkout/"
	Path        string // the page's file from the site root: "sales/checkout/index.html"
}

// Section is one entry of the navigation: a top-level page (no Pages), or
// a folder of content/ with its pages. A folder's own link (Path) is its
// index.md, else its first page; its title is index.md's, else the
// folder's name.
type Section struct {
	Title       string
	Description string
	URL         string // the folder (or page): "sales/"
	Path        string // the page its link opens: "sales/index.html"
	Pages       []Link // a folder's pages, in order; none for a top-level page
}

// navigation is computed once per build and shared by every page.
type navigation struct {
	title     string
	pages     []*build.Page     // every page but copies of templates and unlisted pages, the home page first
	sections  []Section         // in page order
	sectionOf map[string]int    // a section's URL -> its index in sections
	children  map[string][]Link // a page's URL -> the pages one folder below it

	link  func(NavLink) template.HTML // lays out one link (partials/navlink.html)
	mu    sync.Mutex
	menus map[string]*menus // by a page's Root: its links, before Current is set
}

// newNavigation groups the site's pages, which index has sorted, by their
// first folder. Copies of a template page and the pages marked Unlisted
// (a template's list after its first page) are left out of the
// navigation, the home page and Children: the template's own page, the
// first page of its list, links to them all.
func newNavigation(s *build.Site) *navigation {
	n := &navigation{title: build.Display(siteTitle(s)), sectionOf: map[string]int{}, children: map[string][]Link{}}
	indexed := map[string]bool{}
	for _, p := range s.Pages {
		if p.Meta.Draft {
			continue
		}
		if p.Each != "" || p.Unlisted {
			continue
		}
		link := Link{Title: build.Display(p.Meta.Title), Description: build.Display(p.Meta.Description), URL: p.URL, Path: p.OutputPath()}
		if parent := parentOf(p.URL); parent != "" {
			n.children[parent] = append(n.children[parent], link)
		}
		n.pages = append(n.pages, p)
		if p.URL == "" {
			continue
		}
		t := top(p.URL)
		i, ok := n.sectionOf[t]
		if !ok {
			i = len(n.sections)
			n.sectionOf[t] = i
			n.sections = append(n.sections, Section{Title: folderTitle(t), URL: t})
		}
		sec := &n.sections[i]
		if p.URL == t {
			sec.Title, sec.Description, sec.Path, indexed[t] = link.Title, link.Description, link.Path, true
		} else {
			sec.Pages = append(sec.Pages, link)
		}
	}
	for i := range n.sections {
		if sec := &n.sections[i]; !indexed[sec.URL] && len(sec.Pages) > 0 {
			sec.Path = sec.Pages[0].Path
		}
	}
	return n
}

// top returns the first folder of url: "sales/checkout/" -> "sales/".
func top(url string) string {
	i := strings.IndexByte(url, '/')
	return url[:i+1]
}

// parentOf returns the folder above url: "sales/checkout/" -> "sales/",
// "traffic/" -> "".
func parentOf(url string) string {
	t := strings.TrimSuffix(url, "/")
	i := strings.LastIndexByte(t, '/')
	return t[:i+1]
}

// folderTitle makes a title of a folder's slug: "sales-team/" -> "Sales team".
func folderTitle(url string) string {
	name := strings.ReplaceAll(strings.TrimSuffix(url, "/"), "-", " ")
	if name == "" {
		return ""
	}
	return strings.ToUpper(name[:1]) + name[1:]
}
