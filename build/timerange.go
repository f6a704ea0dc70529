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
	return from, to, nil
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
	return time.Time{}, time.Time{}, fmt.Errorf("bad range %q: use last N hours|days|weeks|months, today, yesterday, this|last week|month|year, or 2026-01-01..2026-02-01", s)
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
