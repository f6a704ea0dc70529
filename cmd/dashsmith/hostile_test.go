package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hostileConfig keeps breakdowns and a unique of the event the hostile
// file floods, so that every line of it reaches a rollup.
const hostileConfig = `title: Hostile
store: bolt:.dashsmith/rollup.db
events: ./events
rollups:
  - {event: Order Completed, measures: [count, sum(revenue), unique(userId)], by: [plan, country]}
`

const hostileDashboard = `---
title: Orders
queries:
  plans:
    event: Order Completed
    by: plan
    every: day
    range: 2020-01-01..2026-01-01
  buyers:
    event: Order Completed
    measure: unique(userId)
    by: country
    every: month
    range: 2020-01-01..2026-01-01
---
` + "```chart\ntype: table\nquery: plans\n```\n\n```chart\ntype: stacked\nquery: buyers\n```\n"

// TestHostileFileMemory ingests a file written by an attacker who holds
// the site's public write key: event names and property values by the
// hundred thousand, timestamps over six years, long names, deep nesting.
// Ingest, a breakdown query and a build over the store it made must each
// stay under maxRSS.
func TestHostileFileMemory(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"dashsmith.yaml":   hostileConfig,
		"content/index.md": hostileDashboard,
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lines := writeHostile(t, filepath.Join(dir, "events", "hostile.json"), 40000)

	out, _, rss := measured(t, dir, "ingest", "--json")
	t.Logf("ingest: max RSS %d MB", rss>>20)
	if out == "" {
		t.FailNow()
	}
	var rep struct {
		Lines    int64
		Accepted int64
		Rejected map[string]int64
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("ingest --json: %v\n%s", err, out)
	}
	if rep.Lines != int64(lines) {
		t.Errorf("ingest read %d lines, want %d", rep.Lines, lines)
	}
	if rep.Rejected["too many event names"] == 0 {
		t.Errorf("no line rejected as too many event names: %s", out)
	}
	if rss > maxRSS {
		t.Errorf("ingest of the hostile file: max RSS %d MB, want under %d MB", rss>>20, maxRSS>>20)
	}

	_, _, rss = measured(t, dir, "query", "--event", "Order Completed", "--by", "plan",
		"--every", "day", "--from", "2020-01-01", "--to", "2026-01-01")
	t.Logf("query --by: max RSS %d MB", rss>>20)
	if rss > maxRSS {
		t.Errorf("query --by over the hostile store: max RSS %d MB, want under %d MB", rss>>20, maxRSS>>20)
	}

	_, _, rss = measured(t, dir, "build", "--now", "2026-01-01T00:00:00Z")
	t.Logf("build: max RSS %d MB", rss>>20)
	if rss > maxRSS {
		t.Errorf("build over the hostile store: max RSS %d MB, want under %d MB", rss>>20, maxRSS>>20)
	}
}

// writeHostile writes n lines of hostile events to path and returns n.
// Half the lines are the event the site keeps breakdowns of, each with a
// new plan, country and user and a time anywhere in six years; the rest
// have a new event name each (some of them long), new property names and
// values, and properties nested near the depth limit.
func writeHostile(t *testing.T, path string, n int) int {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	rng := rand.New(rand.NewPCG(11, 4))
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	span := int64(6 * 365 * 24 * 3600)
	received := "2025-12-31T23:00:00.000Z"
	nest := strings.Repeat(`{"a":`, 60) + "1" + strings.Repeat("}", 60)
	for i := 0; i < n; i++ {
		ts := start.Add(time.Duration(rng.Int64N(span)) * time.Second).Format(time.RFC3339)
		if i%2 == 0 {
			fmt.Fprintf(w, `{"type":"track","event":"Order Completed","userId":"u%d","timestamp":%q,"receivedAt":%q,"properties":{"plan":"p%d","country":"c%d","revenue":%d}}`+"\n",
				rng.Uint32(), ts, received, rng.Uint32(), rng.Uint32(), rng.IntN(1000))
			continue
		}
		name := fmt.Sprintf("ev %d", rng.Uint32())
		if i%20 == 1 {
			name += strings.Repeat("x", 900)
		}
		deep := "1"
		if i%10 == 3 {
			deep = nest
		}
		fmt.Fprintf(w, `{"type":"track","event":%q,"anonymousId":"a%d","timestamp":%q,"receivedAt":%q,"properties":{"k%d":"v%d","deep":%s}}`+"\n",
			name, rng.Uint32(), ts, received, rng.Uint32(), rng.Uint32(), deep)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return n
}
