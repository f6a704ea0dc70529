package charts

import (
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// resolved is a query over rng every every, as of now in loc, with one
// point per bucket.
func resolved(t *testing.T, rng string, every build.Interval, now time.Time, loc *time.Location) *build.Result {
	t.Helper()
	from, to, err := build.ParseRange(rng, every, now, loc)
	if err != nil {
		t.Fatal(err)
	}
	r := &build.Result{Query: build.Query{Event: "Order Completed", Every: every, From: from, To: to, Loc: loc}}
	for at := from; at.Before(to); at = build.Next(at, every, loc) {
		r.Points = append(r.Points, build.Point{Time: at, Value: 1})
	}
	return r
}

func TestSpanEndsAtNow(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	// Friday 2026-12-04, 14:30 in New York.
	now := time.Date(2026, 12, 4, 14, 30, 0, 0, ny)
	for _, tc := range []struct {
		rng         string
		every       build.Interval
		first, last string
	}{
		// The last week runs to Sunday 2026-12-06: labelled up to today.
		{"last 4 weeks", build.Weekly, "2026-11-09", "2026-12-04"},
		// The month's last day bucket is 2026-12-31.
		{"this month", build.Daily, "2026-12-01", "2026-12-04"},
		{"this year", build.Monthly, "2026-01-01", "2026-12-04"},
		{"last 30 days", build.Daily, "2026-11-05", "2026-12-04"},
		{"today", build.Hourly, "2026-12-04 00:00", "2026-12-04 14:00"},
		// Ranges that ended are labelled to their last day.
		{"last week", build.Daily, "2026-11-23", "2026-11-29"},
		{"last month", build.Daily, "2026-11-01", "2026-11-30"},
		// Its weeks run to Sunday 2026-12-06, after now.
		{"last month", build.Weekly, "2026-10-26", "2026-12-04"},
		{"2026-10-01..2026-11-01", build.Monthly, "2026-10-01", "2026-10-31"},
		{"yesterday", build.Hourly, "2026-12-03 00:00", "2026-12-03 23:00"},
	} {
		r := resolved(t, tc.rng, tc.every, now, ny)
		first, last, ok := span(r, completeness{now: now})
		if !ok || first != tc.first || last != tc.last {
			t.Errorf("%s every %s: %s to %s, want %s to %s", tc.rng, tc.every, first, last, tc.first, tc.last)
		}
		if l := strings.Fields(last)[0]; l > now.Format("2006-01-02") {
			t.Errorf("%s every %s: the label ends on %s, after now", tc.rng, tc.every, l)
		}
	}
}

func TestPeriodLabel(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, ny) }
	for _, tc := range []struct {
		q    build.Query
		want string
	}{
		{build.Query{Every: build.Daily, From: day(2026, 10, 6), To: day(2026, 11, 3), Loc: ny}, "Oct 6 – Nov 2"},
		{build.Query{Every: build.Weekly, From: day(2025, 12, 29), To: day(2026, 1, 26), Loc: ny}, "Dec 29, 2025 – Jan 25, 2026"},
		{build.Query{Every: build.Monthly, From: day(2026, 1, 1), To: day(2026, 4, 1), Loc: ny}, "Jan 1 – Mar 31"},
		{build.Query{Every: build.Hourly, From: day(2026, 11, 3).Add(9 * time.Hour), To: day(2026, 11, 4).Add(9 * time.Hour), Loc: ny}, "Nov 3 09:00 – Nov 4 08:00"},
		{build.Query{Every: build.Daily, From: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)}, "Mar 2 – Mar 2"},
	} {
		if got := periodLabel(tc.q); got != tc.want {
			t.Errorf("%s %s..%s: %q, want %q", tc.q.Every, tc.q.From, tc.q.To, got, tc.want)
		}
	}
}

// The table's comparison column names the dates it shows, those of the
// comparison period, not the current one.
func TestPreviousColumnNamesItsDates(t *testing.T) {
	now := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	r := resolved(t, "last 28 days", build.Daily, now, time.UTC)
	r.Query.Compare = build.PreviousPeriod
	r.Previous = resolved(t, "2026-09-08..2026-10-06", build.Daily, now, time.UTC)
	g := seriesGrid(spec{Type: "table", Format: "number"}, r, completeness{partial: 28, future: 28, now: now})
	if got, want := g.head[len(g.head)-1], "Previous period (Sep 8 – Oct 5)"; got != want {
		t.Errorf("the comparison column is %q, want %q", got, want)
	}
	if got, want := g.head[1], "Count"; got != want {
		t.Errorf("the value column is %q, want %q", got, want)
	}
}
