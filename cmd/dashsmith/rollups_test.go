package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build/storetest"
	bolt "go.etcd.io/bbolt"
)

// rollupsPage asks for one breakdown (its query's name at line 4).
const rollupsPage = `---
title: Sales
queries:
  byplan:
    event: Order Completed
    measure: sum(revenue)
    by: plan
    range: 2026-11-25..2026-11-26
---
` + "```chart\ntype: bar\nquery: byplan\n```\n"

// TestRollups lists what the store keeps and who asks for it; --drop
// forgets one, a query of it is then an error, and the next ingest
// declares it again (the dashboard still asks) and gives the same answer.
func TestRollups(t *testing.T) {
	dir := samplesDir(t)
	writeFiles(t, dir, map[string]string{
		"dashsmith.yaml": "store: bolt:rollup.db\nevents: ./events\nrollups:\n" +
			"  - {event: Order Completed, measures: [unique(userId)]}\n  - {event: Signed Up, measures: [count], by: [plan]}\n",
		"content/sales.md": rollupsPage,
	})
	if r := runBin(t, dir, binDashsmith, "ingest"); r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	r := runBin(t, dir, binDashsmith, "rollups")
	want := `rollup,state,asked_by
count,kept,every event's hourly count (never dropped)
"""Order Completed"" sum(revenue) by ""plan""",kept,"content/sales.md:4 query ""byplan"""
"""Order Completed"" unique(userId)",kept,rollups: in dashsmith.yaml
"""Signed Up"" count by ""plan""",kept,rollups: in dashsmith.yaml
`
	if r.code != 0 || r.stdout != want {
		t.Fatalf("rollups: exit %d\n%s\nstderr %s\nwant:\n%s", r.code, r.stdout, r.stderr, want)
	}

	query := []string{"query", "--event", "Order Completed", "--measure", "sum(revenue)", "--by", "plan", "--every", "day", "--from", "2026-11-25", "--to", "2026-11-26"}
	before := runBin(t, dir, binDashsmith, query...)
	if before.code != 0 || !strings.Contains(before.stdout, "pro") {
		t.Fatalf("query before the drop: exit %d\n%s%s", before.code, before.stdout, before.stderr)
	}

	r = runBin(t, dir, binDashsmith, "rollups", "--drop", `"Order Completed" sum(revenue) by "plan"`)
	if r.code != 0 || !strings.Contains(r.stdout, `rollups: dropped "Order Completed" sum(revenue) by "plan"`) ||
		!strings.Contains(r.stdout, `still asked for by content/sales.md:4 query "byplan": the next dashsmith ingest declares it again`) {
		t.Fatalf("drop: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runBin(t, dir, binDashsmith, query...); r.code != 1 || !strings.Contains(r.stderr, "has not been built") {
		t.Errorf("query after the drop: exit %d\n%s%s\nwant exit 1, not built", r.code, r.stdout, r.stderr)
	}
	if r := runBin(t, dir, binDashsmith, "rollups"); !strings.Contains(r.stdout, `"""Order Completed"" sum(revenue) by ""plan""",not built,"content/sales.md:4 query ""byplan"""`) {
		t.Errorf("rollups after the drop:\n%s", r.stdout)
	}

	r = runBin(t, dir, binDashsmith, "ingest")
	if r.code != 0 || !strings.Contains(r.stdout, "1 read again for new rollups") {
		t.Fatalf("ingest after the drop: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if after := runBin(t, dir, binDashsmith, query...); after.code != 0 || after.stdout != before.stdout {
		t.Errorf("query after the drop and an ingest:\n%s\nwant as before:\n%s", after.stdout, before.stdout)
	}

	for _, bad := range []struct{ id, want string }{
		{`"Order Completed" sum(revenue) by "plna"`, `--drop "\"Order Completed\" sum(revenue) by \"plna\"": the store keeps no such rollup (did you mean "\"Order Completed\" sum(revenue) by \"plan\""?)`},
		{"count", `--drop "count": that is read from the base counts, which every query needs: it cannot be dropped`},
		{"nonsense", `--drop "nonsense": the store keeps no such rollup (dashsmith rollups lists them)`},
	} {
		if r := runBin(t, dir, binDashsmith, "rollups", "--drop", bad.id); r.code != 2 || !strings.Contains(r.stderr, bad.want) {
			t.Errorf("drop %s: exit %d\n%s\nwant exit 2 and %s", bad.id, r.code, r.stderr, bad.want)
		}
	}
}

// TestIngestReset: ingest --reset empties the store before it ingests,
// so that a site moving from the sample events to its own keeps nothing
// of the samples.
func TestIngestReset(t *testing.T) {
	dir := samplesDir(t)
	writeFiles(t, dir, map[string]string{
		"dashsmith.yaml": "store: bolt:rollup.db\nevents: ./events\n",
		"own/a.ndjson":   `{"type":"track","event":"Own Event","timestamp":"2026-11-25T10:00:00Z","messageId":"m1","userId":"u1"}` + "\n",
	})
	if r := runBin(t, dir, binDashsmith, "ingest"); r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	if r := runBin(t, dir, binDashsmith, "events"); !strings.Contains(r.stdout, "Order Completed") {
		t.Fatalf("events after the samples:\n%s", r.stdout)
	}
	r := runBin(t, dir, binDashsmith, "ingest", "--reset", "--from", "own")
	if r.code != 0 || !strings.Contains(r.stdout, "1 events accepted") || !strings.Contains(r.stderr, "emptied bolt:rollup.db") {
		t.Fatalf("ingest --reset: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runBin(t, dir, binDashsmith, "events"); r.stdout != "event,total,first,last,properties\nOwn Event,1,2026-11-25T10:00:00Z,2026-11-25T10:00:00Z,\n" {
		t.Errorf("events after ingest --reset:\n%s\nwant only the new file's", r.stdout)
	}
}

// TestResetStore_NotInPlace: a store that cannot be emptied in place
// (DynamoDB) is refused with what to do instead, before anything is read.
func TestResetStore_NotInPlace(t *testing.T) {
	var out strings.Builder
	err := resetStore(context.Background(), &env{stdout: &out, stderr: &out}, storetest.NewMemory(), "dynamodb://metrics")
	if err == nil || !strings.Contains(err.Error(), "--reset empties a bolt: store; dynamodb://metrics cannot be emptied in place: delete the table") {
		t.Errorf("reset of a store that cannot: %v", err)
	}
}

// TestRollups_DropPattern: dropping a rollup of every event (event "*")
// drops what it kept for each event too, so no cell of it is left, and
// declared again it gives the same answers.
func TestRollups_DropPattern(t *testing.T) {
	dir := samplesDir(t)
	writeFiles(t, dir, map[string]string{
		"dashsmith.yaml": "store: bolt:rollup.db\nevents: ./events\nrollups:\n  - {event: \"*\", measures: [unique(userId)]}\n",
	})
	if r := runBin(t, dir, binDashsmith, "ingest"); r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	query := []string{"query", "--event", "Order Completed", "--measure", "unique(userId)", "--every", "day", "--from", "2026-11-25", "--to", "2026-11-26"}
	before := runBin(t, dir, binDashsmith, query...)
	if before.code != 0 {
		t.Fatalf("query: exit %d\n%s", before.code, before.stderr)
	}
	if n := uniqueCells(t, dir); n == 0 {
		t.Fatal("the pattern kept no unique cells")
	}
	r := runBin(t, dir, binDashsmith, "rollups", "--drop", `"*" unique(userId)`)
	if r.code != 0 || !strings.Contains(r.stdout, `rollups: dropped "*" unique(userId)`) || !strings.Contains(r.stdout, "still asked for by rollups: in dashsmith.yaml") {
		t.Fatalf("drop: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if n := uniqueCells(t, dir); n != 0 {
		t.Errorf("%d unique cells left after the pattern was dropped", n)
	}
	if r := runBin(t, dir, binDashsmith, "ingest"); r.code != 0 {
		t.Fatalf("ingest again: exit %d\n%s", r.code, r.stderr)
	}
	if after := runBin(t, dir, binDashsmith, query...); after.stdout != before.stdout {
		t.Errorf("after the drop and an ingest:\n%s\nwant:\n%s", after.stdout, before.stdout)
	}
}

// uniqueCells counts the cells of the unique bucket of dir's bolt store.
func uniqueCells(t *testing.T, dir string) int {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dir, "rollup.db"), 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n := 0
	if err := db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket([]byte("unique")); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return n
}
