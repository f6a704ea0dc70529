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
}

// Unseen returns what the store never saw of the names a reads (see
// Seen.Unseen): empty when it may be declared.
func (a Ask) Unseen(s Seen) []string {
	return s.Unseen(a.EventKey, a.Rollup.Event, a.Paths)
}

// Asks returns what the dashboards ask the store to keep beyond the base
// counts, one Ask per query or template that asks, in the order of the
// pages and, within one, of the query names. A template page (Meta.Each)
// asks for the breakdown it is expanded over; its queries of event $each
// are left out, as their events are known only when the site is built.
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
			q, ok := specQuery(p.Meta.Queries[name])
			if !ok || !q.Rollup().Needed() {
				continue
			}
			out = append(out, Ask{Rollup: q.Rollup(), File: file, Line: p.Meta.QueryLines[name],
				What: fmt.Sprintf("query %q", name), EventKey: "event", Paths: q.Paths()})
		}
	}
	return out
}

// specQuery is the part of a dashboard's query that picks its rollup, or
// false when the query has a problem (check reports it) or names $each.
func specQuery(qs QuerySpec) (Query, bool) {
	m, err := ParseMeasure(qs.Measure)
	if err != nil || strings.TrimSpace(qs.Event) == "" || strings.Contains(qs.Event, EachValue) {
		return Query{}, false
	}
	where, err := ParseWhere(qs.Where, qs.By)
	if err != nil {
		return Query{}, false
	}
	res, err := ParseResolution(qs.Resolution)
	if err != nil {
		return Query{}, false
	}
	return Query{Event: qs.Event, Measure: m, By: qs.By, Where: where, Resolution: res}, true
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
