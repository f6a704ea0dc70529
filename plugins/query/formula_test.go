package query

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// order is one Order Completed event of the test shop.
type order struct {
	at      string // 2026-03-01T10
	plan    string
	revenue float64
}

var (
	revenueRollup = build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}}
	planRollup    = build.Rollup{Event: "Order Completed", Measure: build.CountMeasure, By: "plan"}
)

// shop returns a recorder over a store that holds the orders: their base
// counts, their revenue, and their count by plan.
func shop(t *testing.T, orders ...order) *recorder {
	t.Helper()
	m := storetest.NewMemory()
	if err := m.Declare(context.Background(), []build.Rollup{revenueRollup, planRollup}); err != nil {
		t.Fatal(err)
	}
	b := build.NewBatch("orders.gz", build.BaseRollup, revenueRollup, planRollup)
	cell := func(k build.CellKey) *build.Cell {
		if b.Cells[k] == nil {
			c, err := build.NewCell(k.Rollup.Measure)
			if err != nil {
				t.Fatal(err)
			}
			b.Cells[k] = c
		}
		return b.Cells[k]
	}
	for _, o := range orders {
		at, err := time.Parse("2006-01-02T15", o.at)
		if err != nil {
			t.Fatal(err)
		}
		h := build.HourOf(at)
		b.Counts[build.EventHour{Event: "Order Completed", Hour: h}]++
		cell(build.CellKey{Rollup: revenueRollup, Hour: h}).Add(build.Value{Num: o.revenue})
		cell(build.CellKey{Rollup: planRollup, Group: o.plan, Hour: h}).Add(build.Value{})
	}
	if err := m.Apply(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	return &recorder{Memory: m}
}

// run builds one page of the queries qs (declared on the lines of lines)
// against st as of now.
func run(t *testing.T, st build.Reader, lines map[string]int, qs map[string]build.QuerySpec) (*build.Page, error) {
	t.Helper()
	p := dash("shop.md", lines, qs)
	s := &build.Site{Pages: []*build.Page{p}, Store: st, Now: now}
	return p, New().Run(context.Background(), s)
}

// show writes points as "value value …", a gap as "-".
func show(ps []build.Point) string {
	var out []string
	for _, p := range ps {
		if p.Gap {
			out = append(out, "-")
		} else {
			out = append(out, fmt.Sprint(p.Value))
		}
	}
	return strings.Join(out, " ")
}

// The shop's orders: the range "last 7 days" as of now is 2026-02-26 to
// 2026-03-04; the previous period 2026-02-19 to 2026-02-25.
var orders = []order{
	{"2026-02-19T10", "pro", 30}, {"2026-02-19T11", "free", 10}, // previous period
	{"2026-02-21T09", "pro", 50},
	{"2026-02-26T10", "pro", 100}, {"2026-02-26T12", "free", 20}, {"2026-02-26T13", "free", 0},
	{"2026-02-27T08", "pro", 45},
	// no orders on 2026-02-28
	{"2026-03-01T10", "pro", 10.1}, {"2026-03-01T11", "pro", 20.2},
	{"2026-03-04T01", "free", 5},
}

func TestFormula_AOV(t *testing.T) {
	st := shop(t, orders...)
	p, err := run(t, st, nil, map[string]build.QuerySpec{
		"orders":  {Event: "Order Completed", Range: "last 7 days"},
		"revenue": {Event: "Order Completed", Measure: "sum(revenue)", Range: "last 7 days"},
		"aov":     {Formula: "revenue / orders", Range: "last 7 days", Compare: "previous period"},
		"pct":     {Formula: "(revenue - orders) * 100 / revenue", Range: "last 7 days"},
	})
	if err != nil {
		t.Fatal(err)
	}
	aov := p.Data["aov"]
	if got, want := show(aov.Points), "40 45 - 15.15 - - 5"; got != want {
		t.Fatalf("aov %s, want %s", got, want)
	}
	// The total is the range's revenue over its orders, not a mean of
	// the daily ratios.
	if want := build.RoundSum(200.3 / 7); aov.Total != want || aov.TotalGap {
		t.Fatalf("aov total %v %v, want %v", aov.Total, aov.TotalGap, want)
	}
	q := aov.Query
	if q.Name != "aov" || q.Formula != "revenue / orders" || q.Every != build.Daily || q.Loc != time.UTC ||
		q.From.Format("2006-01-02") != "2026-02-26" || q.To.Format("2006-01-02") != "2026-03-05" || !q.Measure.IsCount() {
		t.Fatalf("aov query %+v", q)
	}
	// compare: the formula over its queries' previous periods, which
	// they do not ask for themselves.
	prev := aov.Previous
	if prev == nil || prev.Query.From.Format("2006-01-02") != "2026-02-19" || prev.Query.Compare != "" {
		t.Fatalf("previous %+v", prev)
	}
	if got, want := show(prev.Points), "20 - 50 - - - -"; got != want {
		t.Fatalf("previous %s, want %s", got, want)
	}
	if prev.Total != 30 {
		t.Fatalf("previous total %v, want 90 / 3", prev.Total)
	}
	if p.Data["orders"].Previous != nil || p.Data["revenue"].Previous != nil {
		t.Fatal("the queries a formula names got a comparison of their own")
	}
	if got, want := show(p.Data["pct"].Points), "97.5 97.7777777778 - 93.399339934 - - 80"; got != want {
		t.Fatalf("pct %s, want %s", got, want)
	}
	// A gap is null in JSON.
	b, err := json.Marshal(aov.Points[2:3])
	if err != nil || string(b) != `[{"time":"2026-02-28T00:00:00Z","value":null}]` {
		t.Fatalf("%s %v", b, err)
	}
	// The store is asked for each stored query's range and previous
	// period once, and never for the formulas.
	var asked []string
	for _, q := range st.asked {
		asked = append(asked, q.From.Format("01-02")+" "+q.Measure.String())
		if q.Formula != "" || q.Event == "" {
			t.Fatalf("store asked for %+v", q)
		}
	}
	if got := strings.Join(asked, ","); got != "02-26 sum(revenue),02-26 count,02-19 sum(revenue),02-19 count" {
		t.Fatalf("asked %s", got)
	}
}

func TestFormula_OfFormulas(t *testing.T) {
	st := shop(t, orders...)
	p, err := run(t, st, nil, map[string]build.QuerySpec{
		"orders":  {Event: "Order Completed", Range: "last 7 days"},
		"pro":     {Event: "Order Completed", By: "plan", Filter: "pro", Range: "last 7 days"},
		"share":   {Formula: "pro / orders", Range: "last 7 days"},
		"percent": {Formula: "share * 100", Range: "last 7 days", Compare: "previous period"},
		"hundred": {Formula: "50 * 2", Range: "last 7 days"},
		"neg":     {Formula: "-orders", Range: "last 7 days"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := show(p.Data["share"].Points), "0.333333333333 1 - 1 - - 0"; got != want {
		t.Fatalf("share %s, want %s", got, want)
	}
	pc := p.Data["percent"]
	if got, want := show(pc.Points), "33.3333333333 100 - 100 - - 0"; got != want {
		t.Fatalf("percent %s, want %s", got, want)
	}
	if pc.Total != build.RoundSum(4.0/7*100) {
		t.Fatalf("percent total %v", pc.Total)
	}
	if got, want := show(pc.Previous.Points), "50 - 100 - - - -"; got != want {
		t.Fatalf("percent previous %s, want %s", got, want)
	}
	if got, want := show(p.Data["hundred"].Points), "100 100 100 100 100 100 100"; got != want || p.Data["hundred"].Total != 100 {
		t.Fatalf("hundred %s %v", got, p.Data["hundred"].Total)
	}
	if got, want := show(p.Data["neg"].Points), "-3 -1 0 -2 0 0 -1"; got != want || p.Data["neg"].Total != -7 {
		t.Fatalf("neg %s %v", got, p.Data["neg"].Total)
	}
}

// TestFormula_TotalGap: a formula whose total divides by zero has no
// total; JSON still writes its buckets.
func TestFormula_TotalGap(t *testing.T) {
	st := shop(t)
	p, err := run(t, st, nil, map[string]build.QuerySpec{
		"orders":  {Event: "Order Completed"},
		"revenue": {Event: "Order Completed", Measure: "sum(revenue)"},
		"aov":     {Formula: "revenue / orders"},
	})
	if err != nil {
		t.Fatal(err)
	}
	aov := p.Data["aov"]
	if !aov.TotalGap || aov.Total != 0 || len(aov.Points) != 30 || !aov.Points[0].Gap {
		t.Fatalf("aov %+v", aov)
	}
	if _, err := json.Marshal(aov); err != nil {
		t.Fatal(err)
	}
}

func TestFormula_RunErrors(t *testing.T) {
	st := shop(t, orders...)
	_, err := run(t, st, map[string]int{"orders": 2, "broken": 4, "aov": 6, "typo": 8, "onaov": 10}, map[string]build.QuerySpec{
		"orders": {Event: "Order Completed"},
		"broken": {Event: "Broken"},
		"aov":    {Formula: "broken / orders"},
		"typo":   {Formula: "order * 2"},
		"onaov":  {Formula: "aov * 2"},
	})
	want := `content/shop.md:4: query "broken": disk on fire
content/shop.md:6: query "aov": formula names "broken", which failed: disk on fire
content/shop.md:8: query "typo": formula names no query of this page: "order" (did you mean "orders"?)
content/shop.md:10: query "onaov": formula names "aov", which failed: formula names "broken", which failed: disk on fire`
	if err == nil || err.Error() != want {
		t.Fatalf("got\n%v\nwant\n%s", err, want)
	}
	// Without a store, the stored queries say so, not the formulas.
	p := dash("shop.md", map[string]int{"orders": 2, "aov": 6}, map[string]build.QuerySpec{
		"orders": {Event: "Order Completed"},
		"aov":    {Formula: "orders * 2"},
	})
	err = New().Run(context.Background(), &build.Site{Pages: []*build.Page{p}, Now: now})
	if want := `content/shop.md:2: query "orders": no store to ask: pass --store or set store: in dashsmith.yaml`; err == nil || err.Error() != want {
		t.Fatalf("got %v", err)
	}
}
