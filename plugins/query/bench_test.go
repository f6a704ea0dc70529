package query

import (
	"context"
	"fmt"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// BenchmarkRun answers 1,000 pages of three queries each (a count, a sum
// with a comparison, a breakdown), the same on every page, so that it
// measures what the plugin adds to the store's answers: resolving,
// caching and copying results.
func BenchmarkRun(b *testing.B) {
	st := storetest.NewMemory()
	rollups := []build.Rollup{
		{Event: "Order Completed", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}},
		{Event: "Order Completed", Measure: build.CountMeasure, By: "plan"},
	}
	if err := st.Declare(context.Background(), rollups); err != nil {
		b.Fatal(err)
	}
	batch := build.NewBatch("f.gz")
	batch.Counts[build.EventHour{Event: "Order Completed", Hour: build.HourOf(now)}] = 7
	if err := st.Apply(context.Background(), batch); err != nil {
		b.Fatal(err)
	}
	pages := make([]*build.Page, 1000)
	qs := map[string]build.QuerySpec{
		"orders":  {Event: "Order Completed"},
		"revenue": {Event: "Order Completed", Measure: "sum(revenue)", Range: "last 30 days", Compare: "previous period"},
		"plans":   {Event: "Order Completed", By: "plan"},
	}
	for i := range pages {
		pages[i] = dash(fmt.Sprintf("p%d.md", i), nil, qs)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			p.Data = nil
		}
		s := &build.Site{Pages: pages, Store: st, Now: now}
		if err := New().Run(context.Background(), s); err != nil {
			b.Fatal(err)
		}
	}
}
