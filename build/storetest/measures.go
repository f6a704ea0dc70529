package storetest

import (
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func testSum(t *testing.T, st build.Store) {
	h := hour(day)
	declare(t, st, revenue)
	s1 := newBatch("s1.gz", count{"Order Completed", h, 2}, count{"Order Completed", h + 1, 1})
	s1.Rollups = []build.Rollup{build.BaseRollup, revenue}
	addCell(s1, revenue, "", h, 1, 19.5)
	addCell(s1, revenue, "", h, 1, -4.25) // a refund
	addCell(s1, revenue, "", h+1, 1, 0.125)
	s2 := newBatch("s2.gz", count{"Order Completed", h, 1}, count{"Order Completed", h + 2, 1}, count{"Order Completed", h + 25, 1})
	s2.Rollups = []build.Rollup{build.BaseRollup, revenue}
	addCell(s2, revenue, "", h, 1, -20.5) // the hour goes negative: 15.25 - 20.5
	addCell(s2, revenue, "", h+2, 1, 1_000_000_000.5)
	addCell(s2, revenue, "", h+25, 1, 0.75)
	apply(t, st, s1)
	apply(t, st, s2)
	apply(t, st, s1) // again: nothing changes
	r := ask(t, st, revenue, 0, build.Hourly, day, "2026-05-01T04:00:00Z")
	wantString(t, "sum(revenue) hourly", points(r.Points, r.Total), "[-5.25 0.125 1.0000000005e+09 0] = 9.99999995375e+08")
	r = ask(t, st, revenue, 0, build.Daily, day, "2026-05-03T00:00:00Z")
	wantString(t, "sum(revenue) daily", points(r.Points, r.Total), "[9.99999995375e+08 0.75] = 9.99999996125e+08")
	// The base counts are untouched by the sums.
	want(t, query(t, st, "Order Completed", build.Daily, day, "2026-05-03T00:00:00Z", nil),
		pt{day, 5}, pt{"2026-05-02T00:00:00Z", 1})
	// Another event's sum is another rollup, never declared.
	other := build.Rollup{Event: "Refunded", Measure: revenue.Measure}
	declare(t, st, other)
	r = ask(t, st, other, 0, build.Daily, day, "2026-05-02T00:00:00Z")
	wantString(t, "sum(revenue) of an event with none", points(r.Points, r.Total), "[0] = 0")
}

func testUnique(t *testing.T, st build.Store) {
	h := hour(day)
	declare(t, st, buyers)
	u1 := newBatch("u1.gz", count{"Order Completed", h, 3})
	u1.Rollups = []build.Rollup{build.BaseRollup, buyers}
	addValues(t, u1, buyers, "", h, "a", "b")
	addValues(t, u1, buyers, "", h+1, "b")
	u2 := newBatch("u2.gz", count{"Order Completed", h, 3})
	u2.Rollups = []build.Rollup{build.BaseRollup, buyers}
	addValues(t, u2, buyers, "", h, "c", "a")
	addValues(t, u2, buyers, "", h+1, "c", "d")
	addValues(t, u2, buyers, "", h+25, "a")
	apply(t, st, u1)
	apply(t, st, u2)
	apply(t, st, u2) // again: a sketch would not count it twice, but the store must not even try
	// Hours merge across files: {a b c}, {b c d}. The total is the
	// distinct users of the whole range, not the sum of the hours.
	r := ask(t, st, buyers, 0, build.Hourly, day, "2026-05-01T03:00:00Z")
	wantString(t, "unique(userId) hourly", points(r.Points, r.Total), "[3 3 0] = 4")
	r = ask(t, st, buyers, 0, build.Daily, day, "2026-05-03T00:00:00Z")
	wantString(t, "unique(userId) daily", points(r.Points, r.Total), "[4 1] = 4")
	r = ask(t, st, buyers, 0, build.Daily, "2026-05-02T00:00:00Z", "2026-05-03T00:00:00Z")
	wantString(t, "unique(userId) of the second day", points(r.Points, r.Total), "[1] = 1")
}
