package boltstore

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// TestCardinality_Grouping: which groups an hour keeps depends on the
// order files are applied in, never on how they are grouped into commits
// (ingest groups them by time). Random files of plans, some messages
// repeated within and across files and hours, applied all together, one by
// one and three at a time, give the same breakdown, hour by hour.
func TestCardinality_Grouping(t *testing.T) {
	by := build.Rollup{Event: "Order Completed", Measure: build.CountMeasure, By: "plan"}
	sum := build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}, By: "plan"}
	files := func() []*build.Batch {
		rng := rand.New(rand.NewPCG(7, 7))
		var bs []*build.Batch
		for f := range 30 {
			b := build.NewBatch(fmt.Sprintf("f%02d.gz", f), build.BaseRollup, by, sum)
			b.Cardinality, b.Dedupe = 3, 24*time.Hour
			for range 1 + rng.IntN(12) {
				h := h0 + build.Hour(rng.IntN(3))
				g := fmt.Sprintf("p%d", rng.IntN(8))
				id := uint64(rng.IntN(60)) // repeats: duplicates
				v := float64(1 + rng.IntN(5))
				b.Counts[build.EventHour{Event: by.Event, Hour: h}]++
				for _, r := range []build.Rollup{by, sum} {
					k := build.CellKey{Rollup: r, Group: g, Hour: h}
					if b.Cells[k] == nil {
						b.Cells[k] = storetest.Cell(r.Measure, 0, 0)
					}
					b.Cells[k].Add(build.Value{Num: v}) // a count ignores the value
				}
				b.Msgs = append(b.Msgs, build.Msg{ID: id, Hour: h, Adds: []build.Add{
					{Event: by.Event}, {Rollup: &by, Group: g}, {Rollup: &sum, Group: g, Num: v}}})
			}
			bs = append(bs, b)
		}
		return bs
	}
	show := func(st *Store) string {
		var s string
		for _, r := range []build.Rollup{by, sum} {
			res, err := st.Query(ctx, build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Top: 20, Every: build.Hourly, From: h0.Time(), To: (h0 + 3).Time()})
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range res.Groups {
				s += fmt.Sprintf("%s %s %v\n", r.ID(), g.Value, g.Points)
			}
		}
		return s
	}
	var want string
	for _, size := range []int{30, 1, 3} {
		st := openTemp(t, filepath.Join(t.TempDir(), "rollup.db"))
		if err := st.Declare(ctx, []build.Rollup{by, sum}); err != nil {
			t.Fatal(err)
		}
		bs := files()
		for i := 0; i < len(bs); i += size {
			if err := st.ApplyAll(ctx, bs[i:min(i+size, len(bs))]); err != nil {
				t.Fatal(err)
			}
		}
		got := show(st)
		st.Close()
		if want == "" {
			want = got
			continue
		}
		if got != want {
			t.Fatalf("commits of %d files give\n%s\nall together give\n%s", size, got, want)
		}
	}
}
