package build

import (
	"cmp"
	"slices"
)

// spare is how many times the cardinality cap a file keeps groups of one
// rollup and hour exactly, before trim keeps the heaviest: a value that
// is frequent but first shows up late in the file is still kept, as long
// as it shows up among the first spare × cap distinct values.
const spare = 4

// fullHours is how many hours of spare × cap groups of one rollup a file
// keeps exactly, over all its hours: a file of a hostile client, whose
// events spread over years, holds no more than a file of two busy hours.
const fullHours = 2

// trim folds, in every hour where a rollup of the file holds more groups
// than the cap, all but the heaviest cap of them into OtherGroup.
// The rollups of one event and breakdown property rank the groups of an
// hour alike (by the most any of them holds, then by value), so that a
// count and a sum by the same property keep the same groups when they
// have the same ones. Stats.Folded gains, per property, hour and group,
// the most events any rollup folded; the adds of dedupe's messages follow
// their cells to OtherGroup.
func (f *Fold) trim() {
	type prop struct{ event, by string }
	sets := map[prop][]*roll{}
	for event, rolls := range f.rolls {
		for _, rl := range rolls {
			if rl.r.By != "" {
				sets[prop{event, rl.r.By}] = append(sets[prop{event, rl.r.By}], rl)
			}
		}
	}
	type foldKey struct {
		by, value string
		h         Hour
	}
	folds := map[foldKey]float64{}
	moved := map[CellKey]string{}
	for _, rolls := range sets {
		over := map[Hour]bool{}
		for _, rl := range rolls {
			for h, n := range rl.distinct {
				if n > f.limit {
					over[h] = true
				}
			}
		}
		for h := range over {
			weight := map[string]float64{}
			for _, rl := range rolls {
				for k, c := range rl.cells {
					if k.h == h && k.g != rl.other {
						weight[k.g.value] = max(weight[k.g.value], c.Weight())
					}
				}
			}
			for _, rl := range rolls {
				if rl.distinct[h] <= f.limit {
					continue
				}
				var gs []*group
				for k := range rl.cells {
					if k.h == h && k.g != rl.other {
						gs = append(gs, k.g)
					}
				}
				slices.SortFunc(gs, func(a, b *group) int {
					if c := cmp.Compare(weight[b.value], weight[a.value]); c != 0 {
						return c
					}
					return cmp.Compare(a.value, b.value)
				})
				other, _ := f.cell(rl, rl.other, h)
				for _, g := range gs[f.limit:] {
					k := cellKey{g, h}
					c := rl.cells[k]
					_ = other.Merge(c) // cells of one rollup are of one type: merging cannot fail
					fk := foldKey{rl.r.By, g.value, h}
					folds[fk] = max(folds[fk], c.Weight())
					c.agg = nil // merged: its slab, which the kept cells hold, need not hold the aggregate too
					delete(rl.cells, k)
					ck := CellKey{Rollup: rl.r, Group: g.value, Hour: h}
					if f.prior {
						delete(f.b.Cells, ck) // held before the file, now merged into other
					}
					moved[ck] = rl.other.value
				}
				rl.distinct[h] = f.limit
			}
		}
	}
	for _, w := range folds {
		f.b.Stats.Folded += int64(w)
	}
	if len(moved) == 0 {
		return
	}
	for i := range f.b.Msgs {
		m := &f.b.Msgs[i]
		for j, a := range m.Adds {
			if a.Event == "" {
				if g, ok := moved[a.Key(m.Hour)]; ok {
					m.Adds[j].Group = g
				}
			}
		}
	}
}
