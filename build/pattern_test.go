package build

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestRollupPattern(t *testing.T) {
	r := Rollup{Event: "Signed Up", Measure: Measure{Kind: Unique, Prop: "userId"}, By: "plan", Resolution: Daily}
	p := r.Pattern()
	if !p.IsPattern() || r.IsPattern() || p.For("Signed Up") != r {
		t.Fatalf("Pattern() = %+v, For = %+v", p, p.For("Signed Up"))
	}
	if got := p.ID(); got != `"*" unique(userId) by "plan" per day` {
		t.Errorf("pattern ID %s", got)
	}
	if back, err := ParseRollupID(p.ID()); err != nil || back != p {
		t.Errorf("ParseRollupID(%s) = %+v, %v", p.ID(), back, err)
	}
	if BaseRollup.Pattern() != BaseRollup {
		t.Error("the base rollup's pattern is not the base rollup")
	}
	ids := map[string]bool{p.ID(): true}
	has := func(id string) bool { return ids[id] }
	if !Covers(has, r) || !Covers(has, p) || !Covers(has, r.For("Order Completed")) {
		t.Error("a declared pattern does not cover its rollups")
	}
	other := r
	other.By = ""
	if Covers(has, other) || Covers(has, BaseRollup) {
		t.Error("a pattern covers a rollup of another breakdown, or the base")
	}

	// rollups: entries of event "*" expand to patterns; a count without
	// a breakdown is the base's, and expands to nothing kept.
	rs, err := RollupSpec{Event: "*", Measures: []string{"count", "avg(revenue)"}, By: []string{"plan"}}.Expand()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range SortRollups(rs) {
		got = append(got, r.ID())
	}
	if s := strings.Join(got, " | "); s != `"*" count by "plan" | "*" sum(revenue) | "*" sum(revenue) by "plan"` {
		t.Errorf("Expand of event \"*\": %s", s)
	}
}

func TestMissing_Patterns(t *testing.T) {
	sum := Rollup{Event: "a", Measure: Measure{Kind: Sum, Prop: "x"}}
	other := Rollup{Event: "a", Measure: Measure{Kind: Sum, Prop: "y"}}
	ids := func(rs []Rollup) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID())
		}
		return strings.Join(out, " | ")
	}
	for _, c := range []struct {
		wanted []Rollup
		done   []string
		want   string
	}{
		// A file read for the pattern kept the rollup of each of its events.
		{[]Rollup{BaseRollup, sum, sum.Pattern()}, []string{"count", sum.Pattern().ID()}, ""},
		// A new file is read once for the pattern, which keeps a's too.
		{[]Rollup{BaseRollup, sum, sum.Pattern()}, nil, `count | "*" sum(x)`},
		// Applied for a alone: the pattern is still to read (the fold
		// skips a's rollup as the store has it).
		{[]Rollup{BaseRollup, sum, sum.Pattern()}, []string{"count", sum.ID()}, `"*" sum(x)`},
		// Another measure's pattern covers nothing.
		{[]Rollup{BaseRollup, other}, []string{"count", sum.Pattern().ID()}, `"a" sum(y)`},
	} {
		if got := ids(Missing(c.wanted, c.done)); got != c.want {
			t.Errorf("Missing(%s, %v) = %s, want %s", ids(c.wanted), c.done, got, c.want)
		}
	}
}

// TestFold_Pattern: a pattern keeps the rollup of every event of the
// file, added to the batch's rollups by ID, but not one the batch names
// already; the rollups the caller gave (shared between batches) are
// left as they were.
func TestFold_Pattern(t *testing.T) {
	sums := foldRollup(t, AnyEvent, "sum(revenue)", "")
	buy := sums.For("Buy")
	given := []Rollup{BaseRollup, buy, sums}
	shared := slices.Clone(given)
	b := fold(t, "Buy 1 revenue=2\nView 2 revenue=3\nBuy 3 revenue=4\nPay 61 revenue=5\n", FoldOptions{}, 0, shared...)
	if !slices.Equal(shared, given) {
		t.Errorf("the caller's rollups changed: %v", shared)
	}
	var got []string
	for _, r := range b.Rollups {
		got = append(got, r.ID())
	}
	if s := strings.Join(got, " | "); s != `count | "Buy" sum(revenue) | "*" sum(revenue) | "Pay" sum(revenue) | "View" sum(revenue)` {
		t.Errorf("batch rollups %s", s)
	}
	h := HourOf(foldStart)
	for _, c := range []struct {
		r    Rollup
		h    Hour
		want string
	}{{buy, h, "6"}, {sums.For("View"), h, "3"}, {sums.For("Pay"), h + 1, "5"}, {sums, h, "<nil>"}} {
		var v any
		if cell := b.Cells[CellKey{Rollup: c.r, Hour: c.h}]; cell != nil {
			v = cell.Value()
		}
		if s := fmt.Sprint(v); s != c.want {
			t.Errorf("%s at %v: %s, want %s", c.r.ID(), c.h, s, c.want)
		}
	}
}

// TestWithConcrete: a pattern brings the rollup it keeps for each event,
// but not one declared on its own, nor its own ID again; other rollups
// bring nothing.
func TestWithConcrete(t *testing.T) {
	p := Rollup{Event: AnyEvent, Measure: Measure{Kind: Unique, Prop: "userId"}}
	plain := Rollup{Event: "B", Measure: CountMeasure, By: "plan"}
	events := []EventInfo{{Event: "A"}, {Event: "B"}, {Event: AnyEvent}}
	got := WithConcrete([]Rollup{p, plain}, events, []string{p.For("B").ID()})
	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID())
	}
	want := []string{p.ID(), plain.ID(), p.For("A").ID()}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Errorf("WithConcrete = %q, want %q", ids, want)
	}
}
