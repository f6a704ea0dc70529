package build

import (
	"slices"
	"strings"
)

// The cardinality cap holds per breakdown rollup and hour over all files:
// an hour keeps at most Batch.Cap() groups (OtherGroup aside). A group the
// hour keeps adds to its cell; a new one is kept while the hour has room,
// the heaviest first (Admit), and otherwise adds to the hour's OtherGroup
// cell. A new group whose cell adds nothing (dedupe netted it out) takes
// no place.

// Fate is what the cap does with one group's cell in an hour.
type Fate uint8

// The fates of a cell under the cap.
const (
	FateKeep  Fate = iota // the hour keeps the group already (or it is OtherGroup): add to its cell
	FateAdmit             // a new group, kept from now on: add to its new cell
	FateFold              // a new group the hour has no room for: add to OtherGroup's cell
	FateDrop              // a new group whose cell adds nothing: write nothing, take no place
)

// GroupCell is one group's cell in an hour of a breakdown.
type GroupCell struct {
	Group string
	Cell  *Cell
}

// CapHour decides the fate of each of the cells one write brings to an
// hour of a breakdown, under a cap of limit groups: keeps
// reports whether the hour keeps the group of cells[i] already, and kept
// returns how many groups it keeps (asked only when there are new groups
// to rank). The fates are in the order of cells.
func CapHour(limit int, cells []GroupCell, keeps func(i int) bool, kept func() int) []Fate {
	fates := make([]Fate, len(cells))
	var cands []Candidate
	for i, gc := range cells {
		switch {
		case gc.Group == OtherGroup || keeps(i):
			fates[i] = FateKeep
		case gc.Cell.Empty():
			fates[i] = FateDrop
		default:
			fates[i] = FateFold
			cands = append(cands, Candidate{Group: gc.Group, Weight: gc.Cell.Weight()})
		}
	}
	if len(cands) == 0 {
		return fates
	}
	in := Admit(limit-kept(), cands)
	for i, gc := range cells {
		if fates[i] == FateFold && in[gc.Group] {
			fates[i] = FateAdmit
		}
	}
	return fates
}

// FoldKey is a group folded in an hour, counted once per event and
// property in Stats.Folded however many rollups (measures) folded it.
type FoldKey struct {
	Event, By, Group string
	Hour             Hour
}

// Folds collects what the cap folded of one batch: per event, property,
// hour and group, the most any rollup folded.
type Folds map[FoldKey]float64

// Note records that the cell c of group in hour h of rollup r folded.
func (f Folds) Note(r Rollup, group string, h Hour, c *Cell) {
	k := FoldKey{Event: r.Event, By: r.By, Group: group, Hour: h}
	f[k] = max(f[k], c.Weight())
}

// Merge adds the folds of o, keeping the most of each.
func (f Folds) Merge(o Folds) {
	for k, w := range o {
		f[k] = max(f[k], w)
	}
}

// Total is the events folded, for Stats.Folded.
func (f Folds) Total() int64 {
	var n int64
	for _, w := range f {
		n += int64(w)
	}
	return n
}

// capOrder returns the order in which an hour's cells are added: the
// groups it keeps already first, as given, then the new ones by group
// value, so that a sum's OtherGroup cell adds the same floats in the same
// order each time.
func capOrder(cells []GroupCell, fates []Fate) []int {
	idx := make([]int, len(cells))
	news := 0
	for i := range idx {
		idx[i] = i
		if fates[i] != FateKeep {
			news++
		}
	}
	if news == 0 {
		return idx
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ka, kb := fates[a] == FateKeep, fates[b] == FateKeep
		switch {
		case ka && kb:
			return 0
		case ka:
			return -1
		case kb:
			return 1
		}
		return strings.Compare(cells[a].Group, cells[b].Group)
	})
	return idx
}
