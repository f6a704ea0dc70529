package dynamostore

import (
	"slices"
	"strconv"

	"github.com/dashsmith/dashsmith/build"
)

// The cardinality cap holds per breakdown rollup and hour over all files:
// the item k#<series prefix>, sk hour, holds the hashes of the groups the
// hour keeps (OtherGroup aside), with a version. Each transaction decides
// when it commits, from the round's reads (which commit keeps current),
// unit after unit as bolt's store decides batch after batch: a group the
// hour keeps adds to its cell; the unit's new groups are kept while the
// hour has room, the heaviest first (build.Admit), and the rest fold into
// the hour's OtherGroup cell. A transaction that keeps new groups adds
// them to the item on the condition that its version is still the one
// read; one that keeps none needs no condition, since the set only grows:
// a full hour stays full and a kept group stays kept.

// foldKey is a group folded in an hour, counted once per event and
// property in Stats.Folded however many rollups folded it.
type foldKey struct {
	event, by, group string
	h                int64
}

// capHour is one hour of one breakdown rollup in a transaction.
type capHour struct {
	r     build.Rollup
	h     int64
	limit int        // the smallest cap of the batches with cells here
	units [][]*write // each unit's cells here, OtherGroup aside, in unit order
	last  int        // 1 + the index of the unit of the last of units
}

// capGroups holds the transaction's breakdown cells to the cardinality
// cap, given the round's reads rd (the k# items of their hours, the
// OtherGroup sketches and entries). Unit after unit, in the transaction's
// order: a group the hour keeps (read, or admitted by an earlier unit)
// adds to its cell; the unit's new groups are admitted while the hour has
// room, the heaviest by what the unit adds to them (ties by value), and
// the rest fold into the hour's OtherGroup cell. A new group whose cell
// adds nothing (dedupe took it all back out) is left out, without taking
// a place. The cell writes are then made again from the units' cells as
// decided, and the entries of groups left without a cell go. The hours
// that admit groups get a wKept write. What folded, per batch, is left in
// t.folds for Stats.Folded.
//
// The cap of an hour is the smallest cap (build.Batch.Cap) of the batches
// with cells in it in the transaction, so that once a group folds the hour
// is full: a cell is kept by all of its units or by none, and an
// OtherGroup cell takes the place of a folded cell's write. The items
// this adds, a k# item per hour and OtherGroup's entry per rollup, were
// reserved by the units (reserveOf).
func (t *txn) capGroups(rd map[key]item) error {
	t.folds = nil
	hours := map[key]*capHour{}
	var order []key
	for ui, u := range t.units {
		if u.rollup.By == "" {
			continue
		}
		for _, w := range u.cells {
			kk := keptKey(u.rollup, w.k.sk)
			ch := hours[kk]
			if ch == nil {
				ch = &capHour{r: u.rollup, h: w.k.sk, limit: build.MaxCardinality}
				hours[kk] = ch
				order = append(order, kk)
			}
			ch.limit = min(ch.limit, u.batch.Cap())
			if w.group == build.OtherGroup {
				continue
			}
			if ch.last != ui+1 {
				ch.units, ch.last = append(ch.units, nil), ui+1
			}
			ch.units[len(ch.units)-1] = append(ch.units[len(ch.units)-1], w)
		}
	}
	if len(order) == 0 {
		return nil
	}
	fold := map[*write]bool{} // unit cells that fold
	skip := map[*write]bool{} // unit cells left out: they add nothing
	for _, kk := range order {
		ch := hours[kk]
		set := keptSet(rd[kk])
		var add []int64
		for _, cells := range ch.units {
			var cands []build.Candidate
			for _, w := range cells {
				switch {
				case set[hash(w.group)]:
				case w.cell.Empty():
					skip[w] = true
				default:
					cands = append(cands, build.Candidate{Group: w.group, Weight: w.cell.Weight()})
				}
			}
			if len(cands) == 0 {
				continue
			}
			keep := build.Admit(ch.limit-len(set), cands)
			for _, c := range cands {
				h := hash(c.Group)
				switch {
				case !keep[c.Group]:
				case set[h]: // two groups of one hash: kept once
				default:
					set[h] = true
					add = append(add, h)
				}
			}
			for _, w := range cells {
				if !skip[w] && !set[hash(w.group)] {
					fold[w] = true
				}
			}
		}
		if len(add) > 0 {
			t.writes[kk] = &write{k: kk, kind: wKept, hashes: add, rollup: ch.r}
			t.order = append(t.order, kk)
		}
	}
	if len(fold) == 0 && len(skip) == 0 {
		return nil
	}
	// Make the cells again from the units' cells as decided.
	lost := map[key]bool{} // entries of groups that lost a cell
	for k, w := range t.writes {
		if w.capped() {
			t.writes[k] = w.clone()
		}
	}
	made := map[key]bool{}
	for _, u := range t.units {
		for _, w := range u.cells {
			if !w.capped() {
				continue
			}
			target := w.k
			switch {
			case skip[w]:
				lost[groupKey(w.rollup, w.group)] = true
				continue
			case fold[w]:
				lost[groupKey(w.rollup, w.group)] = true
				target = t.otherCell(w.rollup, w.k.sk, w.kind).k
				t.addFold(u.batch, w)
			}
			if err := t.writes[target].merge(w); err != nil {
				return err
			}
			made[target] = true
		}
	}
	live := map[key]bool{}
	for k, w := range t.writes {
		switch {
		case !w.capped():
		case !made[k]:
			delete(t.writes, k)
		default:
			live[groupKey(w.rollup, w.group)] = true
		}
	}
	for gk := range lost {
		if !live[gk] {
			delete(t.writes, gk)
		}
	}
	t.order = slices.DeleteFunc(t.order, func(k key) bool { return t.writes[k] == nil })
	return nil
}

// addFold notes that the cell w of batch b folded, for Stats.Folded: per
// event, property, hour and group, the most any rollup folded.
func (t *txn) addFold(b *build.Batch, w *write) {
	if t.folds == nil {
		t.folds = map[*build.Batch]map[foldKey]float64{}
	}
	m := t.folds[b]
	if m == nil {
		m = map[foldKey]float64{}
		t.folds[b] = m
	}
	fk := foldKey{w.rollup.Event, w.rollup.By, w.group, w.k.sk}
	m[fk] = max(m[fk], w.cell.Weight())
}

// otherCell returns the transaction's OtherGroup cell of rollup r in hour
// h, adding it, and OtherGroup's entry, when missing.
func (t *txn) otherCell(r build.Rollup, h int64, kind wKind) *write {
	k := seriesKey(r.Series(build.OtherGroup), build.Hour(h))
	w := t.writes[k]
	if w == nil {
		w = &write{k: k, kind: kind, m: r.Measure, rollup: r, group: build.OtherGroup}
		t.writes[k] = w
		t.order = append(t.order, k)
	}
	if gk := groupKey(r, build.OtherGroup); t.writes[gk] == nil {
		t.writes[gk] = &write{k: gk, kind: wGroup, name: build.OtherGroup, rollup: r, group: build.OtherGroup}
		t.order = append(t.order, gk)
	}
	return w
}

// keptSet reads the hashes of the groups a k# item holds; an item that is
// missing (an hour no group was admitted to yet) holds none.
func keptSet(it item) map[int64]bool {
	have := getNS(it, attrKeep)
	set := make(map[int64]bool, len(have))
	for _, s := range have {
		if h, err := strconv.ParseInt(s, 10, 64); err == nil {
			set[h] = true
		}
	}
	return set
}

// renderKept adds the admitted groups to the hour's set with the next
// version, on the condition that the version is still the one read: a
// concurrent writer that admitted groups meanwhile fails the transaction,
// which is planned again from a fresh read.
func renderKept(e *expr, w *write, old item, after map[key]item) {
	add := make([]string, len(w.hashes))
	for i, h := range w.hashes {
		add[i] = strconv.FormatInt(h, 10)
	}
	v, ok := getN(old, attrVersion)
	if ok {
		e.cond = append(e.cond, e.name(attrVersion)+" = "+e.value(num(v)))
	} else {
		e.cond = append(e.cond, "attribute_not_exists("+e.name(attrVersion)+")")
	}
	e.Add(attrKeep, numSet(add))
	e.Set(attrVersion, num(v+1))
	after[w.k] = item{attrKeep: numSet(append(slices.Clone(getNS(old, attrKeep)), add...)), attrVersion: num(v + 1)}
}
