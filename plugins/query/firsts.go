package query

import (
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// firsts is the first hour the store holds of each event: a comparison
// period that starts before it compares against data that was never
// collected, not against a quiet period.
type firsts map[string]build.Hour

// firstsOf is the first hour of every event a store listed.
func firstsOf(events []build.EventInfo) firsts {
	f := make(firsts, len(events))
	for _, e := range events {
		f[e.Event] = e.First
	}
	return f
}

// beforeData marks what of r, the answer to the comparison period q of
// a stored query, lies before q.Event's first hour in the store: its
// total when the period's first bucket ends by then, so that the period
// began before any data ("no data to compare" rather than "up 1289%"
// against the days before collection began), and each bucket that ends
// by then. A period whose first bucket holds the first hour compares. It returns r, or a copy when it marks
// anything (r's points may be shared with other pages).
func (f firsts) beforeData(r *build.Result, q build.Query) *build.Result {
	first, seen := f[q.Event]
	start := first.Time()
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	if seen && build.Next(q.From, q.Every, loc).After(start) {
		return r // its first bucket holds data: the period is covered
	}
	own := *r
	own.TotalGap = true
	own.Points = make([]build.Point, len(r.Points))
	copy(own.Points, r.Points)
	for i := range own.Points {
		if !seen || !build.Next(own.Points[i].Time, q.Every, loc).After(start) {
			own.Points[i].Value, own.Points[i].Gap = 0, true
		}
	}
	return &own
}
