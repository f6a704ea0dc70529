package build

import (
	"testing"
	"time"
)

func TestQuerySpec_Resolve(t *testing.T) {
	now := time.Date(2026, 11, 25, 15, 30, 0, 0, time.UTC)
	t.Run("OK", func(t *testing.T) {
		q, err := QuerySpec{Event: "Signed Up", Every: "day", Range: "last 7 days", By: "plan", Filter: "pro",
			Compare: " Previous  Year ", Timezone: "Asia/Tokyo"}.Resolve("pro", now, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if q.Compare != PreviousYear || q.Filter != "pro" || q.Top != 0 || q.Loc.String() != "Asia/Tokyo" {
			t.Fatalf("%+v", q)
		}
		if got := q.From.Format(time.RFC3339); got != "2026-11-20T00:00:00+09:00" {
			t.Fatalf("from %s: not cut in the query's own zone", got)
		}
	})
	t.Run("TopWithoutFilter", func(t *testing.T) {
		q, err := QuerySpec{Event: "Signed Up", By: "plan"}.Resolve("p", now, time.UTC)
		if err != nil || q.Top != DefaultTop || q.Compare != "" {
			t.Fatalf("%+v %v", q, err)
		}
	})
	for _, tc := range []struct {
		name string
		qs   QuerySpec
		want string
	}{
		{"FilterWithoutBy", QuerySpec{Event: "e", Filter: "pro"}, `query "q": filter "pro" keeps one value of a breakdown: add ` + "`by: <property>`"},
		{"BadCompare", QuerySpec{Event: "e", Range: "last 7 days", Compare: "last week"}, `query "q": compare "last week": use previous period or previous year`},
		{"CompareWithoutRange", QuerySpec{Event: "e", Compare: "previous period"}, `query "q": compare previous period needs a range to shift: add e.g. ` + "`range: last 30 days`"},
		{"BadTimezone", QuerySpec{Event: "e", Timezone: "Mars/Olympus"}, `query "q": timezone "Mars/Olympus": not an IANA zone name such as America/New_York or UTC`},
		{"LocalTimezone", QuerySpec{Event: "e", Timezone: "Local"}, `query "q": timezone "Local": not an IANA zone name such as America/New_York or UTC`},
		{"BadTop", QuerySpec{Event: "e", By: "plan", Top: 101}, `query "q": top 101: use 1 to 100`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.qs.Resolve("q", now, time.UTC)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got\n%v\nwant\n%s", err, tc.want)
			}
		})
	}
}

func TestQuerySpec_ResolveMaxBuckets(t *testing.T) {
	now := time.Date(2026, 11, 25, 15, 30, 0, 0, time.UTC)
	_, err := QuerySpec{Event: "Order Completed", Every: "hour", Range: "last 1000 months"}.Resolve("orders", now, time.UTC)
	want := `query "orders": range "last 1000 months" every hour is 730,512 buckets; at most 10,000: use a shorter range or a coarser every (day, week, month)`
	if err == nil || err.Error() != want {
		t.Fatalf("got\n%v\nwant\n%s", err, want)
	}
	q, err := QuerySpec{Event: "Order Completed", Every: "hour", Range: "this year"}.Resolve("orders", now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if n := Buckets(q.From, q.To, q.Every, q.Loc); n != 8760 {
		t.Fatalf("this year every hour: %d buckets", n)
	}
}
