package controls

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// filterValues returns the values of the filter on prop, most common
// first (at most top, (other) never), and, for each query of p that cannot
// take the filter, the note its charts show in a filtered view. The values
// are ranked by the page's first query (by name) that can take the filter
// and has no breakdown of its own, over the page's own range; without a
// store there are none.
func filterValues(ctx context.Context, s *build.Site, p *build.Page, loc *time.Location, seen build.Seen, prop string, top int) ([]string, map[string]string, error) {
	specs := p.Meta.Queries
	why := build.FilterTakers(specs, func(name string) string {
		return filterProblem(ctx, s, seen, specs[name], name, prop, loc)
	})
	notes := map[string]string{}
	for name, w := range why {
		if w != "" {
			notes[name] = fmt.Sprintf("Not filtered by %s: %s.", prop, w)
		}
	}
	if s.Store == nil {
		return nil, notes, nil
	}
	for _, name := range slices.Sorted(maps.Keys(specs)) {
		qs := specs[name]
		if why[name] != "" || strings.TrimSpace(qs.Formula) != "" || qs.By != "" {
			continue
		}
		q, err := qs.Resolve(name, s.Now, loc)
		if err != nil {
			continue // the query stage says why
		}
		q.By, q.Top, q.Filter = prop, top, ""
		q.Rolling, q.Cumulative, q.Compare = 0, false, ""
		r, err := s.Store.Query(ctx, q)
		if err != nil {
			if errors.Is(err, build.ErrNoRollup) {
				continue
			}
			return nil, nil, fmt.Errorf("filter: rank the values of %s by query %q: %w", prop, name, err)
		}
		var values []string
		for _, g := range r.Groups {
			if g.Value != build.OtherGroup && (g.Total != 0 || g.TotalGap) && len(values) < top {
				values = append(values, g.Value)
			}
		}
		return values, notes, nil
	}
	if len(notes) == len(specs) {
		return nil, nil, fmt.Errorf("filter: no query of the page can be filtered by %s (%s)", prop, firstNote(notes))
	}
	return nil, nil, fmt.Errorf("filter: no query of the page that can be filtered by %s is without by: to rank its values: add one, e.g. a count of the page's event", prop)
}

// filterProblem says why the stored query qs (name) cannot take a filter
// on prop, or "": its spec (build.QuerySpec.FilterProblem), an event the
// store never saw with prop, or a rollup not built yet.
func filterProblem(ctx context.Context, s *build.Site, seen build.Seen, qs build.QuerySpec, name, prop string, loc *time.Location) string {
	if why := qs.FilterProblem(prop); why != "" {
		return why
	}
	if s.Store == nil {
		return ""
	}
	if !seen.Empty() {
		if unseen := seen.Unseen("filter", qs.Event, []build.Path{{Key: "filter", Path: prop}}); len(unseen) > 0 {
			return fmt.Sprintf("no %s event was ever seen with %s", build.Display(qs.Event), prop)
		}
	}
	q, err := qs.WithFilter(prop, "").Resolve(name, s.Now, loc)
	if err != nil {
		return "" // the query stage says why
	}
	q.Compare = ""
	if _, err := s.Store.Query(ctx, q); errors.Is(err, build.ErrNoRollup) {
		return "its rollup with " + prop + " is not built yet: run dashsmith ingest"
	}
	return ""
}

// firstNote returns the note of the first query by name.
func firstNote(notes map[string]string) string {
	for _, name := range slices.Sorted(maps.Keys(notes)) {
		return strings.TrimSuffix(notes[name], ".")
	}
	return ""
}
