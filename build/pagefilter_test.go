package build

import (
	"strings"
	"testing"
)

func TestFilterProblem(t *testing.T) {
	for _, c := range []struct {
		qs   QuerySpec
		want string
	}{
		{QuerySpec{Event: "E"}, ""},
		{QuerySpec{Event: "E", By: "platform"}, ""},
		{QuerySpec{Event: "E", Where: map[string]string{"platform": "ios"}}, ""},
		{QuerySpec{Formula: "a / b"}, ""},
		{QuerySpec{Event: "E", By: "plan"}, "broken down by plan"},
		{QuerySpec{Event: "E", By: "platform, plan"}, "broken down by plan"},
		{QuerySpec{Event: "E", Where: map[string]string{"plan": "pro"}}, "keeps plan = pro already"},
		{QuerySpec{Event: "E", By: "platform", Filter: "ios"}, "keeps one value of its breakdown by platform; write where: {platform: …}"},
		{QuerySpec{Event: "E", Where: map[string]string{"a": "1", "b": "2", "c": "3", "d": "4"}}, "its where has 4 properties"},
	} {
		if got := c.qs.FilterProblem("plan"); (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%+v: %q, want %q", c.qs, got, c.want)
		}
	}
	qs := QuerySpec{Event: "E", Where: map[string]string{"platform": "ios"}}
	f := qs.WithFilter("plan", "pro")
	if len(qs.Where) != 1 || f.Where["plan"] != "pro" || f.Where["platform"] != "ios" {
		t.Errorf("WithFilter changed its spec or lost a condition: %v, %v", qs.Where, f.Where)
	}
}

// TestFilterTakers: a formula takes the filter only when every query it
// names does, however deep; when one cannot, neither can the formula nor
// the queries it names, so no formula mixes filtered and unfiltered.
func TestFilterTakers(t *testing.T) {
	specs := map[string]QuerySpec{
		"orders":  {Event: "O"},
		"revenue": {Event: "O", Measure: "sum(revenue)"}, // can, but aov reads it with orders, which cr reads with visits
		"aov":     {Formula: "revenue / orders"},
		"visits":  {Event: "V"}, // cannot: its event lacks the property
		"cr":      {Formula: "orders / visits"},
		"cr2":     {Formula: "cr * 100"},
		"alone":   {Event: "A"},
	}
	why := FilterTakers(specs, func(name string) string {
		if name == "visits" {
			return "never seen"
		}
		return ""
	})
	for name, can := range map[string]bool{"orders": false, "revenue": false, "aov": false, "visits": false, "cr": false, "cr2": false, "alone": true} {
		if (why[name] == "") != can {
			t.Errorf("%s: %q; want it to take the filter: %v", name, why[name], can)
		}
	}
	if !strings.Contains(why["aov"], `query "orders"`) {
		t.Errorf("aov: %q: it should name the query that cannot", why["aov"])
	}
	// The same, whatever order the map gives.
	for i := 0; i < 20; i++ {
		again := FilterTakers(specs, func(name string) string { return map[string]string{"visits": "never seen"}[name] })
		for name := range specs {
			if again[name] != why[name] {
				t.Fatalf("%s: %q, then %q", name, why[name], again[name])
			}
		}
	}
}
