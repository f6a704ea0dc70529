package build

import "bytes"

// uniqueType is unique(prop): the distinct values of a property, estimated
// by the registered Sketch (see RegisterSketch). It lives in the core over
// that interface, so that a dashboard's unique(...) parses whether or not a
// sketch is linked in; making an aggregate fails without one. Its
// aggregate encodes as the sketch's MarshalBinary.
type uniqueType struct{}

func init() { RegisterMeasure(uniqueType{}) }

// uniqueAgg is an hour's sketch; filled is false until it holds a value.
type uniqueAgg struct {
	s      Sketch
	filled bool
}

func (uniqueType) Name() string     { return string(Unique) }
func (uniqueType) Input() Input     { return TextInput }
func (uniqueType) Idempotent() bool { return true }

// TotalLabel heads a unique count's total: the distinct values of the
// whole range, not the sum of its buckets.
func (uniqueType) TotalLabel() string { return "All (distinct)" }

// New returns an empty sketch, or ErrNoSketch.
func (uniqueType) New() (Aggregate, error) {
	s, err := NewSketch()
	if err != nil {
		return nil, err
	}
	return &uniqueAgg{s: s}, nil
}

// Decode reads a sketch from a copy of b.
func (uniqueType) Decode(b []byte) (Aggregate, error) {
	s, err := UnmarshalSketch(bytes.Clone(b)) // a sketch may keep the bytes it reads
	if err != nil {
		return nil, err
	}
	return &uniqueAgg{s: s, filled: true}, nil
}

// Add inserts the value's text.
func (u *uniqueAgg) Add(v Value) {
	u.s.Insert(v.Text)
	u.filled = true
}

// Merge adds every value of other's sketch.
func (u *uniqueAgg) Merge(other Aggregate) error {
	o := other.(*uniqueAgg)
	if !o.filled {
		return nil
	}
	u.filled = true
	return u.s.Merge(o.s)
}

func (u *uniqueAgg) Value() float64  { return float64(u.s.Estimate()) }
func (u *uniqueAgg) Weight() float64 { return float64(u.s.Estimate()) }
func (u *uniqueAgg) Empty() bool     { return !u.filled }

// MarshalBinary writes the sketch.
func (u *uniqueAgg) MarshalBinary() ([]byte, error) { return u.s.MarshalBinary() }
