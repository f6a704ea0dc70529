package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSamples checks dashsmith query over the hand-written Segment samples
// against the counts their README gives.
func TestSamples(t *testing.T) {
	dir := samplesDir(t)
	store := "--store=bolt:" + filepath.Join(dir, "rollup.db")

	var rep struct {
		Files, Applied int
		Accepted       int64
		Rejected       map[string]int64
	}
	out := mustRun(t, dir, binDashsmith, "ingest", "--from", "events", store, "--json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("ingest --json: %v\n%s", err, out)
	}
	if rep.Applied != 1 || rep.Accepted != 13 {
		t.Errorf("ingest: applied %d files, accepted %d events; want 1 and 13", rep.Applied, rep.Accepted)
	}
	wantRejected := map[string]int64{"no event name": 1, "no usable time": 2, "bad json": 1}
	for reason, n := range wantRejected {
		if rep.Rejected[reason] != n {
			t.Errorf("rejected %q = %d, want %d (all: %v)", reason, rep.Rejected[reason], n, rep.Rejected)
		}
	}

	// Hours 13:00 to 17:00 UTC on 2026-11-25, one row each.
	cases := map[string]string{
		"Order Completed":     "0,2,0,2",
		"Signed Up":           "0,1,0,0",
		"Viewed Pricing Page": "0,0,1,0",
		"Loaded a Page":       "0,0,1,0",
		"Viewed Cart Screen":  "1,0,0,0",
		"Identify":            "0,0,1,0",
		"Group":               "0,0,1,0",
		"Alias":               "0,0,1,0",
		"install":             "0,0,2,0",
	}
	for event, want := range cases {
		t.Run(event, func(t *testing.T) {
			out := mustRun(t, dir, binDashsmith, "query", store, "--event", event, "--every", "hour",
				"--from", "2026-11-25T13:00:00Z", "--to", "2026-11-25T17:00:00Z")
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if lines[0] != "time,value" {
				t.Fatalf("header %q, want time,value", lines[0])
			}
			var got []string
			for i, l := range lines[1:] {
				wantTime := []string{"2026-11-25T13:00:00Z", "2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z"}[i]
				tm, v, _ := strings.Cut(l, ",")
				if tm != wantTime {
					t.Errorf("row %d time %q, want %q", i, tm, wantTime)
				}
				got = append(got, v)
			}
			if strings.Join(got, ",") != want {
				t.Errorf("counts %s, want %s", strings.Join(got, ","), want)
			}
		})
	}

	// A second ingest over the same files changes nothing.
	out = mustRun(t, dir, binDashsmith, "ingest", "--from", "events", store, "--json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Applied != 0 || rep.Accepted != 0 {
		t.Errorf("second ingest applied %d files, %d events; want 0 and 0", rep.Applied, rep.Accepted)
	}
	out = mustRun(t, dir, binDashsmith, "query", store, "--event", "Order Completed", "--every", "day",
		"--from", "2026-11-25", "--to", "2026-11-26", "--format", "json")
	var rows []struct {
		Time  string
		Value float64
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("query --format json: %v\n%s", err, out)
	}
	if len(rows) != 1 || rows[0].Time != "2026-11-25T00:00:00Z" || rows[0].Value != 4 {
		t.Errorf("daily Order Completed after re-ingest = %+v, want one row 2026-11-25T00:00:00Z = 4", rows)
	}
}

// samplesDir returns a new folder whose events/ holds the hand-written
// Segment samples (a copy of plugins/events/testdata).
func samplesDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	events := filepath.Join(dir, "events")
	if err := os.MkdirAll(events, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(repoRoot, "plugins", "events", "testdata", "segment-events.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(events, "samples.ndjson"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
