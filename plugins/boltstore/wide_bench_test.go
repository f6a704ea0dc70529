package boltstore

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// widePods is the breakdown of a page per pod: installs by pod.
var widePods = build.Rollup{Event: "install", Measure: build.CountMeasure, By: "dependency.name"}

// wideBatch is one hour's file of a pods corpus: 1,400 installs of 800
// pods (a few heavy, most with one), the hour's base count and 800
// breakdown cells under a cap of 10,000.
func wideBatch(i int) *build.Batch {
	b := build.NewBatch(fmt.Sprintf("logs/%06d.gz", i), build.BaseRollup, widePods)
	b.Cardinality = 10_000
	h := benchStart + build.Hour(i)
	b.Counts[build.EventHour{Event: "install", Hour: h}] = 1400
	b.Stats.Accepted, b.Stats.Lines = 1400, 1400
	for g := range 800 {
		n := int64(1)
		if g < 100 {
			n = int64(600/(g+1) + 1)
		}
		pod := fmt.Sprintf("Pod%05d", (g*7919+i*13)%20_000)
		b.Cells[build.CellKey{Rollup: widePods, Group: pod, Hour: h}] = storetest.Cell(widePods.Measure, n, 0)
	}
	return b
}

// BenchmarkApplyWide commits 96 hourly files of the pods breakdown (800
// cells each, every hour new) into a new store in commits of 48 files:
// the write of an ingest of a wide breakdown. The store does not sync:
// the figure is the commits' work, not the disk's.
func BenchmarkApplyWide(b *testing.B) {
	files := make([]*build.Batch, 96)
	for i := range files {
		files[i] = wideBatch(i)
	}
	for b.Loop() {
		st := openTemp(b, filepath.Join(b.TempDir(), "rollup.db"))
		st.db.NoSync = true
		if err := st.Declare(ctx, []build.Rollup{widePods}); err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(files); i += 48 {
			group := make([]*build.Batch, 48)
			for j := range group {
				f := *files[i+j]
				group[j] = &f
			}
			if err := st.ApplyAll(ctx, group); err != nil {
				b.Fatal(err)
			}
		}
		st.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)*800), "ns/cell")
}
