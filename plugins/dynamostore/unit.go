package dynamostore

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// unitMax is the most items a unit writes, room for the cardinality cap
// included (see split), its file's marker and health day aside, so that
// any unit fits in one transaction (100 items): 96 + 2.
const unitMax = 96

// unit is the part of a file's work that is applied exactly once on its
// own, with its file's marker in the same transaction: one rollup of the
// file, or one part of a rollup too big for one transaction.
type unit struct {
	batch  *build.Batch
	rollup build.Rollup
	token  string // the marker entry: the rollup ID, or "k/P ID" for a part
	part   bool   // token goes into the marker's parts rather than done

	cells  []*write          // counts, sums and sketches
	events map[string]*write // base counts: each event's entry
	groups []*write          // breakdowns: each group's entry
	health *write            // the base's first unit: the arrival day's record

	// Breakdowns that keep group totals (see totals.go): each (group, UTC
	// day)'s total and each hour's cell of all groups, in the order first
	// added, and the same by key.
	totals []*write
	sums   map[key]*write

	// reserve is the items the cardinality cap may add to a breakdown's
	// unit when it commits (see reserveOf): transactions keep room for them.
	reserve []key
}

// cell is one counter or cell of a batch before it becomes a write.
type cell struct {
	k     key
	event string      // base counts: the event; else ""
	group string      // breakdowns: the group value; else ""
	n     int64       // base counts: the events
	c     *build.Cell // rollups: the aggregate
}

// units splits the work of rollup r of batch b into units, taking out
// the adds of the duplicate messages dups. The split depends only on which
// cells the batch holds, never on their values, so that a retry splits a
// file the same way whatever dedupe decided. A breakdown's cells go hour
// by hour, so that a part holds whole hours where it can: the cardinality
// cap ranks a unit's new groups of an hour together (see capGroups).
func units(b *build.Batch, r build.Rollup, dups []*build.Msg) []*unit {
	var cells []cell
	switch {
	case r.IsBase():
		cells = baseCells(build.NetCounts(b.Counts, dups))
	case r.Needed():
		// validate has refused a batch whose measures dedupe cannot net,
		// and the batch has cells of r's measure, so it is registered:
		// netting does not fail here.
		net, _ := build.NetCells(b.Cells, dups, func(x build.Rollup) bool { return x == r })
		cells = rollupCells(net, r)
	}
	capped := r.By != ""
	if capped {
		slices.SortFunc(cells, func(x, y cell) int {
			if c := cmp.Compare(x.k.sk, y.k.sk); c != 0 {
				return c
			}
			return strings.Compare(x.k.pk, y.k.pk)
		})
	} else {
		slices.SortFunc(cells, func(x, y cell) int { return compareKeys(x.k, y.k) })
	}
	chunks := split(cells, r.IsBase() || capped, capped, keepsTotals(r))
	out := make([]*unit, len(chunks))
	for i, cs := range chunks {
		u := &unit{batch: b, rollup: r, token: r.ID(), events: map[string]*write{}}
		if i == 0 && r.IsBase() {
			u.health = healthWrite(b)
		}
		if len(chunks) > 1 {
			u.token, u.part = fmt.Sprintf("%d/%d %s", i, len(chunks), r.ID()), true
		}
		for _, c := range cs {
			u.add(r, c)
		}
		if capped {
			u.reserve = reserveOf(r, cs)
		}
		out[i] = u
	}
	if r.IsBase() {
		addProps(out, b)
	}
	return out
}

// split cuts sorted cells into chunks of at most unitMax items: a cell is
// one, and when named (base counts, breakdowns) the first cell of each
// event or group in a chunk is one more, for its entry. A chunk of a
// capped rollup (a breakdown) also keeps room for what the cardinality
// cap may add (see reserveOf): one item, for OtherGroup's entry, and one
// per hour, for the groups the hour keeps. There is always at least one
// chunk, for the marker.
func split(cells []cell, named, capped, totals bool) [][]cell {
	chunks := [][]cell{nil}
	var (
		cost  int
		names map[string]bool
		hours map[int64]bool
		days  map[string]bool
	)
	reset := func() {
		cost, names, hours, days = 0, map[string]bool{}, map[int64]bool{}, map[string]bool{}
		if capped {
			cost = 1
			names["\x00"+build.OtherGroup] = true
		}
	}
	price := func(c cell) int {
		n := 1
		if named && !names[c.event+"\x00"+c.group] {
			n++
		}
		if capped && !hours[c.k.sk] {
			n++
			if totals {
				n++ // the hour's cell of all groups
			}
		}
		if totals && !days[dayName(c)] {
			n++ // the group's total that day
		}
		return n
	}
	reset()
	for _, c := range cells {
		extra := price(c)
		if cost+extra > unitMax {
			chunks = append(chunks, nil)
			reset()
			extra = price(c)
		}
		chunks[len(chunks)-1] = append(chunks[len(chunks)-1], c)
		cost += extra
		names[c.event+"\x00"+c.group] = true
		hours[c.k.sk] = true
		if totals {
			days[dayName(c)] = true
		}
	}
	return chunks
}

// dayName names a breakdown cell's group total: its group and UTC day.
func dayName(c cell) string { return strconv.FormatInt(dayOfHour(c.k.sk), 10) + "\x00" + c.group }

// reserveOf is what the cardinality cap may add to a chunk of breakdown
// cells, beyond the cells and entries the chunk writes (see capGroups):
// OtherGroup's entry, and per hour the item of the groups it keeps. A
// folded cell's write becomes OtherGroup's cell in its hour, so that cell
// needs no room of its own.
func reserveOf(r build.Rollup, cells []cell) []key {
	out := []key{groupKey(r, build.OtherGroup)}
	for i, c := range cells {
		if i == 0 || c.k.sk != cells[i-1].k.sk {
			out = append(out, keptKey(r, c.k.sk))
		}
	}
	return out
}

// add turns one cell into the unit's writes.
func (u *unit) add(r build.Rollup, c cell) {
	w := &write{k: c.k, kind: wCount, n: c.n}
	if !r.IsBase() {
		w = &write{k: c.k, kind: cellKind(r.Measure), m: r.Measure, cell: c.c}
	}
	if r.By != "" {
		w.rollup, w.group = r, c.group
	}
	u.cells = append(u.cells, w)
	if r.IsBase() {
		e := u.events[c.event]
		if e == nil {
			e = &write{k: eventKey(c.event), kind: wEvent, name: c.event}
			u.events[c.event] = e
		}
		e.n += c.n
	}
	if keepsTotals(r) {
		u.addTotals(r, c)
	}
	if r.By != "" && !slices.ContainsFunc(u.groups, func(g *write) bool { return g.name == c.group }) {
		u.groups = append(u.groups, &write{k: groupKey(r, c.group), kind: wGroup, name: c.group, rollup: r, group: c.group})
	}
}

// addProps gives each event's property paths to the first unit that
// writes the event.
func addProps(us []*unit, b *build.Batch) {
	for ep, ok := range b.Props {
		if !ok || ep.Path == "" {
			continue
		}
		for _, u := range us {
			if e := u.events[ep.Event]; e != nil {
				if e.props == nil {
					e.props = map[string]bool{}
				}
				e.props[ep.Path] = true
				break
			}
		}
	}
}

// baseCells are base counts (netted: build.NetCounts) as cells.
func baseCells(counts map[build.EventHour]int64) []cell {
	cells := make([]cell, 0, len(counts))
	for eh, n := range counts {
		cells = append(cells, cell{k: seriesKey(eh.Event, eh.Hour), event: eh.Event, n: n})
	}
	return cells
}

// rollupCells are the cells of rollup r (netted: build.NetCells) as cells.
func rollupCells(cs map[build.CellKey]*build.Cell, r build.Rollup) []cell {
	var cells []cell
	for k, c := range cs {
		if c == nil || k.Rollup != r {
			continue
		}
		cells = append(cells, cell{k: seriesKey(k.Series(), k.Hour), group: k.Group, c: c})
	}
	return cells
}

// cellKind is how a cell of the measure m is written: added in place
// when its aggregate is numbers that add, else merged and written back.
func cellKind(m build.Measure) wKind {
	if m.Vector() != nil {
		return wAdd
	}
	return wBlob
}

// firstKey is the key of the unit's first cell (its marker's when it has
// none), for ordering units. A breakdown's cells go hour by hour, so its
// key is its rollup's, then its first hour: run orders a breakdown's units
// by rollup, file, then first hour, so that the units of many files over
// the same hours go side by side, in the order of their files.
func (u *unit) firstKey() key {
	if len(u.cells) == 0 {
		return markerKey(u.batch.ID)
	}
	if u.rollup.By != "" {
		return key{seriesKey(u.rollup.SeriesPrefix(), 0).pk, u.cells[0].k.sk}
	}
	return u.cells[0].k
}

// compareKeys orders keys by partition, then sort key.
func compareKeys(a, b key) int {
	if c := strings.Compare(a.pk, b.pk); c != 0 {
		return c
	}
	return cmp.Compare(a.sk, b.sk)
}
