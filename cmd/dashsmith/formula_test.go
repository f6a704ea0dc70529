package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFormulaSite builds a new site with a formula (with a comparison,
// in prose and in charts), a rolling mean and a running total, then breaks
// the formulas and checks that check reports each problem at its query's
// line.
func TestFormulaSite(t *testing.T) {
	dir := newSite(t)
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "content", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ratios.md", `---
title: Ratios
queries:
  orders:
    event: Order Completed
  revenue:
    event: Order Completed
    measure: sum(revenue)
  aov:
    formula: revenue / orders
    range: last 30 days
    compare: previous period
  signups:
    event: Signed Up
    rolling: 7 days
  running:
    event: Order Completed
    cumulative: true
---
Average order value {{ value "aov" "currency" }} ({{ delta "aov" }}).

`+"```chart\ntype: line\nquery: aov\ntitle: AOV\n```\n\n```chart\ntype: line\nquery: signups\ntitle: Sign-ups, 7-day mean\n```\n\n```chart\ntype: bar\nquery: running\ntitle: Orders so far\n```\n")
	if out := mustRun(t, dir, binDashsmith, "check"); !strings.Contains(out, "no problems") {
		t.Fatalf("check: %s", out)
	}
	mustRun(t, dir, binDashsmith, "build")
	page, err := os.ReadFile(filepath.Join(dir, "public", "ratios", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`Average order value <data class="ds-value" value="`, `class="ds-delta`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the page has no %s", want)
		}
	}
	var aov struct {
		Query    string
		Total    float64
		Points   []struct{ Value *float64 }
		Previous *struct{ Points []struct{ Value *float64 } }
	}
	data, err := os.ReadFile(filepath.Join(dir, "public", "ratios", "chart-1.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &aov); err != nil {
		t.Fatal(err)
	}
	if aov.Query != "aov" || aov.Total <= 0 || len(aov.Points) == 0 || aov.Previous == nil {
		t.Fatalf("aov's data: %s", data)
	}

	write("ratios.md", `---
title: Ratios
queries:
  orders:
    event: Order Completed
    every: week
  revenue:
    event: Order Completed
    measure: sum(revenue)
  aov:
    formula: revenue / order
  weekly:
    formula: revenue / orders
  loop:
    formula: loop * 2
  signups:
    event: Signed Up
    rolling: 7 days
    cumulative: true
---
`)
	r := runBin(t, dir, binDashsmith, "check")
	for _, want := range []string{
		`content/ratios.md:10: query "aov": formula names no query of this page: "order" (did you mean "orders"?)`,
		`content/ratios.md:12: query "weekly": the queries its formula names must share one every: "revenue" has day, not week as another it names: give them the same every, so that their buckets line up`,
		`content/ratios.md:14: query "loop": its formula names itself`,
		`content/ratios.md:16: query "signups": rolling and cumulative together: a query takes one of them`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("check does not report %s\nstderr:\n%s", want, r.stderr)
		}
	}
	if r.code != exitUser || !strings.Contains(r.stderr, "4 problem(s)") {
		t.Errorf("check exit %d:\n%s", r.code, r.stderr)
	}
}
