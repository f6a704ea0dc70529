package build

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
)

func TestCapHour(t *testing.T) {
	n := nCell
	noSketch := emptyUnique(t)
	kept := map[string]bool{"old": true}
	cases := []struct {
		name   string
		limit  int
		kept   int
		cells  []GroupCell
		want   []Fate
		admits int
	}{
		{"room for all", 5, 1,
			[]GroupCell{{"a", n(1)}, {"b", n(2)}, {"old", n(3)}},
			[]Fate{FateAdmit, FateAdmit, FateKeep}, 2},
		{"full: every new group folds, a kept one adds", 1, 1,
			[]GroupCell{{"a", n(9)}, {"old", n(1)}},
			[]Fate{FateFold, FateKeep}, 0},
		{"room for one: the heaviest", 2, 1,
			[]GroupCell{{"a", n(1)}, {"b", n(7)}, {"c", n(3)}},
			[]Fate{FateFold, FateAdmit, FateFold}, 1},
		{"ties go to the lower group value", 2, 1,
			[]GroupCell{{"z", n(4)}, {"m", n(4)}, {"q", n(4)}},
			[]Fate{FateFold, FateAdmit, FateFold}, 1},
		{"OtherGroup is never a candidate and takes no place", 1, 0,
			[]GroupCell{{OtherGroup, n(100)}, {"a", n(1)}},
			[]Fate{FateKeep, FateAdmit}, 1},
		{"a cell netted to nothing takes no place", 1, 0,
			[]GroupCell{{"gone", sCell(0, 0)}, {"b", sCell(2, 1)}},
			[]Fate{FateDrop, FateAdmit}, 1},
		{"a sum with events but no total still counts", 1, 0,
			[]GroupCell{{"a", sCell(0, 2)}},
			[]Fate{FateAdmit}, 1},
		{"a kept group's empty cell still adds (to nothing)", 1, 1,
			[]GroupCell{{"old", n(0)}},
			[]Fate{FateKeep}, 0},
		{"uniques rank by estimate; no sketch is empty", 2, 0,
			[]GroupCell{{"few", uCell(sketchOf("x"))}, {"many", uCell(sketchOf("x", "y", "z"))}, {"none", noSketch}, {"mid", uCell(sketchOf("x", "y"))}},
			[]Fate{FateFold, FateAdmit, FateDrop, FateAdmit}, 2},
		{"over the cap already (the cap was lowered): nothing new", 2, 5,
			[]GroupCell{{"a", n(1)}},
			[]Fate{FateFold}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			asked := false
			keeps := func(i int) bool { return kept[c.cells[i].Group] }
			got := CapHour(c.limit, c.cells, keeps, func() int { asked = true; return c.kept })
			if wantAsk := slices.Contains(got, FateAdmit) || slices.Contains(got, FateFold); asked != wantAsk {
				t.Fatalf("kept asked: %v; want it asked only when there are new groups to rank", asked)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("fates = %v, want %v", got, c.want)
			}
			admits := 0
			for _, f := range got {
				if f == FateAdmit {
					admits++
				}
			}
			if admits != c.admits || c.kept+admits > max(c.limit, c.kept) {
				t.Fatalf("%d admitted to an hour of %d kept under a cap of %d", admits, c.kept, c.limit)
			}
		})
	}
}

func TestCapOrder(t *testing.T) {
	cells := []GroupCell{{Group: "b"}, {Group: "old"}, {Group: "a"}, {Group: OtherGroup}, {Group: "c"}}
	fates := []Fate{FateFold, FateKeep, FateAdmit, FateKeep, FateDrop}
	var got []string
	for _, i := range capOrder(cells, fates) {
		got = append(got, fmt.Sprintf("%s:%d", cells[i].Group, fates[i]))
	}
	want := []string{"old:0", OtherGroup + ":0", "a:1", "b:2", "c:3"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("order = %v, want %v (kept first, as given; then new by value, fates kept with their cells)", got, want)
	}
}

func TestFolds(t *testing.T) {
	byPlanN := Rollup{Event: "Buy", Measure: CountMeasure, By: "plan"}
	byPlanSum := Rollup{Event: "Buy", Measure: Measure{Kind: Sum, Prop: "revenue"}, By: "plan"}
	byOS := Rollup{Event: "Buy", Measure: CountMeasure, By: "os"}
	f := Folds{}
	f.Note(byPlanN, "pro", 5, nCell(3))
	f.Note(byPlanSum, "pro", 5, sCell(40, 2)) // the same events, netted differently: the most counts
	f.Note(byPlanN, "pro", 6, nCell(1))
	f.Note(byOS, "mac", 5, nCell(4))
	if got := f.Total(); got != 3+1+4 {
		t.Fatalf("Total = %d, want 8: once per event, property, hour and group", got)
	}
	g := Folds{}
	g.Note(byPlanN, "pro", 5, nCell(10))
	g.Note(byOS, "linux", 5, nCell(1))
	f.Merge(g)
	if got := f.Total(); got != 10+1+4+1 {
		t.Fatalf("Total after Merge = %d, want 16", got)
	}
}

func TestCellEmptyAndWeight(t *testing.T) {
	cases := []struct {
		c      *Cell
		empty  bool
		weight float64
	}{
		{nil, true, 0},
		{nCell(0), true, 0},
		{nCell(2), false, 2},
		{sCell(1.5, 0), false, 0},
		{sCell(0, -1), false, -1},
		{emptyUnique(t), true, 0},
		{uCell(sketchOf("a", "b")), false, 2},
	}
	for i, c := range cases {
		if got := c.c.Empty(); got != c.empty {
			t.Errorf("%d: Empty(%s) = %v", i, describeCell(c.c), got)
		}
		if got := c.c.Weight(); got != c.weight {
			t.Errorf("%d: Weight(%s) = %v, want %v", i, describeCell(c.c), got, c.weight)
		}
	}
}

// emptyUnique is a new unique cell: a sketch (the tests' setSketch) with
// nothing added.
func emptyUnique(t *testing.T) *Cell {
	t.Helper()
	RegisterSketch(func() Sketch { return setSketch{} }, func([]byte) (Sketch, error) { return setSketch{}, nil })
	c, err := NewCell(Measure{Kind: Unique, Prop: "u"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// describeCell is a cell for a failure message.
func describeCell(c *Cell) string {
	if c == nil {
		return "nil"
	}
	return fmt.Sprintf("%T%+v", c.Aggregate(), c.Aggregate())
}
