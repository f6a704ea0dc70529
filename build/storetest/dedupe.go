package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// msg is one Order Completed message of a dedupe test.
type msg struct {
	id      uint64
	hour    build.Hour
	revenue float64
}

// msgBatch builds a file of messages under a 24-hour dedupe window, as a
// parser would for the rollups given: counts, cells and each message's adds.
func msgBatch(id string, rollups []build.Rollup, msgs ...msg) *build.Batch {
	b := build.NewBatch(id, rollups...)
	b.Dedupe = 24 * time.Hour
	for _, m := range msgs {
		var adds []build.Add
		for _, r := range rollups {
			switch {
			case r.IsBase():
				b.Counts[build.EventHour{Event: "Order Completed", Hour: m.hour}]++
				adds = append(adds, build.Add{Event: "Order Completed"})
			case r == revenue:
				addCell(b, r, "", m.hour, 1, m.revenue)
				adds = append(adds, build.Add{Rollup: &r, Num: m.revenue})
			case r == byPlan:
				addCell(b, r, "pro", m.hour, 1, 0)
				adds = append(adds, build.Add{Rollup: &r, Group: "pro"})
			}
		}
		b.Msgs = append(b.Msgs, build.Msg{ID: m.id, Hour: m.hour, Adds: adds})
		b.Stats.Accepted++
		b.Stats.Lines++
	}
	return b
}

// dedupeFiles are four files under dedupe: m1 in three files within 24
// hours (the third 20 hours after the first), m2 twice 30 hours apart, m3
// twice in one file. Hours only move forward across the files: a store may
// forget IDs older than the newest hour it has seen minus the window.
func dedupeFiles(rollups ...build.Rollup) []*build.Batch {
	h := hour(day)
	return []*build.Batch{
		msgBatch("d1.gz", rollups, msg{1, h, 10}, msg{3, h, 1.5}, msg{3, h, 1.5}),
		msgBatch("d2.gz", rollups, msg{1, h, 10}, msg{2, h + 1, 5}),
		msgBatch("d3.gz", rollups, msg{4, h + 2, 0.25}, msg{1, h + 20, 10}),
		msgBatch("d4.gz", rollups, msg{2, h + 31, 5}),
	}
}

// wantDeduped checks the counts and sums the dedupe files add up to.
func wantDeduped(t *testing.T, st build.Store) {
	t.Helper()
	want(t, query(t, st, "Order Completed", build.Hourly, day, "2026-05-01T03:00:00Z", nil),
		pt{"2026-05-01T00:00:00Z", 2}, pt{"2026-05-01T01:00:00Z", 1}, pt{"2026-05-01T02:00:00Z", 1})
	want(t, query(t, st, "Order Completed", build.Daily, day, "2026-05-03T00:00:00Z", nil),
		pt{day, 4}, pt{"2026-05-02T00:00:00Z", 1})
	r := ask(t, st, revenue, 0, build.Hourly, day, "2026-05-01T03:00:00Z")
	wantString(t, "sum(revenue) under dedupe", points(r.Points, r.Total), "[11.5 5 0.25] = 16.75")
	r = ask(t, st, revenue, 0, build.Daily, day, "2026-05-03T00:00:00Z")
	wantString(t, "sum(revenue) under dedupe, daily", points(r.Points, r.Total), "[16.75 5] = 21.75")
}

func testDedupe(t *testing.T, st build.Store) {
	declare(t, st, revenue)
	files := dedupeFiles(build.BaseRollup, revenue)
	apply(t, st, files[0])
	apply(t, st, files[1])
	if multi, ok := st.(build.MultiApplier); ok {
		if err := multi.ApplyAll(context.Background(), files[2:]); err != nil {
			t.Fatalf("ApplyAll: %v", err)
		}
	} else {
		apply(t, st, files[2])
		apply(t, st, files[3])
	}
	wantDeduped(t, st)
	for i, dups := range []int64{1, 1, 1, 0} {
		if got := files[i].Stats.Dups; got != dups {
			t.Errorf("%s: Stats.Dups = %d after Apply, want %d", files[i].ID, got, dups)
		}
	}
	for _, b := range dedupeFiles(build.BaseRollup, revenue) {
		apply(t, st, b) // again: nothing changes
	}
	wantDeduped(t, st)
}

func testDedupeBackfill(t *testing.T, st build.Store) {
	// A backfill reads the files again for a new rollup, in another order:
	// it must take out the messages the base counts took out, no more.
	for _, b := range dedupeFiles(build.BaseRollup) {
		apply(t, st, b)
	}
	declare(t, st, revenue, byPlan)
	files := dedupeFiles(revenue, byPlan)
	for i := len(files) - 1; i >= 0; i-- {
		apply(t, st, files[i])
	}
	wantDeduped(t, st)
	r := ask(t, st, byPlan, 5, build.Daily, day, "2026-05-03T00:00:00Z")
	wantString(t, "count by plan, backfilled under dedupe", groups(r), "all [4 1] = 5\npro [4 1] = 5\nfolded=false")
}

func testDedupeLate(t *testing.T, st build.Store) {
	// m1 twice 30 minutes apart (the same hour), with a file two days
	// newer applied between them: the newer file must not make the store
	// forget m1 before its duplicate comes.
	h := hour(day)
	base := []build.Rollup{build.BaseRollup}
	apply(t, st, msgBatch("late1.gz", base, msg{1, h, 0}))
	apply(t, st, msgBatch("late2.gz", base, msg{2, h + 48, 0}))
	again := msgBatch("late3.gz", base, msg{1, h, 0})
	apply(t, st, again)
	if again.Stats.Dups != 1 {
		t.Errorf("Stats.Dups = %d for a duplicate after a newer file, want 1", again.Stats.Dups)
	}
	want(t, query(t, st, "Order Completed", build.Daily, day, "2026-05-04T00:00:00Z", nil),
		pt{day, 1}, pt{"2026-05-02T00:00:00Z", 0}, pt{"2026-05-03T00:00:00Z", 1})
}
