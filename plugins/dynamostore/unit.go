package dynamostore

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// unitMax is the most items a unit writes, its file's marker and health
// day aside, so that any unit fits in one transaction (100 items).
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
}

// cell is one counter or cell of a batch before it becomes a write.
type cell struct {
	k      key
	event  string // base counts: the event; else ""
	group  string // breakdowns: the group value; else ""
	n      int64
	sum    float64
	sketch build.Sketch
}

// units splits the work of rollup r of batch b into units, taking out
// the adds of the duplicate messages dups. The split depends only on which
// cells the batch holds, never on their values, so that a retry splits a
// file the same way whatever dedupe decided.
func units(b *build.Batch, r build.Rollup, dups []*build.Msg) []*unit {
	var cells []cell
	switch {
	case r.IsBase():
		cells = baseCells(b, dups)
	case r.Needed():
		cells = rollupCells(b, r, dups)
	}
	slices.SortFunc(cells, func(x, y cell) int { return compareKeys(x.k, y.k) })
	chunks := split(cells, r.IsBase() || r.By != "")
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
		out[i] = u
	}
	if r.IsBase() {
		addProps(out, b)
	}
	return out
}

// split cuts sorted cells into chunks of at most unitMax writes: a cell
// is one, and when named (base counts, breakdowns) the first cell of each
// event or group in a chunk is one more, for its entry. There is always
// at least one chunk, for the marker.
func split(cells []cell, named bool) [][]cell {
	chunks := [][]cell{nil}
	cost, names := 0, map[string]bool{}
	for _, c := range cells {
		name := c.event + "\x00" + c.group
		extra := 1
		if named && !names[name] {
			extra = 2
		}
		if cost+extra > unitMax {
			chunks = append(chunks, nil)
			cost, names = 0, map[string]bool{}
			if named {
				extra = 2
			}
		}
		chunks[len(chunks)-1] = append(chunks[len(chunks)-1], c)
		cost += extra
		names[name] = true
	}
	return chunks
}

// add turns one cell into the unit's writes.
func (u *unit) add(r build.Rollup, c cell) {
	kind := wCount
	switch r.Measure.Kind {
	case build.Sum:
		kind = wSum
	case build.Unique:
		kind = wSketch
	}
	u.cells = append(u.cells, &write{k: c.k, kind: kind, n: c.n, sum: c.sum, sketch: c.sketch})
	if r.IsBase() {
		e := u.events[c.event]
		if e == nil {
			e = &write{k: eventKey(c.event), kind: wEvent, name: c.event}
			u.events[c.event] = e
		}
		e.n += c.n
	}
	if r.By != "" && (len(u.groups) == 0 || u.groups[len(u.groups)-1].name != c.group) {
		u.groups = append(u.groups, &write{k: groupKey(r, c.group), kind: wGroup, name: c.group})
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

// baseCells are the base counts of b less the duplicates' adds.
func baseCells(b *build.Batch, dups []*build.Msg) []cell {
	idx := make(map[build.EventHour]int, len(b.Counts))
	cells := make([]cell, 0, len(b.Counts))
	for eh, n := range b.Counts {
		idx[eh] = len(cells)
		cells = append(cells, cell{k: seriesKey(eh.Event, eh.Hour), event: eh.Event, n: n})
	}
	for _, m := range dups {
		for _, a := range m.Adds {
			if i, ok := idx[build.EventHour{Event: a.Event, Hour: m.Hour}]; ok && a.Series == "" {
				cells[i].n -= a.N
			}
		}
	}
	return cells
}

// rollupCells are the cells of rollup r in b less the duplicates' adds.
func rollupCells(b *build.Batch, r build.Rollup, dups []*build.Msg) []cell {
	prefix := r.SeriesPrefix()
	idx := map[build.SeriesHour]int{}
	var cells []cell
	for sh, c := range b.Cells {
		if c == nil || !strings.HasPrefix(sh.Series, prefix) {
			continue
		}
		idx[sh] = len(cells)
		cells = append(cells, cell{k: seriesKey(sh.Series, sh.Hour), group: sh.Series[len(prefix):], n: c.N, sum: c.Sum, sketch: c.Sketch})
	}
	if r.Measure.Kind == build.Unique {
		return cells // a sketch counts a value once anyway
	}
	for _, m := range dups {
		for _, a := range m.Adds {
			if i, ok := idx[build.SeriesHour{Series: a.Series, Hour: m.Hour}]; ok {
				cells[i].n -= a.N
				cells[i].sum -= a.Sum
			}
		}
	}
	return cells
}

// firstKey is the key of the unit's first cell (its marker's when it has
// none), for ordering units.
func (u *unit) firstKey() key {
	if len(u.cells) > 0 {
		return u.cells[0].k
	}
	return markerKey(u.batch.ID)
}

// compareKeys orders keys by partition, then sort key.
func compareKeys(a, b key) int {
	if c := strings.Compare(a.pk, b.pk); c != 0 {
		return c
	}
	return cmp.Compare(a.sk, b.sk)
}
