package build

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestRollup_DayResolution(t *testing.T) {
	hourly := Rollup{Event: "install", Measure: CountMeasure, By: "dependency.name"}
	daily := hourly
	daily.Resolution = Daily
	if got := daily.ID(); got != `"install" count by "dependency.name" per day` {
		t.Errorf("ID %s", got)
	}
	if daily.SeriesPrefix() == hourly.SeriesPrefix() || strings.HasPrefix(daily.Series("x"), hourly.SeriesPrefix()) {
		t.Errorf("the series of a day rollup %q must be apart from the hourly one's %q", daily.Series("x"), hourly.Series("x"))
	}
	for _, r := range []Rollup{daily, hourly, {Event: "a per day", Measure: Measure{Kind: Sum, Prop: "x"}, Resolution: Daily},
		{Event: `q"uote`, Measure: Measure{Kind: Sum, Prop: "x"}}} {
		got, err := ParseRollupID(r.ID())
		if err != nil || got != r {
			t.Errorf("ParseRollupID(%s) = %+v, %v; want %+v", r.ID(), got, err, r)
		}
	}
	if _, err := ParseRollupID(`"install" count per day per day`); err == nil {
		t.Error("an ID with two suffixes parsed")
	}
	h := HourOf(time.Date(2026, 11, 25, 17, 30, 0, 0, time.UTC))
	if got, want := daily.Floor(h), HourOf(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)); got != want {
		t.Errorf("Floor %v, want %v", got.Time(), want.Time())
	}
	if got := hourly.Floor(h); got != h {
		t.Errorf("an hourly rollup's Floor moved %v to %v", h.Time(), got.Time())
	}
	neg := HourOf(time.Date(1969, 12, 31, 5, 0, 0, 0, time.UTC))
	if got := daily.Floor(neg); got.Time() != time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC) {
		t.Errorf("Floor before 1970: %v", got.Time())
	}
	// A plain count at day resolution is read from the base counts.
	plain := Query{Event: "install", Measure: CountMeasure, Resolution: Daily}
	if r := plain.Rollup(); r.Needed() || r.Resolution != "" {
		t.Errorf("a plain count's rollup is %+v, want the base's", r)
	}
}

func TestRollupSpec_Resolution(t *testing.T) {
	rs, err := RollupSpec{Event: "install", By: []string{"dependency.name"}, Resolution: "day"}.Expand()
	if err != nil || fmt.Sprint(rs) != `["install" count by "dependency.name" per day]` {
		t.Fatalf("Expand = %v, %v", rs, err)
	}
	if _, err := (RollupSpec{Event: "install", By: []string{"x"}, Resolution: "minute"}).Expand(); err == nil || !strings.Contains(err.Error(), "use day") {
		t.Errorf("resolution: minute: %v, want an error that says what to use", err)
	}
}

func TestQuerySpec_ResolveResolution(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	base := QuerySpec{Event: "install", By: "dependency.name", Filter: "Kit", Every: "day", Range: "last 30 days", Resolution: "day"}
	q, err := base.Resolve("installs", now, time.UTC)
	if err != nil || q.Rollup().Resolution != Daily {
		t.Fatalf("a daily query in UTC: %+v, %v", q.Rollup(), err)
	}
	for _, every := range []string{"week", "month"} {
		s := base
		s.Every, s.Range = every, "last 3 "+every+"s"
		if _, err := s.Resolve("installs", now, time.UTC); err != nil {
			t.Errorf("every %s in UTC: %v", every, err)
		}
	}
	for _, c := range []struct {
		spec func(*QuerySpec)
		loc  *time.Location
		want string
	}{
		{func(s *QuerySpec) { s.Every, s.Range = "hour", "last 24 hours" }, time.UTC, "cannot show hours"},
		{func(*QuerySpec) {}, ny, "America/New_York cuts its days at 2026-10-27 00:00 EDT"},
		{func(s *QuerySpec) { s.Timezone = "Asia/Kolkata" }, time.UTC, "use timezone: UTC"},
		{func(s *QuerySpec) { s.Resolution = "week" }, time.UTC, `resolution "week": use day`},
	} {
		s := base
		c.spec(&s)
		_, err := s.Resolve("installs", now, c.loc)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), `query "installs"`) {
			t.Errorf("%+v in %s: %v, want an error naming the query and saying %q", s, c.loc, err, c.want)
		}
	}
	// A plain count reads the hourly base counts: any timezone will do.
	plain := QuerySpec{Event: "install", Every: "hour", Range: "last 24 hours", Resolution: "day"}
	if _, err := plain.Resolve("n", now, ny); err != nil {
		t.Errorf("a plain count at day resolution: %v", err)
	}
	// A formula takes no resolution.
	f := QuerySpec{Formula: "a / b", Resolution: "day"}
	if _, err := f.Resolve("f", now, time.UTC); err == nil || !strings.Contains(err.Error(), "resolution") {
		t.Errorf("a formula with resolution: %v", err)
	}
}

// TestFold_DayResolution checks that the fold puts every event of a rollup
// of UTC days in its day's cell, at the day's first hour, under dedupe
// too (a repeated message's adds name that cell), while the hourly
// rollup beside it keeps its hours.
func TestFold_DayResolution(t *testing.T) {
	hourly := foldRollup(t, "Buy", "count", "plan")
	daily := hourly
	daily.Resolution = Daily
	// 14:00, 15:30 and 23:59 on 2026-11-25, then 00:01 on the 26th.
	in := "Buy 0 plan=a id=m1\nBuy 90 plan=a id=m2\nBuy 599 plan=b id=m3\nBuy 601 plan=a id=m4\n"
	b := fold(t, in, FoldOptions{}, time.Hour, BaseRollup, hourly, daily)
	day := HourOf(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	next := day + 24
	cells := map[string]int64{}
	for k, c := range b.Cells {
		if k.Rollup == daily {
			cells[fmt.Sprintf("%s %s", k.Hour.Time().Format("01-02T15"), k.Group)] = int64(c.Weight())
		}
	}
	if want := map[string]int64{"11-25T00 a": 2, "11-25T00 b": 1, "11-26T00 a": 1}; fmt.Sprint(cells) != fmt.Sprint(want) {
		t.Errorf("day cells %v, want %v", cells, want)
	}
	if got := groupsAt(b, hourly, HourOf(foldStart)+1); got["a"] != 1 {
		t.Errorf("the hourly rollup's 15:00 cell: %v", got)
	}
	for _, m := range b.Msgs {
		for _, a := range m.Adds {
			if a.Rollup != nil && *a.Rollup == daily {
				if k := a.Key(m.Hour); k.Hour != day && k.Hour != next || b.Cells[k] == nil {
					t.Errorf("message at %v adds to %v, which is not a day cell of the batch", m.Hour.Time(), k.Hour.Time())
				}
			}
		}
	}
}
