package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// TestBidi ingests events whose name and property values carry
// bidirectional override and isolate characters (U+202E, U+2066 ...),
// builds a site that shows them in every way it can (a page per event, a
// page per value, breakdowns as lines, pies and tables, {{ each }} in
// prose), and finds none of those characters in any file or file name of
// public/: each is written out as "<U+202E>". The store keeps the names
// as the events said them: a query or a filter over the exact name still
// matches, and events and query print them as they are to a program, and
// written out on a terminal.
func TestBidi(t *testing.T) {
	const event = "Sign\u202eUp\u2066"
	plans := []string{"pro\u202eexe.txt", "\u2066team\u2069", "free"}
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("dashsmith.yaml", "title: Bidi\nstore: bolt:rollup.db\nevents: ./events\n")
	var lines strings.Builder
	for i := range 12 {
		msg := map[string]any{"type": "track", "event": event, "messageId": fmt.Sprintf("m%d", i), "userId": fmt.Sprintf("u%d", i),
			"timestamp": fmt.Sprintf("2026-11-2%dT1%d:00:00Z", 1+i%4, i%10), "properties": map[string]any{"plan": plans[i%3]}}
		b, _ := json.Marshal(msg)
		lines.Write(append(b, '\n'))
	}
	write("events/day.ndjson", lines.String())
	write("content/events.md", "---\ntitle: \"Event: $each\"\ndescription: \"All of $each\"\neach: event\nqueries:\n  daily: {event: $each, every: day, range: last 7 days, by: plan}\n---\n"+
		"The event {{ each }}.\n\n```chart\ntype: line\nquery: daily\ntitle: $each per day\n```\n")
	write("content/plans.md", "---\ntitle: \"Plan: $each\"\neach: plan\neach_event: \"Sign\\u202eUp\\u2066\"\nqueries:\n"+
		"  signups: {event: \"Sign\\u202eUp\\u2066\", every: day, range: last 7 days, by: plan, filter: $each}\n---\n"+
		"```chart\ntype: number\nquery: signups\n```\n")
	write("content/mix.md", "---\ntitle: Mix\nqueries:\n  plans: {event: \"Sign\\u202eUp\\u2066\", every: day, range: last 7 days, by: plan}\n---\n"+
		"```chart\ntype: pie\nquery: plans\n```\n\n```chart\ntype: table\nquery: plans\n```\n\n```chart\ntype: stacked\nquery: plans\n```\n")
	mustRun(t, dir, binDashsmith, "ingest")
	mustRun(t, dir, binDashsmith, "build", "--now", "2026-11-25T12:00:00Z")

	files := 0
	err := filepath.WalkDir(filepath.Join(dir, "public"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if strings.ContainsFunc(rel, build.IsBidiControl) {
			t.Errorf("file name %+q", rel)
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		if i := strings.IndexFunc(string(data), build.IsBidiControl); i >= 0 {
			t.Errorf("%s shows a bidirectional control character: %+q", rel, data[max(0, i-60):min(len(data), i+60)])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, "public", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	page := read("events/sign-up/index.html")
	for _, want := range []string{"<h1>Event: Sign&lt;U&#43;202E&gt;Up&lt;U&#43;2066&gt;</h1>", "The event Sign&lt;U+202E&gt;Up&lt;U+2066&gt;.",
		`\u003cU+2066\u003eteam\u003cU+2069\u003e`} {
		if !strings.Contains(page, want) {
			t.Errorf("events/sign-up/ lacks %s", want)
		}
	}
	if csv := read("mix/chart-1.csv"); !strings.Contains(csv, ",pro<U+202E>exe.txt,") {
		t.Errorf("mix/chart-1.csv:\n%s", csv)
	}
	// The copy for each plan counts that plan's events: its filter matched
	// the name as stored, not as shown.
	for _, url := range []string{"plans/pro-exe-txt/", "plans/team/", "plans/free/"} {
		var f struct {
			Total  float64
			Filter string
		}
		if err := json.Unmarshal([]byte(read(url+"chart-1.json")), &f); err != nil {
			t.Fatal(err)
		}
		if f.Total != 4 || strings.ContainsFunc(f.Filter, build.IsBidiControl) {
			t.Errorf("%s: total %v, filter %+q; want 4, shown", url, f.Total, f.Filter)
		}
	}
	if files < 10 {
		t.Errorf("public/ holds %d files", files)
	}

	// The store and the CLI: exact to a program, written out to a person.
	piped := mustRun(t, dir, binDashsmith, "events", "--format", "json")
	if !strings.Contains(piped, `"event": "`+event+`"`) {
		t.Errorf("events to a program:\n%+q", piped)
	}
	q := mustRun(t, dir, binDashsmith, "query", "--event", event, "--by", "plan", "--every", "day", "--from", "2026-11-21", "--to", "2026-11-22")
	if !strings.Contains(q, "2026-11-21T00:00:00Z,pro\u202eexe.txt,1\n") {
		t.Errorf("query to a program:\n%+q", q)
	}
	for _, args := range [][]string{{"events"}, {"events", "--format", "json"},
		{"query", "--event", event, "--by", "plan", "--every", "day", "--from", "2026-11-21", "--to", "2026-11-22"},
		{"query", "--event", event, "--by", "plan", "--every", "day", "--from", "2026-11-21", "--to", "2026-11-22", "--format", "json"}} {
		out := onTerminal(t, dir, binDashsmith, args...)
		if strings.ContainsFunc(out, build.IsBidiControl) || !strings.Contains(out, "<U+202E>") {
			t.Errorf("%s on a terminal:\n%+q", strings.Join(args, " "), out)
		}
	}
}
