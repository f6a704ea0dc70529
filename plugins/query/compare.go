package query

import (
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// Previous returns the query over q's comparison period, with as many
// buckets as q so that the two compare bucket for bucket:
//
//   - previous period: the buckets just before q.From;
//   - previous year: from the bucket holding q.From one year earlier (52
//     weeks earlier for weekly buckets, so that weeks still start on Monday).
//
// The result has no Compare of its own.
func Previous(q build.Query) build.Query {
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	n := 0
	for t := q.From; t.Before(q.To); t = build.Next(t, q.Every, loc) {
		n++
	}
	var from time.Time
	switch {
	case q.Compare == build.PreviousYear && q.Every == build.Weekly:
		f := q.From.In(loc)
		from = time.Date(f.Year(), f.Month(), f.Day()-364, 0, 0, 0, 0, loc)
	case q.Compare == build.PreviousYear:
		from = build.Truncate(q.From.In(loc).AddDate(-1, 0, 0), q.Every, loc)
	default:
		from = back(q.From, q.Every, loc, n)
	}
	to := from
	for i := 0; i < n; i++ {
		to = build.Next(to, q.Every, loc)
	}
	p := q
	p.From, p.To, p.Compare = from, to, ""
	return p
}

// back returns the start of the bucket n buckets before the one starting at t.
func back(t time.Time, every build.Interval, loc *time.Location, n int) time.Time {
	if every == build.Hourly {
		return t.Add(-time.Duration(n) * time.Hour)
	}
	t = t.In(loc)
	switch every {
	case build.Weekly:
		return time.Date(t.Year(), t.Month(), t.Day()-7*n, 0, 0, 0, 0, loc)
	case build.Monthly:
		return time.Date(t.Year(), t.Month()-time.Month(n), 1, 0, 0, 0, 0, loc)
	}
	return time.Date(t.Year(), t.Month(), t.Day()-n, 0, 0, 0, 0, loc)
}
