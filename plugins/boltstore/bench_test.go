package boltstore

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// dayBatch is one file's worth of counts: every hour of day d for n events.
func dayBatch(id string, d, events int) *build.Batch {
	b := build.NewBatch(id)
	start := build.HourOf(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) + build.Hour(24*d)
	for e := range events {
		for h := range 24 {
			b.Counts[build.EventHour{Event: fmt.Sprintf("Event %02d", e), Hour: start + build.Hour(h)}] = int64(e + h + 1)
		}
	}
	return b
}

// BenchmarkApply applies batches of 24 hours x 20 events (480 counters),
// each in its own synced transaction, half of them onto existing keys.
func BenchmarkApply(b *testing.B) {
	st := openTemp(b, filepath.Join(b.TempDir(), "rollup.db"))
	defer st.Close()
	days := make([]*build.Batch, 30)
	for d := range days {
		days[d] = dayBatch("", d, 20)
	}
	i := 0
	for b.Loop() {
		day := days[i%len(days)]
		batch := &build.Batch{ID: fmt.Sprintf("logs/%06d.gz", i), Counts: day.Counts, Stats: day.Stats}
		if err := st.Apply(ctx, batch); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(i*480), "ns/counter")
}

// BenchmarkQuery answers one daily query in America/New_York over a store
// holding a year of hourly counts for 20 events (175,200 counters).
func BenchmarkQuery(b *testing.B) {
	st := openTemp(b, filepath.Join(b.TempDir(), "rollup.db"))
	defer st.Close()
	st.db.NoSync = true // setup only
	for d := range 365 {
		if err := st.Apply(ctx, dayBatch(fmt.Sprintf("day-%03d", d), d, 20)); err != nil {
			b.Fatal(err)
		}
	}
	st.db.NoSync = false
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		b.Skip("no zone data:", err)
	}
	for _, days := range []int{30, 365} {
		b.Run(fmt.Sprintf("days=%d", days), func(b *testing.B) {
			from := time.Date(2026, 1, 1, 0, 0, 0, 0, ny)
			q := build.Query{Event: "Event 07", Measure: "count", Every: build.Daily, From: from, To: from.AddDate(0, 0, days), Loc: ny}
			for b.Loop() {
				r, err := st.Query(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				if len(r.Points) != days {
					b.Fatalf("%d points, want %d", len(r.Points), days)
				}
			}
		})
	}
}
