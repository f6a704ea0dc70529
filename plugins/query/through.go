package query

import (
	"context"
	"fmt"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// Through returns how far the store's data is complete as of now: the end
// of the latest hour any event was seen in, but never after now (the
// current hour is still filling up). It is zero when the store holds no
// events.
func Through(ctx context.Context, st build.Reader, now time.Time) (time.Time, error) {
	events, err := st.Events(ctx)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: list events: %w", err)
	}
	return throughOf(events, now), nil
}

// throughOf is Through of the events a store listed.
func throughOf(events []build.EventInfo, now time.Time) time.Time {
	var t time.Time
	for _, e := range events {
		if end := (e.Last + 1).Time(); end.After(t) {
			t = end
		}
	}
	if !now.IsZero() && t.After(now) {
		t = now
	}
	return t
}
