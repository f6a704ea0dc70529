package query

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // zones without the system's database

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// recorder is the in-memory store, recording the queries it is asked; a
// query of the event "Broken" fails.
type recorder struct {
	*storetest.Memory
	mu    sync.Mutex // pages ask in parallel
	asked []build.Query
}

func (r *recorder) Query(ctx context.Context, q build.Query) (*build.Result, error) {
	if q.Event == "Broken" {
		return nil, errors.New("disk on fire")
	}
	r.mu.Lock()
	r.asked = append(r.asked, q)
	r.mu.Unlock()
	return r.Memory.Query(ctx, q)
}

// holding returns a recorder over a store that holds counts, with the
// rollups declared.
func holding(t *testing.T, counts map[build.EventHour]int64, rollups ...build.Rollup) *recorder {
	t.Helper()
	m := storetest.NewMemory()
	if err := m.Declare(context.Background(), rollups); err != nil {
		t.Fatal(err)
	}
	b := build.NewBatch("counts.gz")
	for k, n := range counts {
		b.Counts[k] = n
	}
	if err := m.Apply(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	return &recorder{Memory: m}
}

var now = time.Date(2026, 3, 4, 15, 30, 0, 0, time.UTC)

func dash(source string, lines map[string]int, qs map[string]build.QuerySpec) *build.Page {
	return &build.Page{Source: source, Meta: build.Meta{Queries: qs, QueryLines: lines}}
}

func TestQuery_Run(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		st := holding(t, map[build.EventHour]int64{{Event: "Order Completed", Hour: build.HourOf(now)}: 7})
		orders := build.QuerySpec{Event: "Order Completed", Every: "day", Range: "last 7 days"}
		a := dash("a.md", map[string]int{"orders": 3}, map[string]build.QuerySpec{"orders": orders})
		b := dash("b.md", map[string]int{"sales": 4, "hourly": 9}, map[string]build.QuerySpec{
			"sales":  orders, // the same query under another name
			"hourly": {Event: "Order Completed", Every: "hour", Range: "today"},
		})
		plain := &build.Page{Source: "plain.md"}
		s := &build.Site{Pages: []*build.Page{a, b, plain}, Store: st, Now: now, Config: build.Config{Timezone: "America/New_York"}}
		if err := New().Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if len(st.asked) != 2 {
			t.Fatalf("store asked %d times, want 2 (identical queries run once)", len(st.asked))
		}
		r := a.Data["orders"]
		if r == nil || len(r.Points) != 7 || r.Total != 7 || r.Query.Name != "orders" {
			t.Fatalf("orders: %+v", r)
		}
		if r.Query.Loc.String() != "America/New_York" {
			t.Fatalf("loc %v", r.Query.Loc)
		}
		if b.Data["sales"].Query.Name != "sales" || b.Data["sales"].Total != 7 {
			t.Fatalf("sales: %+v", b.Data["sales"])
		}
		if h := b.Data["hourly"]; h == nil || len(h.Points) != 24 {
			t.Fatalf("hourly: %+v", h)
		}
		if plain.Data != nil {
			t.Fatalf("a page without queries got data")
		}
	})
	t.Run("NoQueriesNoStore", func(t *testing.T) {
		s := &build.Site{Pages: []*build.Page{{Source: "plain.md"}}, Now: now}
		if err := New().Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Errors", func(t *testing.T) {
		st := holding(t, nil)
		s := &build.Site{Store: st, Now: now, Pages: []*build.Page{
			dash("checkout.md", map[string]int{"revenue": 9, "orders": 5}, map[string]build.QuerySpec{
				"revenue": {Event: "Order Completed", Measure: "summ(revenue)"},
				"orders":  {Event: "Order Completed", Range: "last fortnight"},
			}),
			dash("x.md", map[string]int{"a": 2, "b": 4, "c": 6}, map[string]build.QuerySpec{
				"a": {Every: "day"},
				"b": {Event: "Broken"},
				"c": {Event: "Signed Up", Every: "minute"},
			}),
		}}
		err := New().Run(context.Background(), s)
		want := `content/checkout.md:5: query "orders": bad range "last fortnight": use last N hours|days|weeks|months|years, today, yesterday, this|last week|month|year, or 2026-01-01..2026-02-01
content/checkout.md:9: query "revenue": unknown measure "summ(revenue)": did you mean sum(revenue)? (measures: count, or avg, sum or unique of a property, e.g. unique(userId))
content/x.md:2: query "a": no event: add ` + "`event: <name>`" + `
content/x.md:4: query "b": disk on fire
content/x.md:6: query "c": unknown interval "minute": use hour, day, week or month`
		if err == nil || err.Error() != want {
			t.Fatalf("got\n%v\nwant\n%s", err, want)
		}
	})
	t.Run("NoStore", func(t *testing.T) {
		s := &build.Site{Now: now, Pages: []*build.Page{
			dash("a.md", map[string]int{"orders": 3}, map[string]build.QuerySpec{"orders": {Event: "Order Completed"}}),
		}}
		err := New().Run(context.Background(), s)
		want := `content/a.md:3: query "orders": no store to ask: pass --store or set store: in dashsmith.yaml`
		if err == nil || err.Error() != want {
			t.Fatalf("got %v", err)
		}
	})
}
