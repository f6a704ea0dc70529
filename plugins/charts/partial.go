package charts

import (
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// completeness says which buckets of a result hold all their data.
// Buckets before partial are complete; buckets from partial to future
// are partial (they end after the data does, and are drawn dashed or
// lighter, not as a drop); buckets from future on have not begun in the
// data at all and are not drawn.
type completeness struct {
	through time.Time // the data is complete up to this instant; zero when unknown
	partial int       // index of the first partial bucket
	future  int       // index of the first bucket that starts at or after through
	now     time.Time // the build's "as of" instant (Site.Now): range labels end there
}

// completenessOf finds the partial buckets of r as of s.Through (or s.Now
// when the store could not say).
func completenessOf(s *build.Site, r *build.Result) completeness {
	c := completeness{through: s.Through, now: s.Now}
	if c.through.IsZero() {
		c.through = s.Now
	}
	c.partial, c.future = build.Partial(r, c.through)
	return c
}

// hasPartial reports whether any drawn bucket is partial.
func (c completeness) hasPartial() bool { return c.partial < c.future }

// begun is how many of a result's n buckets have begun in the data: the
// buckets a table or data file shows.
func (c completeness) begun(n int) int { return max(0, min(c.future, n)) }

// state is "", "partial" or "future" for bucket i.
func (c completeness) state(i int) string {
	switch {
	case i >= c.future:
		return "future"
	case i >= c.partial:
		return "partial"
	}
	return ""
}

// throughLabel writes the end of the complete data in the query's zone:
// "2026-03-04 14:00 EST".
func (c completeness) throughLabel(r *build.Result) string {
	t := c.through
	if r.Query.Loc != nil {
		t = t.In(r.Query.Loc)
	}
	return t.Format("2006-01-02 15:04 MST")
}
