package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// wildcardSite is a site whose only dashboards are templates over every
// event name, with queries of measures other than count: the rollups
// their copies read are declared by no one but the templates.
var wildcardSite = map[string]string{
	"dashsmith.yaml": "title: Wild\ntimezone: UTC\nstore: bolt:.dashsmith/rollup.db\nevents: ./events\n",
	"content/users.md": "---\ntitle: \"Users: $each\"\neach: event\nqueries:\n" +
		"  users: {event: $each, measure: unique(userId), every: day, range: 2026-11-01..2026-11-05}\n---\n" +
		"```chart\ntype: line\nquery: users\n```\n",
	"content/revenue.md": "---\ntitle: \"Revenue: $each\"\neach: event\nqueries:\n" +
		"  revenue: {event: $each, measure: sum(revenue), every: day, range: 2026-11-01..2026-11-05}\n---\n" +
		"```chart\ntype: line\nquery: revenue\n```\n",
	// A template over a property: its copies read the one rollup their
	// where asks for, whatever the value.
	"content/plans.md": "---\ntitle: \"Plan: $each\"\neach: plan\neach_event: Signed Up\nqueries:\n" +
		"  users: {event: Signed Up, measure: unique(userId), where: {plan: $each}, every: day, range: 2026-11-01..2026-11-05}\n---\n" +
		"```chart\ntype: line\nquery: users\n```\n",
}

// wildEvent is one line of a test's event file.
type wildEvent struct {
	event, user, day string
	revenue          float64
}

// line is the event as a Segment track message.
func (e wildEvent) line(n int) string {
	return fmt.Sprintf(`{"type":"track","event":%q,"userId":%q,"messageId":"m%d","timestamp":"%sT%02d:00:00Z","properties":{"revenue":%v,"plan":%q}}`,
		e.event, e.user, n, e.day, n%24, e.revenue, e.plan())
}

// plan is the event's plan: its user's number, odd or even.
func (e wildEvent) plan() string {
	if n, _ := strconv.Atoi(strings.TrimPrefix(e.user, "u")); n%2 == 1 {
		return "pro"
	}
	return "free"
}

// writeWildEvents writes evs as the event file name.
func writeWildEvents(t *testing.T, dir, name string, evs []wildEvent, from int) {
	t.Helper()
	lines := make([]string, len(evs))
	for i, e := range evs {
		lines[i] = e.line(from + i)
	}
	writeFiles(t, dir, map[string]string{"events/" + name: strings.Join(lines, "\n") + "\n"})
}

// wildEvents makes events of names over four days: user u<i%users> on
// day 1+i%4, revenue i.
func wildEvents(names []string, n, users int) []wildEvent {
	var out []wildEvent
	for _, name := range names {
		for i := 0; i < n; i++ {
			out = append(out, wildEvent{event: name, user: fmt.Sprintf("u%d", i%users), day: fmt.Sprintf("2026-11-%02d", 1+i%4), revenue: float64(i)})
		}
	}
	return out
}

// TestTemplateRollups: a fresh site whose templates over every event
// name ask for unique(userId) and sum(revenue), and whose template over a
// property asks for unique(userId) where the property is the value,
// checks and builds after one ingest, with no rollup declared by hand:
// every copy's numbers are those of the raw events. A copy of an event
// that first appears in a later file has its numbers too.
func TestTemplateRollups(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, wildcardSite)
	first := wildEvents([]string{"Signed Up", "Order Completed", "Viewed Home Page"}, 40, 7)
	writeWildEvents(t, dir, "a.json", first, 0)
	mustRun(t, dir, binDashsmith, "ingest")
	if r := runBin(t, dir, binDashsmith, "check"); r.code != exitOK {
		t.Fatalf("check after one ingest: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	mustRun(t, dir, binDashsmith, "build", "--now", "2026-11-10T00:00:00Z")
	checkCopies(t, dir, first)

	// A later file brings an event name never seen: its copy has the
	// rollups from that first file on, with no new declaration.
	later := append(wildEvents([]string{"Refunded"}, 12, 5), wildEvents([]string{"Signed Up"}, 8, 11)...)
	writeWildEvents(t, dir, "b.json", later, len(first))
	out := mustRun(t, dir, binDashsmith, "ingest", "--json")
	if !strings.Contains(out, `"skipped": 1`) {
		t.Errorf("second ingest read the first file again:\n%s", out)
	}
	if r := runBin(t, dir, binDashsmith, "check"); r.code != exitOK {
		t.Fatalf("check after the second ingest: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	mustRun(t, dir, binDashsmith, "build", "--now", "2026-11-10T00:00:00Z")
	checkCopies(t, dir, append(first, later...))
}

// checkCopies compares every copy's daily unique users and revenue with
// what evs hold.
func checkCopies(t *testing.T, dir string, evs []wildEvent) {
	t.Helper()
	users := map[string]map[string]map[string]bool{} // event, day, user
	revenue := map[string]map[string]float64{}
	plans := map[string]map[string]map[string]bool{} // plan, day, user of Signed Up
	for _, e := range evs {
		if e.event == "Signed Up" {
			if plans[e.plan()] == nil {
				plans[e.plan()] = map[string]map[string]bool{}
			}
			if plans[e.plan()][e.day] == nil {
				plans[e.plan()][e.day] = map[string]bool{}
			}
			plans[e.plan()][e.day][e.user] = true
		}
		if users[e.event] == nil {
			users[e.event], revenue[e.event] = map[string]map[string]bool{}, map[string]float64{}
		}
		if users[e.event][e.day] == nil {
			users[e.event][e.day] = map[string]bool{}
		}
		users[e.event][e.day][e.user] = true
		revenue[e.event][e.day] += e.revenue
	}
	for _, plan := range []string{"free", "pro"} {
		got := copyCSV(t, filepath.Join(dir, "public", "plans", plan))
		for day, us := range plans[plan] {
			if v := got[day]; v != float64(len(us)) {
				t.Errorf("plans/%s/ on %s: %v unique users, the events hold %d", plan, day, v, len(us))
			}
		}
	}
	names := make([]string, 0, len(users))
	for name := range users {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		slug := strings.ReplaceAll(strings.ToLower(name), " ", "-")
		got := copyCSV(t, filepath.Join(dir, "public", "users", slug))
		for day, us := range users[name] {
			if v := got[day]; v != float64(len(us)) {
				t.Errorf("users/%s/ on %s: %v unique users, the events hold %d", slug, day, v, len(us))
			}
		}
		got = copyCSV(t, filepath.Join(dir, "public", "revenue", slug))
		for day, sum := range revenue[name] {
			if v := got[day]; math.Abs(v-sum) > 1e-9 {
				t.Errorf("revenue/%s/ on %s: %v revenue, the events hold %v", slug, day, v, sum)
			}
		}
	}
}

// copyCSV reads the one chart's CSV of the page in dir: value by day.
func copyCSV(t *testing.T, dir string) map[string]float64 {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) != 1 {
		t.Fatalf("%s: %d chart CSV files, want 1", dir, len(files))
	}
	f, err := os.Open(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, row := range rows[1:] {
		v, err := strconv.ParseFloat(row[1], 64)
		if err != nil {
			t.Fatalf("%s: row %v: %v", files[0], row, err)
		}
		out[row[0][:10]] = v
	}
	return out
}

// TestRollupsAnyEvent: `event: "*"` under rollups: keeps its measure for
// every event name, so that `dashsmith query` answers any event's with no
// dashboard asking for it, an event first seen in a later file included.
func TestRollupsAnyEvent(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"dashsmith.yaml": "title: Any\ntimezone: UTC\nstore: bolt:.dashsmith/rollup.db\nevents: ./events\n" +
			"rollups:\n  - {event: \"*\", measures: [unique(userId)]}\n",
	})
	evs := wildEvents([]string{"Signed Up", "Order Completed"}, 30, 9)
	writeWildEvents(t, dir, "a.json", evs, 0)
	mustRun(t, dir, binDashsmith, "ingest")
	later := wildEvents([]string{"Refunded"}, 10, 4)
	writeWildEvents(t, dir, "b.json", later, len(evs))
	mustRun(t, dir, binDashsmith, "ingest")
	evs = append(evs, later...)
	for _, name := range []string{"Signed Up", "Order Completed", "Refunded"} {
		out := mustRun(t, dir, binDashsmith, "query", "--event", name, "--measure", "unique(userId)", "--every", "day",
			"--from", "2026-11-01", "--to", "2026-11-05", "--format", "csv")
		users := map[string]map[string]bool{}
		for _, e := range evs {
			if e.event == name {
				if users[e.day] == nil {
					users[e.day] = map[string]bool{}
				}
				users[e.day][e.user] = true
			}
		}
		rows := strings.Split(strings.TrimSpace(out), "\n")[1:]
		if len(rows) != 4 {
			t.Fatalf("%s: %d rows, want 4:\n%s", name, len(rows), out)
		}
		for _, row := range rows {
			day, v, _ := strings.Cut(row, ",")
			if want := strconv.Itoa(len(users[day[:10]])); v != want {
				t.Errorf("%s on %s: query says %s unique users, the events hold %s", name, day[:10], v, want)
			}
		}
	}
	// Without the declaration, another measure is still an error.
	if r := runBin(t, dir, binDashsmith, "query", "--event", "Refunded", "--measure", "sum(revenue)", "--from", "2026-11-01", "--to", "2026-11-05"); r.code == exitOK {
		t.Errorf("query of a rollup never declared: exit 0\n%s", r.stdout)
	}
}

// TestTemplateRollupsBeforeIngest: a template added to a site whose
// store has events but not the rollup its copies read is told to run
// ingest, which builds it, not to declare it; ingest then does.
func TestTemplateRollupsBeforeIngest(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"dashsmith.yaml": wildcardSite["dashsmith.yaml"]})
	evs := wildEvents([]string{"Signed Up"}, 10, 3)
	writeWildEvents(t, dir, "a.json", evs, 0)
	mustRun(t, dir, binDashsmith, "ingest")
	writeFiles(t, dir, map[string]string{"content/users.md": wildcardSite["content/users.md"]})
	r := runBin(t, dir, binDashsmith, "check")
	want := `content/users.md:5: query "users" ($each = "Signed Up"): its rollup has not been built yet: the template asks for it, and dashsmith ingest builds it for every event from the event files: run dashsmith ingest` + "\n"
	if r.code != exitUser || !strings.HasPrefix(r.stderr, want) {
		t.Fatalf("check before ingest: exit %d\nstderr:\n%s\nwant first:\n%s", r.code, r.stderr, want)
	}
	mustRun(t, dir, binDashsmith, "ingest")
	mustRun(t, dir, binDashsmith, "check")
}
