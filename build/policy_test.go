package build

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// memView is a store for the policy's tests: it answers the reads and
// takes each write set in, as a store's transaction would.
type memView struct {
	cells  map[CellKey]*Cell
	counts map[EventHour]int64
	kept   map[rollupHour]int
	msgs   map[uint64]Hour
	files  map[string]*FileState
}

func newMemView() *memView {
	return &memView{cells: map[CellKey]*Cell{}, counts: map[EventHour]int64{}, kept: map[rollupHour]int{}, msgs: map[uint64]Hour{}, files: map[string]*FileState{}}
}

func (v *memView) Keeps(k CellKey) bool {
	if k.Rollup.By == "" {
		panic("Keeps of a rollup without a breakdown: " + k.Series())
	}
	return v.cells[k] != nil
}
func (v *memView) Kept(r Rollup, h Hour) int { return v.kept[rollupHour{r, h}] }
func (v *memView) Seen(id uint64) (Hour, bool) {
	h, ok := v.msgs[id]
	return h, ok
}

// apply plans b against the view and writes the result into it.
func (v *memView) apply(b *Batch) *WriteSet {
	fs := v.files[b.ID]
	if fs == nil {
		fs = &FileState{}
		v.files[b.ID] = fs
	}
	ws, err := PlanWrite(b, *fs, v)
	if err != nil {
		panic(err)
	}
	if ws == nil {
		return nil
	}
	fs.Applied = append(fs.Applied, ws.IDs...)
	for eh, n := range ws.Counts {
		v.counts[eh] += n
	}
	for _, cw := range ws.Cells {
		c := v.cells[cw.CellKey]
		if c == nil {
			var err error
			if c, err = NewCell(cw.Rollup.Measure); err != nil {
				panic(err)
			}
			v.cells[cw.CellKey] = c
		}
		if err := c.Merge(cw.Cell); err != nil {
			panic(err)
		}
	}
	for _, hg := range ws.Admitted {
		v.kept[rollupHour{hg.Rollup, hg.Hour}] += len(hg.Groups)
	}
	if ws.Decided {
		fs.Dups = map[uint64]bool{}
		for _, id := range ws.Cross {
			fs.Dups[id] = true
		}
		for _, m := range ws.Fresh {
			v.msgs[m.ID] = m.Hour
		}
	}
	return ws
}

// base is the base count of event in hour h as "N/0", or "-" when the
// store holds none.
func (v *memView) base(event string, h Hour) string {
	n, ok := v.counts[EventHour{event, h}]
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%d/0", n)
}

// get is the cell of group in hour h of r as "N/Sum" (a count's events
// and 0, a sum's events and total), or "-" when missing.
func (v *memView) get(r Rollup, group string, h Hour) string {
	c := v.cells[CellKey{r, group, h}]
	if c == nil {
		return "-"
	}
	return cellString(c)
}

// cellString is a count or sum cell as "N/Sum".
func cellString(c *Cell) string {
	switch a := c.Aggregate().(type) {
	case *countAgg:
		return fmt.Sprintf("%d/0", a.n)
	case *sumAgg:
		return fmt.Sprintf("%d/%g", a.n, a.sum)
	}
	panic(fmt.Sprintf("not a count or sum cell: %T", c.Aggregate()))
}

var (
	polRevenue = Rollup{Event: "Buy", Measure: Measure{Kind: Sum, Prop: "revenue"}}
	polByPlan  = Rollup{Event: "Buy", Measure: CountMeasure, By: "plan"}
	polSumPlan = Rollup{Event: "Buy", Measure: Measure{Kind: Sum, Prop: "revenue"}, By: "plan"}
)

// pmsg is one Buy message of a policy test.
type pmsg struct {
	id      uint64
	h       Hour
	plan    string
	revenue float64
}

// polBatch builds a file of Buy messages as a parser would, for the
// rollups given, under dedupe when window > 0.
func polBatch(id string, window time.Duration, rollups []Rollup, ms ...pmsg) *Batch {
	b := NewBatch(id, rollups...)
	b.Dedupe = window
	for _, m := range ms {
		var adds []Add
		for i, r := range b.Rollups {
			if r.IsBase() {
				b.Counts[EventHour{"Buy", m.h}]++
				adds = append(adds, Add{Event: "Buy"})
				continue
			}
			k := CellKey{Rollup: r, Hour: m.h}
			if r.By != "" {
				k.Group = m.plan
			}
			c := b.Cells[k]
			if c == nil {
				var err error
				if c, err = NewCell(r.Measure); err != nil {
					panic(err)
				}
				b.Cells[k] = c
			}
			var num float64
			if r.Measure.Kind == Sum {
				num = m.revenue
			}
			c.Add(Value{Num: num})
			adds = append(adds, Add{Rollup: &b.Rollups[i], Group: k.Group, Num: num})
		}
		if window > 0 {
			b.Msgs = append(b.Msgs, Msg{ID: m.id, Hour: m.h, Adds: adds})
		}
	}
	return b
}

func TestPlanWriteExactlyOnce(t *testing.T) {
	v := newMemView()
	b := polBatch("a.gz", 0, []Rollup{BaseRollup, polRevenue}, pmsg{1, 5, "", 2}, pmsg{2, 5, "", 3})
	ws := v.apply(b)
	if !ws.Base || !reflect.DeepEqual(ws.IDs, []string{"count", polRevenue.ID()}) || ws.Decided {
		t.Fatalf("first apply: %+v", ws)
	}
	if ws := v.apply(b); ws != nil {
		t.Fatalf("a second apply of the same file wrote %+v", ws)
	}
	// The file again with a new rollup: only that rollup is written.
	b2 := polBatch("a.gz", 0, []Rollup{BaseRollup, polRevenue, polByPlan}, pmsg{1, 5, "pro", 2}, pmsg{2, 5, "free", 3})
	ws = v.apply(b2)
	if ws.Base || ws.Counts != nil || !reflect.DeepEqual(ws.IDs, []string{polByPlan.ID()}) {
		t.Fatalf("backfill wrote %+v", ws)
	}
	if got := v.base("Buy", 5) + " " + v.get(polRevenue, "", 5) + " " + v.get(polByPlan, "pro", 5); got != "2/0 2/5 1/0" {
		t.Fatalf("store = %s", got)
	}
	// A rollup listed twice in one batch is written once.
	b3 := polBatch("b.gz", 0, []Rollup{BaseRollup}, pmsg{3, 5, "", 0})
	b3.Rollups = []Rollup{BaseRollup, BaseRollup}
	if ws := v.apply(b3); len(ws.IDs) != 1 || v.base("Buy", 5) != "3/0" {
		t.Fatalf("a repeated rollup: %+v, Buy = %s", ws.IDs, v.base("Buy", 5))
	}
	// No rollups named: the base rollup.
	b4 := NewBatch("c.gz")
	b4.Rollups = nil
	if ws := v.apply(b4); !ws.Base || !reflect.DeepEqual(ws.IDs, []string{"count"}) {
		t.Fatalf("a batch without rollups: %+v", ws)
	}
}

func TestPlanWriteCap(t *testing.T) {
	rs := []Rollup{BaseRollup, polByPlan, polSumPlan}
	cases := []struct {
		name   string
		limit  int
		files  [][]pmsg
		want   map[string]string // group -> count cell "N/Sum" in hour 5
		folded []int64           // per file
	}{
		{"not full", 3, [][]pmsg{{{1, 5, "a", 1}, {2, 5, "b", 1}}, {{3, 5, "c", 1}}},
			map[string]string{"a": "1/0", "b": "1/0", "c": "1/0", OtherGroup: "-"}, []int64{0, 0}},
		{"full over files: the later file folds", 2, [][]pmsg{{{1, 5, "a", 1}, {2, 5, "b", 1}}, {{3, 5, "c", 1}, {4, 5, "a", 1}}},
			map[string]string{"a": "2/0", "b": "1/0", "c": "-", OtherGroup: "1/0"}, []int64{0, 1}},
		{"the heaviest wins the last place, ties by value", 2, [][]pmsg{{{1, 5, "m", 1}}, {{2, 5, "z", 1}, {3, 5, "z", 1}, {4, 5, "b", 1}, {5, 5, "y", 1}, {6, 5, "y", 1}}},
			map[string]string{"m": "1/0", "y": "2/0", "z": "-", "b": "-", OtherGroup: "3/0"}, []int64{0, 3}},
		{"other hours are capped apart", 1, [][]pmsg{{{1, 5, "a", 1}, {2, 6, "b", 1}}, {{3, 6, "c", 1}}},
			map[string]string{"a": "1/0", "b": "-", OtherGroup: "-"}, []int64{0, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := newMemView()
			for i, ms := range c.files {
				b := polBatch(fmt.Sprintf("f%d", i), 0, rs, ms...)
				b.Cardinality = c.limit
				ws := v.apply(b)
				if ws.Folded != c.folded[i] {
					t.Errorf("file %d folded %d, want %d (once per group, not per measure)", i, ws.Folded, c.folded[i])
				}
			}
			for g, want := range c.want {
				if got := v.get(polByPlan, g, 5); got != want {
					t.Errorf("count of %q = %s, want %s", g, got, want)
				}
				sumWant := want
				if want != "-" {
					sumWant = strings.Replace(want, "/0", fmt.Sprintf("/%s", strings.Split(want, "/")[0]), 1)
				}
				if got := v.get(polSumPlan, g, 5); got != sumWant {
					t.Errorf("sum of %q = %s, want %s (every measure decides alike)", g, got, sumWant)
				}
			}
			for rh, n := range v.kept {
				if n > c.limit {
					t.Errorf("%q hour %d keeps %d groups over a cap of %d", rh.r.SeriesPrefix(), rh.h, n, c.limit)
				}
			}
		})
	}
}

func TestPlanWriteOtherAddsFirst(t *testing.T) {
	v := newMemView()
	v.kept[rollupHour{polSumPlan, 5}] = 1
	b := NewBatch("f", polSumPlan)
	b.Cardinality = 1
	for _, g := range []string{"zz", OtherGroup, "#a", "b"} {
		b.Cells[CellKey{polSumPlan, g, 5}] = sCell(1, 1)
	}
	ws, err := PlanWrite(b, FileState{}, v)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, cw := range ws.Cells {
		order = append(order, cw.Group)
	}
	want := []string{OtherGroup, OtherGroup, OtherGroup, OtherGroup} // its own, then #a, b, zz
	if !reflect.DeepEqual(order, want) || ws.Cells[0].Cell != b.Cells[CellKey{polSumPlan, OtherGroup, 5}] || ws.Cells[1].Cell != b.Cells[CellKey{polSumPlan, "#a", 5}] || ws.Cells[3].Cell != b.Cells[CellKey{polSumPlan, "zz", 5}] {
		t.Fatalf("cells in the order %v; want OtherGroup's own first, then the folded by value", order)
	}
}

func TestPlanWriteDedupe(t *testing.T) {
	day := 24 * time.Hour
	rs := []Rollup{BaseRollup, polRevenue, polByPlan}
	v := newMemView()
	// m1 in three files within the window, m2 twice 30 hours apart, m3
	// twice in one file (as build/storetest's dedupe files).
	f1 := polBatch("d1", day, rs, pmsg{1, 100, "pro", 10}, pmsg{3, 100, "pro", 1.5}, pmsg{3, 100, "pro", 1.5})
	f2 := polBatch("d2", day, rs, pmsg{1, 100, "pro", 10}, pmsg{2, 101, "free", 5})
	f3 := polBatch("d3", day, rs, pmsg{4, 102, "pro", 0.25}, pmsg{1, 120, "pro", 10})
	f4 := polBatch("d4", day, rs, pmsg{2, 131, "free", 5})
	var dups []int64
	for _, b := range []*Batch{f1, f2, f3, f4} {
		ws := v.apply(b)
		if !ws.Decided {
			t.Fatalf("%s: a live apply did not decide", b.ID)
		}
		dups = append(dups, ws.Dups)
	}
	if !reflect.DeepEqual(dups, []int64{1, 1, 1, 0}) {
		t.Fatalf("Dups per file = %v", dups)
	}
	got := []string{v.base("Buy", 100), v.base("Buy", 101), v.base("Buy", 102), v.base("Buy", 120), v.base("Buy", 131),
		v.get(polRevenue, "", 100), v.get(polByPlan, "pro", 100), v.get(polByPlan, "pro", 120)}
	// Hour 120 holds only m1's third sighting: its base count nets to
	// zero, and its new group "pro" writes nothing.
	want := []string{"2/0", "1/0", "1/0", "0/0", "1/0", "2/11.5", "2/0", "-"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("store = %v, want %v", got, want)
	}
	if !reflect.DeepEqual(v.files["d2"].Dups, map[uint64]bool{1: true}) || len(v.files["d1"].Dups) != 0 {
		t.Fatalf("recorded decisions: d1 %v, d2 %v", v.files["d1"].Dups, v.files["d2"].Dups)
	}
}

func TestPlanWriteBackfillRereadsDecision(t *testing.T) {
	day := 24 * time.Hour
	v := newMemView()
	v.apply(polBatch("d1", day, []Rollup{BaseRollup}, pmsg{1, 100, "pro", 10}))
	v.apply(polBatch("d2", day, []Rollup{BaseRollup}, pmsg{1, 100, "pro", 10}, pmsg{2, 100, "pro", 4}))
	// The store forgets the IDs (their time is up): the backfill must
	// still take m1 out of d2, from d2's recorded decision.
	clear(v.msgs)
	rs := []Rollup{BaseRollup, polRevenue}
	ws1 := v.apply(polBatch("d1", day, rs, pmsg{1, 100, "pro", 10}))
	ws2 := v.apply(polBatch("d2", day, rs, pmsg{1, 100, "pro", 10}, pmsg{2, 100, "pro", 4}))
	if ws1.Decided || ws2.Decided || ws2.Base {
		t.Fatalf("a backfill decided again: %+v", ws2)
	}
	if got := v.get(polRevenue, "", 100); got != "2/14" {
		t.Fatalf("backfilled revenue = %s, want 2/14 (m1 once)", got)
	}
	// A file applied without dedupe on, backfilled with it: repeats within
	// the file are still taken out.
	v2 := newMemView()
	v2.apply(polBatch("r", 0, []Rollup{BaseRollup}, pmsg{7, 100, "", 1}))
	ws := v2.apply(polBatch("r", day, []Rollup{BaseRollup, polRevenue}, pmsg{7, 100, "", 1}, pmsg{7, 100, "", 1}))
	if ws.Decided || v2.get(polRevenue, "", 100) != "1/1" {
		t.Fatalf("backfill without a decision: %+v, revenue %s", ws, v2.get(polRevenue, "", 100))
	}
}

func TestPlanWriteNettedGroupTakesNoPlace(t *testing.T) {
	day := 24 * time.Hour
	rs := []Rollup{BaseRollup, polByPlan}
	v := newMemView()
	v.apply(polBatch("d1", day, rs, pmsg{1, 100, "dup", 1}))
	// d2 brings "dup" again (a duplicate: netted to nothing) and "new";
	// "dup" is kept already here, so cap the hour at 2 and check that a
	// third group's duplicate in hour 101 leaves room for "fresh".
	b := polBatch("d2", day, rs, pmsg{1, 100, "dup", 1}, pmsg{2, 100, "new", 1}, pmsg{9, 101, "gone", 1}, pmsg{9, 101, "gone", 1}, pmsg{3, 101, "fresh", 1})
	if got := cellString(b.Cells[CellKey{polByPlan, "gone", 101}]); got != "2/0" {
		t.Fatalf("gone's cell in d2 = %s, want 2/0 (both sightings)", got)
	}
	b.Cardinality = 1
	// Make "gone" entirely a duplicate: its first sighting too.
	v.msgs[9] = 101
	ws := v.apply(b)
	if got := v.get(polByPlan, "gone", 101) + " " + v.get(polByPlan, "fresh", 101) + " " + v.get(polByPlan, OtherGroup, 101); got != "- 1/0 -" {
		t.Fatalf("hour 101: gone, fresh, other = %s; a netted-out group took the place", got)
	}
	if got := v.get(polByPlan, "new", 100) + " " + v.get(polByPlan, OtherGroup, 100); got != "- 1/0" {
		t.Fatalf("hour 100: new, other = %s; the hour was full with dup", got)
	}
	if ws.Folded != 1 || ws.Dups != 3 {
		t.Fatalf("Folded %d Dups %d, want 1 and 3", ws.Folded, ws.Dups)
	}
	if !slices.ContainsFunc(ws.Admitted, func(hg HourGroups) bool { return hg.Hour == 101 && reflect.DeepEqual(hg.Groups, []string{"fresh"}) }) {
		t.Fatalf("admitted %+v", ws.Admitted)
	}
}
