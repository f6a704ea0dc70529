package storetest

import (
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func testBreakdown(t *testing.T, st build.Store) {
	h := hour(day)
	declare(t, st, byPlan, revenueByPlan)
	b1 := newBatch("b1.gz", count{"Order Completed", h, 13}, count{"Order Completed", h + 1, 7}, count{"Order Completed", h + 2, 1})
	b1.Rollups = []build.Rollup{build.BaseRollup, byPlan, revenueByPlan}
	addCell(b1, byPlan, "pro", h, 5, 0)
	addCell(b1, byPlan, "pro", h+1, 3, 0)
	addCell(b1, byPlan, "free", h, 6, 0)
	addCell(b1, byPlan, "team", h+1, 4, 0)
	addCell(b1, byPlan, build.NoneGroup, h, 2, 0)    // events without a plan
	addCell(b1, byPlan, build.OtherGroup, h+2, 1, 0) // plans beyond ingest's cardinality cap
	addCell(b1, byPlan, "pro", h-1, 100, 0)          // the day before: out of range
	addCell(b1, byPlan, "gone", h+30, 50, 0)         // the day after: out of range
	addCell(b1, revenueByPlan, "pro", h, 2, 10.5)
	addCell(b1, revenueByPlan, "free", h+1, 3, -1.25)
	addCell(b1, revenueByPlan, build.NoneGroup, h+2, 1, 0.5)
	b2 := newBatch("b2.gz", count{"Order Completed", h, 2}, count{"Order Completed", h + 2, 3})
	b2.Rollups = []build.Rollup{build.BaseRollup, byPlan, revenueByPlan}
	addCell(b2, byPlan, "pro", h, 2, 0)
	addCell(b2, byPlan, "edu", h+2, 3, 0)
	apply(t, st, b1)
	apply(t, st, b2)
	apply(t, st, b1)

	// Top 3 of the hours: pro 10, free 6, team 4; (other) holds edu 3,
	// (none) 2 and the 1 folded at ingest, so the result says Folded.
	wantString(t, "count by plan, top 3, hourly", groups(ask(t, st, byPlan, 3, build.Hourly, day, "2026-05-01T03:00:00Z")), ""+
		"all [15 7 4] = 26\n"+
		"pro [7 3 0] = 10\n"+
		"free [6 0 0] = 6\n"+
		"team [0 4 0] = 4\n"+
		"(other) [2 0 4] = 6\n"+
		"folded=true")
	wantString(t, "count by plan, top 2, daily", groups(ask(t, st, byPlan, 2, build.Daily, day, "2026-05-02T00:00:00Z")), ""+
		"all [26] = 26\npro [10] = 10\nfree [6] = 6\n(other) [10] = 10\nfolded=true")
	wantString(t, "count by plan, top 10, daily", groups(ask(t, st, byPlan, 10, build.Daily, day, "2026-05-02T00:00:00Z")), ""+
		"all [26] = 26\npro [10] = 10\nfree [6] = 6\nteam [4] = 4\nedu [3] = 3\n(none) [2] = 2\n(other) [1] = 1\nfolded=true")
	wantString(t, "count by plan, the day before", groups(ask(t, st, byPlan, 5, build.Daily, "2026-04-30T00:00:00Z", day)), ""+
		"all [100] = 100\npro [100] = 100\nfolded=false")
	wantString(t, "count by plan, no data", groups(ask(t, st, byPlan, 5, build.Daily, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z")), ""+
		"all [0] = 0\nfolded=false")
	// Sums rank by total, a negative one last; nothing folded.
	wantString(t, "sum(revenue) by plan", groups(ask(t, st, revenueByPlan, 5, build.Hourly, day, "2026-05-01T03:00:00Z")), ""+
		"all [10.5 -1.25 0.5] = 9.75\npro [10.5 0 0] = 10.5\n(none) [0 0 0.5] = 0.5\nfree [0 -1.25 0] = -1.25\nfolded=false")
	// Breakdowns are not events, and the base counts are their own.
	want(t, query(t, st, "Order Completed", build.Hourly, day, "2026-05-01T03:00:00Z", nil),
		pt{"2026-05-01T00:00:00Z", 15}, pt{"2026-05-01T01:00:00Z", 7}, pt{"2026-05-01T02:00:00Z", 4})
	wantEvents(t, st, build.EventInfo{Event: "Order Completed", Total: 26, First: h, Last: h + 2})
}
