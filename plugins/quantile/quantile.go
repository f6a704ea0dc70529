// Package quantile registers the percentile measures: percentiles(prop),
// stored as one DDSketch per hour (relative accuracy 1%), and p25, p50,
// p75, p90, p95 and p99(prop), read from that same rollup (build.Derived).
// A dashboard's p95(revenue) thus keeps the percentiles(revenue) rollup,
// and p50 and p99 of revenue share it.
//
// A bucket's percentile is that of the hours' sketches merged: the value
// of rank floor(q·(n−1)) among the bucket's n numbers in ascending order,
// within 1% of it. A bucket with no numbers is a gap. Import the package
// for its side effect.
package quantile

import (
	"math"

	"github.com/dashsmith/dashsmith/build"
)

func init() {
	build.RegisterMeasure(storedType{})
	for _, p := range []struct {
		name string
		q    float64
	}{{"p25", 0.25}, {"p50", 0.5}, {"p75", 0.75}, {"p90", 0.9}, {"p95", 0.95}, {"p99", 0.99}} {
		build.RegisterMeasure(derivedType{p.name, p.q})
	}
}

// Stored is the name of the stored measure: percentiles(prop), whose value
// as a query's measure is the median.
const Stored = "percentiles"

// storedType is percentiles(prop): an hour's numbers of the property in
// a sketch. Dedupe nets a duplicate's value out of it.
type storedType struct{}

func (storedType) Name() string                  { return Stored }
func (storedType) Input() build.Input            { return build.NumberInput }
func (storedType) New() (build.Aggregate, error) { return &agg{}, nil }

// Decode checks a sketch written by its MarshalBinary and keeps a copy of
// its bytes, read when the aggregate is (see agg).
func (storedType) Decode(b []byte) (build.Aggregate, error) {
	a := &agg{}
	return a, a.UnmarshalBinary(b)
}

// derivedType is pNN(prop): the quantile q of the percentiles(prop)
// rollup's merged sketch.
type derivedType struct {
	name string
	q    float64
}

func (d derivedType) Name() string                           { return d.name }
func (derivedType) Input() build.Input                       { return build.NumberInput }
func (derivedType) Base() string                             { return Stored }
func (derivedType) New() (build.Aggregate, error)            { return storedType{}.New() }
func (derivedType) Decode(b []byte) (build.Aggregate, error) { return storedType{}.Decode(b) }

// Of is the quantile of the merged sketch: NaN (a gap) when it is empty.
func (d derivedType) Of(a build.Aggregate) float64 {
	s, ok := a.(*agg)
	if !ok {
		return math.NaN()
	}
	return shown(s.Quantile(d.q))
}
