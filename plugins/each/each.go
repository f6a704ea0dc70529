// Package each builds a template page once per value: once per event name
// the store has seen (each: event), or once per value a property of one
// event ever had (each: plan, each_event: Signed Up), or for the each_top
// of them with the most events; at most MaxPages.
//
// A copy's URL is the template's folder and a slug of its value
// ("events/" -> "events/order-completed/"); its title and description,
// its queries' event and filter, and its charts' titles (plugins/charts)
// say the value where the template says $each, and {{ each }} writes it
// in prose (Inlines). The template page itself becomes the list of its
// copies: its title and description are its own unless they say $each
// (the title is then made of its file's name), it loses its queries and
// its controls, and
// its body is a table of the values, each linked to its copy, with its
// events over the template's range (span), PerPage rows a page: the
// template's URL, then url/page/2/ ... (pages marked Unlisted, which
// navigation leaves out). Beside its first page, IndexFile lists every
// value for the list's filter box (the theme's assets/each.js).
//
// Event names and property values are untrusted: slugs hold only a-z, 0-9
// and "-"; titles are escaped by the layouts, and the list's table and
// index file by this package (HTML; JSON strings that no "</script>" or
// line separator ends), their bidirectional controls written out
// (build.Display). The copies' titles and queries keep the value as the
// store has it, so that their filters match it.
package each

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/dashsmith/dashsmith/build"
)

// Each is the plugin that expands template pages. It runs after
// frontmatter and before query, and draws the templates' lists when the
// Markdown is rendered (Blocks).
type Each struct {
	mu    sync.Mutex
	lists lists // from the last Run
}

// lists are the pages of the templates' lists that a Run made.
type lists struct {
	listed map[string]bool   // the URL of every page of a list
	index  map[string][]byte // the index file of each list, by the URL of its first page
}

// New returns the each plugin.
func New() *Each { return &Each{} }

// Name implements build.Plugin.
func (*Each) Name() string { return "each" }

// Stage implements build.Staged: it expands template pages.
func (*Each) Stage() build.Stage { return build.ExpandStage }

// Run replaces every template page with the first page of its list, its
// copies, and the other pages of its list (PerPage values a page). The
// list's index file (IndexFile) is written beside its first page when
// that page is drawn (Blocks), as one of its files: a build that reuses
// the page keeps it with it. Problems are reported at the line of each:,
// for every template at once.
func (e *Each) Run(ctx context.Context, s *build.Site) error {
	lists := lists{listed: map[string]bool{}, index: map[string][]byte{}}
	defer func() {
		e.mu.Lock()
		e.lists = lists
		e.mu.Unlock()
	}()
	taken := map[string]bool{}
	for _, p := range s.Pages {
		taken[p.URL] = true
	}
	var errs build.ErrorList
	out := make([]*build.Page, 0, len(s.Pages))
	for _, p := range s.Pages {
		m := p.Meta
		if m.Each == "" && m.EachEvent == "" && m.EachTop == 0 {
			out = append(out, p)
			continue
		}
		made, err := expand(ctx, s, p, taken, lists)
		if err != nil {
			errs = append(errs, build.Errorf("content/"+p.Source, m.EachLine, "%v", err))
			continue
		}
		out = append(out, made...)
	}
	s.Pages = out
	return errs.Err()
}

// expand returns the pages template t makes: the first page of its list
// (t itself, as an index), its copies, and the rest of its list. It
// takes their URLs and notes the list's pages and its index file in
// lists.
func expand(ctx context.Context, s *build.Site, t *build.Page, taken map[string]bool, lists lists) ([]*build.Page, error) {
	values, groups, err := valuesOf(ctx, s, t)
	if err != nil {
		return nil, err
	}
	loc, err := s.Config.Location()
	if err != nil {
		return nil, fmt.Errorf("each: dashsmith.yaml: %w", err)
	}
	sp, err := spanOf(t, s.Now, loc)
	if err != nil {
		return nil, fmt.Errorf("each: the list's range: %w", err)
	}
	tot, err := totals(ctx, s.Store, t, values, groups, sp)
	if err != nil {
		return nil, err
	}
	for k := 2; k <= pageCount(len(values)); k++ {
		if url := listURL(t.URL, k); taken[url] {
			return nil, fmt.Errorf("each: page %d of the list of values is %s, which another page has: move that page", k, url)
		}
	}
	for k := 2; k <= pageCount(len(values)); k++ {
		taken[listURL(t.URL, k)] = true
	}
	made := make([]*build.Page, 0, 1+len(values)+pageCount(len(values)))
	made = append(made, t)
	urls := make([]string, len(values))
	for i, v := range values {
		urls[i] = urlFor(taken, t.URL, v)
		made = append(made, copyOf(t, v, urls[i]))
	}
	asIndex(t)
	rows := rowsOf(t.URL, values, urls, tot)
	index := indexFile(rows)
	pages := listPages(t, rows, sp, index)
	for _, p := range pages {
		lists.listed[p.URL] = true
	}
	lists.index[t.URL] = index
	made = append(made, pages[1:]...)
	return made, nil
}

// copyOf returns the copy of template t for value, at url.
func copyOf(t *build.Page, value, url string) *build.Page {
	c := *t
	c.URL, c.Each, c.Data = url, value, nil
	fill := func(s string) string { return strings.ReplaceAll(s, build.EachValue, value) }
	if strings.Contains(t.Meta.Title, build.EachValue) {
		c.Meta.Title = fill(t.Meta.Title)
	} else {
		c.Meta.Title = t.Meta.Title + ": " + value
	}
	c.Meta.Description = fill(t.Meta.Description)
	if t.Meta.Queries != nil {
		c.Meta.Queries = make(map[string]build.QuerySpec, len(t.Meta.Queries))
		for name, q := range t.Meta.Queries {
			q.Event, q.Filter = fill(q.Event), fill(q.Filter)
			if q.Where != nil {
				w := make(map[string]string, len(q.Where))
				for p, v := range q.Where {
					w[p] = fill(v)
				}
				q.Where = w
			}
			c.Meta.Queries[name] = q
		}
	}
	return &c
}

// asIndex turns template t into the index of its copies.
func asIndex(t *build.Page) {
	if strings.Contains(t.Meta.Title, build.EachValue) {
		t.Meta.Title = humanize(t.URL) // "Event: $each" in events.md lists "Events"
	}
	if strings.Contains(t.Meta.Description, build.EachValue) {
		t.Meta.Description = "" // it describes a copy
	}
	t.Meta.Queries, t.Meta.QueryLines = nil, nil
	t.Meta.Controls = build.Controls{} // its copies switch views; the list has none
	t.Body, t.Data = nil, nil          // listPages gives it its list
}

// humanize makes a title of a URL's last folder: "per-event/" -> "Per event".
func humanize(url string) string {
	parts := strings.Split(strings.Trim(url, "/"), "/")
	name := strings.ReplaceAll(parts[len(parts)-1], "-", " ")
	if name == "" {
		return "Pages"
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

var _ build.Plugin = (*Each)(nil)
