package query

import (
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// TestNotBuilt: a rollup the store does not keep is a did-you-mean when a
// name it reads was never seen, and a call to ingest when every name was;
// an empty store asks for an ingest first. None advises declaring it.
func TestNotBuilt(t *testing.T) {
	seen := build.NewSeen([]build.EventInfo{{Event: "Order Completed", Props: []string{"plan", "revenue"}}})
	sum := build.Measure{Kind: build.Sum, Prop: "revenue"}
	for _, c := range []struct {
		name string
		seen build.Seen
		q    build.Query
		want string
	}{
		{"by typo", seen, build.Query{Event: "Order Completed", Measure: sum, By: "plna"},
			`by: no "Order Completed" event was ever seen with property "plna" (did you mean "plan"?); dashsmith ingest declares no rollup for a name the store never saw: fix the name, or, if such events are yet to come, add {event: "Order Completed", measures: ["sum(revenue)"], by: ["plna"]} under rollups: in dashsmith.yaml (or run dashsmith ingest --declare-unseen)`},
		{"event typo", seen, build.Query{Event: "Order Complted", Measure: sum},
			`event: no "Order Complted" event was ever seen (did you mean "Order Completed"?); dashsmith ingest declares no rollup for a name the store never saw: fix the name, or, if such events are yet to come, add {event: "Order Complted", measures: ["sum(revenue)"]} under rollups: in dashsmith.yaml (or run dashsmith ingest --declare-unseen)`},
		{"where and measure", seen, build.Query{Event: "Order Completed", Measure: build.Measure{Kind: build.Sum, Prop: "revenu"}, Where: []build.Cond{{Prop: "plan", Value: "pro"}, {Prop: "platfrom", Value: "ios"}}},
			`measure: no "Order Completed" event was ever seen with property "revenu" (did you mean "revenue"?); where: no "Order Completed" event was ever seen with property "platfrom" (dashsmith events lists the properties it has); dashsmith ingest declares no rollup for a name the store never saw: fix the name, or, if such events are yet to come, add {event: "Order Completed", measures: ["sum(revenu)"], by: ["plan,platfrom"]} under rollups: in dashsmith.yaml (or run dashsmith ingest --declare-unseen)`},
		{"seen", seen, build.Query{Event: "Order Completed", Measure: sum, By: "plan"},
			`rollup "Order Completed" sum(revenue) by "plan" is not built yet: run dashsmith ingest, which declares it (the store has seen its names) and reads the event files again for it`},
		{"empty store", build.NewSeen(nil), build.Query{Event: "Order Completed", Measure: sum},
			"the store holds no events yet: run dashsmith ingest"},
	} {
		if got := notBuilt(c.seen, c.q).Error(); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}
