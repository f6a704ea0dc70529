package build

import (
	"cmp"
	"slices"
)

// The write policy: what a store writes for a batch, decided once here
// for every store. A store answers the reads (StoreView, FileState) and
// writes what PlanWrite returns, in one atomic write: it knows its keys,
// its encodings and its transactions, not the cardinality cap or dedupe.

// FileState is what a store keeps of one source file for the policy.
type FileState struct {
	Applied []string        // IDs of the rollups applied from the file
	Dups    map[uint64]bool // the file's dedupe decision: first sightings that were duplicates of other files
}

// StoreView answers the policy's reads of what a store holds, with what
// the same write has decided so far (the earlier batches of one
// transaction) taken into account.
type StoreView interface {
	// Keeps reports whether the breakdown k.Rollup keeps the group
	// k.Group in the hour k.Hour.
	Keeps(k CellKey) bool
	// Kept is how many groups hour h of the breakdown r keeps.
	Kept(r Rollup, h Hour) int
	// Seen returns the event hour stored for a message ID, false when the
	// store holds none or has let it expire.
	Seen(id uint64) (Hour, bool)
}

// WriteSet is exactly what a store writes for one batch.
type WriteSet struct {
	IDs    []string            // the rollups applied now: record them on the file
	Base   bool                // the base rollup is among them: Counts, the file's stats and health
	Counts map[EventHour]int64 // with Base: the base counts to add, duplicates netted out

	// Cells are the cells to add, capped and netted, in the order to add
	// them (it matters only to the float sums of one cell).
	Cells    []CellWrite
	Admitted []HourGroups // breakdown groups newly kept, per rollup and hour

	// With Decided, dedupe decided the file's duplicates now: record
	// Cross on the file, and store the IDs of Fresh with their hours.
	Decided bool
	Cross   []uint64
	Fresh   []*Msg

	Dups   int64 // with Base: messages counted once (Stats.Dups)
	Folded int64 // events the cap folded into OtherGroup, for Stats.Folded
}

// CellWrite is one cell to add to the store.
type CellWrite struct {
	CellKey
	Cell *Cell
}

// HourGroups is the groups an hour of a breakdown keeps from now on.
type HourGroups struct {
	Rollup Rollup
	Hour   Hour
	Groups []string // in group order
}

// PlanWrite returns what to write for the rollups of b that file has not
// had applied yet, or nil when it has had them all. Under dedupe, the file's
// duplicates are decided when its base counts are applied (from view.Seen)
// and read back from file.Dups otherwise (a backfill), and their shares
// are netted out before the cap ranks the groups, so that a group of
// repeated messages wins no place over one of distinct messages. The cap
// is b.Cap() per breakdown hour, over what view says the hour keeps.
func PlanWrite(b *Batch, file FileState, view StoreView) (*WriteSet, error) {
	rollups := b.Rollups
	if len(rollups) == 0 {
		rollups = []Rollup{BaseRollup}
	}
	ws := &WriteSet{}
	todo := map[Rollup]bool{}
	for _, r := range rollups {
		id := r.ID()
		if slices.Contains(file.Applied, id) || slices.Contains(ws.IDs, id) {
			continue
		}
		ws.IDs = append(ws.IDs, id)
		if r.IsBase() {
			ws.Base = true
		} else if r.Needed() {
			todo[r] = true
		}
	}
	if len(ws.IDs) == 0 {
		return nil, nil
	}
	var dups []*Msg
	if b.DedupeOn() {
		cross := file.Dups
		if ws.Base {
			ws.Decided = true
			ws.Cross, ws.Fresh = Decide(b, view.Seen)
			cross = make(map[uint64]bool, len(ws.Cross))
			for _, id := range ws.Cross {
				cross[id] = true
			}
		}
		dups = Duplicates(b.Msgs, cross)
	}
	if ws.Base {
		ws.Counts = NetCounts(b.Counts, dups)
		ws.Dups = int64(len(dups))
	}
	if len(todo) > 0 {
		cells, err := NetCells(b.Cells, dups, func(r Rollup) bool { return todo[r] })
		if err != nil {
			return nil, err
		}
		ws.capCells(b.Cap(), cells, todo, view)
	}
	return ws, nil
}

// rollupHour is one hour of one breakdown.
type rollupHour struct {
	r Rollup
	h Hour
}

// capCells adds the cells of the rollups todo to the write set: a rollup
// without a breakdown's as they are, a breakdown's hour by hour (by
// series prefix, then hour) under the cap of limit groups.
func (ws *WriteSet) capCells(limit int, cells map[CellKey]*Cell, todo map[Rollup]bool, view StoreView) {
	ws.Cells = make([]CellWrite, 0, len(cells))
	byHour := map[rollupHour][]GroupCell{}
	for k, c := range cells {
		if c == nil || !todo[k.Rollup] {
			continue
		}
		if k.Rollup.By == "" {
			ws.Cells = append(ws.Cells, CellWrite{CellKey: k, Cell: c})
			continue
		}
		rh := rollupHour{k.Rollup, k.Hour}
		byHour[rh] = append(byHour[rh], GroupCell{Group: k.Group, Cell: c})
	}
	hours := make([]rollupHour, 0, len(byHour))
	for rh := range byHour {
		hours = append(hours, rh)
	}
	slices.SortFunc(hours, func(a, b rollupHour) int {
		return cmp.Or(cmp.Compare(a.r.SeriesPrefix(), b.r.SeriesPrefix()), cmp.Compare(a.h, b.h))
	})
	folds := Folds{}
	for _, rh := range hours {
		ws.capHour(limit, rh.r, rh.h, byHour[rh], view, folds)
	}
	ws.Folded = folds.Total()
}

// capHour adds one hour of one breakdown's cells under the cap.
func (ws *WriteSet) capHour(limit int, r Rollup, h Hour, cells []GroupCell, view StoreView, folds Folds) {
	keeps := func(i int) bool { return view.Keeps(CellKey{Rollup: r, Group: cells[i].Group, Hour: h}) }
	kept := func() int { return view.Kept(r, h) }
	fates := CapHour(limit, cells, keeps, kept)
	var admitted []string
	for _, i := range capOrder(cells, fates) {
		gc := cells[i]
		switch fates[i] {
		case FateKeep, FateAdmit:
			ws.Cells = append(ws.Cells, CellWrite{CellKey: CellKey{Rollup: r, Group: gc.Group, Hour: h}, Cell: gc.Cell})
			if fates[i] == FateAdmit {
				admitted = append(admitted, gc.Group)
			}
		case FateFold:
			ws.Cells = append(ws.Cells, CellWrite{CellKey: CellKey{Rollup: r, Group: OtherGroup, Hour: h}, Cell: gc.Cell})
			folds.Note(r, gc.Group, h, gc.Cell)
		}
	}
	if len(admitted) > 0 {
		ws.Admitted = append(ws.Admitted, HourGroups{Rollup: r, Hour: h, Groups: admitted})
	}
}
