package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func testQueryZeros(t *testing.T, st build.Store) {
	ny := zone(t, "America/New_York")
	want(t, query(t, st, "Nothing", build.Hourly, "2026-11-01T04:00:00Z", "2026-11-01T07:00:00Z", ny),
		zeros("2026-11-01T04:00:00Z", 3)...)
	want(t, query(t, st, "Nothing", build.Daily, "2026-10-30T00:00:00-04:00", "2026-11-03T00:00:00-05:00", ny),
		pt{"2026-10-30T00:00:00-04:00", 0}, pt{"2026-10-31T00:00:00-04:00", 0},
		pt{"2026-11-01T00:00:00-04:00", 0}, pt{"2026-11-02T00:00:00-05:00", 0})
}

func testQueryHourly(t *testing.T, st build.Store) {
	// Hour buckets are UTC whatever the zone; From is inclusive, To is not.
	ny := zone(t, "America/New_York")
	apply(t, st, newBatch("h.gz",
		count{"Signed Up", hour("2026-11-01T03:00:00Z"), 1},
		count{"Signed Up", hour("2026-11-01T04:00:00Z"), 2},
		count{"Signed Up", hour("2026-11-01T05:00:00Z"), 3},
		count{"Signed Up", hour("2026-11-01T06:00:00Z"), 4},
		count{"Signed Up", hour("2026-11-01T07:00:00Z"), 5},
		count{"Signed Up", hour("2026-11-01T08:00:00Z"), 6}))
	want(t, query(t, st, "Signed Up", build.Hourly, "2026-11-01T00:00:00-04:00", "2026-11-01T03:00:00-05:00", ny),
		pt{"2026-11-01T04:00:00Z", 2}, pt{"2026-11-01T05:00:00Z", 3},
		pt{"2026-11-01T06:00:00Z", 4}, pt{"2026-11-01T07:00:00Z", 5})
}

func testQueryDayBuckets(t *testing.T, st build.Store) {
	// New York leaves daylight time on 2026-11-01 (a 25-hour day) and
	// enters it on 2026-03-08 (a 23-hour day).
	ny := zone(t, "America/New_York")
	cs := dense("Tick", "2026-10-30T00:00:00Z", "2026-11-04T00:00:00Z", 1)
	cs = append(cs, dense("Tick", "2026-03-07T00:00:00Z", "2026-03-11T00:00:00Z", 1)...)
	cs = append(cs,
		count{"Edge", hour("2026-11-01T03:00:00Z"), 1},      // Oct 31 23:00 EDT
		count{"Edge", hour("2026-11-01T04:00:00Z"), 10},     // Nov 1 00:00 EDT
		count{"Edge", hour("2026-11-01T05:00:00Z"), 100},    // 01:00 EDT
		count{"Edge", hour("2026-11-01T06:00:00Z"), 1000},   // 01:00 EST, the hour again
		count{"Edge", hour("2026-11-02T04:00:00Z"), 10000},  // Nov 1 23:00 EST
		count{"Edge", hour("2026-11-02T05:00:00Z"), 100000}, // Nov 2 00:00 EST
	)
	apply(t, st, newBatch("days.gz", cs...))
	want(t, query(t, st, "Tick", build.Daily, "2026-10-31T00:00:00-04:00", "2026-11-03T00:00:00-05:00", ny),
		pt{"2026-10-31T00:00:00-04:00", 24}, pt{"2026-11-01T00:00:00-04:00", 25}, pt{"2026-11-02T00:00:00-05:00", 24})
	want(t, query(t, st, "Edge", build.Daily, "2026-10-31T00:00:00-04:00", "2026-11-03T00:00:00-05:00", ny),
		pt{"2026-10-31T00:00:00-04:00", 1}, pt{"2026-11-01T00:00:00-04:00", 11110}, pt{"2026-11-02T00:00:00-05:00", 100000})
	want(t, query(t, st, "Tick", build.Daily, "2026-03-07T00:00:00-05:00", "2026-03-10T00:00:00-04:00", ny),
		pt{"2026-03-07T00:00:00-05:00", 24}, pt{"2026-03-08T00:00:00-05:00", 23}, pt{"2026-03-09T00:00:00-04:00", 24})
	// The same counters cut in UTC (a nil Loc).
	want(t, query(t, st, "Edge", build.Daily, "2026-11-01T00:00:00Z", "2026-11-03T00:00:00Z", nil),
		pt{"2026-11-01T00:00:00Z", 1111}, pt{"2026-11-02T00:00:00Z", 110000})
}

func testQueryWeekMonth(t *testing.T, st build.Store) {
	// Weeks start on Monday in the site's zone; months at the 1st.
	ny := zone(t, "America/New_York")
	cs := dense("Tick", "2026-10-25T00:00:00Z", "2026-11-10T00:00:00Z", 1)
	cs = append(cs,
		count{"Edge", hour("2026-10-01T03:00:00Z"), 100000}, // Sep 30 23:00 EDT
		count{"Edge", hour("2026-10-01T04:00:00Z"), 1},      // Oct 1 00:00 EDT
		count{"Edge", hour("2026-11-01T03:00:00Z"), 10},     // Oct 31 23:00 EDT
		count{"Edge", hour("2026-11-01T04:00:00Z"), 100},    // Nov 1 00:00 EDT
		count{"Edge", hour("2026-12-01T04:00:00Z"), 1000},   // Nov 30 23:00 EST
		count{"Edge", hour("2026-12-01T05:00:00Z"), 10000},  // Dec 1 00:00 EST
	)
	apply(t, st, newBatch("weeks.gz", cs...))
	want(t, query(t, st, "Tick", build.Weekly, "2026-10-26T00:00:00-04:00", "2026-11-09T00:00:00-05:00", ny),
		pt{"2026-10-26T00:00:00-04:00", 169}, pt{"2026-11-02T00:00:00-05:00", 168})
	want(t, query(t, st, "Edge", build.Monthly, "2026-10-01T00:00:00-04:00", "2026-12-01T00:00:00-05:00", ny),
		pt{"2026-10-01T00:00:00-04:00", 11}, pt{"2026-11-01T00:00:00-04:00", 1100})
	want(t, query(t, st, "Tick", build.Monthly, "2026-10-01T00:00:00-04:00", "2026-12-01T00:00:00-05:00", ny),
		pt{"2026-10-01T00:00:00-04:00", 172}, pt{"2026-11-01T00:00:00-04:00", 212})
}

func testQueryHalfHourZone(t *testing.T, st build.Store) {
	// In India days start at 18:30 UTC: the UTC hour 18:00 belongs to the
	// day it starts in, so a range's last bucket needs the hour that
	// straddles its end.
	ist := zone(t, "Asia/Kolkata")
	apply(t, st, newBatch("ist.gz",
		count{"Edge", hour("2026-01-09T18:00:00Z"), 1},      // Jan 9 23:30 IST
		count{"Edge", hour("2026-01-09T19:00:00Z"), 10},     // Jan 10 00:30
		count{"Edge", hour("2026-01-10T18:00:00Z"), 100},    // Jan 10 23:30
		count{"Edge", hour("2026-01-10T19:00:00Z"), 1000},   // Jan 11 00:30
		count{"Edge", hour("2026-01-11T18:00:00Z"), 10000},  // Jan 11 23:30
		count{"Edge", hour("2026-01-11T19:00:00Z"), 100000}, // Jan 12 00:30
	))
	want(t, query(t, st, "Edge", build.Daily, "2026-01-10T00:00:00+05:30", "2026-01-12T00:00:00+05:30", ist),
		pt{"2026-01-10T00:00:00+05:30", 110}, pt{"2026-01-11T00:00:00+05:30", 11000})
}

func testQueryBefore1970(t *testing.T, st build.Store) {
	// Device clocks send 1969 and 1970; negative hours are hours too.
	apply(t, st, newBatch("epoch.gz",
		count{"Old", hour("1969-12-31T22:00:00Z"), 1},
		count{"Old", hour("1969-12-31T23:00:00Z"), 2},
		count{"Old", hour("1970-01-01T00:00:00Z"), 4},
		count{"Old", hour("1970-01-01T01:00:00Z"), 8}))
	want(t, query(t, st, "Old", build.Hourly, "1969-12-31T21:00:00Z", "1970-01-01T03:00:00Z", nil),
		pt{"1969-12-31T21:00:00Z", 0}, pt{"1969-12-31T22:00:00Z", 1}, pt{"1969-12-31T23:00:00Z", 2},
		pt{"1970-01-01T00:00:00Z", 4}, pt{"1970-01-01T01:00:00Z", 8}, pt{"1970-01-01T02:00:00Z", 0})
	want(t, query(t, st, "Old", build.Hourly, "1969-12-31T23:00:00Z", "1970-01-01T01:00:00Z", nil),
		pt{"1969-12-31T23:00:00Z", 2}, pt{"1970-01-01T00:00:00Z", 4})
	want(t, query(t, st, "Old", build.Hourly, "1969-12-31T22:00:00Z", "1970-01-01T00:00:00Z", nil),
		pt{"1969-12-31T22:00:00Z", 1}, pt{"1969-12-31T23:00:00Z", 2})
	wantEvents(t, st, build.EventInfo{Event: "Old", Total: 15, First: hour("1969-12-31T22:00:00Z"), Last: hour("1970-01-01T01:00:00Z")})
}

func testUnknownEvent(t *testing.T, st build.Store) {
	// Names that share a prefix with a known one are other events.
	h := hour(day)
	apply(t, st, newBatch("known.gz", count{"Order Completed", h, 7}, count{"Order Completed", h + 1, 9}))
	for _, e := range []string{"Order", "Order Completed 2", "order completed", "Order Complete", "Signed Up"} {
		want(t, query(t, st, e, build.Hourly, day, "2026-05-01T03:00:00Z", nil), zeros(day, 3)...)
	}
	want(t, query(t, st, "Order Completed", build.Hourly, day, "2026-05-01T03:00:00Z", nil),
		pt{"2026-05-01T00:00:00Z", 7}, pt{"2026-05-01T01:00:00Z", 9}, pt{"2026-05-01T02:00:00Z", 0})
}

func testUnknownMeasure(t *testing.T, st build.Store) {
	q := build.Query{Event: "A", Measure: build.Measure{Kind: "bogus", Prop: "x"}, Every: build.Daily, From: at(day), To: at("2026-05-02T00:00:00Z")}
	r, err := st.Query(context.Background(), q)
	if err == nil {
		t.Fatalf("Query with measure %q = %v, nil; want an error", q.Measure, r)
	}
	if !strings.Contains(err.Error(), "bogus(x)") {
		t.Errorf("the error for an unknown measure should name it: %v", err)
	}
}
