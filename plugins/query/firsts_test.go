package query

import (
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// TestCompare_BeforeData: a comparison period that began before the
// store's first hour of the event has no total to compare with (charts
// say "no data to compare"), and its buckets before that hour are gaps,
// not zeros; a period whose first bucket holds the first hour compares.
func TestCompare_BeforeData(t *testing.T) {
	st := shop(t, orders...) // the first order is at 2026-02-19 10:00
	p, err := run(t, st, nil, map[string]build.QuerySpec{
		"week":      {Event: "Order Completed", Range: "last 7 days", Compare: "previous period"},
		"fortnight": {Event: "Order Completed", Range: "last 14 days", Compare: "previous period"},
		"ten":       {Event: "Order Completed", Range: "last 10 days", Compare: "previous period"},
		"never":     {Event: "Order Refunded", Range: "last 7 days", Compare: "previous period"},
	})
	if err != nil {
		t.Fatal(err)
	}
	week := p.Data["week"].Previous
	if week.TotalGap || week.Total != 3 {
		t.Errorf("last 7 days against 2026-02-19 to 02-26, which holds the first order: total %v, gap %v; want 3 orders to compare", week.Total, week.TotalGap)
	}
	prev := p.Data["fortnight"].Previous
	if got := prev.Query.From.Format("2006-01-02"); got != "2026-02-05" {
		t.Fatalf("the fortnight before starts %s", got)
	}
	if !prev.TotalGap {
		t.Errorf("the fortnight before began 2 weeks before the first order: total %v, want none to compare", prev.Total)
	}
	if got, want := show(prev.Points), "- - - - - - - - - - - - - -"; got != want {
		t.Errorf("points %s, want gaps: every day before the first order", got)
	}
	ten := p.Data["ten"].Previous
	if !ten.TotalGap {
		t.Errorf("the 10 days before began before the first order: total %v, want none to compare", ten.Total)
	}
	if got, want := show(ten.Points), "- - - - - - 2 0 1 0"; got != want {
		t.Errorf("points %s, want %s: gaps before 2026-02-19, then the days it and after hold", got, want)
	}
	if !p.Data["never"].Previous.TotalGap {
		t.Error("an event the store has never seen has nothing to compare")
	}
	// The store's answer, which other pages may share, is left as it was.
	again, err := run(t, st, nil, map[string]build.QuerySpec{
		"plain": {Event: "Order Completed", Range: "last 14 days"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if again.Data["plain"].TotalGap {
		t.Error("the range itself lost its total")
	}
}
