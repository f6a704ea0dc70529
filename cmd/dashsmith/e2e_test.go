package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestEndToEnd generates demo events, ingests them with the binary, and
// checks every daily count that query prints against counts this test
// computes on its own from the same files.
func TestEndToEnd(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, binEventgen, "--out", "events", "--days", "4", "--end", "2026-11-20", "--seed", "7")
	want := countFiles(t, filepath.Join(dir, "events"))
	if len(want) < 5 {
		t.Fatalf("the generator made only %d event names; want a believable mix", len(want))
	}
	store := "--store=bolt:" + filepath.Join(dir, "rollup.db")
	mustRun(t, dir, binDashsmith, "ingest", "--from", "events", store)

	check := func(t *testing.T) {
		for _, event := range sortedKeys(want) {
			days := want[event]
			out := mustRun(t, dir, binDashsmith, "query", store, "--event", event, "--every", "day",
				"--from", "2026-11-10", "--to", "2026-11-22", "--format", "csv")
			rows := strings.Split(strings.TrimSpace(out), "\n")[1:]
			if len(rows) != 12 {
				t.Fatalf("%s: %d rows, want 12 (one per day, zeros included)", event, len(rows))
			}
			for _, row := range rows {
				day, v, _ := strings.Cut(row, ",")
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					t.Fatalf("%s: row %q: %v", event, row, err)
				}
				if n != days[day[:10]] {
					t.Errorf("%s on %s: query says %d, the files hold %d", event, day, n, days[day[:10]])
				}
			}
		}
	}
	t.Run("counts", check)

	// A second ingest finds nothing new and changes no count.
	out := mustRun(t, dir, binDashsmith, "ingest", "--from", "events", store)
	if !strings.Contains(out, "(0 new,") {
		t.Errorf("second ingest: %q, want 0 new files", out)
	}
	t.Run("counts after re-ingest", check)

	// events lists every name with its total.
	out = mustRun(t, dir, binDashsmith, "events", store, "--format", "json")
	var list []struct {
		Event string
		Total int64
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != len(want) {
		t.Errorf("events lists %d names, the files hold %d", len(list), len(want))
	}
	for _, ev := range list {
		var total int64
		for _, n := range want[ev.Event] {
			total += n
		}
		if ev.Total != total {
			t.Errorf("events: %s total %d, the files hold %d", ev.Event, ev.Total, total)
		}
	}
}

// countFiles is the test's own reading of Segment files: event name per
// DESIGN.md, time = timestamp, else originalTimestamp, else receivedAt,
// counted per UTC day. Lines it cannot read are skipped.
func countFiles(t *testing.T, root string) map[string]map[string]int64 {
	t.Helper()
	counts := map[string]map[string]int64{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var r io.Reader = bytes.NewReader(data)
		if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			zr, err := gzip.NewReader(r)
			if err != nil {
				return err
			}
			r = zr
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var m map[string]any
			if json.Unmarshal(sc.Bytes(), &m) != nil {
				continue
			}
			name := nameOf(m)
			when, ok := timeOf(m)
			if name == "" || !ok {
				continue
			}
			if counts[name] == nil {
				counts[name] = map[string]int64{}
			}
			counts[name][when.UTC().Format("2006-01-02")]++
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return counts
}

func nameOf(m map[string]any) string {
	str := func(k string) string { s, _ := m[k].(string); return s }
	switch str("type") {
	case "track":
		return str("event")
	case "page":
		if str("name") == "" {
			return "Loaded a Page"
		}
		return "Viewed " + str("name") + " Page"
	case "screen":
		if str("name") == "" {
			return "Loaded a Screen"
		}
		return "Viewed " + str("name") + " Screen"
	case "identify":
		return "Identify"
	case "group":
		return "Group"
	case "alias":
		return "Alias"
	}
	return ""
}

func timeOf(m map[string]any) (time.Time, bool) {
	for _, k := range []string{"timestamp", "originalTimestamp", "receivedAt"} {
		if s, ok := m[k].(string); ok {
			if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// sortedKeys is a helper for stable failure messages.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
