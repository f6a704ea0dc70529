package build

import (
	"reflect"
	"testing"
	"time"
)

func TestWithin(t *testing.T) {
	for _, c := range []struct {
		h, stored, w Hour
		want         bool
	}{
		{10, 10, 0, true}, {10, 34, 24, true}, {34, 10, 24, true}, {10, 35, 24, false}, {-5, 19, 24, true}, {-6, 19, 24, false},
	} {
		if got := Within(c.h, c.stored, c.w); got != c.want {
			t.Errorf("Within(%d, %d, %d) = %v", c.h, c.stored, c.w, got)
		}
	}
}

func TestDedupeExpiry(t *testing.T) {
	now := Hour(1000)
	for _, c := range []struct{ h, want Hour }{
		{900, now + 24 + 1},       // an old event: a window past now
		{1010, 1010 + 24 + 1},     // an event ahead of now: a window past it
		{5000, now + 24 + 24 + 1}, // far in the future: a day past now at most
	} {
		if got := DedupeExpiry(c.h, now, 24); got != c.want {
			t.Errorf("DedupeExpiry(%d) = %d, want %d", c.h, got, c.want)
		}
	}
}

// msgs builds messages of the given IDs and hours.
func msgs(idHours ...int64) []Msg {
	var out []Msg
	for i := 0; i+1 < len(idHours); i += 2 {
		out = append(out, Msg{ID: uint64(idHours[i]), Hour: Hour(idHours[i+1])})
	}
	return out
}

func ids(ms []*Msg) []uint64 {
	var out []uint64
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

func TestDecide(t *testing.T) {
	stored := map[uint64]Hour{1: 100, 2: 50, 3: 130}
	seen := func(id uint64) (Hour, bool) { h, ok := stored[id]; return h, ok }
	b := NewBatch("f")
	b.Dedupe = 24 * time.Hour
	// 1 within the window of its sighting, 2 outside it, 3 exactly at its
	// edge, 4 new and repeated in the file, 1 repeated too.
	b.Msgs = msgs(1, 110, 2, 110, 3, 106, 4, 110, 4, 111, 1, 110)
	cross, fresh := Decide(b, seen)
	if want := []uint64{1, 3}; !reflect.DeepEqual(cross, want) {
		t.Fatalf("cross = %v, want %v", cross, want)
	}
	if want := []uint64{2, 4}; !reflect.DeepEqual(ids(fresh), want) {
		t.Fatalf("fresh = %v, want %v (each ID once, at its first sighting)", ids(fresh), want)
	}
	if fresh[1].Hour != 110 {
		t.Fatalf("fresh 4 has hour %d, want its first sighting's 110", fresh[1].Hour)
	}
	set := map[uint64]bool{}
	for _, id := range cross {
		set[id] = true
	}
	dups := Duplicates(b.Msgs, set)
	if want := []uint64{1, 3, 4, 1}; !reflect.DeepEqual(ids(dups), want) {
		t.Fatalf("duplicates = %v, want %v: the cross first sightings and every repeat", ids(dups), want)
	}
	if got := Duplicates(b.Msgs, nil); !reflect.DeepEqual(ids(got), []uint64{4, 1}) {
		t.Fatalf("duplicates with no decision = %v, want the repeats 4 and 1", ids(got))
	}
}

func TestNetCounts(t *testing.T) {
	counts := map[EventHour]int64{{"Buy", 5}: 3, {"View", 5}: 2}
	if got := NetCounts(counts, nil); reflect.ValueOf(got).Pointer() != reflect.ValueOf(counts).Pointer() {
		t.Fatal("NetCounts without duplicates copied the counts")
	}
	rev := Rollup{Event: "Buy", Measure: Measure{Kind: Sum, Prop: "r"}}
	dups := []*Msg{
		{ID: 1, Hour: 5, Adds: []Add{{Event: "Buy"}, {Rollup: &rev, Num: 2}}},
		{ID: 2, Hour: 5, Adds: []Add{{Event: "Buy"}, {Event: "Gone"}}},
		{ID: 3, Hour: 6, Adds: []Add{{Event: "View"}}},
	}
	got := NetCounts(counts, dups)
	want := map[EventHour]int64{{"Buy", 5}: 1, {"View", 5}: 2}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("NetCounts = %v, want %v (a counter the batch lacks is left alone)", got, want)
	}
	if counts[EventHour{"Buy", 5}] != 3 {
		t.Fatal("NetCounts changed the batch's counts")
	}
}

func TestNetCells(t *testing.T) {
	rev := Rollup{Event: "Buy", Measure: Measure{Kind: Sum, Prop: "r"}}
	byPlan := Rollup{Event: "Buy", Measure: CountMeasure, By: "plan"}
	uniq := Rollup{Event: "Buy", Measure: Measure{Kind: Unique, Prop: "u"}}
	sk := uCell(sketchOf("u1"))
	cells := map[CellKey]*Cell{
		{rev, "", 5}:       sCell(30, 3),
		{byPlan, "pro", 5}: nCell(2),
		{uniq, "", 5}:      sk,
	}
	dups := []*Msg{
		{ID: 1, Hour: 5, Adds: []Add{{Event: "Buy"}, {Rollup: &rev, Num: 10}, {Rollup: &byPlan, Group: "pro"}}},
		{ID: 2, Hour: 7, Adds: []Add{{Rollup: &rev, Num: 5}}}, // a cell the batch lacks
	}
	only := func(r Rollup) bool { return r == rev }
	got, err := NetCells(cells, dups, only)
	if err != nil {
		t.Fatal(err)
	}
	if c := got[CellKey{rev, "", 5}]; cellString(c) != "2/20" {
		t.Fatalf("netted sum cell = %s", cellString(c))
	}
	if c, ok := got[CellKey{byPlan, "pro", 5}]; ok {
		t.Fatalf("a rollup not asked for was returned: %s", cellString(c))
	}
	all, err := NetCells(cells, dups, func(Rollup) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	if c := all[CellKey{byPlan, "pro", 5}]; c.Value() != 1 {
		t.Fatalf("netted count cell = %s", cellString(c))
	}
	if c := all[CellKey{uniq, "", 5}]; c != sk || c.Value() != 1 {
		t.Fatalf("the unique cell was not kept as it is: %v", c)
	}
	if _, ok := got[CellKey{rev, "", 7}]; ok {
		t.Fatal("a share of a cell the batch lacks made a cell")
	}
	if got := cellString(cells[CellKey{rev, "", 5}]); got != "3/30" {
		t.Fatalf("NetCells changed the batch's cells: %s", got)
	}
	if got := cellString(cells[CellKey{byPlan, "pro", 5}]); got != "2/0" {
		t.Fatalf("NetCells changed the batch's count cell: %s", got)
	}
	same, err := NetCells(cells, nil, only)
	if err != nil || reflect.ValueOf(same).Pointer() != reflect.ValueOf(cells).Pointer() {
		t.Fatalf("NetCells without duplicates copied the cells (err %v)", err)
	}
}

func TestFirstSightings(t *testing.T) {
	ms := msgs(5, 1, 6, 2, 5, 3, 7, 4, 6, 5)
	got := FirstSightings(ms)
	if !reflect.DeepEqual(ids(got), []uint64{5, 6, 7}) || got[0] != &ms[0] || got[1].Hour != 2 {
		t.Fatalf("first sightings = %v", ids(got))
	}
	if got := FirstSightings(nil); len(got) != 0 {
		t.Fatalf("no messages gave %v", got)
	}
}
