package main

import (
	"strings"
	"testing"
)

// TestHealthLag: health's text output writes lags as people say them
// (the 120,000 seconds is "33 h 20 min"), while CSV and JSON keep
// seconds, the CSV naming the unit in its header.
func TestHealthLag(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"dashsmith.yaml": "title: Lag\nstore: bolt:.dashsmith/rollup.db\nevents: ./events\n",
		"events/hour.ndjson": `{"type":"track","event":"Order Completed","userId":"u1","messageId":"m1","timestamp":"2026-11-18T00:00:00Z","receivedAt":"2026-11-19T09:20:00Z"}` + "\n" +
			`{"type":"track","event":"Order Completed","userId":"u2","messageId":"m2","timestamp":"2026-11-19T09:08:00Z","receivedAt":"2026-11-19T09:20:00Z"}` + "\n",
	})
	mustRun(t, dir, binDashsmith, "ingest")

	text := mustRun(t, dir, binDashsmith, "health", "--format", "text")
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want a header and one day:\n%s", text)
	}
	if got := strings.Fields(lines[0]); strings.Join(got, " ") != "day files MB events rejected mean lag longest lag" {
		t.Errorf("header %q", lines[0])
	}
	// Mean (120,000 + 720) / 2 = 60,360 s; longest 120,000 s.
	if !strings.HasSuffix(lines[1], "16 h 46 min  33 h 20 min") || !strings.Contains(lines[1], "2026-11-19") {
		t.Errorf("day %q: want a mean of 16 h 46 min and a longest lag of 33 h 20 min", lines[1])
	}
	if strings.Contains(text, "120000") || strings.Contains(text, "60360") {
		t.Errorf("seconds in the text output:\n%s", text)
	}

	csv := mustRun(t, dir, binDashsmith, "health", "--format", "csv")
	if want := "day,files,bytes,events,rejected,lag_mean_s,lag_max_s,rejected_by_reason\n"; !strings.HasPrefix(csv, want) {
		t.Errorf("csv header:\n%s", csv)
	}
	if !strings.Contains(csv, ",60360.0,120000.0,") {
		t.Errorf("csv lags are not in seconds:\n%s", csv)
	}
	if js := mustRun(t, dir, binDashsmith, "health", "--format", "json"); !strings.Contains(js, `"lag_max": 120000`) {
		t.Errorf("json lags are not in seconds:\n%s", js)
	}
}
