package boltstore

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// benchPct keeps order values in a sketch per hour (plugins/quantile,
// imported by the package's tests).
var benchPct = build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: "percentiles", Prop: "revenue"}}

// orderValue is an order's revenue, spread as real orders are: a
// log-normal around 60 with a long tail, in cents.
func orderValue(r *rand.Rand) float64 {
	return math.Round(60*math.Exp(r.NormFloat64()*0.9)*100) / 100
}

// BenchmarkQueryPercentile answers a daily p95 (and, for comparison, a
// p50 and a monthly p99) over a year of hourly sketches, each of 100
// order values: 8,760 cells merged into 365 buckets. The goal for the
// daily p95 is 20 ms an op.
func BenchmarkQueryPercentile(b *testing.B) {
	st := openTemp(b, filepath.Join(b.TempDir(), "rollup.db"))
	defer st.Close()
	if err := st.Declare(ctx, []build.Rollup{benchPct}); err != nil {
		b.Fatal(err)
	}
	st.db.NoSync = true // setup only
	r := rand.New(rand.NewPCG(1, 2))
	var group []*build.Batch
	for day := range 365 {
		batch := build.NewBatch(fmt.Sprintf("orders/%03d.gz", day), benchPct)
		for dh := range build.Hour(24) {
			c, err := build.NewCell(benchPct.Measure)
			if err != nil {
				b.Fatal(err)
			}
			for range 100 {
				c.Add(build.Value{Num: orderValue(r)})
			}
			batch.Cells[build.CellKey{Rollup: benchPct, Hour: benchStart + build.Hour(day*24) + dh}] = c
		}
		group = append(group, batch)
	}
	if err := st.ApplyAll(ctx, group); err != nil {
		b.Fatal(err)
	}
	st.db.NoSync = false
	from := benchStart.Time()
	for _, tc := range []struct {
		measure string
		every   build.Interval
	}{{"p95", build.Daily}, {"p50", build.Daily}, {"p99", build.Monthly}} {
		b.Run(tc.measure+"/"+string(tc.every), func(b *testing.B) {
			m := build.Measure{Kind: build.MeasureKind(tc.measure), Prop: "revenue"}
			q := build.Query{Event: benchPct.Event, Measure: m, Every: tc.every, From: from, To: from.AddDate(1, 0, 0)}
			for b.Loop() {
				res, err := st.Query(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Points) < 12 || res.Total <= 0 || res.TotalGap {
					b.Fatalf("%d points, total %v", len(res.Points), res.Total)
				}
			}
		})
	}
}
