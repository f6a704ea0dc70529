package build

// roll is one rollup of a fold's batch, compiled, with what the file has
// put in it so far.
type roll struct {
	r          Rollup
	typ        MeasureType
	input      Input
	dedupe     bool   // under dedupe, a message's share is kept (the type is not idempotent)
	prop       int    // the event's path index of the measured property; -1 for count
	by         int    // the event's path index of the By property (a combination's first); -1 without one
	parts      []int  // a combination's path indices, in By's order; nil for one property
	foldKey    int    // what Stats.Folded counts a line once per: by, or a combination's own key
	missing    string // skip reasons: "sum(revenue): missing"
	notNum     string // "sum(revenue): not a number"
	outOfRange string // "sum(revenue): out of range"

	groups   map[string]*group // by value
	only     *group            // the one group of a rollup without By
	other    *group            // OtherGroup
	cells    map[cellKey]*Cell // this file's cells
	distinct map[Hour]int      // groups with a cell, per hour, OtherGroup aside
	tracked  int               // breakdown groups with a cell, over all hours, OtherGroup aside
}

// group is one breakdown value.
type group struct {
	value string
}

type cellKey struct {
	g *group
	h Hour
}

// newRoll compiles the rollup r of the measure type t.
func newRoll(r Rollup, t MeasureType) *roll {
	m := r.Measure.String()
	rl := &roll{
		r: r, typ: t, input: t.Input(), dedupe: !r.Measure.Idempotent(), prop: -1, by: -1,
		missing: m + ": missing", notNum: m + ": not a number", outOfRange: m + ": out of range",
		groups: map[string]*group{}, cells: map[cellKey]*Cell{}, distinct: map[Hour]int{},
	}
	rl.other = rl.intern([]byte(OtherGroup))
	rl.only = rl.intern(nil)
	return rl
}

// intern returns the group of value v.
func (rl *roll) intern(v []byte) *group {
	if g := rl.groups[string(v)]; g != nil {
		return g
	}
	g := &group{value: string(v)}
	rl.groups[g.value] = g
	return g
}

// group returns the group of value v, or nil when v is new to the rollup
// and hour h has no room for it (see room): a value that folds is not
// kept, so the groups a rollup holds stay within its cells.
func (rl *roll) group(v []byte, h Hour, limit int) *group {
	if g := rl.groups[string(v)]; g != nil {
		return g
	}
	if !rl.room(h, limit) {
		return nil
	}
	return rl.intern(v)
}

// room reports whether a group new in hour h may have a cell there: a
// breakdown rollup tracks at most spare times the cardinality cap groups
// in an hour (trim keeps the heaviest cap of them at the end), and at most
// fullHours times that over all the hours of the file, so that a file's
// working set does not grow with the hours its timestamps span.
func (rl *roll) room(h Hour, limit int) bool {
	return rl.distinct[h] < spare*limit && (rl.by < 0 || rl.tracked < fullHours*spare*limit)
}

// cell returns the cell of group g in hour h, creating it when g is new
// in that hour and there is room for it (see room); otherwise, or when g
// is nil (a value group did not keep), the value folds into the hour's
// OtherGroup. It returns the group the cell belongs to (OtherGroup when g
// folded); the caller counts the fold.
//
// The cell is the rollup's own (rl.cells, keyed by group and hour): b.Cells
// gets it when the file is done (see flush). A cell b.Cells held before
// the file (a batch folded from more than one) is found there and added
// to.
func (f *Fold) cell(rl *roll, g *group, h Hour) (*Cell, *group) {
	if g == nil {
		return f.cell(rl, rl.other, h)
	}
	if c := rl.cells[cellKey{g, h}]; c != nil {
		return c, g
	}
	if g != rl.other {
		if !rl.room(h, f.limit) {
			return f.cell(rl, rl.other, h)
		}
		rl.distinct[h]++
		if rl.by >= 0 {
			rl.tracked++
		}
	}
	var c *Cell
	if f.prior {
		c = f.b.Cells[CellKey{Rollup: rl.r, Group: g.value, Hour: h}]
	}
	if c == nil {
		c = f.newCell(rl)
	}
	rl.cells[cellKey{g, h}] = c
	return c, g
}
