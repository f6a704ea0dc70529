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

// capMsg is one Order Completed message of a cardinality test: its ID
// (0: none, no dedupe), its plan and its hour.
type capMsg struct {
	id    uint64
	group string
	h     build.Hour
}

// capFile builds a file of messages counted by plan under a cap, with
// dedupe on when any message has an ID.
func capFile(id string, limit int, msgs ...capMsg) *build.Batch {
	b := build.NewBatch(id, build.BaseRollup, byPlan)
	b.Cardinality = limit
	for _, m := range msgs {
		b.Counts[build.EventHour{Event: "Order Completed", Hour: m.h}]++
		addCell(b, byPlan, m.group, m.h, 1, 0)
		if m.id != 0 {
			b.Dedupe = 24 * time.Hour
			b.Msgs = append(b.Msgs, build.Msg{ID: m.id, Hour: m.h, Adds: []build.Add{
				{Event: "Order Completed"}, {Rollup: &byPlan, Group: m.group}}})
		}
		b.Stats.Accepted++
		b.Stats.Lines++
	}
	return b
}

// testCardinalityDedupe checks that a duplicate message of a group the
// store folded is taken back out of OtherGroup, where its file put it.
func testCardinalityDedupe(t *testing.T, st build.Store) {
	h := hour(day)
	declare(t, st, byPlan)
	apply(t, st, capFile("x.gz", 1, capMsg{1, "x", h}))
	apply(t, st, capFile("y.gz", 1, capMsg{1, "y", h}, capMsg{2, "y", h})) // y folds; message 1 is a duplicate
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

// testCardinalityDupes checks that the cap ranks what a file adds once
// its duplicates are out: a's three copies of one message weigh one, less
// than b's two messages; and a group of duplicates only takes no place.
func testCardinalityDupes(t *testing.T, st build.Store) {
	h := hour(day)
	declare(t, st, byPlan)
	apply(t, st, capFile("z.gz", 2, capMsg{1, "z", h}, capMsg{5, "w", h + 1}))
	b := capFile("ab.gz", 2, capMsg{10, "a", h}, capMsg{10, "a", h}, capMsg{10, "a", h}, capMsg{11, "b", h}, capMsg{12, "b", h},
		capMsg{5, "v", h + 1}) // v: a duplicate of w's message, so v adds nothing
	apply(t, st, b)
	if b.Stats.Folded != 1 {
		t.Errorf("Stats.Folded = %d, want 1: a's one message", b.Stats.Folded)
	}
	apply(t, st, capFile("c.gz", 2, capMsg{20, "c", h + 1})) // h+1 keeps w alone: room for c
	wantString(t, "count by plan, ranked without duplicates", groups(ask(t, st, byPlan, 10, build.Hourly, day, "2026-05-01T02:00:00Z")), ""+
		"all [4 2] = 6\n"+
		"b [2 0] = 2\n"+
		"c [0 1] = 1\n"+
		"w [0 1] = 1\n"+
		"z [1 0] = 1\n"+
		"(other) [1 0] = 1\n"+
		"folded=true")
}

// testCardinalityOrder checks that files applied together decide in their
// order: the second file's group of an earlier hour does not let its group
// of a later hour in before the first file's.
func testCardinalityOrder(t *testing.T, st build.Store) {
	h := hour(day)
	declare(t, st, byPlan)
	first := capFile("1.gz", 1, capMsg{0, "x", h + 1})
	second := capFile("2.gz", 1, capMsg{0, "w", h}, capMsg{0, "y", h + 1}, capMsg{0, "y", h + 1})
	if m, ok := st.(build.MultiApplier); ok {
		if err := m.ApplyAll(context.Background(), []*build.Batch{first, second}); err != nil {
			t.Fatal(err)
		}
	} else {
		apply(t, st, first)
		apply(t, st, second)
	}
	wantString(t, "count by plan, two files together", groups(ask(t, st, byPlan, 10, build.Hourly, day, "2026-05-01T02:00:00Z")), ""+
		"all [1 3] = 4\n"+
		"w [1 0] = 1\n"+
		"x [0 1] = 1\n"+
		"(other) [0 2] = 2\n"+
		"folded=true")
}
