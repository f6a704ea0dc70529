// Package query answers every dashboard's queries from the site's store.
package query

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// Query is the plugin that fills Page.Data.
type Query struct{}

// New returns the query plugin.
func New() *Query { return &Query{} }

// Name implements build.Plugin.
func (*Query) Name() string { return "query" }

// Run resolves every query of every page against s.Now in the site's
// timezone and asks s.Store for it. Identical queries run once however
// many pages declare them. Every problem of every page is reported, each
// at the line that names its query.
func (*Query) Run(ctx context.Context, s *build.Site) error {
	loc, err := s.Config.Location()
	if err != nil {
		return fmt.Errorf("dashsmith.yaml: %w", err)
	}
	cache := map[key]*build.Result{}
	var errs build.ErrorList
	for _, p := range s.Pages {
		names := make([]string, 0, len(p.Meta.Queries))
		for name := range p.Meta.Queries {
			names = append(names, name)
		}
		sort.Strings(names)
		file := "content/" + p.Source
		for _, name := range names {
			line := p.Meta.QueryLines[name]
			q, err := p.Meta.Queries[name].Resolve(name, s.Now, loc)
			if err != nil {
				errs = append(errs, build.Errorf(file, line, "%v", err))
				continue
			}
			if s.Store == nil {
				errs = append(errs, build.Errorf(file, line, "query %q: no store to ask: pass --store or set store: in dashsmith.yaml", name))
				continue
			}
			k := keyOf(q)
			r, ok := cache[k]
			if !ok {
				r, err = s.Store.Query(ctx, q)
				if err != nil {
					errs = append(errs, build.Errorf(file, line, "query %q: %v", name, err))
					continue
				}
				cache[k] = r
			}
			if p.Data == nil {
				p.Data = map[string]*build.Result{}
			}
			own := *r // the points are shared, read-only; the name is the page's
			own.Query = q
			p.Data[name] = &own
		}
	}
	return errs.Err()
}

// key identifies a resolved query regardless of the name a page gave it.
type key struct {
	event, measure, by string
	top                int
	every              build.Interval
	from, to       int64
	loc            string
}

func keyOf(q build.Query) key {
	loc := time.UTC.String()
	if q.Loc != nil {
		loc = q.Loc.String()
	}
	return key{q.Event, q.Measure.String(), q.By, q.Top, q.Every, q.From.UnixNano(), q.To.UnixNano(), loc}
}

var _ build.Plugin = (*Query)(nil)
