package storetest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// showHealth writes health records with their rejections sorted.
func showHealth(days []build.HealthDay) string {
	var b strings.Builder
	for _, d := range days {
		var rej []string
		for k, v := range d.Rejected {
			rej = append(rej, fmt.Sprintf("%s:%d", k, v))
		}
		sort.Strings(rej)
		fmt.Fprintf(&b, "\n  %s files=%d bytes=%d events=%d rejected=%v lag=%v/%v/%d",
			d.Day, d.Files, d.Bytes, d.Events, rej, d.LagSum, d.LagMax, d.LagN)
	}
	return b.String()
}

func wantHealth(t *testing.T, st build.Store, want string) {
	t.Helper()
	hr, ok := st.(build.HealthReader)
	if !ok {
		t.Skip("the store is not a build.HealthReader: it keeps no ingestion record")
	}
	got, err := hr.Health(context.Background())
	if err != nil {
		t.Fatalf("Health: %v", err)
	}
	wantString(t, "Health", showHealth(got), want)
}

func testHealth(t *testing.T, st build.Store) {
	h := hour(day)
	wantHealth(t, st, "") // an empty store has none
	h1 := newBatch("h1.gz", count{"Order Completed", h, 10})
	h1.Size, h1.Stats.Day = 1000, "2026-05-01"
	h1.Stats.Rejected = map[string]int64{"bad json": 2}
	h1.Stats.LagSum, h1.Stats.LagMax, h1.Stats.LagN = 30, 20, 10
	h2 := newBatch("h2.gz", count{"Order Completed", h + 1, 5})
	h2.Size, h2.Stats.Day = 500, "2026-05-01"
	h2.Stats.Reject("too big")
	h2.Stats.LagSum, h2.Stats.LagMax, h2.Stats.LagN = 5.5, 3, 5
	// No arrival day: the day of its earliest event.
	h3 := newBatch("h3.gz", count{"Order Completed", hour("2026-05-03T00:00:00Z"), 1}, count{"Order Completed", hour("2026-05-02T23:00:00Z"), 2})
	h3.Size = 200
	apply(t, st, h1)
	apply(t, st, h2)
	apply(t, st, h3)
	const want = "" +
		"\n  2026-05-01 files=2 bytes=1500 events=15 rejected=[bad json:2 too big:1] lag=35.5/20/15" +
		"\n  2026-05-02 files=1 bytes=200 events=3 rejected=[] lag=0/0/0"
	wantHealth(t, st, want)
	apply(t, st, h2) // again
	backfill := build.NewBatch("h1.gz", byPlan)
	backfill.Size, backfill.Stats = 1000, h1.Stats
	addCell(backfill, byPlan, "pro", h, 10, 0)
	apply(t, st, backfill) // a backfill reads the file again; it arrived once
	wantHealth(t, st, want)
}

func testProps(t *testing.T, st build.Store) {
	h := hour(day)
	p1 := newBatch("p1.gz", count{"Order Completed", h, 1}, count{"Signed Up", h, 1})
	p1.Props[build.EventProp{Event: "Order Completed", Path: "revenue"}] = true
	p1.Props[build.EventProp{Event: "Order Completed", Path: "plan"}] = true
	p1.Props[build.EventProp{Event: "Signed Up", Path: "context.os.name"}] = true
	p2 := newBatch("p2.gz", count{"Order Completed", h, 1})
	p2.Props[build.EventProp{Event: "Order Completed", Path: "currency"}] = true
	p2.Props[build.EventProp{Event: "Order Completed", Path: "revenue"}] = true
	p3 := build.NewBatch("p1.gz", byPlan) // a backfill: its paths were noted the first time
	p3.Props[build.EventProp{Event: "Order Completed", Path: "late"}] = true
	apply(t, st, p1)
	apply(t, st, p2)
	apply(t, st, p3)
	wantEvents(t, st,
		build.EventInfo{Event: "Order Completed", Total: 2, First: h, Last: h, Props: []string{"currency", "plan", "revenue"}},
		build.EventInfo{Event: "Signed Up", Total: 1, First: h, Last: h, Props: []string{"context.os.name"}})

	// At most build.MaxProps per event: the first file's 150 stay, the
	// second file's 100 fill the rest.
	many := func(id, prefix string, n int) *build.Batch {
		b := newBatch(id, count{"Many", h, 1})
		for i := range n {
			b.Props[build.EventProp{Event: "Many", Path: fmt.Sprintf("%s%03d", prefix, i)}] = true
		}
		return b
	}
	apply(t, st, many("m1.gz", "p", 150))
	apply(t, st, many("m2.gz", "q", 100))
	evs, err := st.Events(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if e.Event != "Many" {
			continue
		}
		if len(e.Props) != build.MaxProps || !sort.StringsAreSorted(e.Props) {
			t.Fatalf("Many has %d paths (sorted: %v), want %d sorted", len(e.Props), sort.StringsAreSorted(e.Props), build.MaxProps)
		}
		for i := range 150 {
			if e.Props[i] != fmt.Sprintf("p%03d", i) {
				t.Fatalf("Many's path %d = %q, want p%03d: the first file's paths stay", i, e.Props[i], i)
			}
		}
		for _, p := range e.Props[150:] {
			if !strings.HasPrefix(p, "q") {
				t.Fatalf("Many has path %q, not one it was given", p)
			}
		}
		return
	}
	t.Fatalf("Events has no Many: %v", showEvents(evs))
}
