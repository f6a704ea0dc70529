package build

import "time"

// Partial says which buckets of r hold all their data as of through (the
// end of the complete data, Site.Through): buckets before partial are
// complete; buckets from partial to future end after the data does (a
// chart draws them as partial, not as a drop); buckets from future on
// have not begun in the data at all. Both are len(r.Points) when every
// bucket is complete, and when through is zero.
func Partial(r *Result, through time.Time) (partial, future int) {
	partial, future = len(r.Points), len(r.Points)
	if through.IsZero() {
		return partial, future
	}
	loc := r.Query.Loc
	if loc == nil {
		loc = time.UTC
	}
	for i := len(r.Points) - 1; i >= 0; i-- {
		start := r.Points[i].Time
		if !Next(start, r.Query.Every, loc).After(through) {
			break
		}
		partial = i
		if !start.Before(through) {
			future = i
		}
	}
	return partial, future
}
