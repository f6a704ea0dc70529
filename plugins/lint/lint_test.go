package lint

import (
	"context"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
	_ "github.com/dashsmith/dashsmith/plugins/events"   // the default event format: what a bare path means
	_ "github.com/dashsmith/dashsmith/plugins/quantile" // p95(...)
)

// store returns an in-memory store that holds the events: each one's
// total, in one hour, and its property paths.
func store(t *testing.T, events ...build.EventInfo) *storetest.Memory {
	t.Helper()
	st := storetest.NewMemory()
	b := build.NewBatch("events.gz")
	for _, e := range events {
		b.Counts[build.EventHour{Event: e.Event}] = e.Total
		for _, p := range e.Props {
			b.Props[build.EventProp{Event: e.Event, Path: p}] = true
		}
	}
	if err := st.Apply(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestLint_Run(t *testing.T) {
	events := []build.EventInfo{
		{Event: "Order Completed", Total: 9, Props: []string{"plan", "products", "revenue"}},
		{Event: "Order Refunded", Total: 1},
		{Event: "Signed Up", Total: 3, Props: []string{"dependency.name", "plan"}},
	}
	zero := &build.Result{Points: []build.Point{{Value: 0}}}
	some := &build.Result{Points: []build.Point{{Value: 2}}, Total: 2}
	pages := []*build.Page{
		{Source: "a.md", Meta: build.Meta{
			Queries: map[string]build.QuerySpec{
				"typo":   {Event: "Order Complete"},
				"case":   {Event: "signed up"},
				"far":    {Event: "Checkout Started"},
				"empty":  {Event: "Order Refunded"},
				"plan":   {Event: "Order Completed", Measure: "sum(revenu)", By: "plna"},
				"ok":     {Event: "Signed Up", Measure: "unique(userId)", By: "dependency"},
				"nested": {Event: "Signed Up", By: "properties.dependency.name"},
				"avg":    {Event: "Order Completed", Measure: "avg(revenue)"},
				"p95":    {Event: "Order Completed", Measure: "p95(revnue)"},
				"ratio":  {Formula: "ok / nested"}, // reads no event: no warning
				"where":  {Event: "Order Completed", By: "plan", Where: map[string]string{"prodcts": "x", "revenue": "5"}},
			},
			QueryLines: map[string]int{"typo": 3, "case": 4, "far": 5, "empty": 6, "plan": 7, "ok": 8, "nested": 9, "avg": 10, "p95": 11, "ratio": 12, "where": 13},
		}, Data: map[string]*build.Result{"empty": zero, "ok": some, "nested": some, "avg": {Points: []build.Point{{Gap: true}}, TotalGap: true}}},
		{Source: "t.md", Each: "x", Meta: build.Meta{Queries: map[string]build.QuerySpec{"n": {Event: "Order"}}, QueryLines: map[string]int{"n": 2}}},
		{Source: "t.md", Each: "x", Meta: build.Meta{Queries: map[string]build.QuerySpec{"n": {Event: "Order"}}, QueryLines: map[string]int{"n": 2}}},
		{Source: "p.md", Meta: build.Meta{Each: "plan", EachEvent: "Signed Upp", EachLine: 2}},
	}
	l := New()
	if err := l.Run(context.Background(), &build.Site{Store: store(t, events...), Pages: pages}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`content/a.md:3: query "typo": unknown event "Order Complete" (did you mean "Order Completed"?)`,
		`content/a.md:4: query "case": unknown event "signed up" (did you mean "Signed Up"?)`,
		`content/a.md:5: query "far": unknown event "Checkout Started" (dashsmith events lists the names the store has)`,
		`content/a.md:6: query "empty": no data for "Order Refunded" in this range`,
		`content/a.md:7: query "plan": measure: event "Order Completed" has no property "revenu" (did you mean "revenue"?)`,
		`content/a.md:7: query "plan": by: event "Order Completed" has no property "plna" (did you mean "plan"?)`,
		`content/a.md:10: query "avg": no number in "revenue" on "Order Completed" in this range: its values are missing or not numbers (dashsmith events lists the event's properties)`,
		`content/a.md:11: query "p95": measure: event "Order Completed" has no property "revnue" (did you mean "revenue"?)`,
		`content/a.md:13: query "where": where: event "Order Completed" has no property "prodcts" (did you mean "products"?)`,
		`content/p.md:2: each_event: unknown event "Signed Upp" (did you mean "Signed Up"?)`,
		`content/t.md:2: query "n" ($each = "x"): unknown event "Order" (did you mean "Order Completed" or "Order Refunded"?)`,
	}
	if got := l.Warnings().Error(); got != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}

	t.Run("EmptyStore", func(t *testing.T) {
		if err := l.Run(context.Background(), &build.Site{Store: store(t), Pages: pages[1:2]}); err != nil {
			t.Fatal(err)
		}
		if got := l.Warnings().Error(); got != `content/t.md:2: query "n" ($each = "x"): the store holds no events yet: run dashsmith ingest` {
			t.Fatalf("got %s", got)
		}
	})
}

// TestLint_RootPaths checks the paths of traits and context: checked on
// an event that has some path under the same root, never on one that has
// none (a store ingested before they were recorded); the message's own
// fields are never checked.
func TestLint_RootPaths(t *testing.T) {
	events := []build.EventInfo{
		{Event: "Viewed Cart Screen", Total: 5, Props: []string{"context.device.type", "context.os.name", "items", "properties.type"}},
		{Event: "Identify", Total: 2, Props: []string{"context.ip", "traits.email", "traits.plan"}},
		{Event: "Old", Total: 1, Props: []string{"plan", "type"}},
	}
	some := &build.Result{Points: []build.Point{{Value: 2}}, Total: 2}
	queries := map[string]build.QuerySpec{
		"a": {Event: "Viewed Cart Screen", By: "context.os.name"},
		"b": {Event: "Viewed Cart Screen", By: "context.os.nmae"},
		"c": {Event: "Viewed Cart Screen", By: "context.device"},
		"d": {Event: "Viewed Cart Screen", By: "traits.email"},
		"e": {Event: "Viewed Cart Screen", Measure: "unique(anonymousId)", By: "type"},
		"f": {Event: "Viewed Cart Screen", Measure: "sum(properties.type)", By: "context.app.name"},
		"g": {Event: "Identify", Measure: "unique(userId)", By: "traits.emial"},
		"h": {Event: "Identify", By: "plan"},
		"i": {Event: "Identify", By: "traits.plan"},
		"j": {Event: "Identify", By: "context.ip"},
		"k": {Event: "Old", By: "context.os.name"},
		"l": {Event: "Old", By: "traits.plan"},
		"m": {Event: "Old", By: "properties.type"},
		"n": {Event: "Old", By: "properties.plan"},
	}
	lines := map[string]int{}
	data := map[string]*build.Result{}
	for name := range queries {
		lines[name] = int(name[0]-'a') + 1
		data[name] = some
	}
	pages := []*build.Page{{Source: "r.md", Meta: build.Meta{Queries: queries, QueryLines: lines}, Data: data}}
	l := New()
	if err := l.Run(context.Background(), &build.Site{Store: store(t, events...), Pages: pages}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`content/r.md:2: query "b": by: event "Viewed Cart Screen" has no property "context.os.nmae" (did you mean "context.os.name"?)`,
		`content/r.md:6: query "f": by: event "Viewed Cart Screen" has no property "context.app.name"`,
		`content/r.md:7: query "g": by: event "Identify" has no property "traits.emial" (did you mean "traits.email"?)`,
		`content/r.md:8: query "h": by: event "Identify" has no property "plan" (did you mean "traits.plan"?)`,
	}
	if got := l.Warnings().Error(); got != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}
