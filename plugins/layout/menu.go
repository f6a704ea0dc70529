package layout

import (
	"html/template"
	"io"
	"slices"
	"strings"
)

// NavLink is a link of the navigation, ready for the page laid out.
type NavLink struct {
	Title   string
	Href    string // relative to the page laid out
	Current string // "page" for the page itself, "true" for the folder holding it, else ""
}

// menus are the links of the navigation from pages at one depth, each
// laid out once per build as it is and as the current one.
type menus struct {
	top [][3]NavLink // one per section: as is, "true", "page"
	sub [][]NavLink  // each section's pages
	// The same laid out by partials/navlink.html.
	topHTML [][3]template.HTML
	subHTML [][][2]template.HTML // as is, "page"; made when a page of the section asks
	topLen  int                  // bytes of topHTML, at most
	subLen  []int                // the same, per section
}

// Menu is the navigation of one page.
type Menu struct {
	Top, Sub         []NavLink
	TopHTML, SubHTML template.HTML
}

// menu returns the navigation of the page at url whose root is root. The
// links are made and laid out once per depth; a page only joins them,
// with its current links marked.
func (n *navigation) menu(url, root string) Menu {
	i, ok := n.sectionOf[top(url)]
	if url == "" || !ok {
		i = -1
	}
	m := n.menusAt(root, i)
	var out Menu
	path := url + "index.html"
	out.Top = make([]NavLink, len(m.top))
	var b strings.Builder
	b.Grow(m.topLen + 32)
	for k := range m.top {
		v := 0
		if k == i {
			v = 1
			if n.sections[i].Path == path {
				v = 2
			}
		}
		out.Top[k] = m.top[k][v]
		b.WriteString(string(m.topHTML[k][v]))
	}
	out.TopHTML = template.HTML(b.String())
	if i < 0 || len(m.sub[i]) == 0 {
		return out
	}
	b = strings.Builder{}
	b.Grow(m.subLen[i] + 32)
	out.Sub = slices.Clone(m.sub[i])
	for j, p := range n.sections[i].Pages {
		v := 0
		if p.Path == path {
			v = 1
			out.Sub[j].Current = "page"
		}
		b.WriteString(string(m.subHTML[i][j][v]))
	}
	out.SubHTML = template.HTML(b.String())
	return out
}

// menusAt returns the links from pages whose root is root, with those of
// section i laid out (i < 0: none).
func (n *navigation) menusAt(root string, i int) *menus {
	n.mu.Lock()
	defer n.mu.Unlock()
	m := n.menus[root]
	if m == nil {
		m = &menus{
			top: make([][3]NavLink, len(n.sections)), topHTML: make([][3]template.HTML, len(n.sections)),
			sub: make([][]NavLink, len(n.sections)), subHTML: make([][][2]template.HTML, len(n.sections)),
			subLen: make([]int, len(n.sections)),
		}
		for k, sec := range n.sections {
			for v, cur := range []string{"", "true", "page"} {
				m.top[k][v] = NavLink{Title: sec.Title, Href: root + sec.Path, Current: cur}
				m.topHTML[k][v] = n.link(m.top[k][v])
			}
			m.topLen += len(m.topHTML[k][2])
		}
		if n.menus == nil {
			n.menus = map[string]*menus{}
		}
		n.menus[root] = m
	}
	if i >= 0 && m.sub[i] == nil {
		pages := n.sections[i].Pages
		m.sub[i] = make([]NavLink, len(pages))
		m.subHTML[i] = make([][2]template.HTML, len(pages))
		for j, p := range pages {
			m.sub[i][j] = NavLink{Title: p.Title, Href: root + p.Path}
			cur := m.sub[i][j]
			cur.Current = "page"
			m.subHTML[i][j] = [2]template.HTML{n.link(m.sub[i][j]), n.link(cur)}
			m.subLen[i] += len(m.subHTML[i][j][1])
		}
	}
	return m
}

// linkFunc lays out a navigation link with partials/navlink.html, or
// returns "" when the layouts have no such partial. A partial that fails
// on a link is an error.
func linkFunc(sets map[string]*template.Template) (func(NavLink) template.HTML, error) {
	none := func(NavLink) template.HTML { return "" }
	all := names(sets)
	if len(all) == 0 {
		return none, nil
	}
	t := sets[all[0]].Lookup("partials/navlink.html")
	if t == nil {
		return none, nil
	}
	if err := t.Execute(io.Discard, NavLink{Title: "t", Href: "h", Current: "page"}); err != nil {
		return nil, err
	}
	return func(l NavLink) template.HTML {
		var b strings.Builder
		_ = t.Execute(&b, l)             // it ran on a link above: a NavLink cannot fail it now
		return template.HTML(b.String()) // safe: html/template escaped it
	}, nil
}
