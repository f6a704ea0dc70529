// Package query answers every dashboard's queries from the site's store,
// adds the comparison period a query asks for, and finds how far the
// store's data is complete (build.Site.Through).
package query

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/dashsmith/dashsmith/build"
)

// Query is the plugin that fills Page.Data and Site.Through.
type Query struct{}

// New returns the query plugin.
func New() *Query { return &Query{} }

// Name implements build.Plugin.
func (*Query) Name() string { return "query" }

// Stage implements build.Staged: it answers the queries.
func (*Query) Stage() build.Stage { return build.DataStage }

// Run resolves every query of every page against s.Now in the site's
// timezone (or the query's own) and asks s.Store for it, and for its
// comparison period when it has compare:; a rolling query is rolled, a
// cumulative one added up, and a formula computed from the queries it
// names. Identical store queries run once however many pages declare
// them. Every problem of every page is reported, each at the line that
// names its query.
func (*Query) Run(ctx context.Context, s *build.Site) error {
	loc, err := s.Config.Location()
	if err != nil {
		return fmt.Errorf("dashsmith.yaml: %w", err)
	}
	if s.Store != nil && s.Through.IsZero() {
		if s.Through, err = Through(ctx, s.Store, s.Now); err != nil {
			return err
		}
	}
	c := cache{store: s.Store, results: map[key]*build.Result{}}
	var errs build.ErrorList
	for _, p := range s.Pages {
		file := "content/" + p.Source
		resolved, pageErrs := build.ResolveQueries(p, s.Now, loc)
		pg := newPage(ctx, &c, resolved)
		for _, nq := range resolved {
			name, line := nq.Name, nq.Line
			if s.Store == nil {
				if nq.Query.Formula == "" { // a formula's queries say it
					pageErrs = append(pageErrs, build.Errorf(file, line, "query %q: no store to ask: pass --store or set store: in dashsmith.yaml", name))
				}
				continue
			}
			r, err := pg.answer(name)
			if err != nil {
				pageErrs = append(pageErrs, build.Errorf(file, line, "query %q: %v", name, err))
				continue
			}
			if p.Data == nil {
				p.Data = map[string]*build.Result{}
			}
			p.Data[name] = r
		}
		// In the order of the page's lines, as a reader goes through it.
		slices.SortStableFunc(pageErrs, func(a, b *build.Error) int { return cmp.Compare(a.Line, b.Line) })
		errs = append(errs, pageErrs...)
	}
	return errs.Err()
}

var _ build.Plugin = (*Query)(nil)
