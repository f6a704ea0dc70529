package build

import "math"

// avgType is avg(prop): the mean of a numeric property over the events
// that gave a usable number (the same events sum(prop) adds up). It keeps
// no rollup of its own: a query reads the sum(prop) rollup, whose
// aggregate holds the sum and the events, and a bucket's value is the
// merged sum divided by the merged events, rounded to RoundSum's
// significant digits; a bucket with no such event is a gap.
type avgType struct{}

func init() { RegisterMeasure(avgType{}) }

func (avgType) Name() string { return "avg" }
func (avgType) Input() Input { return NumberInput }
func (avgType) Base() string { return string(Sum) }

// New returns an empty sum: avg is read from sum's rollup.
func (avgType) New() (Aggregate, error) { return sumType{}.New() }

// Decode reads a sum's aggregate.
func (avgType) Decode(b []byte) (Aggregate, error) { return sumType{}.Decode(b) }

// Of is the merged sum over its events: NaN with no events.
func (avgType) Of(a Aggregate) float64 {
	s, ok := a.(*sumAgg)
	if !ok || s.n <= 0 {
		return math.NaN()
	}
	return RoundSum(s.sum / float64(s.n))
}
