package controls

import (
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

func TestPresetOf(t *testing.T) {
	for _, c := range []struct{ in, token, label string }{
		{"last 90 days", "90d", "Last 90 days"},
		{"Last  7 Days", "7d", "Last 7 days"},
		{"last 1 day", "1d", "Last 1 day"},
		{"last 48 hours", "48h", "Last 48 hours"},
		{"last 12 weeks", "12w", "Last 12 weeks"},
		{"last 12 months", "12m", "Last 12 months"},
		{"last 2 years", "2y", "Last 2 years"},
		{"this month", "this-month", "This month"},
		{"last week", "last-week", "Last week"},
		{"today", "today", "Today"},
		{"yesterday", "yesterday", "Yesterday"},
		{"2026-01-01..2026-02-01", "2026-01-01..2026-02-01", "2026-01-01 – 2026-02-01"},
	} {
		p, err := presetOf(c.in)
		if err != nil || p.token != c.token || p.label != c.label {
			t.Errorf("presetOf(%q) = %+v, %v; want token %q, label %q", c.in, p, err, c.token, c.label)
		}
	}
	for _, bad := range []string{"", "last 0 days", "last -3 days", "last 90 dayz", "the last 90 days"} {
		if _, err := presetOf(bad); err == nil {
			t.Errorf("presetOf(%q): no error", bad)
		}
	}
}

func TestPresetsOf(t *testing.T) {
	now := time.Date(2026, 11, 19, 18, 0, 0, 0, time.UTC)
	if _, err := presetsOf([]string{"last 7 days", "last 7 day"}, now, time.UTC); err == nil || !strings.Contains(err.Error(), "the same range") {
		t.Errorf("the same range twice: %v", err)
	}
	if _, err := presetsOf(strings.Split("today,yesterday,last 2 days,last 3 days,last 4 days,last 5 days,last 6 days,last 7 days,last 8 days", ","), now, time.UTC); err == nil {
		t.Error("9 presets: no error")
	}
	if _, err := presetsOf([]string{"2026-02-01..2026-01-01"}, now, time.UTC); err == nil {
		t.Error("an empty range: no error")
	}
	ps, err := presetsOf(nil, now, time.UTC)
	if err != nil || len(ps) != 1 || ps[0].text != "" {
		t.Errorf("no presets: %+v, %v", ps, err)
	}
}

// TestDensities: a preset keeps a chart about as dense as the first: at
// most twice its buckets (or 31), stepping up hour, day, week, month.
func TestDensities(t *testing.T) {
	now := time.Date(2026, 11, 19, 18, 0, 0, 0, time.UTC)
	m := build.Meta{Queries: map[string]build.QuerySpec{
		"d": {Event: "E", Every: "day"}, "h": {Event: "E", Every: "hour"}, "f": {Formula: "d / d"}, "w": {Event: "E", Every: "week"},
	}}
	p := func(s string) preset { pr, _ := presetOf(s); return pr }
	for _, c := range []struct {
		def, pr string
		want    map[build.Interval]build.Interval
	}{
		{"last 30 days", "last 7 days", map[build.Interval]build.Interval{build.Daily: build.Daily, build.Hourly: build.Hourly, build.Weekly: build.Weekly}},
		{"last 30 days", "last 60 days", map[build.Interval]build.Interval{build.Daily: build.Daily, build.Hourly: build.Hourly, build.Weekly: build.Weekly}},
		{"last 30 days", "last 90 days", map[build.Interval]build.Interval{build.Daily: build.Weekly, build.Hourly: build.Daily, build.Weekly: build.Weekly}},
		{"last 7 days", "last 12 months", map[build.Interval]build.Interval{build.Daily: build.Monthly, build.Hourly: build.Weekly, build.Weekly: build.Monthly}},
		{"last 24 hours", "last 48 hours", map[build.Interval]build.Interval{build.Daily: build.Daily, build.Hourly: build.Hourly, build.Weekly: build.Weekly}},
		// Hours over ten years are more than a query may draw: days.
		{"last 12 months", "last 10 years", map[build.Interval]build.Interval{build.Daily: build.Weekly, build.Hourly: build.Daily, build.Weekly: build.Monthly}},
	} {
		got := densities(m, p(c.def), p(c.pr), now, time.UTC)
		for e, want := range c.want {
			if got[e] != want {
				t.Errorf("%s after %s: every %s becomes %s, want %s", c.pr, c.def, e, got[e], want)
			}
		}
	}
}

// TestDirsOf: folders are slugs, told apart when two values share one,
// and never empty; the first preset and "all" go without their part.
func TestDirsOf(t *testing.T) {
	p := func(s string) preset { pr, _ := presetOf(s); return pr }
	dirs := dirsOf([]preset{p("last 30 days"), p("this month")}, "context.os.name",
		[]string{"iOS", "ios", "../../etc", "</script>", "日本"})
	want := [][]string{
		{"", "context-os-name-ios", "context-os-name-ios-2", "context-os-name-etc", "context-os-name-script", "context-os-name-value"},
		{"range-this-month", "range-this-month-context-os-name-ios", "range-this-month-context-os-name-ios-2", "range-this-month-context-os-name-etc",
			"range-this-month-context-os-name-script", "range-this-month-context-os-name-value"},
	}
	for i := range want {
		for j := range want[i] {
			if dirs[i][j] != want[i][j] {
				t.Errorf("dirs[%d][%d] = %q, want %q", i, j, dirs[i][j], want[i][j])
			}
		}
	}
}
