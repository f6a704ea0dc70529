package quantile

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/DataDog/sketches-go/ddsketch/mapping"
	"github.com/dashsmith/dashsmith/build"
)

// RelativeAccuracy is the sketch's guarantee: a percentile it returns is
// within 1% of the true value at the same rank (see Sketch.Quantile).
const RelativeAccuracy = 0.01

// index maps a magnitude to its bin and back: DDSketch's logarithmic
// mapping, bins of a factor (1+a)/(1-a) ≈ 1.0202 whose representative
// value is within a of every value in the bin.
var index = mustMapping()

func mustMapping() *mapping.LogarithmicMapping {
	m, err := mapping.NewLogarithmicMapping(RelativeAccuracy)
	if err != nil {
		panic("quantile: " + err.Error())
	}
	return m
}

// Sketch is a DDSketch of one hour's (or a bucket's) values: counts of
// the values in each logarithmic bin, for negative and positive values
// apart, and a count of zeros (magnitudes below the mapping's smallest
// indexable value, about 1e-308, count as zero). Counts are whole numbers,
// so merging adds them exactly and in any order gives the same sketch.
type Sketch struct {
	neg, pos bins // negative values by the bin of their magnitude
	zero     int64
}

// Add counts one value; NaN and infinities are ignored (the ingest path
// never passes them).
func (s *Sketch) Add(v float64) { s.addN(v, 1) }

func (s *Sketch) addN(v float64, c int64) {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
	case v > index.MinIndexableValue():
		s.pos.add(index.Index(min(v, index.MaxIndexableValue())), c)
	case v < -index.MinIndexableValue():
		s.neg.add(index.Index(min(-v, index.MaxIndexableValue())), c)
	default:
		s.zero += c
	}
}

// MergeSketch adds every count of o.
func (s *Sketch) MergeSketch(o *Sketch) {
	s.neg.merge(&o.neg)
	s.pos.merge(&o.pos)
	s.zero += o.zero
}

// Count is how many values the sketch holds.
func (s *Sketch) Count() int64 { return s.neg.total() + s.zero + s.pos.total() }

// Quantile returns the value of rank floor(q·(n−1)) (0-based, values in
// ascending order) among the sketch's n values, within RelativeAccuracy:
// q = 0.5 of 1..10 is the 5th value, 5; q = 0.95 of 1..100 is the 95th, 95.
// It returns NaN for an empty sketch or a q outside [0, 1].
func (s *Sketch) Quantile(q float64) float64 {
	n := s.Count()
	if n <= 0 || !(q >= 0 && q <= 1) {
		return math.NaN()
	}
	rank := int64(math.Floor(q * float64(n-1)))
	// Negative values ascend as their magnitudes descend: the value of
	// rank r among them is the magnitude of rank negs-1-r.
	negs := s.neg.total()
	if rank < negs {
		return -index.Value(s.neg.at(negs - 1 - rank))
	}
	if rank < negs+s.zero {
		return 0
	}
	return index.Value(s.pos.at(rank - negs - s.zero))
}

// at is the bin that holds the value of rank r (0-based, ascending); the
// highest bin when r is past the counts (which only counts gone negative
// allow).
func (b *bins) at(r int64) int {
	var seen int64
	found, last := false, 0
	b.each(func(i int, c int64) {
		if found {
			return
		}
		last = i
		if seen += c; seen > r {
			found = true
		}
	})
	return last
}

// agg is a sketch as a build.Aggregate: the stored aggregate of
// percentiles(prop) and of every pNN(prop) read from it. One that Decode
// made keeps its encoding (raw) until something reads it: a query merges
// it into a bucket's sketch straight from the bytes, with no sketch of
// its own.
type agg struct {
	Sketch
	raw []byte
}

var _ build.Subtracter = (*agg)(nil)

// UnmarshalBinary reads an encoded sketch in place, as Decode does (a
// store walking many cells reuses one aggregate): it keeps a copy of the
// bytes, read when the aggregate is.
func (a *agg) UnmarshalBinary(b []byte) error {
	if err := check(b); err != nil {
		return err
	}
	a.neg.reset()
	a.pos.reset()
	a.zero = 0
	a.raw = append(a.raw[:0], b...)
	return nil
}

// load reads raw into the sketch, once.
func (a *agg) load() {
	if a.raw != nil {
		raw := a.raw
		a.raw = nil
		a.mergeEncoded(raw) // checked by Decode
	}
}

// Add counts one event's number.
func (a *agg) Add(v build.Value) {
	a.load()
	a.Sketch.Add(v.Num)
}

// Merge adds other's counts.
func (a *agg) Merge(other build.Aggregate) error {
	o, ok := other.(*agg)
	if !ok {
		return fmt.Errorf("quantile: cannot merge a %T", other)
	}
	a.load()
	if o.raw != nil {
		a.mergeEncoded(o.raw)
		return nil
	}
	a.MergeSketch(&o.Sketch)
	return nil
}

// Sub takes other's counts back out, bin by bin: dedupe nets a duplicate
// message's value with it.
func (a *agg) Sub(other build.Aggregate) error {
	o, ok := other.(*agg)
	if !ok {
		return fmt.Errorf("quantile: cannot subtract a %T", other)
	}
	a.load()
	o.load()
	a.neg.sub(&o.neg)
	a.pos.sub(&o.pos)
	a.zero -= o.zero
	return nil
}

// Value is the median.
func (a *agg) Value() float64 {
	a.load()
	return shown(a.Quantile(0.5))
}

// shown rounds a quantile to 6 significant digits: the sketch's value is
// a bin's, within 1% of the true one, so its further digits are noise
// (441.48895806266785 is 441.489). The rounding adds at most 0.0005% to
// the error.
func shown(v float64) float64 {
	if math.IsNaN(v) || v == 0 {
		return v
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
	return r
}

// Weight is the events the sketch holds.
func (a *agg) Weight() float64 {
	a.load()
	return float64(a.Count())
}

// Empty reports whether no bin holds a count. An unread sketch is empty
// when its encoding is that of the empty sketch: no zeros and no bins.
func (a *agg) Empty() bool {
	if a.raw != nil {
		return string(a.raw) == emptyEncoding
	}
	return a.zero == 0 && !a.neg.nonzero() && !a.pos.nonzero()
}

// MarshalBinary encodes the sketch: its bytes as read, when unread.
func (a *agg) MarshalBinary() ([]byte, error) {
	if a.raw != nil {
		return slices.Clone(a.raw), nil
	}
	return a.Sketch.MarshalBinary()
}
