package health

import (
	"context"
	"fmt"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// findGaps returns the hours of the 7 days before now (the current hour
// left out) with no events of any name, though the same hour of the week
// had events in each of the 3 weeks before.
func findGaps(ctx context.Context, st build.Store, now time.Time) ([]time.Time, error) {
	events, err := st.Events(ctx)
	if err != nil {
		return nil, fmt.Errorf("health: %w", err)
	}
	end := build.HourOf(now).Time()
	from := end.Add(-28 * 24 * time.Hour)
	total := map[build.Hour]float64{}
	for _, ev := range events {
		q := build.Query{Event: ev.Event, Measure: build.CountMeasure, Every: build.Hourly, From: from, To: end, Loc: time.UTC}
		r, err := st.Query(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("health: %w", err)
		}
		for _, p := range r.Points {
			total[build.HourOf(p.Time)] += p.Value
		}
	}
	if len(total) == 0 {
		return nil, nil
	}
	var gaps []time.Time
	const week = 7 * 24
	for h := build.HourOf(end) - week; h < build.HourOf(end); h++ {
		if total[h] > 0 {
			continue
		}
		usual := true
		for w := build.Hour(1); w <= 3; w++ {
			if total[h-w*week] == 0 {
				usual = false
				break
			}
		}
		if usual {
			gaps = append(gaps, h.Time())
		}
	}
	return gaps, nil
}
