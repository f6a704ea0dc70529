package build

import (
	"testing"
	"time"
)

func TestParseRange(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 15, 30, 0, 0, time.UTC) // a Wednesday
	cases := []struct {
		rng      string
		every    Interval
		loc      *time.Location
		from, to string
	}{
		{"last 48 hours", Hourly, time.UTC, "2026-11-23T16:00:00Z", "2026-11-25T16:00:00Z"},
		{"last 7 days", Daily, time.UTC, "2026-11-19T00:00:00Z", "2026-11-26T00:00:00Z"},
		{"last 7 days", Daily, ny, "2026-11-19T00:00:00-05:00", "2026-11-26T00:00:00-05:00"},
		{"LAST  2  weeks", Weekly, time.UTC, "2026-11-16T00:00:00Z", "2026-11-30T00:00:00Z"},
		{"last 3 months", Monthly, time.UTC, "2026-09-01T00:00:00Z", "2026-12-01T00:00:00Z"},
		{"today", Hourly, time.UTC, "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z"},
		{"yesterday", Daily, time.UTC, "2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z"},
		{"this week", Daily, time.UTC, "2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z"},
		{"last week", Daily, time.UTC, "2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z"},
		{"this month", Daily, time.UTC, "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"},
		{"last month", Daily, time.UTC, "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"},
		{"this year", Monthly, time.UTC, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"},
		{"last year", Monthly, time.UTC, "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"},
		{"2026-01-01..2026-02-01", Daily, time.UTC, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"},
		{"2026-01-01..2026-02-01", Weekly, time.UTC, "2025-12-29T00:00:00Z", "2026-02-02T00:00:00Z"},
		{"", Daily, time.UTC, "2026-10-27T00:00:00Z", "2026-11-26T00:00:00Z"},
		{"last 6 hours", Daily, time.UTC, "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z"},
		// DST ends in New York on 2026-11-01: that day is 25 hours long.
		{"2026-10-31..2026-11-03", Daily, ny, "2026-10-31T00:00:00-04:00", "2026-11-03T00:00:00-05:00"},
	}
	for _, c := range cases {
		t.Run(c.rng+"/"+string(c.every)+"/"+c.loc.String(), func(t *testing.T) {
			from, to, err := ParseRange(c.rng, c.every, now, c.loc)
			if err != nil {
				t.Fatal(err)
			}
			if got := from.Format(time.RFC3339); got != c.from {
				t.Errorf("from %s, want %s", got, c.from)
			}
			if got := to.Format(time.RFC3339); got != c.to {
				t.Errorf("to %s, want %s", got, c.to)
			}
		})
	}
	for _, bad := range []string{"last 0 days", "last -3 days", "next 3 days", "last 3 fortnights", "2026-13-01..2026-12-01", "2026-02-01..2026-01-01", "soon"} {
		t.Run("bad/"+bad, func(t *testing.T) {
			if _, _, err := ParseRange(bad, Daily, now, time.UTC); err == nil {
				t.Errorf("ParseRange(%q) gave no error", bad)
			}
		})
	}
}

func TestParseInterval(t *testing.T) {
	for in, want := range map[string]Interval{"hour": Hourly, "Day": Daily, "": Daily, "week": Weekly, "monthly": Monthly} {
		got, err := ParseInterval(in)
		if err != nil || got != want {
			t.Errorf("ParseInterval(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseInterval("fortnight"); err == nil {
		t.Error("ParseInterval(fortnight) gave no error")
	}
}

func TestQuerySpecResolve(t *testing.T) {
	now := time.Date(2026, 11, 25, 15, 30, 0, 0, time.UTC)
	q, err := QuerySpec{Event: "Signed Up", Every: "hour", Range: "last 2 hours"}.Resolve("signups", now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if q.Name != "signups" || q.Event != "Signed Up" || q.Measure != CountMeasure || q.Every != Hourly ||
		!q.From.Equal(time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)) || !q.To.Equal(time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("Resolve = %+v", q)
	}
	for _, spec := range []QuerySpec{{}, {Event: "x", Every: "fortnight"}, {Event: "x", Measure: "summ(revenue)"}, {Event: "x", Range: "soon"}} {
		if _, err := spec.Resolve("q", now, time.UTC); err == nil {
			t.Errorf("Resolve(%+v) gave no error", spec)
		}
	}
}

func TestParseRange_MaxBuckets(t *testing.T) {
	now := time.Date(2026, 11, 25, 15, 30, 0, 0, time.UTC)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, ok := range []struct {
		rng   string
		every Interval
		n     int
	}{
		{"2028-01-01..2029-01-01", Hourly, 8784}, // a leap year of hours
		{"last 12 months", Hourly, 8760},
		{"last 10000 hours", Hourly, 10000},
		{"last 10000 days", Daily, 10000},
		{"last 10000 weeks", Weekly, 10000},
		{"last 10000 months", Monthly, 10000},
	} {
		t.Run("ok/"+ok.rng+"/"+string(ok.every), func(t *testing.T) {
			from, to, err := ParseRange(ok.rng, ok.every, now, ny)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(Fill(Query{Every: ok.every, From: from, To: to, Loc: ny}, nil).Points); n != ok.n {
				t.Fatalf("%d buckets, want %d", n, ok.n)
			}
		})
	}
	for _, bad := range []struct {
		rng   string
		every Interval
		want  string
	}{
		{"last 1000 months", Hourly, `range "last 1000 months" every hour is 730,512 buckets; at most 10,000: use a shorter range or a coarser every (day, week, month)`},
		{"last 10001 hours", Hourly, `range "last 10001 hours" every hour is 10,001 buckets; at most 10,000: use a shorter range or a coarser every (day, week, month)`},
		{"last 10001 days", Daily, `range "last 10001 days" every day is 10,001 buckets; at most 10,000: use a shorter range or a coarser every (week, month)`},
		{"last 10001 weeks", Weekly, `range "last 10001 weeks" every week is 10,001 buckets; at most 10,000: use a shorter range or a coarser every (month)`},
		{"last 10001 months", Monthly, `range "last 10001 months" every month is 10,001 buckets; at most 10,000: use a shorter range`},
		{"last 100000 years", Hourly, `range "last 100000 years" every hour is 876,582,000 buckets; at most 10,000: use a shorter range or a coarser every (day, week, month)`},
		{"0001-01-01..9999-01-01", Daily, `range "0001-01-01..9999-01-01" every day is 3,651,694 buckets; at most 10,000: use a shorter range or a coarser every (week, month)`},
	} {
		t.Run("bad/"+bad.rng+"/"+string(bad.every), func(t *testing.T) {
			_, _, err := ParseRange(bad.rng, bad.every, now, time.UTC)
			if err == nil || err.Error() != bad.want {
				t.Fatalf("got\n%v\nwant\n%s", err, bad.want)
			}
		})
	}
}

// TestBuckets checks the count against the buckets Fill makes, across DST
// changes and in a zone whose days start mid-hour in UTC.
func TestBuckets(t *testing.T) {
	kolkata, _ := time.LoadLocation("Asia/Kolkata")
	ny, _ := time.LoadLocation("America/New_York")
	now := time.Date(2026, 11, 25, 15, 30, 0, 0, time.UTC)
	for _, loc := range []*time.Location{time.UTC, ny, kolkata} {
		for _, every := range []Interval{Hourly, Daily, Weekly, Monthly} {
			for _, rng := range []string{"today", "this week", "last 3 months", "this year", "last year", "2026-03-07..2026-11-03", "1969-12-25..1970-01-09"} {
				from, to, err := ParseRange(rng, every, now, loc)
				if err != nil {
					t.Fatal(err)
				}
				want := len(Fill(Query{Every: every, From: from, To: to, Loc: loc}, nil).Points)
				if got := Buckets(from, to, every, loc); got != int64(want) {
					t.Errorf("%s every %s in %s: Buckets %d, Fill %d", rng, every, loc, got, want)
				}
			}
		}
	}
}
