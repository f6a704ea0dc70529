package health

import (
	"context"
	"fmt"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// findGaps returns the hours of the 7 days before now (the current hour
// left out) with no events of any name, though the same hour of the week
// had events in each of the 3 weeks before. At most 7 x 24 hours.
func findGaps(ctx context.Context, st build.Reader, now time.Time) ([]time.Time, error) {
	end := build.HourOf(now)
	total, err := build.HourCounts(ctx, st, end-28*24, end)
	if err != nil {
		return nil, fmt.Errorf("health: %w", err)
	}
	if len(total) == 0 {
		return nil, nil
	}
	var gaps []time.Time
	const week = 7 * 24
	for h := end - week; h < end; h++ {
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
