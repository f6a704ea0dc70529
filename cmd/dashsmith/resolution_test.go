package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResolutionDay: rollups: entries with resolution: day keep rollups of
// UTC days beside the hourly ones; query --resolution day reads them and
// gives the hourly rollup's days; hours of them are a usage error that
// says why; a dashboard asking for hours of one is an error at its line.
func TestResolutionDay(t *testing.T) {
	dir := samplesDir(t)
	config := `store: bolt:rollup.db
events: ./events
rollups:
  - {event: Order Completed, measures: [sum(revenue)], by: [plan]}
  - {event: Order Completed, measures: [sum(revenue)], by: [plan], resolution: day}
  - {event: install, by: [dependency.name], resolution: day}
`
	if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, binDashsmith, "ingest")
	day := []string{"--every", "day", "--from", "2026-11-24", "--to", "2026-11-27"}
	for _, args := range [][]string{
		{"--event", "Order Completed", "--measure", "sum(revenue)", "--by", "plan"},
		{"--event", "Order Completed", "--measure", "count", "--by", "plan"},
	} {
		hourly := mustRun(t, dir, binDashsmith, append(append([]string{"query"}, args...), day...)...)
		daily := mustRun(t, dir, binDashsmith, append(append([]string{"query", "--resolution", "day"}, args...), day...)...)
		if hourly != daily || !strings.Contains(daily, "2026-11-25T00:00:00Z,pro,") {
			t.Errorf("query %s: at day resolution\n%s\nhourly\n%s", strings.Join(args, " "), daily, hourly)
		}
	}
	out := mustRun(t, dir, binDashsmith, append([]string{"query", "--resolution", "day", "--event", "install", "--by", "dependency.name"}, day...)...)
	if !strings.Contains(out, "2026-11-25T00:00:00Z,Alamofire,") {
		t.Errorf("installs by pod per day:\n%s", out)
	}
	r := runBin(t, dir, binDashsmith, "query", "--resolution", "day", "--event", "install", "--by", "dependency.name", "--every", "hour")
	if r.code != 2 || !strings.Contains(r.stderr, "cannot show hours") {
		t.Errorf("hours of a day rollup: exit %d, stderr %q; want 2 and why", r.code, r.stderr)
	}
	r = runBin(t, dir, binDashsmith, "query", "--resolution", "week", "--event", "install")
	if r.code != 2 || !strings.Contains(r.stderr, `--resolution: resolution "week": use day`) {
		t.Errorf("--resolution week: exit %d, stderr %q", r.code, r.stderr)
	}

	// A dashboard: hours of a rollup of days are an error at the query's line.
	page := "---\ntitle: Pods\nqueries:\n  installs:\n    event: install\n    by: dependency.name\n    resolution: day\n    every: hour\n    range: last 24 hours\n---\nx\n"
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "pods.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runBin(t, dir, binDashsmith, "check")
	if r.code != 1 || !strings.Contains(r.stdout+r.stderr, `content/pods.md:4: query "installs": resolution: day keeps one cell per UTC day, so it cannot show hours`) {
		t.Errorf("check of hours at day resolution: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
