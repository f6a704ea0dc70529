package boltstore

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
	bolt "go.etcd.io/bbolt"
)

var byPlan = build.Rollup{Event: "Order Completed", Measure: build.CountMeasure, By: "plan"}

func TestApplyAll_AllOrNothing(t *testing.T) {
	// The too-long name sorts last, so every other key is written in the
	// transaction before bbolt refuses it; none may remain.
	st := openTemp(t, filepath.Join(t.TempDir(), "rollup.db"))
	defer st.Close()
	long := sampleBatch("long.gz")
	long.Counts[build.EventHour{Event: "z" + strings.Repeat("x", bolt.MaxKeySize), Hour: h0}] = 1
	for _, bs := range [][]*build.Batch{{long}, {sampleBatch("a.gz"), long, sampleBatch("b.gz")}} {
		err := st.ApplyAll(ctx, bs)
		if err == nil || !strings.Contains(err.Error(), "longer than") || !strings.HasPrefix(err.Error(), "boltstore: ") {
			t.Fatalf("ApplyAll with a too-long name: %v", err)
		}
		for _, b := range bs {
			if done, _ := st.Applied(ctx, b.ID); len(done) > 0 {
				t.Errorf("%s of a failed call is marked applied: %v", b.ID, done)
			}
		}
		if got := total(t, st); got != 0 {
			t.Errorf("a failed call left counts: total %v", got)
		}
		if evs, _ := st.Events(ctx); len(evs) != 0 {
			t.Errorf("a failed call left events: %v", evs)
		}
	}
}

func TestApplyAll_OneTransaction(t *testing.T) {
	// 300 files in one call: one commit, and each key written once, in
	// key order, however many files touch it.
	st := openTemp(t, filepath.Join(t.TempDir(), "rollup.db"))
	defer st.Close()
	if err := st.Declare(ctx, []build.Rollup{byPlan}); err != nil {
		t.Fatal(err)
	}
	var bs []*build.Batch
	for i := range 300 {
		b := build.NewBatch(fmt.Sprintf("logs/%03d.gz", i), build.BaseRollup, byPlan)
		for h := range 3 {
			b.Counts[build.EventHour{Event: "Order Completed", Hour: h0 + build.Hour(h)}] = 1
			b.Counts[build.EventHour{Event: fmt.Sprintf("E%d", i%7), Hour: h0}] = 1
			b.Cells[build.CellKey{Rollup: byPlan, Group: fmt.Sprint("plan", i%4), Hour: h0 + build.Hour(h)}] = storetest.Cell(byPlan.Measure, 1, 0)
		}
		bs = append(bs, b)
	}
	writes := map[string][][]byte{}
	st.onPut = func(bucket string, k []byte) { writes[bucket] = append(writes[bucket], bytes.Clone(k)) }
	before := st.commits.Load()
	if err := st.ApplyAll(ctx, bs); err != nil {
		t.Fatal(err)
	}
	if n := st.commits.Load() - before; n != 1 {
		t.Errorf("ApplyAll of 300 files committed %d transactions, want 1", n)
	}
	// count: 3 hours of Order Completed, 7 events E0..E6, 4 plans x 3 hours.
	if n := len(writes["count"]); n != 3+7+12 {
		t.Errorf("%d writes to count, want %d (each key once)", n, 3+7+12)
	}
	for bucket, keys := range writes {
		for i := 1; i < len(keys); i++ {
			if bytes.Compare(keys[i-1], keys[i]) >= 0 {
				t.Fatalf("%s: key %q written after %q: want each once, in order", bucket, keys[i], keys[i-1])
			}
		}
	}
	q := dayQ
	q.Every = build.Hourly
	q.To = dayFrom.Add(8 * time.Hour)
	r, err := st.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 900 {
		t.Errorf("Order Completed total %v, want 900", r.Total)
	}
	q.By, q.Top = "plan", 4
	if r, err = st.Query(ctx, q); err != nil || r.Total != 900 || len(r.Groups) != 4 || r.Groups[0].Total != 225 {
		t.Errorf("by plan: %+v, %v; want 4 groups of 225", r, err)
	}
	writes = map[string][][]byte{}
	if err := st.ApplyAll(ctx, bs); err != nil {
		t.Fatal(err)
	}
	if len(writes) != 0 {
		t.Errorf("ApplyAll of files already applied wrote %v", writes)
	}
}

func TestDedupe_Prune(t *testing.T) {
	// An ID is kept for the window (and an hour) past the later of its
	// event hour and the time it was stored; then it is pruned, and a
	// duplicate of it counts again.
	st := openTemp(t, filepath.Join(t.TempDir(), "rollup.db"))
	defer st.Close()
	from := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	h0 := build.HourOf(from)
	now := from
	clock = func() time.Time { return now }
	defer func() { clock = time.Now }()
	msgs := func(id string, h build.Hour, ids ...uint64) *build.Batch {
		b := build.NewBatch(id)
		b.Dedupe = 24 * time.Hour
		for _, m := range ids {
			b.Counts[build.EventHour{Event: "Order Completed", Hour: h}]++
			b.Msgs = append(b.Msgs, build.Msg{ID: m, Hour: h, Adds: []build.Add{{Event: "Order Completed"}}})
		}
		return b
	}
	keys := func(bucket []byte) (n int) {
		st.db.View(func(tx *bolt.Tx) error { n = tx.Bucket(bucket).Stats().KeyN; return nil })
		return n
	}
	must := func(b *build.Batch, dups int64) {
		t.Helper()
		if err := st.Apply(ctx, b); err != nil {
			t.Fatal(err)
		}
		if b.Stats.Dups != dups {
			t.Errorf("%s: %d duplicates, want %d", b.ID, b.Stats.Dups, dups)
		}
	}
	must(msgs("a.gz", h0, 1, 2, 3), 0)
	must(msgs("b.gz", h0+25, 4, 1), 0) // 25 hours apart: 1 counts again
	now = now.Add(3 * 24 * time.Hour)  // days later, a file of old events comes
	must(msgs("c.gz", h0, 2), 0)       // 2's time was up: pruned, counted again
	if n, m := keys(bucketDedupe), keys(bucketDedupeH); n != 1 || m != 1 {
		t.Errorf("after pruning: %d IDs and %d index entries, want 1 and 1 (2, stored again)", n, m)
	}
	must(msgs("d.gz", h0, 2, 3), 1) // within the window of c.gz's arrival: 2 is a duplicate
	q := build.Query{Event: "Order Completed", Measure: build.CountMeasure, Every: build.Daily, From: from, To: from.AddDate(0, 0, 6)}
	r, err := st.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 3+2+1+1 {
		t.Errorf("total %v, want 7", r.Total)
	}
}
