package build

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DefaultRange is the range of a query that names none, by interval.
var DefaultRange = map[Interval]string{
	Hourly:  "last 48 hours",
	Daily:   "last 30 days",
	Weekly:  "last 12 weeks",
	Monthly: "last 12 months",
}

// MaxBuckets is the most buckets one query may ask for: a leap year of
// hours (8,784) fits. Each bucket is a point in the page, in its data
// files, and in memory for every group of a breakdown.
const MaxBuckets = 10000

// ParseRange resolves a dashboard range as of now, in loc, to [from, to)
// aligned to every. Forms:
//
//	last N hours|days|weeks|months   the current period and the N-1 before it
//	today, yesterday
//	this week|month|year, last week|month|year
//	2026-01-01..2026-02-01           dates in loc, the end exclusive
//
// The current period is included and still partial: "last 7 days" on a
// Wednesday at noon ends at Thursday 00:00.
//
// A range of more than MaxBuckets buckets of width every is an error that
// says how to shorten it.
func ParseRange(s string, every Interval, now time.Time, loc *time.Location) (from, to time.Time, err error) {
	if loc == nil {
		loc = time.UTC
	}
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if s == "" {
		s = DefaultRange[every]
	}
	from, to, err = parseRange(s, now, loc)
	if err != nil {
		return from, to, err
	}
	from = Truncate(from, every, loc)
	if t := Truncate(to, every, loc); t.Before(to) {
		to = Next(t, every, loc)
	}
	if !from.Before(to) {
		return from, to, fmt.Errorf("range %q is empty", s)
	}
	if n := Buckets(from, to, every, loc); n > MaxBuckets {
		return from, to, fmt.Errorf("range %q every %s is %s buckets; at most %s: %s", s, every, Commas(n), Commas(MaxBuckets), shorter(every))
	}
	return from, to, nil
}

// Buckets counts the buckets of width every in [from, to), both aligned to
// every in loc, without walking them: a range of centuries of hours
// counts as fast as a week of days.
func Buckets(from, to time.Time, every Interval, loc *time.Location) int64 {
	if loc == nil {
		loc = time.UTC
	}
	if !from.Before(to) {
		return 0
	}
	switch every {
	case Hourly:
		secs := to.Unix() - from.Unix()
		if to.Nanosecond() > from.Nanosecond() {
			secs++
		}
		return (secs + 3599) / 3600
	case Monthly:
		a, b := from.In(loc), to.In(loc)
		return int64(b.Year()-a.Year())*12 + int64(b.Month()-a.Month())
	case Weekly:
		return (civilDays(from, to, loc) + 6) / 7
	default:
		return civilDays(from, to, loc)
	}
}

// civilDays counts the calendar days from the date of from to the date of
// to, in loc: a 23- or 25-hour day of a DST change is one day.
func civilDays(from, to time.Time, loc *time.Location) int64 {
	day := func(t time.Time) int64 {
		t = t.In(loc)
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400
	}
	return day(to) - day(from)
}

// shorter says how to bring a range of buckets of width every under
// MaxBuckets.
func shorter(every Interval) string {
	switch every {
	case Hourly:
		return "use a shorter range or a coarser every (day, week, month)"
	case Daily:
		return "use a shorter range or a coarser every (week, month)"
	case Weekly:
		return "use a shorter range or a coarser every (month)"
	}
	return "use a shorter range"
}

// Commas writes n with thousands separators: 730512 is "730,512".
func Commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func parseRange(s string, now time.Time, loc *time.Location) (time.Time, time.Time, error) {
	if a, b, ok := strings.Cut(s, ".."); ok {
		from, err1 := ParseTime(strings.TrimSpace(a), loc)
		to, err2 := ParseTime(strings.TrimSpace(b), loc)
		if err1 != nil || err2 != nil {
			return from, to, fmt.Errorf("bad range %q: write dates as 2026-01-01..2026-02-01", s)
		}
		return from, to, nil
	}
	switch s {
	case "today":
		d := Truncate(now, Daily, loc)
		return d, Next(d, Daily, loc), nil
	case "yesterday":
		d := Truncate(now, Daily, loc)
		return d.AddDate(0, 0, -1), d, nil
	}
	words := strings.Fields(s)
	if len(words) == 2 && (words[0] == "this" || words[0] == "last") {
		unit, ok := unitOf(words[1])
		if ok {
			cur := truncateUnit(now, unit, loc)
			if words[0] == "this" {
				return cur, nextUnit(cur, unit, loc, 1), nil
			}
			return nextUnit(cur, unit, loc, -1), cur, nil
		}
	}
	if len(words) == 3 && words[0] == "last" {
		n, err := strconv.Atoi(words[1])
		unit, ok := unitOf(words[2])
		if err == nil && ok && n > 0 && n <= 100000 {
			cur := truncateUnit(now, unit, loc)
			return nextUnit(cur, unit, loc, -(n - 1)), nextUnit(cur, unit, loc, 1), nil
		}
	}
	return time.Time{}, time.Time{}, fmt.Errorf("bad range %q: use last N hours|days|weeks|months|years, today, yesterday, this|last week|month|year, or 2026-01-01..2026-02-01", s)
}

func unitOf(w string) (string, bool) {
	w = strings.TrimSuffix(w, "s")
	switch w {
	case "hour", "day", "week", "month", "year":
		return w, true
	}
	return "", false
}

func truncateUnit(t time.Time, unit string, loc *time.Location) time.Time {
	if unit == "year" {
		t = t.In(loc)
		return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, loc)
	}
	return Truncate(t, Interval(unit), loc)
}

func nextUnit(t time.Time, unit string, loc *time.Location, n int) time.Time {
	if unit == "hour" {
		return t.Add(time.Duration(n) * time.Hour)
	}
	t = t.In(loc)
	switch unit {
	case "year":
		return time.Date(t.Year()+n, t.Month(), t.Day(), 0, 0, 0, 0, loc)
	case "month":
		return time.Date(t.Year(), t.Month()+time.Month(n), t.Day(), 0, 0, 0, 0, loc)
	case "week":
		return time.Date(t.Year(), t.Month(), t.Day()+7*n, 0, 0, 0, 0, loc)
	}
	return time.Date(t.Year(), t.Month(), t.Day()+n, 0, 0, 0, 0, loc)
}

// ParseTime reads an RFC 3339 time or a date (2026-11-01, midnight in loc).
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04", s, loc); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("bad time %q: use RFC 3339 (2026-11-01T15:00:00Z) or a date (2026-11-01)", s)
}
