package boltstore

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

func TestQuery_Undeclared(t *testing.T) {
	st := openTemp(t, filepath.Join(t.TempDir(), "rollup.db"))
	defer st.Close()
	q := dayQ
	q.Measure = build.Measure{Kind: build.Sum, Prop: "revenue"}
	_, err := st.Query(ctx, q)
	want := `boltstore: query: rollup "Order Completed" sum(revenue) has not been built: dashsmith ingest builds the rollups that the queries in content/ and rollups: in dashsmith.yaml ask for, once the store has seen the names they read (dashsmith check says which names it has not seen)`
	if err == nil || err.Error() != want || !errors.Is(err, build.ErrNoRollup) {
		t.Fatalf("Query of an undeclared rollup:\n got %v\nwant %s (wrapping build.ErrNoRollup)", err, want)
	}
}

func TestQuery_GroupsAcross1970(t *testing.T) {
	// Hours before 1970 sort after the others in a group's run of keys: a
	// range across 1970 reads both runs of every group.
	path := filepath.Join(t.TempDir(), "rollup.db")
	st := openTemp(t, path)
	if err := st.Declare(ctx, []build.Rollup{byPlan}); err != nil {
		t.Fatal(err)
	}
	b := build.NewBatch("old.gz", build.BaseRollup, byPlan)
	for i, g := range []string{"a", "b"} {
		for h := build.Hour(-3); h < 3; h++ {
			b.Cells[build.CellKey{Rollup: byPlan, Group: g, Hour: h}] = storetest.Cell(byPlan.Measure, int64(i+1)*int64(10+h), 0)
		}
	}
	if err := st.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	st.Close()
	ro, err := OpenFile(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Declare(ctx, []build.Rollup{byPlan}); err != nil {
		t.Errorf("declaring a declared rollup on a read-only store: %v", err)
	}
	epoch := time.Unix(0, 0).UTC()
	for _, tc := range []struct {
		from, to int
		want     string
	}{
		{-2, 2, "b=[16 18 20 22] a=[8 9 10 11]"},
		{-3, 0, "b=[14 16 18] a=[7 8 9]"},
		{1, 3, "b=[22 24] a=[11 12]"},
	} {
		q := build.Query{Event: byPlan.Event, Measure: byPlan.Measure, By: byPlan.By, Every: build.Hourly,
			From: epoch.Add(time.Duration(tc.from) * time.Hour), To: epoch.Add(time.Duration(tc.to) * time.Hour)}
		r, err := ro.Query(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, g := range r.Groups {
			var vals []float64
			for _, p := range g.Points {
				vals = append(vals, p.Value)
			}
			got += fmt.Sprintf(" %s=%v", g.Value, vals)
		}
		if got[1:] != tc.want {
			t.Errorf("hours [%d, %d): %s, want %s", tc.from, tc.to, got[1:], tc.want)
		}
	}
}
