package build

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"
)

// TestTrim_KeepsHeaviest checks that a file keeps the heaviest values of an
// hour, not the first: d shows up last but most often.
func TestTrim_KeepsHeaviest(t *testing.T) {
	var in strings.Builder
	for i, plan := range []string{"a", "b", "c", "d", "d", "d", "d", "d"} {
		fmt.Fprintf(&in, "Buy %d plan=%s revenue=1\n", i, plan)
	}
	plans := foldRollup(t, "Buy", "count", "plan")
	b := fold(t, in.String(), FoldOptions{Cardinality: 2}, 0, BaseRollup, plans)
	want := map[string]int64{"d": 5, "a": 1, OtherGroup: 2} // a, b, c tie: a wins by value
	if got := groupsAt(b, plans, HourOf(foldStart)); !maps.Equal(got, want) {
		t.Errorf("groups = %v, want %v", got, want)
	}
	if b.Stats.Folded != 2 {
		t.Errorf("folded = %d, want 2 (b and c)", b.Stats.Folded)
	}
	if b.Cardinality != 2 {
		t.Errorf("Batch.Cardinality = %d, want 2: the store holds the cap over all files", b.Cardinality)
	}
}

// TestTrim_Spare checks the bound of what a file keeps exactly: a value
// first seen after spare × cap others folds as it comes.
func TestTrim_Spare(t *testing.T) {
	var in strings.Builder
	for i := range spare {
		fmt.Fprintf(&in, "Buy %d plan=p%d\n", i, i)
	}
	for i := range 3 {
		fmt.Fprintf(&in, "Buy %d plan=late\n", 10+i)
	}
	plans := foldRollup(t, "Buy", "count", "plan")
	b := fold(t, in.String(), FoldOptions{Cardinality: 1}, 0, plans)
	want := map[string]int64{"p0": 1, OtherGroup: spare - 1 + 3}
	if got := groupsAt(b, plans, HourOf(foldStart)); !maps.Equal(got, want) {
		t.Errorf("groups = %v, want %v", got, want)
	}
}

// TestTrim_SameRanking checks that the rollups of one property keep the
// same groups: x has more events than y, though fewer numeric revenues.
func TestTrim_SameRanking(t *testing.T) {
	var in strings.Builder
	for i, p := range []string{"plan=x revenue=1", "plan=x", "plan=x", "plan=y revenue=1", "plan=y revenue=1"} {
		fmt.Fprintf(&in, "Buy %d %s\n", i, p)
	}
	plans := foldRollup(t, "Buy", "count", "plan")
	sums := foldRollup(t, "Buy", "sum(revenue)", "plan")
	b := fold(t, in.String(), FoldOptions{Cardinality: 1}, 0, plans, sums)
	h := HourOf(foldStart)
	if got, want := groupsAt(b, plans, h), map[string]int64{"x": 3, OtherGroup: 2}; !maps.Equal(got, want) {
		t.Errorf("count by plan = %v, want %v", got, want)
	}
	if got, want := groupsAt(b, sums, h), map[string]int64{"x": 1, OtherGroup: 2}; !maps.Equal(got, want) {
		t.Errorf("sum(revenue) by plan = %v, want %v: the same groups as the count", got, want)
	}
	if c := b.Cells[CellKey{Rollup: sums, Group: OtherGroup, Hour: h}]; c == nil || c.Value() != 2 {
		t.Errorf("sum of %s = %+v, want 2", OtherGroup, c)
	}
	if b.Stats.Folded != 2 {
		t.Errorf("folded = %d, want 2: y's two events, once though both rollups folded them", b.Stats.Folded)
	}
}

// TestTrim_Dedupe checks that the adds of a folded group's messages move
// to OtherGroup with its cell, so that a store takes a duplicate out of
// the cell that holds it.
func TestTrim_Dedupe(t *testing.T) {
	var in strings.Builder
	for i, plan := range []string{"a", "a", "b"} {
		fmt.Fprintf(&in, "Buy %d plan=%s id=m%d\n", i, plan, i)
	}
	plans := foldRollup(t, "Buy", "count", "plan")
	b := fold(t, in.String(), FoldOptions{Cardinality: 1}, 24*time.Hour, BaseRollup, plans)
	var got []string
	for _, m := range b.Msgs {
		for _, a := range m.Adds {
			if a.Event == "" {
				got = append(got, a.Group)
			}
		}
	}
	if want := []string{"a", "a", OtherGroup}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the messages' groups = %q, want %q", got, want)
	}
}
