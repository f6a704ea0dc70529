package each

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// store is the in-memory store, holding events (each one's total, in
// one hour); it answers a breakdown by plan with fixed groups, and
// records the queries it is asked.
type store struct {
	*storetest.Memory
	groups  []build.Group
	queries []build.Query
}

func newStore(t *testing.T, events []build.EventInfo, groups ...build.Group) *store {
	t.Helper()
	m := storetest.NewMemory()
	b := build.NewBatch("events.gz")
	for _, e := range events {
		b.Counts[build.EventHour{Event: e.Event}] = e.Total
	}
	if err := m.Apply(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	return &store{Memory: m, groups: groups}
}

func (s *store) Query(ctx context.Context, q build.Query) (*build.Result, error) {
	s.queries = append(s.queries, q)
	if q.By != "plan" {
		return s.Memory.Query(ctx, q) // no breakdown declared: build.ErrNoRollup
	}
	return &build.Result{Query: q, Groups: s.groups}, nil
}

func template(each, event string, top int) *build.Page {
	return &build.Page{
		Source: "per/event.md", URL: "per/event/", Line: 9, Body: []byte("```chart\nquery: n\n```\n"),
		Meta: build.Meta{
			Title: "Event: $each", Description: "How often $each happens.", Each: each, EachEvent: event, EachTop: top, EachLine: 3,
			Queries:    map[string]build.QuerySpec{"n": {Event: "$each", Every: "day"}, "f": {Event: "Signed Up", By: "plan", Filter: "$each"}},
			QueryLines: map[string]int{"n": 5, "f": 7},
		},
	}
}

func run(t *testing.T, st *store, pages ...*build.Page) ([]*build.Page, error) {
	t.Helper()
	s := &build.Site{Store: st, Pages: pages}
	err := New().Run(context.Background(), s)
	return s.Pages, err
}

func describe(pages []*build.Page) string {
	var out []string
	for _, p := range pages {
		out = append(out, fmt.Sprintf("%s %q %q", p.URL, p.Meta.Title, p.Each))
	}
	return strings.Join(out, "\n")
}

func TestEach_Run(t *testing.T) {
	hostile := `</script><script>alert(1)</script>`
	events := []build.EventInfo{
		{Event: "Order Completed", Total: 50},
		{Event: "Signed Up", Total: 70},
		{Event: "order completed", Total: 5},
		{Event: hostile, Total: 1},
		{Event: "页面", Total: 2},
		{Event: "Never", Total: 0},
	}

	t.Run("Events", func(t *testing.T) {
		other := &build.Page{Source: "per/event/signed-up.md", URL: "per/event/signed-up/"}
		pages, err := run(t, newStore(t, events), template("event", "", 0), other)
		if err != nil {
			t.Fatal(err)
		}
		// In the store's order: by name, byte by byte.
		want := `per/event/ "Event" ""
per/event/script-script-alert-1-script/ "Event: </script><script>alert(1)</script>" "</script><script>alert(1)</script>"
per/event/order-completed/ "Event: Order Completed" "Order Completed"
per/event/signed-up-2/ "Event: Signed Up" "Signed Up"
per/event/order-completed-2/ "Event: order completed" "order completed"
per/event/4f32be2e/ "Event: 页面" "页面"
per/event/signed-up/ "" ""`
		if got := describe(pages); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
		c := pages[3]
		if c.Meta.Queries["n"].Event != "Signed Up" || c.Meta.Queries["f"].Filter != "Signed Up" || c.Meta.Description != "How often Signed Up happens." {
			t.Errorf("copy %+v", c.Meta)
		}
		if c.Source != "per/event.md" || c.Line != 9 || c.Meta.QueryLines["n"] != 5 {
			t.Errorf("copy does not point at the template: %s:%d", c.Source, c.Line)
		}
		index := pages[0]
		if index.Meta.Queries != nil || !strings.HasPrefix(string(index.Body), "```each-list\n{\"page\":1,\"pages\":1,\"count\":5,") || index.Meta.Description != "" || index.Data != nil {
			t.Errorf("index %+v body %q", index.Meta, index.Body)
		}
	})

	t.Run("TopEvents", func(t *testing.T) {
		pages, err := run(t, newStore(t, events), template("event", "", 2))
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) != 3 || pages[1].Each != "Signed Up" || pages[2].Each != "Order Completed" {
			t.Fatalf("got\n%s", describe(pages))
		}
	})

	t.Run("Property", func(t *testing.T) {
		st := newStore(t, events,
			build.Group{Value: "pro", Total: 9}, build.Group{Value: build.NoneGroup, Total: 8}, build.Group{Value: "team", Total: 4}, build.Group{Value: build.OtherGroup, Total: 3})
		pages, err := run(t, st, template("plan", "Signed Up", 0))
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) != 3 || pages[1].URL != "per/event/pro/" || pages[2].Each != "team" || pages[2].Meta.Queries["f"].Filter != "team" {
			t.Fatalf("got\n%s", describe(pages))
		}
		q := st.queries[0]
		if q.Event != "Signed Up" || q.By != "plan" || q.Top != MaxPages+2 || q.Every != build.Monthly {
			t.Fatalf("query %+v", q)
		}
		// The list's totals: one breakdown over the template's range, with
		// room for every value the property has had, and (none).
		q = st.queries[1]
		if len(st.queries) != 2 || q.Event != "Signed Up" || q.By != "plan" || q.Top != 4 || q.Every != build.Daily || q.Filter != "" {
			t.Fatalf("%d queries; totals %+v", len(st.queries), q)
		}
	})

	t.Run("UnseenEvent", func(t *testing.T) {
		pages, err := run(t, newStore(t, events), template("plan", "Nope", 0))
		if err != nil || len(pages) != 1 {
			t.Fatalf("got %v\n%s", err, describe(pages))
		}
	})

	t.Run("Problems", func(t *testing.T) {
		plain := &build.Page{Source: "plain.md", URL: "plain/"}
		home := template("event", "", 0)
		home.URL = ""
		_, err := run(t, newStore(t, events),
			template("event", "Signed Up", 0), template("plan", "", 0), template("", "x", 0),
			template("event", "", MaxPages+1), template("a..b", "Signed Up", 0), template("device", "Signed Up", 0), home, plain)
		want := []string{
			"content/per/event.md:3: each: event makes one page per event name, and takes no each_event",
			"content/per/event.md:3: each: plan needs each_event: the event whose plan values make the pages",
			"content/per/event.md:3: each_event and each_top go with each: add `each: event` or `each: <property>`",
			"content/per/event.md:3: each_top 500001: use 1 to 500,000, or leave it out for a page per value",
			`content/per/event.md:3: each: property path "a..b" has an empty part (write event, or a property path with each_event)`,
			`content/per/event.md:3: each: device: the store keeps no breakdown of "Signed Up" by device yet: run dashsmith ingest, which builds the rollups dashboards ask for`,
			"content/per/event.md:3: each: the home page cannot be a template: move it to a page of its own",
		}
		var list build.ErrorList
		if !errors.As(err, &list) || err.Error() != strings.Join(want, "\n") {
			t.Fatalf("got\n%v\nwant\n%s", err, strings.Join(want, "\n"))
		}
	})
}

// TestEach_Controls: a template's copies keep its controls (each switches
// its own views); its list, which loses the queries, loses them too.
func TestEach_Controls(t *testing.T) {
	tp := template("event", "", 0)
	tp.Meta.Controls = build.Controls{Range: []string{"last 30 days", "last 7 days"}, Line: 4}
	pages, err := run(t, newStore(t, []build.EventInfo{{Event: "Signed Up", Total: 3}}), tp)
	if err != nil {
		t.Fatal(err)
	}
	copies := 0
	for _, p := range pages {
		switch {
		case p.Each != "":
			copies++
			if len(p.Meta.Controls.Range) != 2 {
				t.Errorf("copy %s lost its controls", p.URL)
			}
		case len(p.Meta.Controls.Range) != 0:
			t.Errorf("list %s kept the controls", p.URL)
		}
	}
	if copies != 1 {
		t.Errorf("%d copies", copies)
	}
}
