package dashsmith_test

import (
	"context"
	"errors"
	"hash/fnv"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// fakeStore is a build.Store of function fields; nil fields are not used.
type fakeStore struct {
	QueryFn  func(ctx context.Context, q build.Query) (*build.Result, error)
	EventsFn func(ctx context.Context) ([]build.EventInfo, error)
}

func (f *fakeStore) Apply(context.Context, *build.Batch) error {
	return errors.New("fake store: read only")
}
func (f *fakeStore) Applied(context.Context, string) ([]string, error) { return nil, nil }
func (f *fakeStore) Events(ctx context.Context) ([]build.EventInfo, error) {
	if f.EventsFn == nil {
		return nil, nil
	}
	return f.EventsFn(ctx)
}
func (f *fakeStore) Health(context.Context) ([]build.HealthDay, error) { return nil, nil }
func (f *fakeStore) Declare(context.Context, []build.Rollup) error     { return nil }
func (f *fakeStore) Declared(context.Context) ([]build.Rollup, error)  { return nil, nil }
func (f *fakeStore) Close() error                                      { return nil }
func (f *fakeStore) Query(ctx context.Context, q build.Query) (*build.Result, error) {
	return f.QueryFn(ctx, q)
}

var _ build.Store = (*fakeStore)(nil)

// patterned answers every query with made-up but stable counts: a value per
// hour that depends on the event name and the hour only. Its data runs
// to the hour before now's, so the site is complete through 15:00 UTC.
func patterned() *fakeStore {
	return &fakeStore{
		EventsFn: func(context.Context) ([]build.EventInfo, error) {
			last := build.HourOf(now) - 1
			return []build.EventInfo{ // for templates (events.md), one of them hostile
				{Event: "</script><script>alert(1)</script>", Total: 1, Last: last},
				{Event: "Order Completed", Total: 1, Last: last},
				{Event: "Signed Up", Total: 1, Last: last},
			}, nil
		},
		QueryFn: func(_ context.Context, q build.Query) (*build.Result, error) {
			h := fnv.New32a()
			h.Write([]byte(q.Event))
			seed := int64(h.Sum32() % 97)
			from, to := q.Hours()
			counts := func(salt int64) map[build.Hour]int64 {
				m := map[build.Hour]int64{}
				for hr := from; hr < to && hr < build.HourOf(now); hr++ { // no data after the hour before now
					m[hr] = (seed + salt + int64(hr)*7) % 53
				}
				return m
			}
			// A count or a sum of n events of value 1 each; other measures hold nothing.
			hourly := func(salt int64) map[build.Hour]*build.Cell {
				m := map[build.Hour]*build.Cell{}
				for hr, n := range counts(salt) {
					m[hr] = storetest.Cell(q.Measure, 0, 0)
					if q.Measure.Vector() != nil {
						m[hr] = storetest.Cell(q.Measure, n, float64(n))
					}
				}
				return m
			}
			if q.By == "" {
				flat := map[build.Hour]float64{}
				for hr, n := range counts(0) {
					flat[hr] = float64(n)
				}
				return build.Fill(q, flat), nil
			}
			// A breakdown: three made-up groups.
			groups := []string{"pro", "free", "team"}
			if q.By == "xss" { // hostile property values
				groups = []string{"</script><script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, "=cmd|' /C calc'!A0"}
			}
			cells := map[string]map[build.Hour]*build.Cell{}
			for i, g := range groups {
				cells[g] = hourly(int64(i * 11))
			}
			return build.FillGroups(q, cells)
		},
	}
}
