// Package query answers every dashboard's queries from the site's store,
// adds the comparison period a query asks for, and finds how far the
// store's data is complete (build.Site.Through).
package query

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// Query is the plugin that fills Page.Data and Site.Through. It works a
// page at a time (build.PageRunner), pages in parallel.
type Query struct {
	loc    *time.Location
	cache  *cache
	firsts firsts
	seen   build.Seen // the store's events, for why a rollup is not built
}

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
// them (within a bound: see cache). Every problem of every page is
// reported, each at the line that names its query.
func (q *Query) Run(ctx context.Context, s *build.Site) error {
	return build.RunPages(ctx, s, q)
}

// Begin implements build.PageRunner: it reads the site's timezone, and
// lists the store's events once for how far its data is complete and
// where each event's data begins.
func (q *Query) Begin(ctx context.Context, s *build.Site) error {
	loc, err := s.Config.Location()
	if err != nil {
		return fmt.Errorf("dashsmith.yaml: %w", err)
	}
	q.loc, q.cache, q.firsts = loc, newCache(s.Store), nil
	if s.Store == nil {
		return nil
	}
	events, err := s.Store.Events(ctx)
	if err != nil {
		return fmt.Errorf("store: list events: %w", err)
	}
	if s.Through.IsZero() {
		s.Through = throughOf(events, s.Now)
	}
	q.firsts = firstsOf(events)
	q.seen = build.NewSeen(events)
	return nil
}

// RunPage implements build.PageRunner: it answers p's queries, unless
// p is reused from the last build.
func (q *Query) RunPage(ctx context.Context, s *build.Site, p *build.Page) error {
	if p.Reused { // taken from the last build, data and all
		return nil
	}
	file := "content/" + p.Source
	resolved, pageErrs := build.ResolveQueries(p, s.Now, q.loc)
	pg := newPage(ctx, q.cache, q.firsts, resolved)
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
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if errors.Is(err, build.ErrNoRollup) && nq.Query.Formula == "" && p.Each == "" {
				err = notBuilt(q.seen, nq.Query)
			}
			pageErrs = append(pageErrs, queryError(file, line, name, p, err))
			continue
		}
		if p.Data == nil {
			p.Data = map[string]*build.Result{}
		}
		p.Data[name] = r
	}
	// In the order of the page's lines, as a reader goes through it.
	slices.SortStableFunc(pageErrs, func(a, b *build.Error) int { return cmp.Compare(a.Line, b.Line) })
	return pageErrs.Err()
}

// queryError is the error of query name of page p at its line. A copy of
// a template (p.Each) whose rollup is not built is told that the template
// asks for it, so that ingest builds it (build.Site.Rollups), rather than
// to declare it: the copy's template is where its query is.
func queryError(file string, line int, name string, p *build.Page, err error) *build.Error {
	if p.Each == "" || !errors.Is(err, build.ErrNoRollup) {
		return build.Errorf(file, line, "query %q: %v", name, err)
	}
	every := ""
	if p.Meta.Each == "event" { // a template over events: its queries of $each read a pattern
		every = " for every event"
	}
	return build.Errorf(file, line, "query %q ($each = %q): its rollup has not been built yet: the template asks for it, and dashsmith ingest builds it%s from the event files: run dashsmith ingest",
		name, p.Each, every)
}

// End implements build.PageRunner: it lets the cache go.
func (q *Query) End(context.Context, *build.Site) error {
	q.cache = nil
	return nil
}

var (
	_ build.Plugin     = (*Query)(nil)
	_ build.PageRunner = (*Query)(nil)
)
