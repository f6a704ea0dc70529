package build

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

var guardSeen = NewSeen([]EventInfo{
	{Event: "Order Completed", Props: []string{"currency", "plan", "products.sku", "revenue"}},
	{Event: "Signed Up", Props: []string{"plan", "referrer"}},
	{Event: "Old"}, // from a store that recorded no properties
})

func TestSeenUnseen(t *testing.T) {
	sum := Measure{Kind: Sum, Prop: "revenue"}
	for _, c := range []struct {
		name string
		q    Query
		want []string
	}{
		{"seen", Query{Event: "Order Completed", Measure: sum, By: "plan", Where: []Cond{{"currency", "USD"}}}, nil},
		{"under a seen path", Query{Event: "Order Completed", By: "products"}, nil},
		{"no properties recorded", Query{Event: "Old", By: "anything"}, nil},
		{"event", Query{Event: "Order Complted", Measure: sum, By: "plna"},
			[]string{`event: no "Order Complted" event was ever seen (did you mean "Order Completed"?)`}},
		{"event far off", Query{Event: "Refund Issued", Measure: sum},
			[]string{`event: no "Refund Issued" event was ever seen (dashsmith events lists the names the store has)`}},
		{"each name once, by key", Query{Event: "Order Completed", Measure: Measure{Kind: Sum, Prop: "revenu"}, By: "plna,currency", Where: []Cond{{"revenu", "1"}}},
			[]string{
				`measure: no "Order Completed" event was ever seen with property "revenu" (did you mean "revenue"?)`,
				`by: no "Order Completed" event was ever seen with property "plna" (did you mean "plan"?)`,
			}},
		{"nothing close", Query{Event: "Signed Up", By: "zzzzzz"},
			[]string{`by: no "Signed Up" event was ever seen with property "zzzzzz" (dashsmith events lists the properties it has)`}},
	} {
		if got := guardSeen.Unseen("event", c.q.Event, c.q.Paths()); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
	if got := NewSeen(nil).Unseen("event", "Order Completed", nil); len(got) != 1 || !strings.Contains(got[0], "the store holds no events yet") {
		t.Errorf("empty store: %q", got)
	}
}

func TestAsksAndSplit(t *testing.T) {
	s := &Site{Pages: []*Page{
		{Source: "sales.md", Meta: Meta{
			Queries: map[string]QuerySpec{
				"b":     {Event: "Order Completed", Measure: "sum(revenue)", By: "plna"},
				"a":     {Event: "Order Completed", Measure: "sum(revenue)", By: "plan"},
				"count": {Event: "Signed Up"},                           // read from the base counts
				"bad":   {Event: "Signed Up", Measure: "summ(revenue)"}, // check reports it
			},
			QueryLines: map[string]int{"a": 4, "b": 9, "count": 14, "bad": 16},
		}},
		{Source: "each.md", Meta: Meta{Each: "referer", EachEvent: "Signed Up", EachLine: 3,
			Queries:    map[string]QuerySpec{"e": {Event: "$each", Measure: "sum(revenue)"}},
			QueryLines: map[string]int{"e": 6}}},
	}}
	asks := s.Asks()
	var got []string
	for _, a := range asks {
		got = append(got, fmt.Sprintf("%s:%d %s %s", a.File, a.Line, a.What, a.Rollup.ID()))
	}
	want := []string{
		`content/sales.md:4 query "a" "Order Completed" sum(revenue) by "plan"`,
		`content/sales.md:9 query "b" "Order Completed" sum(revenue) by "plna"`,
		`content/each.md:3 each "Signed Up" count by "referer"`,
		`content/each.md:6 query "e" "*" sum(revenue)`, // a pattern: its copies' events are known at build time
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("asks:\n%q\nwant\n%q", got, want)
	}
	if u := asks[2].Unseen(guardSeen); len(u) != 1 || u[0] != `each: no "Signed Up" event was ever seen with property "referer" (did you mean "referrer"?)` {
		t.Errorf("the template's ask: %q", u)
	}

	declare, deferred := SplitAsks(asks, guardSeen, nil)
	if len(declare) != 2 || declare[0].Event != AnyEvent || declare[1].By != "plan" || len(deferred) != 2 || deferred[0].Line != 9 || deferred[1].Line != 3 {
		t.Errorf("split: declare %v, deferred %v", declare, deferred)
	}
	// Confirmed (rollups:, already kept, or --declare-unseen): declared,
	// sorted, once.
	declare, deferred = SplitAsks(append(asks, asks[0]), guardSeen, map[string]bool{asks[1].Rollup.ID(): true, asks[2].Rollup.ID(): true})
	if len(deferred) != 0 || len(declare) != 4 || declare[1].ID() != asks[0].Rollup.ID() || declare[3].ID() != asks[2].Rollup.ID() {
		t.Errorf("confirmed split: declare %v, deferred %v", declare, deferred)
	}
}

func TestConfigEntry(t *testing.T) {
	for _, c := range []struct {
		r    Rollup
		want string
	}{
		{Rollup{Event: "Signed Up", Measure: CountMeasure, By: "plan"}, `{event: "Signed Up", by: ["plan"]}`},
		{Rollup{Event: `Say "hi"`, Measure: Measure{Kind: Unique, Prop: "userId"}, Resolution: Daily}, `{event: "Say \"hi\"", measures: ["unique(userId)"], resolution: day}`},
		{Rollup{Event: "Order Completed", Measure: Measure{Kind: Sum, Prop: "revenue"}, By: "currency,plan"}, `{event: "Order Completed", measures: ["sum(revenue)"], by: ["currency,plan"]}`},
	} {
		if got := c.r.ConfigEntry(); got != c.want {
			t.Errorf("%s: %s, want %s", c.r.ID(), got, c.want)
		}
		// The entry keeps the rollup: Expand of the same spec holds it.
		spec := RollupSpec{Event: c.r.Event, Resolution: string(c.r.Resolution)}
		if !c.r.Measure.IsCount() {
			spec.Measures = []string{c.r.Measure.String()}
		}
		if c.r.By != "" {
			spec.By = []string{c.r.By}
		}
		rs, err := spec.Expand()
		found := false
		for _, r := range rs {
			found = found || r.ID() == c.r.ID()
		}
		if err != nil || !found {
			t.Errorf("%s: Expand of its entry %v, %v", c.r.ID(), rs, err)
		}
	}
}

func TestIngestReportMerge(t *testing.T) {
	first := &IngestReport{Files: 3, Applied: 2, Skipped: 0, Failed: 1, Bytes: 100, Lines: 20, Accepted: 18,
		Rejected: map[string]int64{"bad json": 2}, Errors: []FileError{{"c.gz", "boom"}}, Seconds: 1}
	second := &IngestReport{Files: 3, Applied: 1, Backfilled: 2, Reread: 18, Bytes: 150, Lines: 5, Accepted: 5,
		Rejected: map[string]int64{"bad json": 1, "no usable time": 1}, Skips: map[string]int64{"long": 1}, Seconds: 0.5}
	first.Merge(second)
	want := &IngestReport{Files: 3, Applied: 3, Backfilled: 2, Reread: 18, Bytes: 250, Lines: 25, Accepted: 23,
		Rejected: map[string]int64{"bad json": 3, "no usable time": 1}, Skips: map[string]int64{"long": 1}, Seconds: 1.5}
	if !reflect.DeepEqual(first, want) {
		t.Errorf("merged\n%+v\nwant\n%+v", first, want)
	}
}
