package dynamostore

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

var (
	benchSum    = build.Rollup{Event: "Event 00", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}}
	benchByPlan = build.Rollup{Event: "Event 01", Measure: build.CountMeasure, By: "plan"}
)

// benchFile is a Segment file of 100,000 events as the parser leaves it:
// 20 event names, skewed, received over one hour that crosses an hour
// boundary (so two hours of counts), a sum of revenue on one event and a
// count by plan (4 plans) on another. A fraction late of the events
// happened up to a day before, as mobile clients send them.
func benchFile(i int, late float64) *build.Batch {
	const events = 100_000
	r := rand.New(rand.NewPCG(uint64(i), 7))
	b := build.NewBatch(fmt.Sprintf("segment-logs/src/%06d.gz", i), build.BaseRollup, benchSum, benchByPlan)
	hour := h0 + build.Hour(i/4) // four files an hour
	for range events {
		name := min(int(r.ExpFloat64()*4), 19)
		h := hour - build.Hour(r.IntN(2))
		if r.Float64() < late {
			h = hour - 2 - build.Hour(r.IntN(22))
		}
		event := fmt.Sprintf("Event %02d", name)
		b.Counts[build.EventHour{Event: event, Hour: h}]++
		switch name {
		case 0:
			addCell(b, benchSum, "", h, 1, 29)
		case 1:
			addCell(b, benchByPlan, []string{"free", "pro", "team", build.NoneGroup}[r.IntN(4)], h, 1, 0)
		}
	}
	b.Stats.Accepted, b.Stats.Lines, b.Stats.Bytes = events, events, events*400
	return b
}

// addCell adds n events, the first of value sum, to the cell of r's
// group g at hour h.
func addCell(b *build.Batch, r build.Rollup, g string, h build.Hour, n int64, sum float64) {
	k := build.CellKey{Rollup: r, Group: g, Hour: h}
	c := b.Cells[k]
	if c == nil {
		c = storetest.Cell(r.Measure, 0, 0)
		b.Cells[k] = c
	}
	if err := c.Merge(storetest.Cell(r.Measure, n, sum)); err != nil {
		panic(err)
	}
}

// BenchmarkWritesPer1000Events applies one file per call, as the Lambda
// does, and reports the DynamoDB write requests (items written; each item
// of a transaction is one request, billed as two write units) per 1,000
// events. The seed's Lambda made 1,000; the goal is at most 1.
func BenchmarkWritesPer1000Events(b *testing.B) {
	for _, tc := range []struct {
		name  string
		late  float64
		files int // per ApplyAll: 1 as the Lambda, more as the CLI's ingest
	}{{"on-time", 0, 1}, {"1pct-late", 0.01, 1}, {"1pct-late-16-files", 0.01, 16}} {
		b.Run(tc.name, func(b *testing.B) {
			st := openTest(b)
			if err := st.Declare(ctx, []build.Rollup{benchSum, benchByPlan}); err != nil {
				b.Fatal(err)
			}
			if err := st.Apply(ctx, benchFile(-1, tc.late)); err != nil { // the first file creates the entries
				b.Fatal(err)
			}
			start, files := st.Writes(), 0
			for b.Loop() {
				b.StopTimer()
				group := make([]*build.Batch, tc.files)
				for i := range group {
					group[i] = benchFile(files+i, tc.late)
				}
				b.StartTimer()
				if err := st.ApplyAll(ctx, group); err != nil {
					b.Fatal(err)
				}
				files += tc.files
			}
			writes := float64(st.Writes() - start)
			b.ReportMetric(writes/float64(files)/100, "writes/1000events")
			b.ReportMetric(writes/float64(files), "writes/file")
		})
	}
}
