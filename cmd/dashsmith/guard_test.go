package main

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// guardPage is a dashboard with a correct breakdown (line 4) and a typo in
// another's by: (line 9), both sums.
const guardPage = `---
title: Sales
queries:
  byplan:
    event: Order Completed
    measure: sum(revenue)
    by: plan
    range: 2026-11-25..2026-11-26
  typo:
    event: Order Completed
    measure: sum(revenue)
    by: plna
    range: 2026-11-25..2026-11-26
---
` + "```chart\ntype: bar\nquery: byplan\n```\n"

const (
	guardTypo = `"Order Completed" sum(revenue) by "plna"`
	guardPlan = `"Order Completed" sum(revenue) by "plan"`
)

// declaredIn returns the IDs of the rollups the bolt store of dir declares.
func declaredIn(t *testing.T, dir string) []string {
	t.Helper()
	ctx := context.Background()
	st, err := build.OpenStore(ctx, "bolt:"+filepath.Join(dir, "rollup.db"), build.StoreOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rs, err := build.Declared(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID()
	}
	return ids
}

// guardSite is the samples site with guardPage and the config's body.
func guardSite(t *testing.T, config string) string {
	dir := samplesDir(t)
	writeFiles(t, dir, map[string]string{
		"dashsmith.yaml":   "store: bolt:rollup.db\nevents: ./events\n" + config,
		"content/sales.md": guardPage,
	})
	return dir
}

// TestGuard_TypoRefused: on a new site's first ingest (an empty store), a
// by: that no event was ever seen with is refused with a did-you-mean at
// its file and line, and declared nowhere; the correct breakdown beside it
// is declared and filled from the same files; check says the same
// did-you-mean, not "declare it"; the flag confirms it.
func TestGuard_TypoRefused(t *testing.T) {
	dir := guardSite(t, "")
	r := runBin(t, dir, binDashsmith, "ingest")
	want := `content/sales.md:9: query "typo": by: no "Order Completed" event was ever seen with property "plna" (did you mean "plan"?); rollup ` + guardTypo + " not declared"
	if r.code != 1 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "--declare-unseen") ||
		!strings.Contains(r.stderr, `{event: "Order Completed", measures: ["sum(revenue)"], by: ["plna"]}`) {
		t.Errorf("first ingest: exit %d, stderr:\n%s\nwant exit 1 and\n%s", r.code, r.stderr, want)
	}
	if !strings.Contains(r.stdout, "13 events accepted") || !strings.Contains(r.stdout, "1 read again for new rollups") {
		t.Errorf("first ingest said %q: want the events in, and the file read again for the rollups its events showed to be seen", r.stdout)
	}
	ids := declaredIn(t, dir)
	if slices.Contains(ids, guardTypo) || !slices.Contains(ids, guardPlan) {
		t.Errorf("declared %q: want %s, not %s", ids, guardPlan, guardTypo)
	}
	got := strings.TrimSpace(mustRun(t, dir, binDashsmith, "query", "--event", "Order Completed", "--measure", "sum(revenue)", "--by", "plan",
		"--every", "day", "--from", "2026-11-25", "--to", "2026-11-26"))
	if want := "time,group,value\n2026-11-25T00:00:00Z,pro,85\n2026-11-25T00:00:00Z,team,19.99\n2026-11-25T00:00:00Z,(none),10"; got != want {
		t.Errorf("sum by plan after the first ingest:\n%s\nwant\n%s", got, want)
	}

	r = runBin(t, dir, binDashsmith, "check")
	want = `content/sales.md:9: query "typo": by: no "Order Completed" event was ever seen with property "plna" (did you mean "plan"?); dashsmith ingest declares no rollup for a name the store never saw`
	if r.code != 1 || !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, "declare it") || strings.Contains(r.stderr, "content/sales.md:4") {
		t.Errorf("check: exit %d, stderr:\n%s\nwant exit 1 and only\n%s", r.code, r.stderr, want)
	}

	// Refused again, every run, until fixed or confirmed.
	if r := runBin(t, dir, binDashsmith, "ingest"); r.code != 1 || !strings.Contains(r.stderr, "content/sales.md:9:") {
		t.Errorf("second ingest: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	r = runBin(t, dir, binDashsmith, "ingest", "--declare-unseen")
	if r.code != 0 || !strings.Contains(r.stderr, `warning: event "Order Completed" has no property "plna"`) {
		t.Errorf("ingest --declare-unseen: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if ids := declaredIn(t, dir); !slices.Contains(ids, guardTypo) {
		t.Errorf("declared after --declare-unseen: %q, want %s", ids, guardTypo)
	}
}

// TestGuard_ConfigConfirms: the rollup under rollups: in dashsmith.yaml,
// as the refusal writes it, is the user's confirmation: declared, with a
// warning.
func TestGuard_ConfigConfirms(t *testing.T) {
	dir := guardSite(t, "")
	r := runBin(t, dir, binDashsmith, "ingest")
	var entry string
	for _, line := range strings.Split(r.stderr, "\n") {
		if strings.HasPrefix(line, "  - {") {
			entry = line
		}
	}
	if r.code != 1 || entry == "" {
		t.Fatalf("ingest: exit %d, stderr:\n%s\nwant exit 1 and an entry for rollups:", r.code, r.stderr)
	}
	writeFiles(t, dir, map[string]string{"dashsmith.yaml": "store: bolt:rollup.db\nevents: ./events\nrollups:\n" + entry + "\n"})
	r = runBin(t, dir, binDashsmith, "ingest")
	if r.code != 0 || strings.Contains(r.stderr, "not declared") || !strings.Contains(r.stderr, `warning: event "Order Completed" has no property "plna"`) {
		t.Errorf("ingest with %s: exit %d, stderr:\n%s", entry, r.code, r.stderr)
	}
	if ids := declaredIn(t, dir); !slices.Contains(ids, guardTypo) || !slices.Contains(ids, guardPlan) {
		t.Errorf("declared %q: want %s and %s", ids, guardTypo, guardPlan)
	}
}

// TestGuard_SeenNotBuilt: a query whose names the store has seen, added
// after an ingest, is not built yet: check says to run ingest, which
// declares it without a flag. An unseen event gets its did-you-mean.
func TestGuard_SeenNotBuilt(t *testing.T) {
	dir := guardSite(t, "")
	writeFiles(t, dir, map[string]string{"content/sales.md": "---\ntitle: Sales\n---\nNothing yet.\n"})
	mustRun(t, dir, binDashsmith, "ingest")
	writeFiles(t, dir, map[string]string{"content/sales.md": strings.Replace(guardPage, "by: plna", "by: currency", 1)})
	r := runBin(t, dir, binDashsmith, "check")
	want := `content/sales.md:4: query "byplan": rollup ` + guardPlan + ` is not built yet: run dashsmith ingest`
	if r.code != 1 || !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, "ever seen") {
		t.Errorf("check: exit %d, stderr:\n%s\nwant\n%s", r.code, r.stderr, want)
	}
	mustRun(t, dir, binDashsmith, "ingest")
	mustRun(t, dir, binDashsmith, "check")

	writeFiles(t, dir, map[string]string{"content/sales.md": strings.Replace(guardPage, "event: Order Completed\n    measure: sum(revenue)\n    by: plna", "event: Order Complted\n    measure: sum(revenue)\n    by: plan", 1)})
	r = runBin(t, dir, binDashsmith, "ingest")
	want = `content/sales.md:9: query "typo": event: no "Order Complted" event was ever seen (did you mean "Order Completed"?)`
	if r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("ingest of a misspelt event: exit %d, stderr:\n%s\nwant\n%s", r.code, r.stderr, want)
	}
	if r := runBin(t, dir, binDashsmith, "check"); r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("check of a misspelt event: exit %d, stderr:\n%s\nwant\n%s", r.code, r.stderr, want)
	}
}
