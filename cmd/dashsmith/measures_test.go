package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSamplesMeasures checks sums, uniques and breakdowns over the
// hand-written samples against the figures their README gives, and that a
// rollup added after the first ingest is backfilled from the same files.
func TestSamplesMeasures(t *testing.T) {
	dir := samplesDir(t)
	config := func(body string) {
		if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), []byte("store: bolt:rollup.db\nevents: ./events\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	query := func(args ...string) string {
		base := []string{"query", "--every", "hour", "--from", "2026-11-25T13:00:00Z", "--to", "2026-11-25T17:00:00Z"}
		return strings.TrimSpace(mustRun(t, dir, binDashsmith, append(base, args...)...))
	}

	// First ingest: base counts only. A sum was never built: a clear error.
	config("")
	mustRun(t, dir, binDashsmith, "ingest")
	r := runBin(t, dir, binDashsmith, "query", "--event", "Order Completed", "--measure", "sum(revenue)")
	if r.code != 1 || !strings.Contains(r.stderr, "has not been built") {
		t.Errorf("query of an unbuilt rollup: exit %d, stderr %q; want 1 and a message that it has not been built", r.code, r.stderr)
	}

	// The config asks for more: the next ingest reads the file again.
	config(`rollups:
  - {event: Order Completed, measures: [sum(revenue), count], by: [plan]}
  - {event: install, measures: [unique(userId), count], by: [dependency.name]}
`)
	out := mustRun(t, dir, binDashsmith, "ingest")
	if !strings.Contains(out, "1 read again for new rollups") || !strings.Contains(out, "0 events accepted, 0 rejected in new files; ") || !strings.Contains(out, " events read again for new rollups") || strings.Contains(out, "; 0 events read again") {
		t.Errorf("backfill ingest said %q", out)
	}

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"sum", []string{"--event", "Order Completed", "--measure", "sum(revenue)"},
			"time,value\n2026-11-25T13:00:00Z,0\n2026-11-25T14:00:00Z,85\n2026-11-25T15:00:00Z,0\n2026-11-25T16:00:00Z,29.99"},
		{"unique", []string{"--event", "install", "--measure", "unique(userId)"},
			"time,value\n2026-11-25T13:00:00Z,0\n2026-11-25T14:00:00Z,0\n2026-11-25T15:00:00Z,1\n2026-11-25T16:00:00Z,0"},
		{"by", []string{"--event", "install", "--by", "dependency.name", "--from", "2026-11-25T15:00:00Z", "--to", "2026-11-25T16:00:00Z"},
			"time,group,value\n2026-11-25T15:00:00Z,Alamofire,1\n2026-11-25T15:00:00Z,Quick,1"},
		{"sum by", []string{"--event", "Order Completed", "--measure", "sum(revenue)", "--by", "plan", "--every", "day", "--from", "2026-11-25", "--to", "2026-11-26"},
			"time,group,value\n2026-11-25T00:00:00Z,pro,85\n2026-11-25T00:00:00Z,team,19.99\n2026-11-25T00:00:00Z,(none),10"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := query(c.args...); got != c.want {
				t.Errorf("query %s:\n%s\nwant\n%s", strings.Join(c.args, " "), got, c.want)
			}
		})
	}

	// A third ingest changes nothing.
	out = mustRun(t, dir, binDashsmith, "ingest")
	if !strings.Contains(out, "(0 new, 1 already applied") {
		t.Errorf("third ingest said %q", out)
	}
	if got := query(cases[0].args...); got != cases[0].want {
		t.Errorf("sum after a third ingest:\n%s", got)
	}
}

// TestIngest_WarnsTypo: a new rollup that reads a property its event never
// had is most likely a typo, and ingest says so before it reads every file
// again for it; a correct one says nothing.
func TestIngest_WarnsTypo(t *testing.T) {
	dir := samplesDir(t)
	config := func(body string) {
		if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), []byte("store: bolt:rollup.db\nevents: ./events\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	config("")
	mustRun(t, dir, binDashsmith, "ingest")
	config("rollups:\n  - {event: Order Completed, measures: [sum(revenue)], by: [plna]}\n")
	r := runBin(t, dir, binDashsmith, "ingest")
	want := `dashsmith ingest: warning: event "Order Completed" has no property "plna" (did you mean "plan"?), which a new rollup reads ("Order Completed" count by "plna"); the files are read again for it all the same`
	if r.code != 0 || !strings.Contains(r.stderr, want) || strings.Count(r.stderr, "warning") != 1 {
		t.Errorf("ingest of a misspelled rollup: exit %d, stderr:\n%s\nwant once:\n%s", r.code, r.stderr, want)
	}
	r = runBin(t, dir, binDashsmith, "ingest")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("ingest again: exit %d, stderr %q: the rollup is no longer new", r.code, r.stderr)
	}
}
