package build

import "encoding/binary"

// countType is the count measure: events per hour. It takes no property.
// Its aggregate encodes as 8 bytes, the count big-endian.
type countType struct{}

func init() { RegisterMeasure(countType{}) }

// countFields names a count's one number: its events.
var countFields = []string{"n"}

// countAgg is an hour's event count.
type countAgg struct{ n int64 }

func (countType) Name() string            { return string(Count) }
func (countType) Input() Input            { return NoInput }
func (countType) New() (Aggregate, error) { return &countAgg{}, nil }
func (countType) Round(v float64) float64 { return v }
func (countType) Fields() []string        { return countFields }

// Decode reads 8 bytes big-endian; anything else is an empty count.
func (countType) Decode(b []byte) (Aggregate, error) {
	c := &countAgg{}
	return c, c.UnmarshalBinary(b)
}

// UnmarshalBinary reads the count in place, as Decode does, so that a
// store walking many cells may reuse one aggregate.
func (c *countAgg) UnmarshalBinary(b []byte) error {
	c.n = 0
	if len(b) == 8 {
		c.n = int64(binary.BigEndian.Uint64(b))
	}
	return nil
}

func (countType) Numbers(a Aggregate) []float64 { return []float64{float64(a.(*countAgg).n)} }

func (countType) FromNumbers(v []float64) Aggregate { return &countAgg{int64(v[0])} }

// Add counts one event.
func (c *countAgg) Add(Value) { c.n++ }

// Merge adds other's events.
func (c *countAgg) Merge(other Aggregate) error {
	c.n += other.(*countAgg).n
	return nil
}

// Sub takes other's events back out.
func (c *countAgg) Sub(other Aggregate) error {
	c.n -= other.(*countAgg).n
	return nil
}

func (c *countAgg) Value() float64  { return float64(c.n) }
func (c *countAgg) Weight() float64 { return float64(c.n) }
func (c *countAgg) Empty() bool     { return c.n == 0 }

// MarshalBinary writes the count as 8 bytes big-endian.
func (c *countAgg) MarshalBinary() ([]byte, error) {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), uint64(c.n)), nil
}
