package each

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// DefaultTop is how many values of a property a template is built for
// when each_top is not given. Templates over events take every event.
const DefaultTop = 10

// valuesOf checks the template p declares and returns its values, in the
// order the store ranks them.
func valuesOf(ctx context.Context, s *build.Site, p *build.Page) ([]string, error) {
	m := p.Meta
	switch {
	case m.Each == "":
		return nil, fmt.Errorf("each_event and each_top go with each: add `each: event` or `each: <property>`")
	case p.URL == "":
		return nil, fmt.Errorf("each: the home page cannot be a template: move it to a page of its own")
	case m.EachTop < 0 || m.EachTop > 100:
		return nil, fmt.Errorf("each_top %d: use 1 to 100", m.EachTop)
	case m.Each == "event" && m.EachEvent != "":
		return nil, fmt.Errorf("each: event makes one page per event name, and takes no each_event")
	case m.Each != "event" && m.EachEvent == "":
		return nil, fmt.Errorf("each: %s needs each_event: the event whose %s values make the pages", m.Each, m.Each)
	case s.Store == nil:
		return nil, fmt.Errorf("each: no store to ask: pass --store or set store: in dashsmith.yaml")
	}
	if m.Each != "event" {
		if err := build.CheckPath(m.Each); err != nil {
			return nil, fmt.Errorf("each: %w (write event, or a property path with each_event)", err)
		}
	}
	events, err := s.Store.Events(ctx)
	if err != nil {
		return nil, fmt.Errorf("each: list the store's events: %w", err)
	}
	if m.Each == "event" {
		return eventNames(events, m.EachTop), nil
	}
	for _, e := range events {
		if e.Event == m.EachEvent {
			return propValues(ctx, s.Store, e, m)
		}
	}
	return nil, nil // an event the store has not seen (yet): no copies; lint warns
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

// propValues asks the store for the top values of the breakdown of event
// e by m.Each over all the time the store has seen e; "(none)" and
// "(other)" make no pages.
func propValues(ctx context.Context, st build.Reader, e build.EventInfo, m build.Meta) ([]string, error) {
	top := m.EachTop
	if top == 0 {
		top = DefaultTop
	}
	first, last := e.First.Time(), e.Last.Time()
	q := build.Query{
		Event: e.Event, Measure: build.CountMeasure, By: m.Each, Top: top, Every: build.Monthly, Loc: time.UTC,
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
		if g.Value != build.NoneGroup && g.Value != build.OtherGroup && g.Total > 0 && len(values) < top {
			values = append(values, g.Value)
		}
	}
	return values, nil
}
