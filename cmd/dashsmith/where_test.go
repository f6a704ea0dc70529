package main

import (
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
	out := mustRun(t, dir, binDashsmith, "ingest")
	if !strings.Contains(out, "read again for new rollups") {
		t.Errorf("backfill ingest said %q", out)
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
	r := runBin(t, dir, binDashsmith, append(day, "--where", "plan=team")...)
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
