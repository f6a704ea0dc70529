package build

// The write policy (policy.go, policycap.go, policydedupe.go) reads cells
// through their own methods (Weight, Empty) and changes them only through
// the operations in this file: a copy to net a duplicate message's share
// out of, and the netting itself.

// netCell takes a duplicate message's share a out of the cell c of the
// measure m: a subtracting aggregate subtracts it, an idempotent one is
// left as it is (see Net).
func netCell(m Measure, c *Cell, a Add) error { return Net(m, c, a) }

// copyCell returns a copy of the cell c of the measure m to net
// duplicates out of: an idempotent measure's cell is shared, as netting
// leaves it alone.
func copyCell(m Measure, c *Cell) (*Cell, error) {
	if m.Idempotent() {
		return c, nil
	}
	cp, err := NewCell(m)
	if err != nil {
		return nil, err
	}
	if err := cp.Merge(c); err != nil {
		return nil, err
	}
	return cp, nil
}
