package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/internal/eventgen"
)

// podsTemplate is a page for every pod: installs per day and per hour,
// a number of them, and a breakdown by platform.
const podsTemplate = `---
title: Pods
each: dependency.name
each_event: install
queries:
  daily:
    event: install
    by: dependency.name
    filter: $each
    every: day
    range: 2026-11-23..2026-11-27
  hourly:
    event: install
    by: dependency.name
    filter: $each
    every: hour
    range: 2026-11-23..2026-11-27
  platforms:
    event: install
    by: platform
    where: {dependency.name: $each}
    every: day
    range: 2026-11-23..2026-11-27
---
` + "```chart\ntype: number\nquery: daily\ntitle: Installs\n```\n\n" +
	"```chart\ntype: bar\nquery: daily\ntitle: Installs per day\n```\n\n" +
	"```chart\ntype: line\nquery: hourly\ntitle: Installs per hour\n```\n\n" +
	"```chart\ntype: stacked\nquery: platforms\ntitle: Installs by platform\n```\n"

// podsSite generates a pods corpus (pods pods, about events installs over
// the two days before 2026-11-26), ingests it into a site whose one
// dashboard is podsTemplate, builds it as of 2026-11-26 and returns the
// site's folder.
func podsSite(t *testing.T, pods int, events int64) string {
	t.Helper()
	dir := t.TempDir()
	_, err := eventgen.Generate(context.Background(), eventgen.Options{
		Out: filepath.Join(dir, "events"), Days: 2, End: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
		Scale: 1, Seed: 14, Pods: pods, Events: events,
	})
	if err != nil {
		t.Fatal(err)
	}
	config := "title: Pods\ntimezone: UTC\nstore: bolt:.dashsmith/rollup.db\nevents: ./events\n"
	if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "pods"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "pods", "pod.md"), []byte(podsTemplate), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, binDashsmith, "ingest")
	mustRun(t, dir, binDashsmith, "build", "--now", "2026-11-26T00:00:00Z")
	return dir
}

// rawInstalls counts the install events of each pod by UTC hour, read
// from the event files under dir on their own (rawPods).
func rawInstalls(t *testing.T, dir string) map[string]map[time.Time]int {
	t.Helper()
	perPod, _, _ := rawPods(t, dir)
	out := map[string]map[time.Time]int{}
	for ph, n := range perPod {
		if out[ph.pod] == nil {
			out[ph.pod] = map[time.Time]int{}
		}
		out[ph.pod][ph.hour.Time()] += int(n)
	}
	return out
}

// readCSV reads a chart's CSV download: time -> value.
func readCSV(t *testing.T, path string) map[time.Time]int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[time.Time]int{}
	for _, r := range rows[1:] {
		at, err := time.Parse(time.RFC3339, r[0])
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		v, err := strconv.Atoi(r[len(r)-1])
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out[at] += v
	}
	return out
}

var numberRE = regexp.MustCompile(`<div class="ds-number"><data value="([0-9.]+)">`)

// TestPods_EveryPod: a template over a property with no each_top makes a
// page for every pod that has installs, and each page's numbers (its
// number, its daily and hourly charts' CSV, its platforms) equal the
// installs counted straight from the raw event files. The list page
// lists every pod once, with the same totals, and its index file holds
// them all.
func TestPods_EveryPod(t *testing.T) {
	dir := podsSite(t, 600, 30000)
	raw := rawInstalls(t, filepath.Join(dir, "events"))
	if len(raw) < 300 {
		t.Fatalf("the corpus has %d pods; want most of 600", len(raw))
	}
	public := filepath.Join(dir, "public", "pods", "pod")
	// The index file: every pod once, its link and its total.
	data, err := os.ReadFile(filepath.Join(public, "values.js"))
	if err != nil {
		t.Fatal(err)
	}
	body := strings.TrimSuffix(strings.TrimSpace(string(data)), ";")
	var index [][3]any
	if err := json.Unmarshal([]byte(body[strings.Index(body, "["):]), &index); err != nil {
		t.Fatalf("values.js is not a JSON array after its assignment: %v", err)
	}
	links := map[string]string{}
	for _, v := range index {
		links[v[0].(string)] = v[1].(string)
		if got, want := int(v[2].(float64)), sum(raw[v[0].(string)]); got != want {
			t.Errorf("values.js: %s has %d installs, the raw events %d", v[0], got, want)
		}
	}
	if len(index) != len(raw) || len(links) != len(raw) {
		t.Fatalf("values.js lists %d values (%d distinct), the raw events have %d pods", len(index), len(links), len(raw))
	}
	// The list's pages show every pod once.
	listed := 0
	for k := 1; ; k++ {
		page := filepath.Join(public, "index.html")
		if k > 1 {
			page = filepath.Join(public, "page", strconv.Itoa(k), "index.html")
		}
		html, err := os.ReadFile(page)
		if os.IsNotExist(err) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		listed += strings.Count(string(html), "<tr><td><a href=")
	}
	if listed != len(raw) {
		t.Errorf("the list's pages show %d rows; want %d", listed, len(raw))
	}
	total := 0
	for _, hours := range raw {
		total += sum(hours)
	}
	t.Logf("%d pods with %d installs, on %d list pages", len(raw), total, (len(raw)+499)/500)

	for pod, hours := range raw {
		link, ok := links[pod]
		if !ok {
			t.Errorf("no page for %q", pod)
			continue
		}
		folder := filepath.Join(public, filepath.FromSlash(strings.TrimSuffix(link, "index.html")))
		html, err := os.ReadFile(filepath.Join(folder, "index.html"))
		if err != nil {
			t.Errorf("%s: %v", pod, err)
			continue
		}
		m := numberRE.FindSubmatch(html)
		if m == nil || string(m[1]) != strconv.Itoa(sum(hours)) {
			t.Errorf("%s: the number says %q, the raw events %d", pod, m, sum(hours))
		}
		daily := map[time.Time]int{}
		for h, n := range hours {
			daily[h.Truncate(24*time.Hour)] += n
		}
		// The charts in page order: number (chart-1), per day (chart-2),
		// per hour (chart-3), by platform (chart-4).
		for _, c := range []struct {
			file string
			want map[time.Time]int
		}{{"chart-1.csv", daily}, {"chart-2.csv", daily}, {"chart-3.csv", hours}, {"chart-4.csv", daily}} {
			got := readCSV(t, filepath.Join(folder, c.file))
			if d := diff(got, c.want); d != "" {
				t.Errorf("%s: %s differs from the raw events: %s", pod, c.file, d)
			}
		}
	}
}

func sum(hours map[time.Time]int) int {
	n := 0
	for _, v := range hours {
		n += v
	}
	return n
}

// diff describes the first time two series differ at (zeros count as
// absent), or returns "".
func diff(got, want map[time.Time]int) string {
	for at, v := range want {
		if got[at] != v {
			return fmt.Sprintf("at %s: %d, want %d", at.Format(time.RFC3339), got[at], v)
		}
	}
	for at, v := range got {
		if v != 0 && want[at] == 0 {
			return fmt.Sprintf("at %s: %d, want none", at.Format(time.RFC3339), v)
		}
	}
	return ""
}
