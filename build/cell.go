package build

import "fmt"

// Cell is one hour of one series: an opaque aggregate of the series'
// measure type. A nil *Cell reads as empty.
type Cell struct{ agg Aggregate }

// CellOf wraps an aggregate as a cell.
func CellOf(a Aggregate) *Cell { return &Cell{a} }

// NewCell returns an empty cell of the measure m.
func NewCell(m Measure) (*Cell, error) {
	t, err := m.Type()
	if err != nil {
		return nil, err
	}
	a, err := t.New()
	if err != nil {
		return nil, err
	}
	return &Cell{a}, nil
}

// DecodeCell reads a cell of the measure m written by Cell.MarshalBinary.
func DecodeCell(m Measure, b []byte) (*Cell, error) {
	t, err := m.Type()
	if err != nil {
		return nil, err
	}
	a, err := t.Decode(b)
	if err != nil {
		return nil, err
	}
	return &Cell{a}, nil
}

// Aggregate returns the cell's aggregate.
func (c *Cell) Aggregate() Aggregate { return c.agg }

// Add feeds one event's value.
func (c *Cell) Add(v Value) { c.agg.Add(v) }

// Merge adds o into the cell (nothing for a nil o).
func (c *Cell) Merge(o *Cell) error {
	if o == nil || o.agg == nil {
		return nil
	}
	return c.agg.Merge(o.agg)
}

// Value finalises the cell to the number a chart shows; 0 for nil.
func (c *Cell) Value() float64 {
	if c == nil || c.agg == nil {
		return 0
	}
	return c.agg.Value()
}

// Weight is how much the cell holds, for ranking groups; 0 for nil.
func (c *Cell) Weight() float64 {
	if c == nil || c.agg == nil {
		return 0
	}
	return c.agg.Weight()
}

// Empty reports whether the cell holds nothing.
func (c *Cell) Empty() bool { return c == nil || c.agg == nil || c.agg.Empty() }

// MarshalBinary encodes the cell's aggregate.
func (c *Cell) MarshalBinary() ([]byte, error) { return c.agg.MarshalBinary() }

// CellKey addresses one cell of a rollup: its group (breakdown value, ""
// without a breakdown) and hour.
type CellKey struct {
	Rollup Rollup
	Group  string
	Hour   Hour
}

// Series is the key's series, as Rollup.Series writes it.
func (k CellKey) Series() string { return k.Rollup.Series(k.Group) }

// CheckDedupe reports whether dedupe can take a duplicate message's share
// back out of the measure's cells: its aggregate subtracts and it reads
// no text (a share keeps the number), or adding a value twice is the same
// as once.
func (m Measure) CheckDedupe() error {
	t, err := m.Type()
	if err != nil {
		return err
	}
	if m.Idempotent() {
		return nil
	}
	a, err := t.New()
	if err != nil {
		return err
	}
	if _, ok := a.(Subtracter); ok && t.Input() != TextInput {
		return nil
	}
	return fmt.Errorf("measure %s cannot run under dedupe: a duplicate message's share cannot be taken back out of it", m)
}

// Net takes a duplicate message's share a back out of the cell c of the
// measure m (see Msg): a subtracting aggregate subtracts it, an
// idempotent one is left as it is.
func Net(m Measure, c *Cell, a Add) error {
	t, err := m.Type()
	if err != nil {
		return err
	}
	if m.Idempotent() {
		return nil
	}
	s, ok := c.agg.(Subtracter)
	if !ok {
		return m.CheckDedupe()
	}
	share, err := t.New()
	if err != nil {
		return err
	}
	share.Add(Value{Num: a.Num})
	return s.Sub(share)
}

// Vector returns the measure's type as a Vector, or nil when its
// aggregate is not numbers that add (or the measure is not registered).
func (m Measure) Vector() Vector {
	t, err := m.Type()
	if err != nil {
		return nil
	}
	v, _ := t.(Vector)
	return v
}

// Idempotent reports whether the measure's type is Idempotent: adding a
// value twice is the same as once.
func (m Measure) Idempotent() bool {
	t, err := m.Type()
	if err != nil {
		return false
	}
	i, ok := t.(Idempotent)
	return ok && i.Idempotent()
}
