package each

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// MaxPages is the most copies one template makes: a safety limit, so
// that a property with millions of values (a user id, a URL) cannot make
// a build write millions of pages, or hold them. A template over more
// values than this is an error that asks for each_top.
const MaxPages = 500000

// valuesOf checks the template p declares and returns its values, in the
// order the store ranks them: every value the property ever had on
// EachEvent (every event name, for each: event), or the EachTop with the
// most events.
//
// groups is how many values the property has had, all told (MaxPages+1
// for more than MaxPages); for each: event, the number of values.
func valuesOf(ctx context.Context, s *build.Site, p *build.Page) (values []string, groups int, err error) {
	m := p.Meta
	switch {
	case m.Each == "":
		return nil, 0, fmt.Errorf("each_event and each_top go with each: add `each: event` or `each: <property>`")
	case p.URL == "":
		return nil, 0, fmt.Errorf("each: the home page cannot be a template: move it to a page of its own")
	case m.EachTop < 0 || m.EachTop > MaxPages:
		return nil, 0, fmt.Errorf("each_top %d: use 1 to %s, or leave it out for a page per value", m.EachTop, build.Commas(int64(MaxPages)))
	case m.Each == "event" && m.EachEvent != "":
		return nil, 0, fmt.Errorf("each: event makes one page per event name, and takes no each_event")
	case m.Each != "event" && m.EachEvent == "":
		return nil, 0, fmt.Errorf("each: %s needs each_event: the event whose %s values make the pages", m.Each, m.Each)
	case s.Store == nil:
		return nil, 0, fmt.Errorf("each: no store to ask: pass --store or set store: in dashsmith.yaml")
	}
	if m.Each != "event" {
		if err := build.CheckPath(m.Each); err != nil {
			return nil, 0, fmt.Errorf("each: %w (write event, or a property path with each_event)", err)
		}
	}
	events, err := s.Store.Events(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("each: list the store's events: %w", err)
	}
	if m.Each == "event" {
		names := eventNames(events, m.EachTop)
		if len(names) > MaxPages {
			return nil, 0, tooMany(m, fmt.Sprintf("%s event names", build.Commas(int64(len(names)))))
		}
		return names, len(names), nil
	}
	for _, e := range events {
		if e.Event == m.EachEvent {
			all, err := propValues(ctx, s.Store, e, m)
			switch {
			case err != nil:
				return nil, 0, err
			case m.EachTop > 0:
				return all[:min(m.EachTop, len(all))], len(all), nil
			case len(all) > MaxPages:
				return nil, 0, tooMany(m, fmt.Sprintf("more than %s values on %q", build.Commas(int64(MaxPages)), e.Event))
			}
			return all, len(all), nil
		}
	}
	return nil, 0, nil // an event the store has not seen (yet): no copies; lint warns
}

// tooMany is the error of a template over more than MaxPages values.
func tooMany(m build.Meta, what string) error {
	return fmt.Errorf("each: %s: %s, and a template makes at most %s pages: set each_top: N to make pages for the N with the most events",
		m.Each, what, build.Commas(int64(MaxPages)))
}

// eventNames returns the names of the events seen, by name, or the top
// ones by total (then name) when top > 0.
func eventNames(events []build.EventInfo, top int) []string {
	seen := make([]build.EventInfo, 0, len(events))
	for _, e := range events {
		if e.Total > 0 {
			seen = append(seen, e)
		}
	}
	if top > 0 && top < len(seen) {
		sort.SliceStable(seen, func(i, j int) bool {
			if seen[i].Total != seen[j].Total {
				return seen[i].Total > seen[j].Total
			}
			return seen[i].Event < seen[j].Event
		})
		seen = seen[:top]
	}
	names := make([]string, len(seen))
	for i, e := range seen {
		names[i] = e.Event
	}
	return names
}

// propValues asks the store for the values of the breakdown of event e
// by m.Each over all the time the store has seen e, by events, most
// first (ties by value). "(none)" and "(other)" make no pages. It asks
// for one value more than MaxPages (and a place for "(none)"), so that
// memory stays bounded however many values the store holds; more than
// MaxPages values come back as MaxPages+1.
func propValues(ctx context.Context, st build.Reader, e build.EventInfo, m build.Meta) ([]string, error) {
	first, last := e.First.Time(), e.Last.Time()
	q := build.Query{
		Event: e.Event, Measure: build.CountMeasure, By: m.Each, Top: MaxPages + 2, Every: build.Monthly, Loc: time.UTC,
		From: time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC),
		To:   time.Date(last.Year(), last.Month()+1, 1, 0, 0, 0, 0, time.UTC),
	}
	r, err := st.Query(ctx, q)
	if errors.Is(err, build.ErrNoRollup) {
		return nil, fmt.Errorf("each: %s: the store keeps no breakdown of %q by %s yet: run dashsmith ingest, which builds the rollups dashboards ask for", m.Each, e.Event, m.Each)
	}
	if err != nil {
		return nil, fmt.Errorf("each: %s: %w", m.Each, err)
	}
	var values []string
	for _, g := range r.Groups {
		if g.Value != build.NoneGroup && g.Value != build.OtherGroup && g.Total > 0 && len(values) <= MaxPages {
			values = append(values, g.Value)
		}
	}
	return values, nil
}
