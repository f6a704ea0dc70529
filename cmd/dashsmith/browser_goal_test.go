package main

import (
	"os"
	"path/filepath"
	"testing"
)

// goalPage is a dashboard with a goal on a line and on a number, over an
// hourly average, whose hours without an order are gaps.
const goalPage = "---\ntitle: Goals\nqueries:\n  aov:\n    event: Order Completed\n    measure: avg(revenue)\n    every: hour\n    range: last 2 days\n" +
	"  orders:\n    event: Order Completed\n    every: day\n    range: last 14 days\n    compare: previous period\n---\n\n" +
	"```chart\ntype: line\nquery: aov\ngoal: 150\nformat: currency\n```\n\n" +
	"```chart\ntype: bar\nquery: orders\ngoal: 1000\n```\n\n" +
	"```chart\ntype: number\nquery: orders\ngoal: 50000\n```\n"

// TestBrowserGoal draws a page with goal lines, a number's progress to
// its goal and an average with gaps in headless Chromium: every chart
// must draw and the console must stay free of errors.
func TestBrowserGoal(t *testing.T) {
	chromiumPath(t)
	if _, err := os.Stat(filepath.Join(repoRoot, "static", "vendor", "echarts.min.js")); err != nil {
		t.Fatal("static/vendor/echarts.min.js is missing: run the tests with make test, which fetches it")
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "goals.md"), []byte(goalPage), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), []byte("title: Goals\ntimezone: UTC\nstore: bolt:.dashsmith/rollup.db\nevents: ./events\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, binEventgen, "--out", "events", "--days", "20", "--end", "2026-11-20", "--seed", "3")
	mustRun(t, dir, binDashsmith, "ingest")
	mustRun(t, dir, binDashsmith, "build", "--now", "2026-11-19T18:00:00Z")
	if n := checkPage(t, newBrowser(t), filepath.Join(dir, "public", "goals", "index.html")); n != 2 {
		t.Errorf("want the line and the bar drawn, got %d charts", n)
	}
}
