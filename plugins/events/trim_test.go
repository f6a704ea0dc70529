package events

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// TestTrim_KeepsHeaviest checks that a file keeps the heaviest values of an
// hour, not the first: d shows up last but most often.
func TestTrim_KeepsHeaviest(t *testing.T) {
	var in strings.Builder
	for i, plan := range []string{"a", "b", "c", "d", "d", "d", "d", "d"} {
		in.WriteString(track("Buy", i, fmt.Sprintf(`"plan":%q,"revenue":1`, plan)))
	}
	plans := rollup(t, "Buy", "count", "plan")
	b := parseRollups(t, []byte(in.String()), Options{Cardinality: 2}, 0, build.BaseRollup, plans)
	want := map[string]int64{"d": 5, "a": 1, build.OtherGroup: 2} // a, b, c tie: a wins by value
	if got := groupsOf(b, plans, hour(14)); !maps.Equal(got, want) {
		t.Errorf("groups = %v, want %v", got, want)
	}
	if b.Stats.Folded != 2 {
		t.Errorf("folded = %d, want 2 (b and c)", b.Stats.Folded)
	}
	if b.Cardinality != 2 {
		t.Errorf("Batch.Cardinality = %d, want 2: the store holds the cap over all files", b.Cardinality)
	}
}

// TestTrim_SameRanking checks that the rollups of one property keep the
// same groups: x has more events than y, though fewer numeric revenues.
func TestTrim_SameRanking(t *testing.T) {
	var in strings.Builder
	for i, p := range []string{`"plan":"x","revenue":1`, `"plan":"x"`, `"plan":"x"`, `"plan":"y","revenue":1`, `"plan":"y","revenue":1`} {
		in.WriteString(track("Buy", i, p))
	}
	plans := rollup(t, "Buy", "count", "plan")
	sums := rollup(t, "Buy", "sum(revenue)", "plan")
	b := parseRollups(t, []byte(in.String()), Options{Cardinality: 1}, 0, plans, sums)
	if got, want := groupsOf(b, plans, hour(14)), map[string]int64{"x": 3, build.OtherGroup: 2}; !maps.Equal(got, want) {
		t.Errorf("count by plan = %v, want %v", got, want)
	}
	if got, want := groupsOf(b, sums, hour(14)), map[string]int64{"x": 1, build.OtherGroup: 2}; !maps.Equal(got, want) {
		t.Errorf("sum(revenue) by plan = %v, want %v: the same groups as the count", got, want)
	}
	if c := cellOf(b, sums, build.OtherGroup, hour(14)); c.Sum != 2 {
		t.Errorf("sum of %s = %v, want 2", build.OtherGroup, c.Sum)
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
		in.WriteString(track("Buy", i, fmt.Sprintf(`"plan":%q`, plan), fmt.Sprintf(`"messageId":"m%d"`, i)))
	}
	plans := rollup(t, "Buy", "count", "plan")
	b := parseRollups(t, []byte(in.String()), Options{Cardinality: 1}, 24*time.Hour, build.BaseRollup, plans)
	var got []string
	for _, m := range b.Msgs {
		for _, a := range m.Adds {
			if a.Series != "" {
				got = append(got, strings.TrimPrefix(a.Series, plans.SeriesPrefix()))
			}
		}
	}
	if want := []string{"a", "a", build.OtherGroup}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the messages' groups = %q, want %q", got, want)
	}
}
