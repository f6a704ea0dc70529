package dynamostore

import (
	"strconv"

	"github.com/dashsmith/dashsmith/build"
)

// Group totals let a breakdown rank its groups without a Query per group
// (see rank.go). Ingest keeps, for each breakdown whose measure's
// aggregate is numbers that add (count, sum):
//
//   - per UTC day, one item per group with the group's total that day:
//     partition t#<series prefix>#<day number>, sort key the hash of the
//     group, attributes name and the measure's numbers (n; n and sum), so
//     that the groups of a day are one paginated Query; a value folded by
//     the cardinality cap adds to no total (its events are in OtherGroup);
//   - per hour, the cell of all the groups added up (OtherGroup's
//     included): the series of the group allGroup, which no group value
//     can be, so that a breakdown's points and its "(other)" come from one
//     series rather than from every group.
//
// Each costs an item written per (file, group, day) and per (file, hour):
// a file of one hour of installs of 800 pods writes about 800 more items.
// A rollup declared by a version of the store that kept no totals has
// gaps in them: the rollups item lists the IDs of the rollups whose totals
// are complete (attribute tot, set when the rollup is first declared), and
// a breakdown of any other walks its groups as before.

// allGroup is the group of the series that adds up all groups of a
// breakdown: a group value never holds NUL (validate refuses it).
const allGroup = "\x00"

// attrTotals is the rollups item's set of rollup IDs whose totals are
// complete.
const attrTotals = "tot"

// keepsTotals reports whether ingest keeps group totals of r: a breakdown
// by one property whose measure's aggregate is numbers that add. A
// combination of properties (a where's rollup) keeps none: a where reads
// the groups that match it, which totals of all groups cannot rank.
func keepsTotals(r build.Rollup) bool {
	return r.By != "" && len(r.Parts()) == 1 && r.Measure.Vector() != nil
}

// dayOfHour is the number of the UTC day of hour h (days since 1970).
func dayOfHour(h int64) int64 {
	d := h / 24
	if h < 0 && h%24 != 0 {
		d--
	}
	return d
}

// totalPK is the partition of r's group totals of UTC day day.
func totalPK(r build.Rollup, day int64) string {
	return "t#" + esc(r.SeriesPrefix()) + "#" + strconv.FormatInt(day, 10)
}

// totalKey is the item of group g's total in r on UTC day day.
func totalKey(r build.Rollup, day int64, g string) key { return key{totalPK(r, day), hash(g)} }

// addTotals adds the breakdown cell c (of group g, at hour c.k.sk) to the
// unit's total of g that day and to its cell of all groups that hour.
func (u *unit) addTotals(r build.Rollup, c cell) {
	if u.sums == nil {
		u.sums = map[key]*write{}
	}
	if c.group != build.OtherGroup { // OtherGroup is never ranked: it is what is not shown
		tk := totalKey(r, dayOfHour(c.k.sk), c.group)
		t := u.sums[tk]
		if t == nil {
			t = &write{k: tk, kind: wTotal, m: r.Measure, name: c.group, rollup: r, group: c.group}
			u.sums[tk] = t
			u.totals = append(u.totals, t)
		}
		_ = t.merge(&write{m: r.Measure, cell: c.c}) // cells of one rollup are of one type: merging cannot fail
	}
	ak := seriesKey(r.Series(allGroup), build.Hour(c.k.sk))
	a := u.sums[ak]
	if a == nil {
		a = &write{k: ak, kind: wAdd, m: r.Measure}
		u.sums[ak] = a
		u.totals = append(u.totals, a)
	}
	_ = a.merge(&write{m: r.Measure, cell: c.c})
}

// totalOf is the key of the total a breakdown cell write adds to.
func totalOf(w *write) key { return totalKey(w.rollup, dayOfHour(w.k.sk), w.group) }

// retotal makes the transaction's group totals again from its units'
// cells as the cardinality cap decided (capGroups): a cell that folded or
// was left out adds to no total. A total left with nothing is not written.
func (t *txn) retotal(fold, skip map[*write]bool) error {
	made := map[key]bool{}
	for k, w := range t.writes {
		if w.kind == wTotal {
			t.writes[k] = w.clone()
		}
	}
	for _, u := range t.units {
		if !keepsTotals(u.rollup) {
			continue
		}
		for _, w := range u.cells {
			if !w.capped() || fold[w] || skip[w] || w.group == build.OtherGroup {
				continue
			}
			tk := totalOf(w)
			if t.writes[tk] == nil {
				continue
			}
			if err := t.writes[tk].merge(w); err != nil {
				return err
			}
			made[tk] = true
		}
	}
	for k, w := range t.writes {
		if w.kind == wTotal && !made[k] {
			delete(t.writes, k)
		}
	}
	return nil
}
