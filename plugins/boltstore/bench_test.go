package boltstore

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

var (
	benchSum    = build.Rollup{Event: "Event 07", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}}
	benchUnique = build.Rollup{Event: "Event 07", Measure: build.Measure{Kind: build.Unique, Prop: "userId"}}
	benchBy     = build.Rollup{Event: "Event 07", Measure: build.CountMeasure, By: "plan"}
	benchStart  = build.HourOf(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
)

// fileBatch is one file's work: 10 events in 2 hours (20 counts), a sum
// and a unique in each (4 cells), and 24 breakdown cells: about 50 keys.
func fileBatch(i int) *build.Batch {
	b := build.NewBatch(fmt.Sprintf("logs/%06d.gz", i), build.BaseRollup, benchSum, benchUnique, benchBy)
	h := benchStart + build.Hour(i/4) // four files an hour
	for e := range 10 {
		for dh := range 2 {
			b.Counts[build.EventHour{Event: fmt.Sprintf("Event %02d", e), Hour: h + build.Hour(dh)}] = int64(e + 1)
		}
	}
	for dh := range build.Hour(2) {
		b.Cells[build.CellKey{Rollup: benchSum, Hour: h + dh}] = storetest.Cell(benchSum.Measure, 3, 29.5)
		users := make([]string, 20)
		for u := range users {
			users[u] = fmt.Sprintf("user-%d", (i*7+u)%500)
		}
		b.Cells[build.CellKey{Rollup: benchUnique, Hour: h + dh}] = storetest.TextCell(benchUnique.Measure, users...)
		for g := range 12 {
			b.Cells[build.CellKey{Rollup: benchBy, Group: fmt.Sprint("plan-", g), Hour: h + dh}] = storetest.Cell(benchBy.Measure, int64(g+1), 0)
		}
	}
	return b
}

// BenchmarkApplyAll commits 256 files of about 50 keys each in one
// synced transaction, half of the keys already in the store.
func BenchmarkApplyAll(b *testing.B) {
	st := openTemp(b, filepath.Join(b.TempDir(), "rollup.db"))
	defer st.Close()
	if err := st.Declare(ctx, []build.Rollup{benchSum, benchUnique, benchBy}); err != nil {
		b.Fatal(err)
	}
	files := make([]*build.Batch, 0, 256*8)
	for i := range cap(files) {
		files = append(files, fileBatch(i))
	}
	n := 0
	for b.Loop() {
		group := make([]*build.Batch, 256)
		for j := range group {
			f := *files[(n*256+j)%len(files)]
			f.ID = fmt.Sprintf("run/%08d.gz", n*256+j)
			group[j] = &f
		}
		if err := st.ApplyAll(ctx, group); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n*256), "ns/file")
}

// BenchmarkQuery answers a daily query over a year of hourly data: a
// count, a sum, a unique and a breakdown of 12 groups.
func BenchmarkQuery(b *testing.B) {
	st := openTemp(b, filepath.Join(b.TempDir(), "rollup.db"))
	defer st.Close()
	if err := st.Declare(ctx, []build.Rollup{benchSum, benchUnique, benchBy}); err != nil {
		b.Fatal(err)
	}
	st.db.NoSync = true // setup only
	var group []*build.Batch
	for i := range 365 * 24 * 4 / 2 { // a file every 30 minutes, each over 2 hours
		group = append(group, fileBatch(2*i))
		if len(group) == 256 {
			if err := st.ApplyAll(ctx, group); err != nil {
				b.Fatal(err)
			}
			group = group[:0]
		}
	}
	if err := st.ApplyAll(ctx, group); err != nil {
		b.Fatal(err)
	}
	st.db.NoSync = false
	from := benchStart.Time()
	for _, tc := range []struct {
		name string
		r    build.Rollup
	}{{"count", build.Rollup{Event: "Event 07", Measure: build.CountMeasure}}, {"sum", benchSum}, {"unique", benchUnique}, {"by", benchBy}} {
		b.Run(tc.name, func(b *testing.B) {
			q := build.Query{Event: tc.r.Event, Measure: tc.r.Measure, By: tc.r.By, Top: 5, Every: build.Daily, From: from, To: from.AddDate(1, 0, 0)}
			for b.Loop() {
				r, err := st.Query(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				if len(r.Points) != 365 || r.Total == 0 {
					b.Fatalf("%d points, total %v", len(r.Points), r.Total)
				}
			}
		})
	}
}
