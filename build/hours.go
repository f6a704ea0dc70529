package build

import (
	"context"
	"time"
)

// HourCounts adds up every event's base counts per UTC hour in [from,
// to): in one pass when st can (HourCounter), else one query per event
// name that has data in the window. A store wrapper (a cache, say)
// implements HourCounter itself, asking the store it wraps when that one
// is a HourCounter, so that the capability underneath is not hidden.
func HourCounts(ctx context.Context, st Reader, from, to Hour) (map[Hour]int64, error) {
	if hc, ok := st.(HourCounter); ok {
		return hc.HourCounts(ctx, from, to)
	}
	events, err := st.Events(ctx)
	if err != nil {
		return nil, err
	}
	total := map[Hour]int64{}
	for _, ev := range events {
		if ev.Last < from || ev.First >= to {
			continue // no events in the window
		}
		q := Query{Event: ev.Event, Measure: CountMeasure, Every: Hourly, From: from.Time(), To: to.Time(), Loc: time.UTC}
		r, err := st.Query(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, p := range r.Points {
			if p.Value != 0 {
				total[HourOf(p.Time)] += int64(p.Value)
			}
		}
	}
	return total, nil
}
