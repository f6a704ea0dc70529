package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSamplesWhere: rollups over a combination of properties, declared in
// dashsmith.yaml after a first ingest (so backfilled), answer query
// --where with one or more properties, alone and with --by; a number is
// matched as its JSON text; bad --where flags are usage errors.
func TestSamplesWhere(t *testing.T) {
	dir := samplesDir(t)
	config := func(body string) {
		if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), []byte("store: bolt:rollup.db\nevents: ./events\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	config("")
	mustRun(t, dir, binDashsmith, "ingest")
	config(`rollups:
  - {event: Order Completed, measures: [sum(revenue), count], by: ["plan,currency", "revenue, plan"]}
`)
	// Each part of a combination is a property the events have: no
	// warning of a typo.
	r := runBin(t, dir, binDashsmith, "ingest")
	if r.code != 0 || !strings.Contains(r.stdout, "read again for new rollups") || r.stderr != "" {
		t.Errorf("backfill ingest: exit %d, said %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	day := []string{"query", "--event", "Order Completed", "--every", "day", "--from", "2026-11-25", "--to", "2026-11-26"}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"two", []string{"--measure", "sum(revenue)", "--where", "plan=pro", "--where", "currency=USD"},
			"time,value\n2026-11-25T00:00:00Z,85"},
		{"count", []string{"--where", "plan=team", "--where", "currency=(none)"}, "time,value\n2026-11-25T00:00:00Z,1"},
		{"number", []string{"--where", "revenue=42.5", "--where", "plan=pro"}, "time,value\n2026-11-25T00:00:00Z,2"},
		{"none part", []string{"--measure", "sum(revenue)", "--where", "currency=(none)", "--by", "plan"},
			"time,group,value\n2026-11-25T00:00:00Z,team,19.99\n2026-11-25T00:00:00Z,(none),10"},
		{"no match", []string{"--where", "plan=pro", "--where", "currency=EUR"}, "time,value\n2026-11-25T00:00:00Z,0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := strings.TrimSpace(mustRun(t, dir, binDashsmith, append(day, c.args...)...)); got != c.want {
				t.Errorf("query %s:\n%s\nwant\n%s", strings.Join(c.args, " "), got, c.want)
			}
		})
	}
	r = runBin(t, dir, binDashsmith, append(day, "--where", "plan=team")...)
	if r.code != 1 || !strings.Contains(r.stderr, `rollup "Order Completed" count by "plan" has not been built`) {
		t.Errorf("where of an undeclared combination: exit %d, stderr %q", r.code, r.stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--where", "plan"}, `"plan": write path=value`},
		{[]string{"--where", "=pro"}, "write path=value"},
		{[]string{"--where", "plan=pro", "--where", "plan=team"}, "plan is given twice"},
		{[]string{"--where", "plan=pro", "--by", "plan"}, "name the same property"},
		{[]string{"--where", "a=1", "--where", "b=2", "--where", "c=3", "--where", "d=4", "--where", "e=5"}, "at most 4"},
	} {
		r := runBin(t, dir, binDashsmith, append(day, c.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("query %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
}

// TestSiteWhere builds a site whose page filters on two properties and on
// one with a breakdown, from frontmatter through ingest to the page's
// files; a boolean and a number in the events match where's text.
func TestSiteWhere(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("dashsmith.yaml", "title: Where\nstore: bolt:rollup.db\nevents: ./events\n")
	plans := []string{"pro", "free", "pro", "team"}
	platforms := []string{"ios", "ios", "android", "ios", ""}
	var lines strings.Builder
	for i := range 20 {
		props := map[string]any{"plan": plans[i%4], "beta": i%2 == 0, "seats": i % 3}
		if p := platforms[i%5]; p != "" {
			props["platform"] = p
		}
		msg := map[string]any{"type": "track", "event": "Order Completed", "messageId": fmt.Sprintf("m%d", i),
			"userId": fmt.Sprintf("u%d", i), "timestamp": fmt.Sprintf("2026-11-24T1%d:00:00Z", i%10), "properties": props}
		b, _ := json.Marshal(msg)
		lines.Write(append(b, '\n'))
	}
	write("events/day.ndjson", lines.String())
	write("content/orders.md", "---\ntitle: Orders\nqueries:\n"+
		"  ios_pro: {event: Order Completed, every: day, range: last 7 days, where: {plan: pro, platform: ios}}\n"+
		"  ios_by_plan: {event: Order Completed, every: day, range: last 7 days, by: plan, where: {platform: ios}}\n"+
		"  beta_two: {event: Order Completed, every: day, range: last 7 days, where: {beta: true, seats: 2}}\n"+
		"---\n```chart\ntype: number\nquery: ios_pro\n```\n\n```chart\ntype: table\nquery: ios_by_plan\n```\n\n```chart\ntype: number\nquery: beta_two\n```\n")
	mustRun(t, dir, binDashsmith, "ingest")
	mustRun(t, dir, binDashsmith, "build", "--now", "2026-11-25T12:00:00Z")

	// The events recomputed: platform cycles by 5, plan by 4, beta by 2,
	// seats by 3.
	var iosPro, betaTwo float64
	iosBy := map[string]float64{}
	for i := range 20 {
		if platforms[i%5] == "ios" {
			iosBy[plans[i%4]]++
			if plans[i%4] == "pro" {
				iosPro++
			}
		}
		if i%2 == 0 && i%3 == 2 {
			betaTwo++
		}
	}
	read := func(name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, "public", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var res struct {
		Total  float64
		Groups []struct {
			Value string
			Total float64
		}
	}
	for _, c := range []struct {
		file string
		want float64
	}{{"orders/chart-1.json", iosPro}, {"orders/chart-3.json", betaTwo}} {
		if err := json.Unmarshal(read(c.file), &res); err != nil {
			t.Fatal(err)
		}
		if res.Total != c.want || c.want == 0 {
			t.Errorf("%s: total %v, the events give %v\n%s", c.file, res.Total, c.want, read(c.file))
		}
	}
	// The download says what the query kept; a page's two where queries
	// of the same event are two store queries, not one cached answer.
	if j := string(read("orders/chart-1.json")); !strings.Contains(j, "\"where\": {\n    \"plan\": \"pro\",\n    \"platform\": \"ios\"\n  }") {
		t.Errorf("orders/chart-1.json does not give its where:\n%s", j)
	}
	if err := json.Unmarshal(read("orders/chart-2.json"), &res); err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, g := range res.Groups {
		got[g.Value] = g.Total
	}
	if fmt.Sprint(got) != fmt.Sprint(iosBy) {
		t.Errorf("ios by plan: %v, the events give %v", got, iosBy)
	}
}
