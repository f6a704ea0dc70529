package main

import (
	"strings"
	"testing"
)

// TestCheck_TemplateProblemOnce: a problem in a template's body is the
// same in every copy; check says it once, with how many pages share it.
func TestCheck_TemplateProblemOnce(t *testing.T) {
	dir := samplesDir(t)
	writeFiles(t, dir, map[string]string{
		"dashsmith.yaml": "store: bolt:rollup.db\nevents: ./events\n",
		"content/events.md": "---\ntitle: \"Event: $each\"\neach: event\nqueries:\n  n:\n    event: $each\n    range: 2026-11-25..2026-11-26\n---\n" +
			"We had {{ value n }} of them.\n",
	})
	if r := runBin(t, dir, binDashsmith, "ingest"); r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	r := runBin(t, dir, binDashsmith, "check", "--now", "2026-11-26T00:00:00Z")
	line := `content/events.md:9: {{ value }}: the argument n goes in double quotes: {{ value "n" }}`
	if r.code != 1 || strings.Count(r.stderr, line) != 1 || !strings.Contains(r.stderr, line+" (the same in 9 pages made from this file)") ||
		!strings.Contains(r.stderr, "\n1 problem(s)") {
		t.Errorf("check: exit %d\n%s\nwant exit 1, once:\n%s (the same in 9 pages made from this file)\n1 problem(s)", r.code, r.stderr, line)
	}
}
