package query

import (
	"math"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// rolling answers q, which has a rolling window of q.Rolling buckets:
// each bucket is the mean of the window of buckets ending with it. The
// store is asked for the q.Rolling-1 buckets before q.From as well, so
// that the first buckets are full windows, and the result is cut back to
// q's range. A gap in a window (an average of no events) is left out of
// its mean; a window of gaps only is a gap. Means are rounded to 12
// significant digits (build.RoundSum).
//
// A breakdown's groups, (other) included, roll the same way; they are the
// groups the store ranks first over the range and the window before it.
// The totals stay those of the measure over q's range: the result's is
// the store's answer for the range itself; a group's, for a count or a
// sum, the sum of its buckets in the range, and for other measures the
// group's total in the store's answer for the range, or no total (a gap)
// when the group is not among that answer's (the window before the range
// brought it into the top groups, or (other) holds other groups).
func (pg *page) rolling(q build.Query) (*build.Result, error) {
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	ext := plain(q)
	ext.From = back(q.From, q.Every, loc, q.Rolling-1)
	raw, err := pg.c.get(pg.ctx, ext)
	if err != nil {
		return nil, err
	}
	rng, err := pg.c.get(pg.ctx, plain(q))
	if err != nil {
		return nil, err
	}
	lead := 0
	for lead < len(raw.Points) && raw.Points[lead].Time.Before(q.From) {
		lead++
	}
	out := &build.Result{Query: q, Total: rng.Total, TotalGap: rng.TotalGap, Folded: raw.Folded || rng.Folded,
		Points: roll(raw.Points, lead, q.Rolling)}
	additive := false
	if t, err := q.Measure.Type(); err == nil {
		_, additive = t.(build.Additive)
	}
	totals := make(map[string]build.Group, len(rng.Groups))
	for _, g := range rng.Groups {
		totals[g.Value] = g
	}
	for _, g := range raw.Groups {
		rg := build.Group{Value: g.Value, Points: roll(g.Points, lead, q.Rolling)}
		if additive {
			for _, p := range g.Points[min(lead, len(g.Points)):] {
				rg.Total += p.Value
			}
			rg.Total = q.Measure.Round(rg.Total)
		} else if in, ok := totals[g.Value]; ok && (g.Value != build.OtherGroup || sameGroups(raw.Groups, rng.Groups)) {
			rg.Total, rg.TotalGap = in.Total, in.TotalGap
		} else {
			rg.TotalGap = true
		}
		out.Groups = append(out.Groups, rg)
	}
	return out, nil
}

// sameGroups reports whether a and b hold the same groups.
func sameGroups(a, b []build.Group) bool {
	if len(a) != len(b) {
		return false
	}
	in := make(map[string]bool, len(a))
	for _, g := range a {
		in[g.Value] = true
	}
	for _, g := range b {
		if !in[g.Value] {
			return false
		}
	}
	return true
}

// roll returns the buckets of ps from lead on, each the mean of the
// values (gaps left out) of the window of w buckets ending with it.
func roll(ps []build.Point, lead, w int) []build.Point {
	if lead > len(ps) {
		lead = len(ps)
	}
	out := make([]build.Point, 0, len(ps)-lead)
	var sum neumaier
	n := 0
	for i, p := range ps {
		if usable(p) {
			sum.add(p.Value)
			n++
		}
		if j := i - w; j >= 0 && usable(ps[j]) {
			sum.add(-ps[j].Value)
			n--
		}
		if i < lead {
			continue
		}
		pt := build.Point{Time: p.Time}
		if n == 0 {
			pt.Gap = true
		} else if v := sum.value() / float64(n); math.IsNaN(v) || math.IsInf(v, 0) {
			pt.Gap = true
		} else {
			pt.Value = build.RoundSum(v)
		}
		out = append(out, pt)
	}
	return out
}

// usable reports whether p has a value to take the mean of: not a gap,
// and a finite number.
func usable(p build.Point) bool {
	return !p.Gap && !math.IsNaN(p.Value) && !math.IsInf(p.Value, 0)
}

// neumaier is a running sum that keeps what float64 rounding drops
// (Neumaier's variant of Kahan summation), so that a window that slides
// over thousands of buckets, adding each value once and taking it back
// out once, drifts no further than a sum of the window would.
type neumaier struct{ sum, comp float64 }

func (s *neumaier) add(x float64) {
	t := s.sum + x
	if math.Abs(s.sum) >= math.Abs(x) {
		s.comp += (s.sum - t) + x
	} else {
		s.comp += (x - t) + s.sum
	}
	s.sum = t
}

func (s *neumaier) value() float64 { return s.sum + s.comp }

// cumulative returns r as the running total over its range: each bucket
// is the sum of the buckets up to it, groups' too; the totals stay (the
// last bucket's running total is the range's). Sums are rounded as the
// measure rounds them (build.Measure.Round). r is left as it was.
func cumulative(r *build.Result, q build.Query) *build.Result {
	out := *r
	out.Query = q
	out.Points = runningTotal(r.Points, q.Measure)
	out.Groups = make([]build.Group, len(r.Groups))
	for i, g := range r.Groups {
		g.Points = runningTotal(g.Points, q.Measure)
		out.Groups[i] = g
	}
	if r.Groups == nil {
		out.Groups = nil
	}
	return &out
}

func runningTotal(ps []build.Point, m build.Measure) []build.Point {
	out := make([]build.Point, len(ps))
	var sum float64
	for i, p := range ps {
		if !p.Gap {
			sum += p.Value
		}
		out[i] = build.Point{Time: p.Time, Value: m.Round(sum)}
	}
	return out
}
