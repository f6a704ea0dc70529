package dashsmith_test

import (
	"context"
	"hash/fnv"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// patternStore is the in-memory store of storetest with made-up answers
// laid over its Events and Query (see patterned); its other methods are
// the memory store's.
type patternStore struct {
	*storetest.Memory
	events func() []build.EventInfo
	query  func(q build.Query) (*build.Result, error)
}

func (p patternStore) Events(context.Context) ([]build.EventInfo, error) { return p.events(), nil }
func (p patternStore) Query(_ context.Context, q build.Query) (*build.Result, error) {
	return p.query(q)
}

// patterned answers every query with made-up but stable counts: a value per
// hour that depends on the event name and the hour only. Its data runs
// to the hour before now's, so the site is complete through 15:00 UTC.
func patterned() patternStore {
	return patternStore{
		Memory: storetest.NewMemory(),
		events: func() []build.EventInfo {
			last := build.HourOf(now) - 1
			return []build.EventInfo{ // for templates (events.md), one of them hostile
				{Event: "</script><script>alert(1)</script>", Total: 1, Last: last},
				{Event: "Order Completed", Total: 1, Last: last},
				{Event: "Order Refunded", Total: 1, Last: last},
				{Event: "Signed Up", Total: 1, Last: last},
			}
		},
		query: func(q build.Query) (*build.Result, error) {
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
