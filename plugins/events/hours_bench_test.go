package events

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// spreadFile returns a plain file of n lines of Order Completed, each with
// a new plan, user and country, at times spread evenly over span: a client
// that sets its own timestamps decides how many hours one file covers.
func spreadFile(n int, span time.Duration) []byte {
	var buf bytes.Buffer
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		ts := start.Add(time.Duration(i) * (span / time.Duration(n))).Format(time.RFC3339)
		fmt.Fprintf(&buf, `{"type":"track","event":"Order Completed","userId":"u%d","timestamp":%q,"receivedAt":"2025-12-31T23:00:00Z",`+
			`"properties":{"plan":"p%d","country":"c%d","revenue":%d}}`+"\n", i, ts, i, i, i%1000)
	}
	return buf.Bytes()
}

// spreadRollups are the rollups of a site that breaks Order Completed
// down by plan and country, with a sum and a unique.
func spreadRollups() []build.Rollup {
	spec := build.RollupSpec{Event: "Order Completed", Measures: []string{"count", "sum(revenue)", "unique(userId)"}, By: []string{"plan", "country"}}
	rs, err := spec.Expand()
	if err != nil {
		panic(err)
	}
	return append([]build.Rollup{build.BaseRollup}, rs...)
}

// BenchmarkParseHours parses a file of 20,000 events, one per hour over
// the hours it spans, and reports the heap the parsed batch holds
// (live-MB) besides the time: the working set of one file must not grow
// with the hours its timestamps span.
func BenchmarkParseHours(b *testing.B) {
	const n = 20_000
	rs := spreadRollups()
	for _, span := range []time.Duration{24 * time.Hour, 20_000 * time.Hour} {
		b.Run(fmt.Sprintf("hours=%d", int(span/time.Hour)), func(b *testing.B) {
			data := spreadFile(n, span)
			b.SetBytes(int64(len(data)))
			var live uint64
			for b.Loop() {
				batch := build.NewBatch("bench", rs...)
				var before runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				if err := Parse(bytes.NewReader(data), batch); err != nil {
					b.Fatal(err)
				}
				var after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&after)
				live = max(live, after.HeapAlloc-min(after.HeapAlloc, before.HeapAlloc))
				runtime.KeepAlive(batch)
			}
			b.ReportMetric(float64(live)/(1<<20), "live-MB")
		})
	}
}
