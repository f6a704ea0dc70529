package boltstore

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
	bolt "go.etcd.io/bbolt"
)

// dropSite is a store with three rollups of one event, two of whose
// breakdowns share the start of their property's name (plan, planet), so
// that a drop matching by prefix too loosely shows.
func dropSite(t *testing.T) (*Store, []build.Rollup, *build.Batch) {
	t.Helper()
	st := openTemp(t, filepath.Join(t.TempDir(), "rollup.db"))
	sum := build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}}
	plan := build.Rollup{Event: "Order Completed", Measure: build.CountMeasure, By: "plan"}
	planet := build.Rollup{Event: "Order Completed", Measure: build.CountMeasure, By: "planet"}
	rs := []build.Rollup{sum, plan, planet}
	if err := st.Declare(ctx, rs); err != nil {
		t.Fatal(err)
	}
	b := sampleBatch("logs/a.gz")
	b.Rollups = append([]build.Rollup{build.BaseRollup}, rs...)
	b.Cells[build.CellKey{Rollup: sum, Hour: h0}] = storetest.Cell(sum.Measure, 2, 2.5)
	b.Cells[build.CellKey{Rollup: plan, Group: "pro", Hour: h0}] = storetest.Cell(plan.Measure, 2, 0)
	b.Cells[build.CellKey{Rollup: plan, Group: "free", Hour: h0 + 1}] = storetest.Cell(plan.Measure, 1, 0)
	b.Cells[build.CellKey{Rollup: planet, Group: "mars", Hour: h0}] = storetest.Cell(planet.Measure, 3, 0)
	if err := st.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	return st, rs, b
}

// dump returns every key and value of the store but the files bucket
// (whose records carry the time of their last change), one line each.
func dump(t *testing.T, st *Store) string {
	t.Helper()
	var sb strings.Builder
	err := st.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if bytes.Equal(name, bucketFiles) {
				return nil
			}
			return b.ForEach(func(k, v []byte) error {
				fmt.Fprintf(&sb, "%s %q %x\n", name, k, v)
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

func TestDrop(t *testing.T) {
	st, rs, b := dropSite(t)
	plan := rs[1]
	before := dump(t, st)
	if !strings.Contains(before, `\x1fplan\x1f`) {
		t.Fatalf("the site has no cells of %s:\n%s", plan.ID(), before)
	}

	n, err := st.Drop(ctx, []build.Rollup{plan})
	if err != nil {
		t.Fatal(err)
	}
	after := dump(t, st)
	var want []string
	for _, l := range strings.Split(before, "\n") {
		if !strings.Contains(l, `\x1fplan\x1f`) && l != fmt.Sprintf("rollups %q ", plan.ID()) {
			want = append(want, l)
		}
	}
	if after != strings.Join(want, "\n") {
		t.Errorf("after the drop:\n%s\nwant every line but the rollup's:\n%s", after, strings.Join(want, "\n"))
	}
	// 2 cells, 2 group counts
	if n != 4 {
		t.Errorf("Drop deleted %d items, want 4", n)
	}
	declared, err := st.Declared(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(declared, func(r build.Rollup) bool { return r.ID() == plan.ID() }) || len(declared) != 2 {
		t.Errorf("declared after the drop: %v", declared)
	}
	applied, err := st.Applied(ctx, "logs/a.gz")
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(applied, plan.ID()) || len(applied) != 3 {
		t.Errorf("the file's record after the drop: %v, want the base and the two others", applied)
	}
	if _, err := st.Query(ctx, build.Query{Event: plan.Event, Measure: plan.Measure, By: plan.By, From: h0.Time(), To: (h0 + 2).Time(), Every: build.Hourly}); err == nil {
		t.Error("a query of the dropped rollup answered")
	}

	// Declared and applied again, it is as it was.
	if err := st.Declare(ctx, []build.Rollup{plan}); err != nil {
		t.Fatal(err)
	}
	if err := st.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	if again := dump(t, st); again != before {
		t.Errorf("declared and applied again:\n%s\nwant as before the drop:\n%s", again, before)
	}

	if _, err := st.Drop(ctx, []build.Rollup{build.BaseRollup}); err == nil {
		t.Error("the base counts were dropped")
	}
}

// TestDrop_Unfinished: a drop that stopped after its first transaction
// (here: the marks put by hand, the cells left) is finished before the
// rollup is declared again, so that its backfill does not add onto the
// old cells.
func TestDrop_Unfinished(t *testing.T) {
	st, rs, b := dropSite(t)
	plan := rs[1]
	before := dump(t, st)
	err := st.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketRollups).Delete([]byte(plan.ID())); err != nil {
			return err
		}
		if err := forgetApplied(tx.Bucket(bucketFiles), map[string]bool{plan.ID(): true}); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(append(slices.Clip(dropPending), plan.ID()...), nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Declare(ctx, []build.Rollup{plan}); err != nil {
		t.Fatal(err)
	}
	if err := st.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	if again := dump(t, st); again != before {
		t.Errorf("after an unfinished drop, declared and applied again:\n%s\nwant as before:\n%s", again, before)
	}
}

func TestReset(t *testing.T) {
	st, _, b := dropSite(t)
	empty := dump(t, openTemp(t, filepath.Join(t.TempDir(), "empty.db")))
	if err := st.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, st); got != empty {
		t.Errorf("after Reset:\n%s\nwant a new store's:\n%s", got, empty)
	}
	if applied, err := st.Applied(ctx, b.ID); err != nil || len(applied) != 0 {
		t.Errorf("after Reset the file's record says %v (%v)", applied, err)
	}
	if err := st.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
}
