package build

// newCell returns an empty cell of the rollup's measure type. The cells
// of a file are cut from slabs (see Fold.slab): one allocation for many
// cells rather than one each.
func (f *Fold) newCell(rl *roll) *Cell {
	if len(f.slab) == cap(f.slab) {
		f.slab = make([]Cell, 0, min(max(2*cap(f.slab)+1, minSlab), maxSlab))
	}
	a, _ := rl.typ.New() // checked when the file starts
	f.slab = append(f.slab, Cell{a})
	return &f.slab[len(f.slab)-1]
}

// The bounds of a slab of cells: a file of a few cells takes a small one,
// a file of many cells ever larger ones, up to maxSlab. A slab holds
// 2^k-1 cells of 16 bytes, so that with the 8-byte header the allocator
// adds to a large object holding pointers it fills a size class of 2^(k+4)
// bytes (1023 cells: 16 KiB) rather than spill into the next.
const (
	minSlab = 15
	maxSlab = 1023
)

// flush puts the cells of every rollup in b.Cells. The fold keeps a
// file's cells by rollup, group and hour as it reads (roll.cells, small
// keys); b.Cells, keyed by the whole CellKey, is filled here once, sized
// for them, rather than grown cell by cell.
func (f *Fold) flush() {
	n := 0
	for _, rolls := range f.rolls {
		for _, rl := range rolls {
			n += len(rl.cells)
		}
	}
	if len(f.b.Cells) == 0 {
		f.b.Cells = make(map[CellKey]*Cell, n)
	}
	for _, rolls := range f.rolls {
		for _, rl := range rolls {
			for k, c := range rl.cells {
				f.b.Cells[CellKey{Rollup: rl.r, Group: k.g.value, Hour: k.h}] = c
			}
		}
	}
}
