package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// The rollups the suite keeps besides the base counts.
var (
	revenue       = build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}}
	buyers        = build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: build.Unique, Prop: "userId"}}
	byPlan        = build.Rollup{Event: "Order Completed", Measure: build.CountMeasure, By: "plan"}
	revenueByPlan = build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}, By: "plan"}
)

// declare declares rs; a test that needs rollups beyond the base is
// skipped for a store that is not a build.Declarer, which keeps none.
func declare(t *testing.T, st build.Store, rs ...build.Rollup) {
	t.Helper()
	if err := declarer(t, st).Declare(context.Background(), rs); err != nil {
		t.Fatalf("Declare(%v): %v", rs, err)
	}
}

// openStore opens a store for one test, closed when the test ends.
func openStore(t *testing.T, open func(t *testing.T) build.Store) build.Store {
	t.Helper()
	st := open(t)
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return st
}

// declarer returns st as a build.Declarer, or skips the test.
func declarer(t *testing.T, st build.Store) build.Declarer {
	t.Helper()
	d, ok := st.(build.Declarer)
	if !ok {
		t.Skip("the store is not a build.Declarer: it keeps no rollup beyond the base")
	}
	return d
}

// addCell adds n events to the cell of r's group g at hour h, the first
// of value sum and the rest of value 0: a count gains n, a sum gains sum.
func addCell(b *build.Batch, r build.Rollup, g string, h build.Hour, n int64, sum float64) {
	if err := cellAt(b, r, g, h).Merge(Cell(r.Measure, n, sum)); err != nil {
		panic(err)
	}
}

// cellAt returns the cell of r's group g at hour h, adding an empty one.
func cellAt(b *build.Batch, r build.Rollup, g string, h build.Hour) *build.Cell {
	k := build.CellKey{Rollup: r, Group: g, Hour: h}
	c := b.Cells[k]
	if c == nil {
		var err error
		if c, err = build.NewCell(r.Measure); err != nil {
			panic(fmt.Sprintf("%v: the store test must import the HyperLogLog plugin (plugins/hll) for its side effect", err))
		}
		b.Cells[k] = c
	}
	return c
}

// addValues adds values, as text, to the cell of r's group g at hour h.
func addValues(t *testing.T, b *build.Batch, r build.Rollup, g string, h build.Hour, vals ...string) {
	t.Helper()
	c := cellAt(b, r, g, h)
	for _, v := range vals {
		c.Add(build.Value{Text: []byte(v)})
	}
}

// ask runs a query of rollup r over [from, to).
func ask(t *testing.T, st build.Store, r build.Rollup, top int, every build.Interval, from, to string) *build.Result {
	t.Helper()
	q := build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Top: top, Every: every, From: at(from), To: at(to)}
	res, err := st.Query(context.Background(), q)
	if err != nil {
		t.Fatalf("Query(%s, %s, %s..%s): %v", r.ID(), every, from, to, err)
	}
	if res == nil {
		t.Fatalf("Query(%s): nil result and no error", r.ID())
	}
	return res
}

// points writes a result's values and total compactly: "[1 2 0] = 3",
// a gap as "—".
func points(pts []build.Point, total float64) string {
	vals := make([]string, len(pts))
	for i, p := range pts {
		vals[i] = fmt.Sprint(p.Value)
		if p.Gap {
			vals[i] = "—"
		}
	}
	return "[" + strings.Join(vals, " ") + "] = " + fmt.Sprint(total)
}

// groups writes a breakdown's groups in order, one per line.
func groups(r *build.Result) string {
	s := "all " + points(r.Points, r.Total)
	if r.TotalGap {
		s += " (gap)"
	}
	for _, g := range r.Groups {
		s += "\n" + g.Value + " " + points(g.Points, g.Total)
		if g.TotalGap {
			s += " (gap)"
		}
	}
	return s + fmt.Sprintf("\nfolded=%v", r.Folded)
}

func wantString(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Fatalf("%s:\n got %s\nwant %s", what, got, want)
	}
}

func testUndeclaredRollup(t *testing.T, st build.Store) {
	declarer(t, st)
	ctx := context.Background()
	h := hour(day)
	apply(t, st, newBatch("base.gz", count{"Order Completed", h, 4}))
	for _, r := range []build.Rollup{revenue, byPlan, buyers, {Event: "Order Completed", Measure: buyers.Measure, By: "plan"}} {
		q := build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Every: build.Daily, From: at(day), To: at("2026-05-02T00:00:00Z")}
		_, err := st.Query(ctx, q)
		if !errors.Is(err, build.ErrNoRollup) {
			t.Fatalf("Query(%s) before Declare: %v, want an error wrapping build.ErrNoRollup", r.ID(), err)
		}
		if !strings.Contains(err.Error(), r.ID()) {
			t.Errorf("the error for an undeclared rollup should name it (%s): %v", r.ID(), err)
		}
	}
	// A plain count is read from the base and needs no Declare.
	want(t, query(t, st, "Order Completed", build.Daily, day, "2026-05-02T00:00:00Z", nil), pt{day, 4})
	declare(t, st, build.BaseRollup, build.Rollup{Event: "Order Completed", Measure: build.CountMeasure}, revenue)
	declare(t, st, revenue) // again: harmless
	got, err := declarer(t, st).Declared(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != revenue {
		t.Errorf("Declared() = %v, want only %s (the base and plain counts are never declared)", got, revenue.ID())
	}
	r := ask(t, st, revenue, 0, build.Daily, day, "2026-05-02T00:00:00Z")
	wantString(t, "a declared rollup with no data", points(r.Points, r.Total), "[0] = 0")
	if _, err := st.Query(ctx, build.Query{Event: "Order Completed", Measure: byPlan.Measure, By: byPlan.By, Every: build.Daily,
		From: at(day), To: at("2026-05-02T00:00:00Z")}); !errors.Is(err, build.ErrNoRollup) {
		t.Errorf("Query(%s) after declaring another rollup: %v, want build.ErrNoRollup", byPlan.ID(), err)
	}
}

func testBackfillOnce(t *testing.T, st build.Store) {
	h := hour(day)
	declare(t, st, byPlan)
	apply(t, st, newBatch("f.gz", count{"Order Completed", h, 3}))
	// The same file read again for a new rollup only. Its counts must be
	// left out: the batch does not hold the base rollup.
	backfill := func() *build.Batch {
		b := build.NewBatch("f.gz", byPlan)
		b.Counts[build.EventHour{Event: "Order Completed", Hour: h}] = 100
		addCell(b, byPlan, "pro", h, 2, 0)
		addCell(b, byPlan, "free", h, 1, 0)
		return b
	}
	check := func(when string) {
		t.Helper()
		want(t, query(t, st, "Order Completed", build.Daily, day, "2026-05-02T00:00:00Z", nil), pt{day, 3})
		wantString(t, "by plan "+when, groups(ask(t, st, byPlan, 5, build.Daily, day, "2026-05-02T00:00:00Z")),
			"all [3] = 3\npro [2] = 2\nfree [1] = 1\nfolded=false")
		wantString(t, "Applied "+when, fmt.Sprint(appliedIDs(t, st, "f.gz")), fmt.Sprint([]string{byPlan.ID(), "count"}))
	}
	apply(t, st, backfill())
	check("after the backfill")
	apply(t, st, backfill())
	check("after the same backfill again")
	both := build.NewBatch("f.gz", build.BaseRollup, byPlan)
	both.Counts[build.EventHour{Event: "Order Completed", Hour: h}] = 50
	addCell(both, byPlan, "pro", h, 50, 0)
	apply(t, st, both)
	check("after a batch of both for the same file")
	// A new file brings both at once.
	g := newBatch("g.gz", count{"Order Completed", h + 1, 1})
	g.Rollups = []build.Rollup{build.BaseRollup, byPlan}
	addCell(g, byPlan, "pro", h+1, 1, 0)
	apply(t, st, g)
	wantString(t, "by plan with g.gz", groups(ask(t, st, byPlan, 5, build.Hourly, day, "2026-05-01T02:00:00Z")),
		"all [3 1] = 4\npro [2 1] = 3\nfree [1 0] = 1\nfolded=false")
}

// Cell returns a cell of the measure m that n events fed, the first of
// value sum and the rest of value 0 (a count of n, a sum of sum over n
// events), for stores' own tests. It panics when m cannot make a cell.
func Cell(m build.Measure, n int64, sum float64) *build.Cell {
	c, err := build.NewCell(m)
	if err != nil {
		panic(err)
	}
	for i := range n {
		v := build.Value{}
		if i == 0 {
			v.Num = sum
		}
		c.Add(v)
	}
	return c
}

// TextCell returns a cell of the measure m fed the values as text (a
// unique count of them), for stores' own tests.
func TextCell(m build.Measure, vals ...string) *build.Cell {
	c := Cell(m, 0, 0)
	for _, v := range vals {
		c.Add(build.Value{Text: []byte(v)})
	}
	return c
}
