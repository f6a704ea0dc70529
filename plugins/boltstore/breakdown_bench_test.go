package boltstore

import (
	"encoding/binary"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// BenchmarkBreakdownManyGroups answers an hourly breakdown over three
// weeks (504 hours) of a property with 100,000 values, each in 4 hours:
// the shape of values a client makes up. It reports the peak live heap
// the query reached (peak-heap-MB, sampled every millisecond), which
// follows the result (top 5 by 504 buckets), not the number of groups.
func BenchmarkBreakdownManyGroups(b *testing.B) {
	const groups, hours = 100_000, 504
	by := build.Rollup{Event: "Signed Up", Measure: build.CountMeasure, By: "plan"}
	revenue := build.Rollup{Event: "Signed Up", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}, By: "plan"}
	st := openTemp(b, filepath.Join(b.TempDir(), "rollup.db"))
	defer st.Close()
	if err := st.Declare(ctx, []build.Rollup{by, revenue}); err != nil {
		b.Fatal(err)
	}
	// Cells written as they lie on disk: applying 800,000 of them through
	// the cardinality cap would take longer than the queries measured.
	err := st.db.Update(func(tx *bolt.Tx) error {
		counts, sums := tx.Bucket(bucketCount), tx.Bucket(bucketSum)
		counts.FillPercent, sums.FillPercent = 1, 1 // keys arrive in order
		for g := range groups {
			for k := range 4 {
				h := benchStart + build.Hour((g*5+k*127)%hours)
				n := int64(1 + (g*31+k)%50)
				if err := counts.Put(appendKey(nil, by.Series(fmt.Sprintf("plan-%06d", g)), h), putInt(n)); err != nil {
					return err
				}
				if err := sums.Put(appendKey(nil, revenue.Series(fmt.Sprintf("plan-%06d", g)), h), sumBytes(float64(n)*1.5, n)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	from := benchStart.Time()
	for _, r := range []build.Rollup{by, revenue} {
		b.Run(r.Measure.String(), func(b *testing.B) {
			q := build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Top: 5, Every: build.Hourly, From: from, To: from.Add(hours * time.Hour)}
			peak := heapPeak(b)
			for b.Loop() {
				res, err := st.Query(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Groups) != 6 || len(res.Points) != hours {
					b.Fatalf("%d groups, %d points", len(res.Groups), len(res.Points))
				}
			}
			b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
		})
	}
}

// heapPeak samples the live heap every millisecond until the benchmark
// ends; the function it returns stops sampling and gives the peak seen.
func heapPeak(b *testing.B) func() uint64 {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		return peak.Load()
	}
}

// sumBytes is a sum cell as the bucket keeps it: the sum's float64 bits,
// then the events, big-endian.
func sumBytes(sum float64, n int64) []byte {
	v := binary.BigEndian.AppendUint64(nil, math.Float64bits(sum))
	return binary.BigEndian.AppendUint64(v, uint64(n))
}
