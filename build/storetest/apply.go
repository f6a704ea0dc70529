package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

const day = "2026-05-01T00:00:00Z"

func testApplyOnce(t *testing.T, st build.Store) {
	h := hour(day)
	id := "segment-logs/src1/1777593600000/1777597200000.a1b2c3.gz"
	if applied(t, st, id) {
		t.Fatalf("Applied(%q) = true before any Apply", id)
	}
	b := newBatch(id, count{"A", h, 2}, count{"A", h + 1, 3}, count{"B", h, 5})
	apply(t, st, b)
	if !applied(t, st, id) {
		t.Fatalf("Applied(%q) = false after Apply", id)
	}
	check := func() {
		t.Helper()
		want(t, query(t, st, "A", build.Hourly, day, "2026-05-01T03:00:00Z", nil),
			pt{"2026-05-01T00:00:00Z", 2}, pt{"2026-05-01T01:00:00Z", 3}, pt{"2026-05-01T02:00:00Z", 0})
		want(t, query(t, st, "B", build.Hourly, day, "2026-05-01T02:00:00Z", nil),
			pt{"2026-05-01T00:00:00Z", 5}, pt{"2026-05-01T01:00:00Z", 0})
	}
	check()
	apply(t, st, b) // the same batch again
	check()
	apply(t, st, newBatch(id, count{"A", h, 100}, count{"C", h, 1})) // same ID, other counts
	check()
	want(t, query(t, st, "C", build.Hourly, day, "2026-05-01T01:00:00Z", nil), pt{"2026-05-01T00:00:00Z", 0})
	for _, other := range []string{id[:len(id)-1], id + "x", "segment-logs/src1", "other.gz"} {
		if applied(t, st, other) {
			t.Errorf("Applied(%q) = true; only %q was applied", other, id)
		}
	}
}

func testEmptyBatch(t *testing.T, st build.Store) {
	// A file with no events (all lines rejected, say) is still applied, so
	// that ingest skips it next time.
	b := build.NewBatch("empty.json.gz")
	b.Stats.Lines = 3
	b.Stats.Reject("bad json")
	apply(t, st, b)
	if !applied(t, st, b.ID) {
		t.Fatalf("Applied(%q) = false after applying an empty batch", b.ID)
	}
	evs, err := st.Events(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 0 {
		t.Fatalf("Events after an empty batch = %v, want none", evs)
	}
}

func testAllOrNothing(t *testing.T, st build.Store) {
	// A store cannot be made to fail half way from outside, but an Apply
	// whose context is already cancelled must either apply the whole batch
	// or leave no trace of it.
	h := hour(day)
	b := newBatch("cancelled.gz", count{"A", h, 1}, count{"B", h, 2}, count{"C", h + 5, 3})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := st.Apply(ctx, b); err == nil {
		t.Log("Apply with a cancelled context applied the batch; checking it is whole")
		if !applied(t, st, b.ID) {
			t.Fatal("Apply returned nil but Applied is false")
		}
	} else if applied(t, st, b.ID) {
		t.Fatalf("Apply failed (%v) but Applied is true", err)
	} else {
		for _, e := range []string{"A", "B", "C"} {
			want(t, query(t, st, e, build.Daily, day, "2026-05-02T00:00:00Z", nil), pt{day, 0})
		}
		apply(t, st, b)
	}
	want(t, query(t, st, "A", build.Daily, day, "2026-05-02T00:00:00Z", nil), pt{day, 1})
	want(t, query(t, st, "B", build.Daily, day, "2026-05-02T00:00:00Z", nil), pt{day, 2})
	want(t, query(t, st, "C", build.Daily, day, "2026-05-02T00:00:00Z", nil), pt{day, 3})
}

func testConcurrentApply(t *testing.T, st build.Store) {
	// A Lambda may be invoked twice for one S3 object at once: the batch
	// must count once. Distinct batches at once must all count.
	h := hour(day)
	const dups, distinct = 8, 16
	var wg sync.WaitGroup
	dupErrs := make([]error, dups)
	errs := make([]error, distinct)
	for i := range dups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dupErrs[i] = st.Apply(context.Background(), newBatch("dup.gz", count{"C", h, 1}))
		}()
	}
	for i := range distinct {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = st.Apply(context.Background(), newBatch(fmt.Sprintf("d%02d.gz", i), count{"C", h + 1, 1}))
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range dupErrs {
		if err == nil {
			ok++
		} else {
			t.Logf("a concurrent duplicate Apply failed (tolerated): %v", err)
		}
	}
	if ok == 0 {
		t.Fatal("every concurrent Apply of the same batch failed")
	}
	for i, err := range errs {
		if err != nil {
			t.Errorf("concurrent Apply of d%02d.gz: %v", i, err)
		}
	}
	want(t, query(t, st, "C", build.Hourly, day, "2026-05-01T02:00:00Z", nil),
		pt{"2026-05-01T00:00:00Z", 1}, pt{"2026-05-01T01:00:00Z", distinct})
}

func testManyBatches(t *testing.T, st build.Store) {
	base := hour(day)
	wantHours := map[string]map[build.Hour]int64{}
	var batches []*build.Batch
	for i := range 100 {
		e := fmt.Sprintf("E%d", i%5)
		cs := []count{{e, base + build.Hour(i*7%48), int64(i + 1)}, {"All", base + build.Hour(i%24), 1}}
		for _, c := range cs {
			if wantHours[c.event] == nil {
				wantHours[c.event] = map[build.Hour]int64{}
			}
			wantHours[c.event][c.hour] += c.n
		}
		batches = append(batches, newBatch(fmt.Sprintf("logs/%03d.gz", i), cs...))
	}
	for _, b := range batches {
		apply(t, st, b)
	}
	for i := 0; i < len(batches); i += 3 {
		apply(t, st, batches[i]) // a re-run of ingest
	}
	var infos []build.EventInfo
	for _, e := range []string{"All", "E0", "E1", "E2", "E3", "E4"} {
		var pts []pt
		info := build.EventInfo{Event: e, First: base + 48, Last: base - 1}
		for h := base; h < base+48; h++ {
			n := wantHours[e][h]
			pts = append(pts, pt{h.Time().Format(time.RFC3339), float64(n)})
			if n != 0 {
				info.Total += n
				info.First = min(info.First, h)
				info.Last = max(info.Last, h)
			}
		}
		want(t, query(t, st, e, build.Hourly, day, "2026-05-03T00:00:00Z", nil), pts...)
		infos = append(infos, info)
	}
	wantEvents(t, st, infos...)
}

func testBigCounts(t *testing.T, st build.Store) {
	// Counters are 64-bit: no truncation at 2^31 or 2^32.
	h := hour(day)
	apply(t, st, newBatch("a.gz", count{"Big", h, 1<<40 + 1}, count{"Big", h + 1, 3_000_000_000}))
	apply(t, st, newBatch("b.gz", count{"Big", h, 1<<40 + 1}))
	want(t, query(t, st, "Big", build.Hourly, day, "2026-05-01T02:00:00Z", nil),
		pt{"2026-05-01T00:00:00Z", 1<<41 + 2}, pt{"2026-05-01T01:00:00Z", 3_000_000_000})
	wantEvents(t, st, build.EventInfo{Event: "Big", Total: 1<<41 + 3_000_000_002, First: h, Last: h + 1})
}
