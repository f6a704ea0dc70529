package build

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

var formulaNow = time.Date(2026, 3, 4, 15, 30, 0, 0, time.UTC)

// page returns a page of the queries qs, each declared at the line lines
// gives it.
func formulaPage(lines map[string]int, qs map[string]QuerySpec) *Page {
	return &Page{Source: "shop.md", Meta: Meta{Queries: qs, QueryLines: lines}}
}

func TestResolveQueries_Formulas(t *testing.T) {
	p := formulaPage(map[string]int{"orders": 2, "revenue": 5, "aov": 9, "rate": 11, "visits": 13, "double": 15},
		map[string]QuerySpec{
			"orders":  {Event: "Order Completed"},
			"revenue": {Event: "Order Completed", Measure: "sum(revenue)", Compare: "previous period", Range: "last 30 days"},
			"visits":  {Event: "Viewed Page", By: "plan", Filter: "pro"},
			"aov":     {Formula: "revenue/orders", Compare: "previous year", Range: "last 30 days"},
			"rate":    {Formula: "orders / visits * 100"},
			"double":  {Formula: "aov * 2 + rate"},
		})
	out, errs := ResolveQueries(p, formulaNow, time.UTC)
	if errs != nil {
		t.Fatal(errs)
	}
	var names []string
	for _, nq := range out {
		names = append(names, nq.Name)
	}
	if got := strings.Join(names, ","); got != "aov,double,orders,rate,revenue,visits" {
		t.Fatalf("resolved %s", got)
	}
	aov := out[0].Query
	if aov.Formula != "revenue / orders" || aov.Event != "" || aov.Compare != PreviousYear || aov.Every != Daily {
		t.Fatalf("aov %+v", aov)
	}
	if !aov.From.Equal(out[4].Query.From) || !aov.To.Equal(out[4].Query.To) {
		t.Fatalf("aov %v..%v, revenue %v..%v", aov.From, aov.To, out[4].Query.From, out[4].Query.To)
	}
}

func TestResolveQueries_FormulaErrors(t *testing.T) {
	lines := map[string]int{}
	qs := map[string]QuerySpec{
		"orders":   {Event: "Order Completed"},
		"revenue":  {Event: "Order Completed", Measure: "sum(revenue)"},
		"weekly":   {Event: "Order Completed", Every: "week"},
		"tokyo":    {Event: "Order Completed", Timezone: "Asia/Tokyo"},
		"week":     {Event: "Order Completed", Range: "last 7 days"},
		"plans":    {Event: "Order Completed", By: "plan"},
		"broken":   {Event: "Order Completed", Measure: "summ(revenue)"},
		"typo":     {Formula: "revenu / orders"},
		"far":      {Formula: "xyzzy + 1"},
		"self":     {Formula: "self + orders"},
		"every":    {Formula: "weekly / orders", Every: "day"},
		"zone":     {Formula: "orders / tokyo", Timezone: "UTC"},
		"span":     {Formula: "orders / week"},
		"split":    {Formula: "plans / orders"},
		"onbroken": {Formula: "broken / orders"},
		"chain":    {Formula: "onbroken * 2"},
		"ring1":    {Formula: "ring2 + 1"},
		"ring2":    {Formula: "ring3 + orders"},
		"ring3":    {Formula: "ring1 * 2"},
		"syntax":   {Formula: "orders /"},
		"withev":   {Formula: "orders", Event: "Order Completed"},
		"withby":   {Formula: "orders", By: "plan"},
		"withroll": {Formula: "orders", Rolling: "7 days"},
		"withcum":  {Formula: "orders", Cumulative: true},
		"withwhr":  {Formula: "orders", Where: map[string]string{"plan": "pro"}},
		"good":     {Formula: "revenue / orders"},
	}
	line := 1
	for _, name := range slices.Sorted(maps.Keys(qs)) {
		lines[name] = line
		line += 3
	}
	p := formulaPage(lines, qs)
	out, errs := ResolveQueries(p, formulaNow, time.UTC)
	var kept []string
	for _, nq := range out {
		kept = append(kept, nq.Name)
	}
	if got := strings.Join(kept, ","); got != "good,orders,plans,revenue,tokyo,week,weekly" {
		t.Errorf("kept %s", got)
	}
	want := map[string]string{
		"broken":   `query "broken": unknown measure "summ(revenue)": did you mean sum(revenue)? (measures: count, `, // the rest lists the measures registered
		"typo":     `query "typo": formula names no query of this page: "revenu" (did you mean "revenue"?)`,
		"far":      `query "far": formula names no query of this page: "xyzzy" (the page's queries: "broken", "chain", "every", "good", "onbroken", "orders", "plans", "revenue", "ring1", "ring2", …)`,
		"self":     `query "self": its formula names itself: a formula computes from the page's other queries`,
		"every":    `query "every": its every (day) differs from that of "weekly" (week), which its formula names: give them the same every, so that their buckets line up`,
		"zone":     `query "zone": its timezone (UTC) differs from that of "tokyo" (Asia/Tokyo), which its formula names: give them the same timezone, so that their buckets line up`,
		"span":     `query "span": the queries its formula names must share one range: "orders" has default last 30 days: 2026-02-03..2026-03-05, not last 7 days: 2026-02-26..2026-03-05 as another it names: give them the same range, so that their buckets line up`,
		"split":    `query "split": formula names "plans", a breakdown by plan: a formula reads one series; give "plans" a filter:, or name another query`,
		"ring1":    `query "ring1": formulas name each other in a circle ("ring1" → "ring2" → "ring3" → "ring1"): one of them must name stored queries instead`,
		"ring2":    `query "ring2": formulas name each other in a circle ("ring2" → "ring3" → "ring1" → "ring2"): one of them must name stored queries instead`,
		"ring3":    `query "ring3": formulas name each other in a circle ("ring3" → "ring1" → "ring2" → "ring3"): one of them must name stored queries instead`,
		"syntax":   `query "syntax": formula: unexpected end of formula: want a query name, a number, - or ( (at byte 9)`,
		"withev":   "query \"withev\": a formula computes from the queries it names and takes no `event:`: remove it, or the formula",
		"withby":   "query \"withby\": a formula computes from the queries it names and takes no `by:`: remove it, or the formula",
		"withwhr":  "query \"withwhr\": a formula computes from the queries it names and takes no `where:`: remove it, or the formula",
		"withroll": "query \"withroll\": a formula takes no rolling: put `rolling:` on the queries it names",
		"withcum":  "query \"withcum\": a formula takes no cumulative: put `cumulative:` on the queries it names",
	}
	got := map[string]string{}
	for _, e := range errs {
		for name, l := range lines {
			if l == e.Line {
				got[name] = e.Msg
				if e.File != "content/shop.md" {
					t.Errorf("%s: file %s", name, e.File)
				}
			}
		}
	}
	for name, w := range want {
		if got[name] != w && !(name == "broken" && strings.HasPrefix(got[name], w)) {
			t.Errorf("%s:\n got %s\nwant %s", name, got[name], w)
		}
	}
	for name, g := range got {
		if want[name] == "" {
			t.Errorf("%s: unexpected error %s", name, g)
		}
	}
}

func TestResolve_RollingCumulative(t *testing.T) {
	q, err := QuerySpec{Event: "e", Rolling: "7 days"}.Resolve("r", formulaNow, time.UTC)
	if err != nil || q.Rolling != 7 || q.Cumulative {
		t.Fatalf("%+v %v", q, err)
	}
	q, err = QuerySpec{Event: "e", Measure: "sum(revenue)", Cumulative: true}.Resolve("c", formulaNow, time.UTC)
	if err != nil || !q.Cumulative || q.Rolling != 0 {
		t.Fatalf("%+v %v", q, err)
	}
	for qs, want := range map[*QuerySpec]string{
		{Event: "e", Rolling: "7 days", Cumulative: true}:            `query "q": rolling and cumulative together: a query takes one of them`,
		{Event: "e", Measure: "unique(userId)", Cumulative: true}:    `query "q": cumulative adds buckets up: use it with count or sum, not unique(userId)`,
		{Event: "e", Every: "month", Rolling: "30 days"}:             `query "q": rolling "30 days": every month has buckets of different lengths: use every day or week, or no rolling`,
		{Event: "e", Every: "week", Rolling: "7 days"}:               `query "q": rolling "7 days" is one bucket of every week, and the mean of one bucket is the bucket: use a longer window or a finer every`,
		{Event: "e", Rolling: "seven days"}:                          "query \"q\": rolling \"seven days\": write N hours, N days or N weeks, e.g. `rolling: 7 days`",
		{Event: "e", Measure: "unique(userId)", Rolling: "400 days"}: `query "q": rolling "400 days": at most a year (8784 hours, 366 days or 52 weeks)`,
	} {
		if _, err := qs.Resolve("q", formulaNow, time.UTC); err == nil || err.Error() != want {
			t.Errorf("%+v: got %v, want %s", *qs, err, want)
		}
	}
}

func TestSiteRollups_SkipsFormulas(t *testing.T) {
	s := &Site{Pages: []*Page{formulaPage(nil, map[string]QuerySpec{
		"revenue": {Event: "Order Completed", Measure: "sum(revenue)", Rolling: "7 days"},
		"aov":     {Formula: "revenue * 2"},
	})}}
	rs, err := s.Rollups()
	if err != nil || len(rs) != 1 || rs[0].ID() != `"Order Completed" sum(revenue)` {
		t.Fatalf("%v %v", rs, err)
	}
}

func TestResolveQueries_FormulaAlone(t *testing.T) {
	for qs, want := range map[*QuerySpec]string{
		{Formula: "orders * 2"}:                    `content/shop.md:3: query "f": formula names no query of this page: "orders" (the page has no other query)`,
		{Formula: "1", Measure: "sum(revenue)"}:    "content/shop.md:3: query \"f\": a formula computes from the queries it names and takes no `measure:`: remove it, or the formula",
		{Formula: "1", Top: 3}:                     "content/shop.md:3: query \"f\": a formula computes from the queries it names and takes no `top:`: remove it, or the formula",
		{Formula: "1", Filter: "pro"}:              "content/shop.md:3: query \"f\": a formula computes from the queries it names and takes no `filter:`: remove it, or the formula",
		{Formula: "1", Every: "fortnight"}:         `content/shop.md:3: query "f": unknown interval "fortnight": use hour, day, week or month`,
		{Formula: "1", Compare: "previous period"}: `content/shop.md:3: query "f": compare previous period needs a range to shift: add e.g. ` + "`range: last 30 days`",
	} {
		p := formulaPage(map[string]int{"f": 3}, map[string]QuerySpec{"f": *qs})
		out, errs := ResolveQueries(p, formulaNow, nil)
		if len(out) != 0 || errs.Error() != want {
			t.Errorf("%+v: %v\ngot  %v\nwant %s", *qs, out, errs, want)
		}
	}
	// A formula of numbers alone resolves, here with no zone given (UTC).
	p := formulaPage(map[string]int{"f": 3, "g": 4}, map[string]QuerySpec{"f": {Formula: "1 / 3"}, "g": {Formula: "f * 3", Every: "hour"}})
	out, errs := ResolveQueries(p, formulaNow, nil)
	if len(out) != 1 || out[0].Name != "f" || len(errs) != 1 || !strings.Contains(errs[0].Msg, `its every (hour) differs from that of "f" (day)`) {
		t.Fatalf("%v %v", out, errs)
	}
	// A formula that sets no range takes that of the formula it names.
	p = formulaPage(map[string]int{"f": 3, "g": 4}, map[string]QuerySpec{"f": {Formula: "1 / 3", Every: "hour", Range: "today"}, "g": {Formula: "f * 3"}})
	out, errs = ResolveQueries(p, formulaNow, nil)
	if len(errs) != 0 || len(out) != 2 || out[1].Query.Every != Hourly || !out[1].Query.From.Equal(out[0].Query.From) || !out[1].Query.To.Equal(out[0].Query.To) {
		t.Fatalf("%v %v", out, errs)
	}
}
