package main

import (
	"strings"
	"testing"
)

// TestQuery_UnseenEvent: a query of an event the store has never seen
// prints its zeros, as asked, and says on stderr that the name is not
// one the store has, with the closest it has.
func TestQuery_UnseenEvent(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"dashsmith.yaml":   "title: T\nstore: bolt:rollup.db\nevents: ./events\n",
		"content/index.md": "---\ntitle: Home\n---\n",
		"events/a.ndjson":  `{"type":"track","event":"Order Completed","messageId":"m1","timestamp":"2026-11-20T10:00:00Z"}` + "\n",
	})
	mustRun(t, dir, binDashsmith, "ingest")
	args := []string{"query", "--every", "day", "--from", "2026-11-20", "--to", "2026-11-21", "--event"}
	r := runBin(t, dir, binDashsmith, append(args, "Order Complete")...)
	if r.code != 0 || !strings.Contains(r.stdout, "2026-11-20T00:00:00Z,0") {
		t.Fatalf("exit %d, stdout %q: want the zeros asked for", r.code, r.stdout)
	}
	if want := `warning: the store has never seen the event "Order Complete" (did you mean "Order Completed"?)`; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	r = runBin(t, dir, binDashsmith, append(args, "Order Completed")...)
	if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "2026-11-20T00:00:00Z,1") {
		t.Errorf("a seen event: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestEvents_CaseInsensitive: dashsmith events lists names as a reader
// looks for them, whatever their case.
func TestEvents_CaseInsensitive(t *testing.T) {
	dir := t.TempDir()
	var lines strings.Builder
	for i, name := range []string{"Order Completed", "add to cart", "Add Payment", "zoom", "Beta"} {
		lines.WriteString(`{"type":"track","event":"` + name + `","messageId":"m` + string(rune('a'+i)) + `","timestamp":"2026-11-20T10:00:00Z"}` + "\n")
	}
	writeFiles(t, dir, map[string]string{
		"dashsmith.yaml":  "title: T\nstore: bolt:rollup.db\nevents: ./events\n",
		"events/a.ndjson": lines.String(),
	})
	mustRun(t, dir, binDashsmith, "ingest")
	var names []string
	for _, l := range strings.Split(strings.TrimSpace(mustRun(t, dir, binDashsmith, "events")), "\n")[1:] {
		names = append(names, strings.Split(l, ",")[0])
	}
	if got, want := strings.Join(names, "|"), "Add Payment|add to cart|Beta|Order Completed|zoom"; got != want {
		t.Errorf("events in the order %s, want %s", got, want)
	}
}
