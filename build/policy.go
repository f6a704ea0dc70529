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
	// Keeps reports whether the breakdown r keeps the group whose cell
	// is at sh (r.Series(group), in an hour).
	Keeps(r Rollup, sh SeriesHour) bool
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
	SeriesHour
	Kind MeasureKind
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
func PlanWrite(b *Batch, file FileState, view StoreView) *WriteSet {
	rollups := b.Rollups
	if len(rollups) == 0 {
		rollups = []Rollup{BaseRollup}
	}
	ws := &WriteSet{}
	todo := map[string]Rollup{} // by series prefix
	for _, r := range rollups {
		id := r.ID()
		if slices.Contains(file.Applied, id) || slices.Contains(ws.IDs, id) {
			continue
		}
		ws.IDs = append(ws.IDs, id)
		if r.IsBase() {
			ws.Base = true
		} else if r.Needed() {
			todo[r.SeriesPrefix()] = r
		}
	}
	if len(ws.IDs) == 0 {
		return nil
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
		cells := NetCells(b.Cells, dups, func(p string) bool { _, ok := todo[p]; return ok })
		ws.capCells(b.Cap(), cells, todo, view)
	}
	return ws
}

// rollupHour is one hour of one breakdown, by series prefix.
type rollupHour struct {
	prefix string
	h      Hour
}

// hourCells is a batch's cells in one hour of one breakdown, with their
// series keys.
type hourCells struct {
	cells  []GroupCell
	series []string
}

// capCells adds the cells of the rollups todo (by series prefix) to the
// write set: a rollup without a breakdown's as they are, a breakdown's
// hour by hour under the cap of limit groups.
func (ws *WriteSet) capCells(limit int, cells map[SeriesHour]*Cell, todo map[string]Rollup, view StoreView) {
	ws.Cells = make([]CellWrite, 0, len(cells))
	byHour := map[rollupHour]*hourCells{}
	for sh, c := range cells {
		if c == nil {
			continue
		}
		prefix := seriesPrefixOf(sh.Series)
		r, ok := todo[prefix]
		if !ok {
			continue
		}
		if r.By == "" {
			ws.Cells = append(ws.Cells, CellWrite{SeriesHour: sh, Kind: r.Measure.Kind, Cell: c})
			continue
		}
		rh := rollupHour{prefix, sh.Hour}
		hc := byHour[rh]
		if hc == nil {
			hc = &hourCells{}
			byHour[rh] = hc
		}
		hc.cells = append(hc.cells, GroupCell{Group: sh.Series[len(prefix):], Cell: c})
		hc.series = append(hc.series, sh.Series)
	}
	hours := make([]rollupHour, 0, len(byHour))
	for rh := range byHour {
		hours = append(hours, rh)
	}
	slices.SortFunc(hours, func(a, b rollupHour) int {
		return cmp.Or(cmp.Compare(a.prefix, b.prefix), cmp.Compare(a.h, b.h))
	})
	folds := Folds{}
	for _, rh := range hours {
		ws.capHour(limit, todo[rh.prefix], rh.h, byHour[rh], view, folds)
	}
	ws.Folded = folds.Total()
}

// capHour adds one hour of one breakdown's cells under the cap.
func (ws *WriteSet) capHour(limit int, r Rollup, h Hour, hc *hourCells, view StoreView, folds Folds) {
	kind := r.Measure.Kind
	keeps := func(i int) bool { return view.Keeps(r, SeriesHour{Series: hc.series[i], Hour: h}) }
	kept := func() int { return view.Kept(r, h) }
	fates := CapHour(limit, kind, hc.cells, keeps, kept)
	var admitted []string
	var other string
	for _, i := range capOrder(hc.cells, fates) {
		gc := hc.cells[i]
		switch fates[i] {
		case FateKeep, FateAdmit:
			ws.Cells = append(ws.Cells, CellWrite{SeriesHour: SeriesHour{Series: hc.series[i], Hour: h}, Kind: kind, Cell: gc.Cell})
			if fates[i] == FateAdmit {
				admitted = append(admitted, gc.Group)
			}
		case FateFold:
			if other == "" {
				other = r.Series(OtherGroup)
			}
			ws.Cells = append(ws.Cells, CellWrite{SeriesHour: SeriesHour{Series: other, Hour: h}, Kind: kind, Cell: gc.Cell})
			folds.Note(r, gc.Group, h, gc.Cell)
		}
	}
	if len(admitted) > 0 {
		ws.Admitted = append(ws.Admitted, HourGroups{Rollup: r, Hour: h, Groups: admitted})
	}
}
