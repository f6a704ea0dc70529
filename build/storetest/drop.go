package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// testDrop: a dropped rollup is no longer declared, answered or recorded
// as applied; rollups beside it, one of them by a property whose name
// starts with the dropped one's (plan, planet), are left as they were;
// declared and applied again it answers as before, nothing of the old
// cells added; dropping the base counts is refused. Stores that cannot
// drop (not a build.Dropper) skip it.
func testDrop(t *testing.T, st build.Store) {
	d, ok := st.(build.Dropper)
	if !ok {
		t.Skip("the store is not a build.Dropper")
	}
	ctx := context.Background()
	h := hour(day)
	byPlanet := build.Rollup{Event: "Order Completed", Measure: build.CountMeasure, By: "planet"}
	declare(t, st, byPlan, byPlanet, revenueByPlan)
	file := func() *build.Batch {
		b := newBatch("f.gz", count{"Order Completed", h, 3})
		b.Rollups = []build.Rollup{build.BaseRollup, byPlan, byPlanet, revenueByPlan}
		addCell(b, byPlan, "pro", h, 2, 0)
		addCell(b, byPlan, "free", h+1, 1, 0)
		addCell(b, byPlanet, "mars", h, 3, 0)
		addCell(b, revenueByPlan, "pro", h, 2, 30)
		addCell(b, revenueByPlan, "free", h+1, 1, 5)
		return b
	}
	apply(t, st, file())
	show := func(r build.Rollup) string {
		return groups(ask(t, st, r, 5, build.Hourly, day, "2026-05-01T02:00:00Z"))
	}
	plan, planet, rev := show(byPlan), show(byPlanet), show(revenueByPlan)

	if _, err := d.Drop(ctx, []build.Rollup{byPlan}); err != nil {
		t.Fatalf("Drop: %v", err)
	}
	q := build.Query{Event: byPlan.Event, Measure: byPlan.Measure, By: byPlan.By, Top: 5, Every: build.Hourly, From: at(day), To: at("2026-05-01T02:00:00Z")}
	if _, err := st.Query(ctx, q); !errors.Is(err, build.ErrNoRollup) {
		t.Errorf("query of the dropped rollup: %v, want build.ErrNoRollup", err)
	}
	declared, err := declarer(t, st).Declared(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(declared, func(r build.Rollup) bool { return r.ID() == byPlan.ID() }) {
		t.Errorf("declared after the drop: %v", declared)
	}
	wantString(t, "applied after the drop", fmt.Sprint(appliedIDs(t, st, "f.gz")),
		fmt.Sprint(slices.Sorted(slices.Values([]string{byPlanet.ID(), revenueByPlan.ID(), "count"}))))
	wantString(t, "by planet after the drop", show(byPlanet), planet)
	wantString(t, "revenue by plan after the drop", show(revenueByPlan), rev)

	declare(t, st, byPlan)
	apply(t, st, file())
	wantString(t, "by plan declared and applied again", show(byPlan), plan)
	wantString(t, "by planet at the end", show(byPlanet), planet)
	want(t, query(t, st, "Order Completed", build.Daily, day, "2026-05-02T00:00:00Z", nil), pt{day, 3})

	if _, err := d.Drop(ctx, []build.Rollup{build.BaseRollup}); err == nil {
		t.Error("the base counts were dropped")
	}
}
