package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/internal/eventgen"
)

// podTemplate is a page for each pod: its installs per day and in all.
const podTemplate = `---
title: "Pod: $each"
each: dependency.name
each_event: install
each_top: 100
queries:
  installs:
    event: install
    by: dependency.name
    filter: $each
    every: day
    range: last 7 days
---
{{ each }} was installed {{ value "installs" }} times.

` + "```chart\ntype: number\nquery: installs\n```\n\n```chart\ntype: line\nquery: installs\n```\n"

// TestIncrementalBuild_NewHour: when an hour of installs of two pods
// comes in, the next build (an hour later) renders the pages that show
// them (the two pods', the template's list of totals, the ingestion page
// and the home page, whose footer says when it was built) and takes every
// other pod's page from the last build, byte for byte, though how far the
// data is complete moved.
func TestIncrementalBuild_NewHour(t *testing.T) {
	dir := t.TempDir()
	_, err := eventgen.Generate(context.Background(), eventgen.Options{
		Out: filepath.Join(dir, "events"), Days: 2, End: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC),
		Scale: 1, Pods: 60, Events: 6000,
	})
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{
		"dashsmith.yaml":      "title: Pods\nstore: bolt:.dashsmith/rollup.db\nevents: ./events\n",
		"content/pods/pod.md": podTemplate,
	})
	mustRun(t, dir, binDashsmith, "ingest")
	total, _ := built(t, mustRun(t, dir, binDashsmith, "build", "--now", "2026-11-25T12:00:00Z"))
	if total < 40 {
		t.Fatalf("%d pages: want one for most of the 60 pods", total)
	}
	before := snapshot(t, filepath.Join(dir, "public"))

	// Two pods get installs in the next hour.
	rows, err := csv.NewReader(strings.NewReader(mustRun(t, dir, binDashsmith, "query", "--event", "install", "--by", "dependency.name",
		"--top", "3", "--every", "month", "--from", "2026-11-01", "--to", "2026-12-01"))).ReadAll()
	if err != nil || len(rows) < 3 {
		t.Fatalf("query: %v %v", rows, err)
	}
	a, b := rows[1][1], rows[2][1]
	var lines bytes.Buffer
	for i, pod := range []string{a, a, b} {
		lines.WriteString(`{"type":"track","event":"install","messageId":"new-` + string(rune('a'+i)) + `","userId":"t","properties":{"dependency":{"name":"` + pod + `"}},"timestamp":"2026-11-25T12:30:00Z","receivedAt":"2026-11-25T12:31:00Z"}` + "\n")
	}
	writeFiles(t, dir, map[string]string{"events/next/hour.ndjson": lines.String()})
	mustRun(t, dir, binDashsmith, "ingest")
	total2, unchanged := built(t, mustRun(t, dir, binDashsmith, "build", "--now", "2026-11-25T13:00:00Z"))
	after := snapshot(t, filepath.Join(dir, "public"))
	if total2 != total {
		t.Fatalf("%d pages, then %d", total, total2)
	}
	if rendered := total - unchanged; rendered != 5 {
		t.Errorf("%d pages rendered an hour later, want 5: the two pods', the list of totals, the ingestion page, the home page", rendered)
	}
	changed := map[string]bool{}
	for name, data := range after {
		if !bytes.Equal(before[name], data) {
			changed[strings.TrimSuffix(name, filepath.Base(name))] = true
		}
	}
	pods := 0
	for folder := range changed {
		switch {
		case folder == "", folder == "ingestion/", folder == "pods/pod/":
		case strings.HasPrefix(folder, "pods/pod/"):
			pods++
			if page := string(after[folder+"index.html"]); !strings.Contains(page, "Pod: "+a+"<") && !strings.Contains(page, "Pod: "+b+"<") {
				t.Errorf("%s changed, though its pod had no new installs", folder)
			}
		default:
			t.Errorf("%s changed", folder)
		}
	}
	if pods != 2 {
		t.Errorf("%d pods' pages changed, want the 2 with new installs (%s, %s)", pods, a, b)
	}
}
