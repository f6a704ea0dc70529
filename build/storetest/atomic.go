package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// goodBatch is a file with a count and a breakdown cell.
func goodBatch(id string, h build.Hour, n int64) *build.Batch {
	b := newBatch(id, count{"Order Completed", h, n})
	b.Rollups = []build.Rollup{build.BaseRollup, byPlan}
	addCell(b, byPlan, "pro", h, n, 0)
	return b
}

// badBatch is a file whose last cell names a series no store can read
// back: a group value holding the separator.
func badBatch(id string, h build.Hour) *build.Batch {
	b := goodBatch(id, h, 1000)
	addCell(b, byPlan, "x\x1fy", h, 1, 0)
	return b
}

func testApplyAllAtomic(t *testing.T, st build.Store) {
	ctx := context.Background()
	h := hour(day)
	declare(t, st, byPlan)
	nothing := func(when string, ids ...string) {
		t.Helper()
		for _, id := range ids {
			if done := appliedIDs(t, st, id); len(done) > 0 {
				t.Fatalf("%s: Applied(%q) = %v, want none", when, id, done)
			}
		}
		want(t, query(t, st, "Order Completed", build.Daily, day, "2026-05-02T00:00:00Z", nil), pt{day, 0})
		wantString(t, when+": count by plan", groups(ask(t, st, byPlan, 5, build.Daily, day, "2026-05-02T00:00:00Z")), "all [0] = 0\nfolded=false")
		wantEvents(t, st)
	}
	if err := st.Apply(ctx, badBatch("bad.gz", h)); err == nil {
		t.Fatal("Apply of a batch with an unreadable series succeeded")
	}
	nothing("after a failed Apply", "bad.gz")

	multi, ok := st.(build.MultiApplier)
	if !ok {
		t.Skip("the store does not implement build.MultiApplier")
	}
	if err := multi.ApplyAll(ctx, []*build.Batch{goodBatch("a.gz", h, 1), badBatch("bad.gz", h), goodBatch("c.gz", h+1, 2)}); err == nil {
		t.Fatal("ApplyAll with a bad batch in the middle succeeded")
	}
	nothing("after a failed ApplyAll", "a.gz", "bad.gz", "c.gz")
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := multi.ApplyAll(cancelled, []*build.Batch{goodBatch("a.gz", h, 1), goodBatch("c.gz", h+1, 2)}); err == nil {
		t.Log("ApplyAll with a cancelled context applied the batches; checking they are whole")
	} else {
		nothing("after ApplyAll with a cancelled context", "a.gz", "c.gz")
	}
	// The same file twice in one call counts once; a second batch of the
	// same file with a new rollup applies only that rollup.
	base := goodBatch("d.gz", h, 4)
	base.Rollups = []build.Rollup{build.BaseRollup}
	more := goodBatch("d.gz", h, 400)
	more.Rollups = []build.Rollup{byPlan}
	err := multi.ApplyAll(ctx, []*build.Batch{goodBatch("a.gz", h, 1), goodBatch("a.gz", h, 1), goodBatch("c.gz", h+1, 2), base, more, goodBatch("a.gz", h, 1)})
	if err != nil {
		t.Fatalf("ApplyAll: %v", err)
	}
	want(t, query(t, st, "Order Completed", build.Hourly, day, "2026-05-01T02:00:00Z", nil),
		pt{"2026-05-01T00:00:00Z", 5}, pt{"2026-05-01T01:00:00Z", 2})
	wantString(t, "count by plan after ApplyAll", groups(ask(t, st, byPlan, 5, build.Hourly, day, "2026-05-01T02:00:00Z")),
		"all [401 2] = 403\npro [401 2] = 403\nfolded=false")
	for _, id := range []string{"a.gz", "c.gz", "d.gz"} {
		wantString(t, "Applied("+id+")", fmt.Sprint(appliedIDs(t, st, id)), fmt.Sprint([]string{byPlan.ID(), "count"}))
	}
}
