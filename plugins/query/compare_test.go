package query

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

func TestPrevious(t *testing.T) {
	nyc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		qs       build.QuerySpec
		loc      *time.Location
		from, to string
	}{
		{"Days", build.QuerySpec{Range: "last 7 days"}, time.UTC, "2026-02-19T00:00:00Z", "2026-02-26T00:00:00Z"},
		{"Today", build.QuerySpec{Range: "today", Every: "hour"}, time.UTC, "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z"},
		{"Weeks", build.QuerySpec{Range: "last 2 weeks", Every: "week"}, time.UTC, "2026-02-09T00:00:00Z", "2026-02-23T00:00:00Z"},
		{"Months", build.QuerySpec{Range: "last 3 months", Every: "month"}, time.UTC, "2025-10-01T00:00:00Z", "2026-01-01T00:00:00Z"},
		// DST starts in New York on 2026-03-08: the days stay whole.
		{"DaysAcrossDST", build.QuerySpec{Range: "2026-03-08..2026-03-10"}, nyc, "2026-03-06T00:00:00-05:00", "2026-03-08T00:00:00-05:00"},
		{"YearDays", build.QuerySpec{Range: "last 7 days", Compare: "previous year"}, time.UTC, "2025-02-26T00:00:00Z", "2025-03-05T00:00:00Z"},
		{"YearLeapDay", build.QuerySpec{Range: "2028-02-28..2028-03-02", Compare: "previous year"}, time.UTC, "2027-02-28T00:00:00Z", "2027-03-03T00:00:00Z"},
		{"YearWeeks", build.QuerySpec{Range: "last 2 weeks", Every: "week", Compare: "previous year"}, time.UTC, "2025-02-24T00:00:00Z", "2025-03-10T00:00:00Z"},
		{"YearHours", build.QuerySpec{Range: "today", Every: "hour", Compare: "previous year"}, nyc, "2025-03-04T05:00:00Z", "2025-03-05T05:00:00Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.qs.Event = "e"
			if tc.qs.Compare == "" {
				tc.qs.Compare = "previous period"
			}
			q, err := tc.qs.Resolve("q", now, tc.loc)
			if err != nil {
				t.Fatal(err)
			}
			p := Previous(q)
			if f, to := p.From.Format(time.RFC3339), p.To.Format(time.RFC3339); f != tc.from || to != tc.to {
				t.Fatalf("previous of %s..%s is %s..%s, want %s..%s", q.From, q.To, f, to, tc.from, tc.to)
			}
			if p.Compare != "" || p.Name != "q" {
				t.Fatalf("%+v", p)
			}
			if a, b := len(build.Fill(q, nil).Points), len(build.Fill(p, nil).Points); a != b {
				t.Fatalf("%d buckets, previous has %d", a, b)
			}
		})
	}
}

func TestQuery_Compare(t *testing.T) {
	// 5 orders in the first hour of the previous period; the latest
	// event an hour before now's.
	st := holding(t, map[build.EventHour]int64{
		{Event: "Order Completed", Hour: build.HourOf(time.Date(2026, 2, 19, 0, 0, 0, 0, time.UTC))}: 5,
		{Event: "b", Hour: build.HourOf(now) - 1}:                                                    1,
	}, build.Rollup{Event: "Order Completed", Measure: build.CountMeasure, By: "plan"})
	p := dash("a.md", nil, map[string]build.QuerySpec{
		"orders": {Event: "Order Completed", Range: "last 7 days", Compare: "previous period"},
		"plain":  {Event: "Order Completed", Range: "last 7 days"},
		"pro":    {Event: "Order Completed", Range: "last 7 days", By: "plan", Filter: "pro"},
		"tokyo":  {Event: "Order Completed", Range: "last 7 days", Timezone: "Asia/Tokyo"},
	})
	s := &build.Site{Pages: []*build.Page{p}, Store: st, Now: now}
	if err := New().Run(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	want := "2026-02-26 ,2026-02-19 ,2026-02-26 pro,2026-02-27 " // Tokyo is past midnight
	var asked []string
	for _, q := range st.asked {
		asked = append(asked, q.From.Format("2006-01-02")+" "+q.Filter)
	}
	if got := join(asked); got != want {
		t.Fatalf("store asked for %s, want %s", got, want)
	}
	o := p.Data["orders"]
	if o.Previous == nil || o.Previous.Query.From.Format("2006-01-02") != "2026-02-19" || o.Previous.Total != 5 {
		t.Fatalf("previous %+v", o.Previous)
	}
	if p.Data["plain"].Previous != nil || p.Data["plain"].Query.Name != "plain" {
		t.Fatalf("plain %+v: the cached result was changed", p.Data["plain"])
	}
	if got := s.Through.Format(time.RFC3339); got != "2026-03-04T15:00:00Z" {
		t.Fatalf("through %s, want the end of the latest hour seen", got)
	}
	t.Run("ThroughCapped", func(t *testing.T) {
		late := holding(t, map[build.EventHour]int64{{Event: "late", Hour: build.HourOf(now)}: 1})
		got, err := Through(context.Background(), late, now)
		if err != nil || !got.Equal(now) {
			t.Fatalf("%v %v, want now", got, err)
		}
		if got, _ := Through(context.Background(), storetest.NewMemory(), now); !got.IsZero() {
			t.Fatalf("through %v for an empty store", got)
		}
	})
	t.Run("EventsFail", func(t *testing.T) {
		err := New().Run(context.Background(), &build.Site{Store: failingEvents{st}, Now: now})
		if err == nil || err.Error() != "store: list events: disk on fire" {
			t.Fatalf("got %v", err)
		}
	})
}

// failingEvents is a store whose Events fails.
type failingEvents struct{ *recorder }

func (failingEvents) Events(context.Context) ([]build.EventInfo, error) {
	return nil, errors.New("disk on fire")
}

func join(list []string) string {
	out := ""
	for i, s := range list {
		if i > 0 {
			out += ","
		}
		out += s
	}
	return out
}
