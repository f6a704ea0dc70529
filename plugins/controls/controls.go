// Package controls precomputes the views a page's controls: switch between
// (controls: {range: [...], filter: {property: plan, top: 10}} in its
// frontmatter), so that a static site changes its date range and segment
// without a server.
//
// Each combination of a range preset and a filter value ("all" and each
// of the top values of the property) other than the page's own is a view:
// a copy of the page whose every query takes the preset's range and, for
// a value, one more where condition, built as a page of its own in a
// folder under the page's (range-90d/, plan-pro/, range-90d-plan-pro/).
// Readers without JavaScript and crawlers reach every view from a
// <noscript> list of those pages. In the page itself, a segmented control
// and a dropdown (assets/controls.js) load a view's content from its
// view.js, one JSON object wrapped in a call so that it loads from file://
// as from a server, swap it in and redraw the charts; the URL says the
// view (?range=90d&plan=pro), so a link opens it.
//
// A preset keeps each chart about as dense as the page's own view: when
// its range would draw more than twice the buckets the first preset draws
// (and more than 31), the interval steps up, hour to day to week to month.
// A query that cannot take the filter (one that breaks down by the
// property, already keeps a value of it, has a full where, reads an event
// never seen with it, or a formula over such a query) stays unfiltered,
// and its charts say so (build.Page.Notes).
//
// Property values are untrusted: folders are slugs (a-z, 0-9, "-"),
// labels are escaped as HTML, and the view list and files are JSON that
// no "</script>" or line separator ends.
package controls

import (
	"context"
	"fmt"
	"sync"

	"github.com/dashsmith/dashsmith/build"
)

// Controls is the plugin that makes the views (Stage: expand). Its Wrap
// puts the controls in the pages and writes the views' data (Stage:
// render, after the Markdown and before the charts' scripts).
type Controls struct {
	mu       sync.Mutex
	families map[string]*family // by the URL of each page with views, and of each view
}

// New returns the controls plugin.
func New() *Controls { return &Controls{} }

// Name implements build.Plugin.
func (*Controls) Name() string { return "controls" }

// Stage implements build.Staged: it makes the views of the pages.
func (*Controls) Stage() build.Stage { return build.ExpandStage }

// Run gives every query of a page with range presets the first one's
// range, and adds the page's views after it. Problems are reported at
// the line of controls:, for every page at once.
func (c *Controls) Run(ctx context.Context, s *build.Site) error {
	families := map[string]*family{}
	defer func() {
		c.mu.Lock()
		c.families = families
		c.mu.Unlock()
	}()
	loc, err := s.Config.Location()
	if err != nil {
		return fmt.Errorf("dashsmith.yaml: %w", err)
	}
	seen, err := seenOf(ctx, s)
	if err != nil {
		return err
	}
	var errs build.ErrorList
	out := make([]*build.Page, 0, len(s.Pages))
	for _, p := range s.Pages {
		out = append(out, p)
		ct := p.Meta.Controls
		if len(ct.Range) == 0 && ct.Filter.Property == "" {
			continue
		}
		f, views, err := expand(ctx, s, p, loc, seen)
		if err != nil {
			errs = append(errs, build.Errorf("content/"+p.Source, ct.Line, "controls: %v", err))
			continue
		}
		if f == nil {
			continue
		}
		families[p.URL] = f
		for _, v := range views {
			families[v.URL] = f
		}
		out = append(out, views...)
	}
	s.Pages = out
	return errs.Err()
}

// seenOf lists what the store has seen, or nothing without a store.
func seenOf(ctx context.Context, s *build.Site) (build.Seen, error) {
	if s.Store == nil {
		return build.NewSeen(nil), nil
	}
	events, err := s.Store.Events(ctx)
	if err != nil {
		return build.Seen{}, fmt.Errorf("store: list events: %w", err)
	}
	return build.NewSeen(events), nil
}

// family returns the views of the page or view at url, or nil.
func (c *Controls) family(url string) *family {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.families[url]
}

var _ build.Plugin = (*Controls)(nil)
