package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// testCardinality checks that the cap holds per rollup and hour across
// files: a group new to a full hour folds into OtherGroup, with what the
// file adds to it; a group already kept there stays kept; when only some
// of a file's new groups fit, the heaviest are kept.
func testCardinality(t *testing.T, st build.Store) {
	h := hour(day)
	declare(t, st, byPlan, revenueByPlan)
	rollups := []build.Rollup{build.BaseRollup, byPlan, revenueByPlan}

	b1 := newBatch("c1.gz", count{"Order Completed", h, 8}, count{"Order Completed", h + 1, 1})
	b1.Rollups, b1.Cardinality = rollups, 2
	addCell(b1, byPlan, "a", h, 5, 0)
	addCell(b1, byPlan, "b", h, 3, 0)
	addCell(b1, byPlan, "a", h+1, 1, 0)
	addCell(b1, revenueByPlan, "a", h, 2, 20)
	addCell(b1, revenueByPlan, "b", h, 1, 5)

	b2 := newBatch("c2.gz", count{"Order Completed", h, 13}, count{"Order Completed", h + 1, 5})
	b2.Rollups, b2.Cardinality = rollups, 2
	addCell(b2, byPlan, "c", h, 10, 0)             // h is full: folds
	addCell(b2, byPlan, "a", h, 1, 0)              // kept in h: stays
	addCell(b2, byPlan, build.OtherGroup, h, 2, 0) // folded by the parser
	addCell(b2, byPlan, "c", h+1, 1, 0)            // h+1 has room for one:
	addCell(b2, byPlan, "d", h+1, 4, 0)            // the heavier is kept
	addCell(b2, revenueByPlan, "c", h, 1, 30)      // h is full here too
	addCell(b2, revenueByPlan, "e", h+1, 2, 7)     // room
	b2.Stats.Folded = 2

	apply(t, st, b1)
	apply(t, st, b2)
	if b2.Stats.Folded != 2+10+1 {
		t.Errorf("c2's Stats.Folded = %d, want 13: the parser's 2, then c's 10 events in h and 1 in h+1 (once, though two rollups folded c in h)", b2.Stats.Folded)
	}
	again := newBatch("c2.gz", count{"Order Completed", h, 13}, count{"Order Completed", h + 1, 5})
	again.Rollups, again.Cardinality = rollups, 2
	addCell(again, byPlan, "c", h, 10, 0)
	apply(t, st, again) // applied already: nothing changes

	// A third file with a cap of its own (the site raised cardinality:)
	// has room for one more.
	b3 := newBatch("c3.gz", count{"Order Completed", h, 2})
	b3.Rollups, b3.Cardinality = rollups, 3
	addCell(b3, byPlan, "f", h, 1, 0)
	addCell(b3, byPlan, "g", h, 1, 0)
	apply(t, st, b3)

	to := "2026-05-01T02:00:00Z"
	wantString(t, "count by plan, capped at 2 per hour", groups(ask(t, st, byPlan, 10, build.Hourly, day, to)), ""+
		"all [23 6] = 29\n"+
		"a [6 1] = 7\n"+
		"d [0 4] = 4\n"+
		"b [3 0] = 3\n"+
		"f [1 0] = 1\n"+
		"(other) [13 1] = 14\n"+
		"folded=true")
	wantString(t, "sum(revenue) by plan, capped at 2 per hour", groups(ask(t, st, revenueByPlan, 10, build.Hourly, day, to)), ""+
		"all [55 7] = 62\n"+
		"a [20 0] = 20\n"+
		"e [0 7] = 7\n"+
		"b [5 0] = 5\n"+
		"(other) [30 0] = 30\n"+
		"folded=true")
}

// testCardinalityDedupe checks that a duplicate message of a group the
// store folded is taken back out of OtherGroup, where its file put it.
func testCardinalityDedupe(t *testing.T, st build.Store) {
	h := hour(day)
	declare(t, st, byPlan)
	rollups := []build.Rollup{build.BaseRollup, byPlan}
	file := func(id string, msgs ...struct {
		id    uint64
		group string
	}) *build.Batch {
		b := build.NewBatch(id, rollups...)
		b.Dedupe, b.Cardinality = 24*time.Hour, 1
		for _, m := range msgs {
			b.Counts[build.EventHour{Event: "Order Completed", Hour: h}]++
			addCell(b, byPlan, m.group, h, 1, 0)
			b.Msgs = append(b.Msgs, build.Msg{ID: m.id, Hour: h, Adds: []build.Add{
				{Event: "Order Completed", N: 1}, {Series: byPlan.Series(m.group), N: 1}}})
			b.Stats.Accepted++
			b.Stats.Lines++
		}
		return b
	}
	type m = struct {
		id    uint64
		group string
	}
	apply(t, st, file("x.gz", m{1, "x"}))
	apply(t, st, file("y.gz", m{1, "y"}, m{2, "y"})) // y folds; message 1 is a duplicate
	wantString(t, "count by plan, a folded duplicate", groups(ask(t, st, byPlan, 10, build.Hourly, day, "2026-05-01T01:00:00Z")), ""+
		"all [2] = 2\n"+
		"x [1] = 1\n"+
		"(other) [1] = 1\n"+
		"folded=true")
	r, err := st.Query(context.Background(), build.Query{Event: "Order Completed", Every: build.Hourly, From: at(day), To: at("2026-05-01T01:00:00Z")})
	if err != nil || r.Total != 2 {
		t.Fatalf("base count = %v, %v; want 2", r, err)
	}
}
