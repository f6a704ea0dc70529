package boltstore

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
	_ "github.com/dashsmith/dashsmith/plugins/hll"
	_ "github.com/dashsmith/dashsmith/plugins/quantile"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) build.Store {
		return openTemp(t, filepath.Join(t.TempDir(), "rollup.db"))
	})
}

func openTemp(t testing.TB, path string) *Store {
	t.Helper()
	st, err := OpenFile(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

var (
	ctx     = context.Background()
	h0      = build.HourOf(time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC))
	dayFrom = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	dayQ    = build.Query{Event: "Order Completed", Measure: build.CountMeasure, Every: build.Daily, From: dayFrom, To: dayFrom.AddDate(0, 0, 1)}
)

func sampleBatch(id string) *build.Batch {
	b := build.NewBatch(id)
	b.Counts[build.EventHour{Event: "Order Completed", Hour: h0}] = 3
	b.Counts[build.EventHour{Event: "Order Completed", Hour: h0 + 1}] = 4
	b.Stats.Accepted, b.Stats.Lines = 7, 8
	b.Stats.Reject("bad json")
	return b
}

func total(t *testing.T, st build.Store) float64 {
	t.Helper()
	r, err := st.Query(ctx, dayQ)
	if err != nil {
		t.Fatal(err)
	}
	return r.Total
}

func TestOpen_URL(t *testing.T) {
	t.Chdir(t.TempDir())
	st, err := build.OpenStore(ctx, "bolt:.dashsmith/rollup.db", build.StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Apply(ctx, sampleBatch("a.gz")); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := os.Stat(filepath.Join(".dashsmith", "rollup.db")); err != nil {
		t.Fatalf("the store did not create its folder and file: %v", err)
	}
	ro, err := build.OpenStore(ctx, "bolt:.dashsmith/rollup.db?mode=ro&timeout=1s", build.StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if got := total(t, ro); got != 7 {
		t.Fatalf("read-only total = %v, want 7", got)
	}
	for _, bad := range []string{"bolt:", "bolt:x.db?mode=rx", "bolt:x.db?timeout=soon", "bolt:x.db?cache=1"} {
		if _, err := build.OpenStore(ctx, bad, build.StoreOptions{}); err == nil || !strings.HasPrefix(err.Error(), "boltstore: ") {
			t.Errorf("OpenStore(%q) = %v, want a boltstore error", bad, err)
		}
	}
}

func TestStore_Reopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rollup.db")
	st := openTemp(t, path)
	if err := st.Apply(ctx, sampleBatch("a.gz")); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st = openTemp(t, path)
	defer st.Close()
	if done, err := st.Applied(ctx, "a.gz"); err != nil || len(done) != 1 || done[0] != "count" {
		t.Fatalf("Applied after reopen = %v, %v; want [count]", done, err)
	}
	if err := st.Apply(ctx, sampleBatch("a.gz")); err != nil {
		t.Fatal(err)
	}
	if got := total(t, st); got != 7 {
		t.Fatalf("total after reopen and re-apply = %v, want 7", got)
	}
}

func TestOpenFile_Locked(t *testing.T) {
	t.Chdir(t.TempDir())
	path := filepath.Join(".dashsmith", "rollup.db")
	st := openTemp(t, path)
	defer st.Close()
	start := time.Now()
	_, err := OpenFile(path, Options{LockTimeout: 200 * time.Millisecond})
	want := "boltstore: " + path + " is in use by another dashsmith process (waited 200ms); wait for it to finish or pass --store to use another file"
	if err == nil || err.Error() != want {
		t.Fatalf("second open: %v\nwant: %s", err, want)
	}
	if d := time.Since(start); d < 100*time.Millisecond || d > 2*time.Second {
		t.Errorf("second open gave up after %v, want about 200ms", d)
	}
	if _, err := OpenFile(path, Options{LockTimeout: 100 * time.Millisecond, ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("read-only open beside a writer: %v, want the in-use error", err)
	}
}

func TestOpenFile_ReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rollup.db")
	_, err := OpenFile(path, Options{ReadOnly: true})
	if !errors.Is(err, build.ErrNotFound) || !strings.Contains(err.Error(), "dashsmith ingest") {
		t.Fatalf("read-only open of a missing file: %v, want ErrNotFound saying to ingest", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a read-only open created the file")
	}
	st := openTemp(t, path)
	if err := st.Apply(ctx, sampleBatch("a.gz")); err != nil {
		t.Fatal(err)
	}
	st.Close()
	r1, err := OpenFile(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := OpenFile(path, Options{ReadOnly: true, LockTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("two readers at once: %v", err)
	}
	defer r2.Close()
	if got := total(t, r2); got != 7 {
		t.Fatalf("reader total = %v, want 7", got)
	}
	if err := r1.Apply(ctx, sampleBatch("b.gz")); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("Apply on a read-only store: %v, want a read-only error", err)
	}
	if _, err := OpenFile(path, Options{LockTimeout: 100 * time.Millisecond}); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("writer beside readers: %v, want the in-use error", err)
	}
}

func TestStore_Closed(t *testing.T) {
	st := openTemp(t, filepath.Join(t.TempDir(), "rollup.db"))
	st.Close()
	if err := st.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := st.Apply(ctx, sampleBatch("a.gz")); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("Apply after Close: %v, want a closed error", err)
	}
}
