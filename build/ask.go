package build

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Ask is a rollup a dashboard asks for, and where: a query, or a template
// page's breakdown (Meta.Each). Ingest declares it only once the store has
// seen the names it reads (see Seen.Unseen), unless the user confirms it.
type Ask struct {
	Rollup   Rollup
	File     string // "content/" + the page's Source
	Line     int    // the line of the query's name, or of each:
	What     string // `query "revenue"`, or "each"
	EventKey string // the key naming the event: "event", or "each_event"
	Paths    []Path // the property paths it reads, each with its key

	// Optional marks what a page filter asks for (Controls.Filter): a
	// query's rollup with the filter's property added. It is declared
	// once the store has seen the names it reads, and until then left
	// out without a word: the chart then says it cannot take the filter.
	Optional bool
}

// Unseen returns what the store never saw of the names a reads (see
// Seen.Unseen): empty when it may be declared. A pattern (a template's
// query of event $each) names no event to compare, and its properties
// are those of whichever events the copies show: it may be declared.
func (a Ask) Unseen(s Seen) []string {
	if a.Rollup.IsPattern() {
		return nil
	}
	return s.Unseen(a.EventKey, a.Rollup.Event, a.Paths)
}

// Asks returns what the dashboards ask the store to keep beyond the base
// counts, one Ask per query or template that asks, in the order of the
// pages and, within one, of the query names. A template page (Meta.Each)
// asks for the breakdown it is expanded over, and for what its copies'
// queries read: a query whose event says $each asks for the rollup pattern
// of its measure, breakdown and resolution (see AnyEvent), as its copies'
// events are known only when the site is built; a filter or where value
// that says $each reads the same rollup whatever the value.
// Queries with problems are left out: check and build report them, at
// their line.
func (s *Site) Asks() []Ask {
	var out []Ask
	for _, p := range s.Pages {
		file := "content/" + p.Source
		if m := p.Meta; m.Each != "" && m.Each != "event" && m.EachEvent != "" {
			r := Rollup{Event: m.EachEvent, Measure: CountMeasure, By: m.Each}
			out = append(out, Ask{Rollup: r, File: file, Line: m.EachLine, What: "each", EventKey: "each_event", Paths: []Path{{"each", m.Each}}})
		}
		for _, name := range slices.Sorted(maps.Keys(p.Meta.Queries)) {
			q, ok := specQuery(p.Meta.Queries[name], p.Meta.Each != "")
			if !ok || !q.Rollup().Needed() {
				continue
			}
			out = append(out, Ask{Rollup: q.Rollup(), File: file, Line: p.Meta.QueryLines[name],
				What: fmt.Sprintf("query %q", name), EventKey: "event", Paths: q.Paths()})
		}
		out = append(out, filterAsks(p, file)...)
	}
	return out
}

// filterAsks returns what the page filter of p asks for (see
// Ask.Optional): for each query that can take it, its rollup with the
// filter's property in its where.
func filterAsks(p *Page, file string) []Ask {
	prop := p.Meta.Controls.Filter.Property
	if prop == "" || CheckPath(prop) != nil {
		return nil
	}
	var out []Ask
	for _, name := range slices.Sorted(maps.Keys(p.Meta.Queries)) {
		qs := p.Meta.Queries[name]
		if strings.TrimSpace(qs.Formula) != "" || qs.FilterProblem(prop) != "" {
			continue
		}
		q, ok := specQuery(qs.WithFilter(prop, ""), p.Meta.Each != "")
		if !ok {
			continue
		}
		out = append(out, Ask{Rollup: q.Rollup(), File: file, Line: p.Meta.Controls.Line,
			What: fmt.Sprintf("the filter on %s of query %q", prop, name), EventKey: "event", Paths: q.Paths(), Optional: true})
	}
	return out
}

// specQuery is the part of a dashboard's query that picks its rollup, or
// false when the query has a problem (check reports it). The event of a
// template's query that names $each is AnyEvent; outside a template such
// a query is a problem.
func specQuery(qs QuerySpec, template bool) (Query, bool) {
	m, err := ParseMeasure(qs.Measure)
	if err != nil || strings.TrimSpace(qs.Event) == "" {
		return Query{}, false
	}
	event := qs.Event
	if strings.Contains(event, EachValue) {
		if !template {
			return Query{}, false
		}
		event = AnyEvent // the copies' events are known at build time
	}
	where, err := ParseWhere(qs.Where, qs.By)
	if err != nil {
		return Query{}, false
	}
	res, err := ParseResolution(qs.Resolution)
	if err != nil {
		return Query{}, false
	}
	return Query{Event: event, Measure: m, By: qs.By, Where: where, Resolution: res}, true
}

// ConfigRollups returns the rollups of the config's rollups: entries,
// which the user declared on purpose.
func (c Config) ConfigRollups() ([]Rollup, error) {
	var out []Rollup
	for _, spec := range c.Rollups {
		rs, err := spec.Expand()
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return SortRollups(out), nil
}
