package events

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// orderLine is benchLine with a revenue that varies from order to order
// (2.00 to 499.99), as a sketch of order values sees them.
func orderLine(i int, ts string) string {
	revenue := fmt.Sprintf(`"revenue":%d.%02d`, 2+(i*7919)%498, (i*31)%100)
	return strings.Replace(benchLine(i, ts), `"revenue":42.5`, revenue, 1)
}

// BenchmarkIngestPercentile parses and folds one file of 100,000 orders
// into a batch, side by side: with the base counts alone, with a
// sum(revenue) rollup besides (what reading the number costs), and with a
// percentiles(revenue) rollup besides (one sketch per hour, which p50 to
// p99 of revenue read). The goal is at most 1.3 times the count-only
// time.
func BenchmarkIngestPercentile(b *testing.B) {
	const n = 100_000
	data, size := benchFileOf(b, n, orderLine)
	pct := build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: "percentiles", Prop: "revenue"}}
	for _, tc := range []struct {
		name    string
		rollups []build.Rollup
		cells   int
	}{
		{"count", []build.Rollup{build.BaseRollup}, 0},
		{"sum", []build.Rollup{build.BaseRollup, {Event: pct.Event, Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}}}, 24},
		{"percentiles", []build.Rollup{build.BaseRollup, pct}, 24},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				batch := build.NewBatch("bench", tc.rollups...)
				if err := Parse(bytes.NewReader(data), batch); err != nil {
					b.Fatal(err)
				}
				if batch.Stats.Accepted != n || len(batch.Cells) != tc.cells {
					b.Fatalf("accepted %d of %d, %d cells", batch.Stats.Accepted, n, len(batch.Cells))
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
