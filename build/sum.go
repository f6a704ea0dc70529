package build

import (
	"encoding/binary"
	"math"
)

// sumType is sum(prop): a numeric property added up per hour, with the
// events that gave it. Its aggregate encodes as 16 bytes: the sum's
// float64 bits, then the events, both big-endian.
type sumType struct{}

func init() { RegisterMeasure(sumType{}) }

// sumFields names a sum's numbers: its events and its total.
var sumFields = []string{"n", "sum"}

// sumAgg is an hour's sum and the events it adds up.
type sumAgg struct {
	sum float64
	n   int64
}

func (sumType) Name() string            { return string(Sum) }
func (sumType) Input() Input            { return NumberInput }
func (sumType) New() (Aggregate, error) { return &sumAgg{}, nil }

// Round rounds a sum of hours to RoundSum's significant digits.
func (sumType) Round(v float64) float64 { return RoundSum(v) }
func (sumType) Fields() []string        { return sumFields }

// Decode reads 16 bytes; anything else is an empty sum.
func (sumType) Decode(b []byte) (Aggregate, error) {
	s := &sumAgg{}
	return s, s.UnmarshalBinary(b)
}

// UnmarshalBinary reads the sum in place, as Decode does, so that a store
// walking many cells may reuse one aggregate.
func (s *sumAgg) UnmarshalBinary(b []byte) error {
	s.sum, s.n = 0, 0
	if len(b) == 16 {
		s.sum, s.n = math.Float64frombits(binary.BigEndian.Uint64(b)), int64(binary.BigEndian.Uint64(b[8:]))
	}
	return nil
}

func (sumType) Numbers(a Aggregate) []float64 {
	s := a.(*sumAgg)
	return []float64{float64(s.n), s.sum}
}

func (sumType) FromNumbers(v []float64) Aggregate { return &sumAgg{n: int64(v[0]), sum: v[1]} }

// Add adds one event's number.
func (s *sumAgg) Add(v Value) {
	s.sum += v.Num
	s.n++
}

// Merge adds other's sum and events.
func (s *sumAgg) Merge(other Aggregate) error {
	o := other.(*sumAgg)
	s.sum += o.sum
	s.n += o.n
	return nil
}

// Sub takes other's sum and events back out.
func (s *sumAgg) Sub(other Aggregate) error {
	o := other.(*sumAgg)
	s.sum -= o.sum
	s.n -= o.n
	return nil
}

func (s *sumAgg) Value() float64  { return s.sum }
func (s *sumAgg) Weight() float64 { return float64(s.n) }
func (s *sumAgg) Empty() bool     { return s.n == 0 && s.sum == 0 }

// MarshalBinary writes the sum's bits and the events, 16 bytes.
func (s *sumAgg) MarshalBinary() ([]byte, error) {
	b := binary.BigEndian.AppendUint64(make([]byte, 0, 16), math.Float64bits(s.sum))
	return binary.BigEndian.AppendUint64(b, uint64(s.n)), nil
}
