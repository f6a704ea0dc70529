package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// testHourCounts checks build.HourCounter, for a store that has it: the
// base counts of every event added up per hour of a range, whatever the
// events' names, and nothing of the rollups kept beside them.
func testHourCounts(t *testing.T, st build.Store) {
	hc, ok := st.(build.HourCounter)
	if !ok {
		t.Skip("the store does not implement build.HourCounter")
	}
	h := hour(day)
	declare(t, st, byPlan)
	b := newBatch("hours.gz",
		count{"Order Completed", h - 1, 100}, // before the range
		count{"Order Completed", h, 2}, count{"Order Completed", h + 3, 5},
		count{"Order Completed", h + 6, 100}, // after it
		count{"a", h, 1}, count{"a\x00b", h + 1, 7}, count{"Zürich 🙂", h + 3, 1},
		count{"Signed Up", h + 5, 4},
	)
	b.Rollups = []build.Rollup{build.BaseRollup, byPlan}
	addCell(b, byPlan, "pro", h+2, 50, 0) // a rollup, not an event's count
	for i := range 300 {                  // many names, 50 in each hour
		b.Counts[build.EventHour{Event: fmt.Sprintf("made-up %03d", i), Hour: h + build.Hour(i%6)}] = 1
	}
	apply(t, st, b)
	got, err := hc.HourCounts(context.Background(), h, h+6)
	if err != nil {
		t.Fatalf("HourCounts: %v", err)
	}
	var vals []int64
	for k := range build.Hour(6) {
		vals = append(vals, got[h+k])
	}
	for k := range got {
		if k < h || k >= h+6 {
			t.Errorf("HourCounts gave hour %s, outside the range", k.Time())
		}
	}
	wantString(t, "HourCounts", fmt.Sprint(vals), fmt.Sprint([]int64{2 + 1 + 50, 7 + 50, 50, 5 + 1 + 50, 50, 4 + 50}))
	empty, err := hc.HourCounts(context.Background(), h+100, h+106)
	if err != nil {
		t.Fatalf("HourCounts of a range without events: %v", err)
	}
	for k, n := range empty {
		if n != 0 {
			t.Errorf("HourCounts of a range without events: %d at %s", n, k.Time())
		}
	}
}
