package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSamplesAvgPercentile queries avg(revenue) and p95(revenue) of the
// samples: an hour without an order is a gap, an empty field in CSV and
// null in JSON; an average is exact, a percentile within 1%.
func TestSamplesAvgPercentile(t *testing.T) {
	dir := samplesDir(t)
	config := "store: bolt:rollup.db\nevents: ./events\nrollups:\n  - {event: Order Completed, measures: [avg(revenue), p95(revenue)], by: [plan]}\n"
	if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, binDashsmith, "ingest")
	query := func(args ...string) string {
		base := []string{"query", "--event", "Order Completed", "--every", "hour", "--from", "2026-11-25T13:00:00Z", "--to", "2026-11-25T17:00:00Z"}
		return strings.TrimSpace(mustRun(t, dir, binDashsmith, append(base, args...)...))
	}
	// 14:00 has two orders of 42.5; 16:00 one of 19.99 and one of 10.
	if got, want := query("--measure", "avg(revenue)"), "time,value\n2026-11-25T13:00:00Z,\n2026-11-25T14:00:00Z,42.5\n2026-11-25T15:00:00Z,\n2026-11-25T16:00:00Z,14.995"; got != want {
		t.Errorf("avg(revenue):\n%s\nwant\n%s", got, want)
	}
	var rows []struct {
		Time  string   `json:"time"`
		Value *float64 `json:"value"`
	}
	out := query("--measure", "p95(revenue)", "--format", "json")
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 4 {
		t.Fatalf("p95(revenue) as JSON: %v\n%s", err, out)
	}
	// p95 of two values is the lower (rank floor(0.95·1) = 0).
	for i, want := range []float64{math.NaN(), 42.5, math.NaN(), 10} {
		v := rows[i].Value
		switch {
		case math.IsNaN(want) && v != nil:
			t.Errorf("%s: p95 %v, want null (no orders)", rows[i].Time, *v)
		case !math.IsNaN(want) && (v == nil || math.Abs(*v-want) > 0.01*want):
			t.Errorf("%s: p95 %v, want %v within 1%%", rows[i].Time, v, want)
		}
	}
	if !strings.Contains(out, `"value": null`) {
		t.Errorf("a gap should be null in JSON:\n%s", out)
	}
	csv := query("--measure", "p95(revenue)", "--by", "plan", "--every", "day", "--from", "2026-11-25", "--to", "2026-11-26")
	lines := strings.Split(csv, "\n")
	if len(lines) != 4 || lines[0] != "time,group,value" || !strings.HasPrefix(lines[1], "2026-11-25T00:00:00Z,pro,") {
		t.Fatalf("p95 by plan:\n%s", csv)
	}
	if v, err := strconv.ParseFloat(lines[1][strings.LastIndexByte(lines[1], ',')+1:], 64); err != nil || math.Abs(v-42.5) > 0.425 {
		t.Errorf("p95 of pro: %v, %v", v, err)
	}
}
