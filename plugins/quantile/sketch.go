package quantile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

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
	// Negative values ascend as their magnitudes' bins descend.
	var seen int64
	for j := len(s.neg.counts) - 1; j >= 0; j-- {
		if seen += s.neg.counts[j]; seen > rank {
			return -index.Value(s.neg.lo + j)
		}
	}
	if seen += s.zero; seen > rank {
		return 0
	}
	for j, c := range s.pos.counts {
		if seen += c; seen > rank {
			return index.Value(s.pos.lo + j)
		}
	}
	return index.Value(s.pos.hi()) // counts that went negative: the largest bin
}

// The encoding: a version byte, the zero count, then the negative and the
// positive bins, each as how many bins hold a count and, for each, its
// index as a zigzag varint delta from the previous one (the first from 0)
// and its count as a zigzag varint. Empty bins are left out, so the same
// counts always encode to the same bytes. An hour of 100 values of one
// sign is typically about 100 bins, 200 to 300 bytes.
const encVersion = 1

// MarshalBinary encodes the sketch.
func (s *Sketch) MarshalBinary() ([]byte, error) {
	out := make([]byte, 0, 2+binary.MaxVarintLen64+4*(len(s.neg.counts)+len(s.pos.counts)))
	out = append(out, encVersion)
	out = binary.AppendVarint(out, s.zero)
	for _, b := range []*bins{&s.neg, &s.pos} {
		n := 0
		for _, c := range b.counts {
			if c != 0 {
				n++
			}
		}
		out = binary.AppendUvarint(out, uint64(n))
		prev := 0
		for j, c := range b.counts {
			if c == 0 {
				continue
			}
			out = binary.AppendVarint(out, int64(b.lo+j-prev))
			out = binary.AppendVarint(out, c)
			prev = b.lo + j
		}
	}
	return out, nil
}

// errCorrupt is the error for bytes MarshalBinary did not write.
var errCorrupt = errors.New("quantile: not an encoded sketch")

// maxIndex bounds a decoded bin index: the mapping's indexes of float64
// magnitudes lie well within it.
const maxIndex = 1 << 20

// UnmarshalBinary replaces the sketch with the one b encodes (b is not
// kept). Bins come back through add, so a sketch encoded with more bins
// than MaxBins folds as one built here would.
func (s *Sketch) UnmarshalBinary(b []byte) error {
	s.neg.counts, s.pos.counts, s.zero = s.neg.counts[:0], s.pos.counts[:0], 0
	if len(b) == 0 || b[0] != encVersion {
		return errCorrupt
	}
	b = b[1:]
	next := func() (int64, bool) {
		v, n := binary.Varint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	var ok bool
	if s.zero, ok = next(); !ok {
		return errCorrupt
	}
	for _, into := range []*bins{&s.neg, &s.pos} {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)) { // each bin takes at least two bytes
			return errCorrupt
		}
		b = b[k:]
		at := 0
		for range n {
			d, ok1 := next()
			c, ok2 := next()
			if !ok1 || !ok2 || d > maxIndex || d < -maxIndex {
				return errCorrupt
			}
			if at += int(d); at > maxIndex || at < -maxIndex {
				return errCorrupt
			}
			into.add(at, c)
		}
	}
	if len(b) != 0 {
		return fmt.Errorf("quantile: %d bytes after the sketch", len(b))
	}
	return nil
}

// agg is a sketch as a build.Aggregate: the stored aggregate of
// percentiles(prop) and of every pNN(prop) read from it.
type agg struct{ Sketch }

var _ build.Subtracter = (*agg)(nil)

// Add counts one event's number.
func (a *agg) Add(v build.Value) { a.Sketch.Add(v.Num) }

// Merge adds other's counts.
func (a *agg) Merge(other build.Aggregate) error {
	o, ok := other.(*agg)
	if !ok {
		return fmt.Errorf("quantile: cannot merge a %T", other)
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
	a.neg.sub(&o.neg)
	a.pos.sub(&o.pos)
	a.zero -= o.zero
	return nil
}

// Value is the median.
func (a *agg) Value() float64 { return a.Quantile(0.5) }

// Weight is the events the sketch holds.
func (a *agg) Weight() float64 { return float64(a.Count()) }

// Empty reports whether no bin holds a count.
func (a *agg) Empty() bool { return a.zero == 0 && !a.neg.nonzero() && !a.pos.nonzero() }
