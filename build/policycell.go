package build

// The write policy (policy.go, policycap.go, policydedupe.go) reads and
// changes cells only through the operations in this file: how much a cell
// weighs, whether it adds anything, and how a duplicate message's share
// is taken back out of it.

// Weight is how much a cell of a measure kind holds, for ranking groups:
// its events for a count or a sum, its estimate for a sketch.
func Weight(kind MeasureKind, c *Cell) float64 {
	if c == nil {
		return 0
	}
	if kind == Unique {
		if c.Sketch == nil {
			return 0
		}
		return float64(c.Sketch.Estimate())
	}
	return float64(c.N)
}

// CellEmpty reports whether a cell of a measure kind adds nothing to the
// store: no sketch for a unique count, no events and no sum otherwise.
func CellEmpty(kind MeasureKind, c *Cell) bool {
	if c == nil {
		return true
	}
	if kind == Unique {
		return c.Sketch == nil
	}
	return c.N == 0 && c.Sum == 0
}

// netCell takes a duplicate message's share a out of a copy of a cell.
// A sketch is shared, not copied: it counts a value once anyway, so a
// duplicate needs nothing taken out of it.
func netCell(c *Cell, a Add) {
	c.N -= a.N
	c.Sum -= a.Sum
}

// copyCell returns a copy of c to net duplicates out of.
func copyCell(c *Cell) *Cell {
	cp := *c
	return &cp
}
