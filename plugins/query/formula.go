package query

import (
	"fmt"

	"github.com/dashsmith/dashsmith/build"
)

// formula computes the formula query q bucket by bucket from the results
// of the queries it names over the same period (shift): each bucket is the
// formula of their values in that bucket, and the total the formula of
// their totals (an average order value over 30 days is the range's
// revenue over its orders, not a mean of daily ratios). A bucket or total
// where an operand is a gap, or where the formula divides by zero or
// leaves the finite numbers, is a gap. Values are rounded to 12
// significant digits (build.RoundSum), so 0.1 * 3 is 0.3.
//
// The result carries q: the formula's name, every, range and zone, and
// the count measure (a formula's values are its own, of no stored
// measure). Folded is set when any operand's is.
func (pg *page) formula(q build.Query, shift build.Compare) (*build.Result, error) {
	e, err := q.FormulaExpr()
	if err != nil {
		return nil, err
	}
	names := e.Names()
	refs := make(map[string]*build.Result, len(names))
	r := &build.Result{Query: q}
	for _, name := range names {
		ref, err := pg.compute(name, shift)
		if err != nil {
			return nil, fmt.Errorf("formula names %q, which failed: %w", name, err)
		}
		if first := refs[names[0]]; first != nil && len(ref.Points) != len(first.Points) {
			return nil, fmt.Errorf("formula: %q has %d buckets, %q %d", name, len(ref.Points), names[0], len(first.Points))
		}
		refs[name] = ref
		r.Folded = r.Folded || ref.Folded
	}
	if len(names) == 0 { // numbers alone: the same value in every bucket of the range
		r.Points = build.Fill(q, nil).Points
	} else {
		r.Points = make([]build.Point, len(refs[names[0]].Points))
		for i := range r.Points {
			r.Points[i].Time = refs[names[0]].Points[i].Time
		}
	}
	for i := range r.Points {
		v, ok := e.Eval(func(name string) (float64, bool) {
			p := refs[name].Points[i]
			return p.Value, !p.Gap
		})
		r.Points[i].Value, r.Points[i].Gap = value(v, ok)
	}
	v, ok := e.Eval(func(name string) (float64, bool) {
		ref := refs[name]
		return ref.Total, !ref.TotalGap
	})
	r.Total, r.TotalGap = value(v, ok)
	return r, nil
}

// value is a computed bucket or total: v rounded (and -0 written as 0),
// or a gap (0) when not ok.
func value(v float64, ok bool) (float64, bool) {
	if !ok {
		return 0, true
	}
	if v == 0 {
		return 0, false
	}
	return build.RoundSum(v), false
}
