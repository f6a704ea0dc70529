package build

// nCell, sCell and uCell make the cells of a count, a sum and a unique
// count for tests.
func nCell(n int64) *Cell              { return &Cell{&countAgg{n}} }
func sCell(sum float64, n int64) *Cell { return &Cell{&sumAgg{sum, n}} }
func uCell(s Sketch) *Cell             { return &Cell{&uniqueAgg{s: s, filled: true}} }
