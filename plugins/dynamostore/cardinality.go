package dynamostore

import (
	"slices"
	"strconv"

	"github.com/dashsmith/dashsmith/build"
)

// The cardinality cap holds per breakdown rollup and hour over all files:
// the item k#<series prefix>, sk hour, holds the hashes of the groups the
// hour keeps (OtherGroup aside), with a version. A rollup of UTC days
// keeps up to the cap's groups in one day, a set too large to write back
// with every file (an update is billed for the whole item: 10,000 hashes
// are some 110 KB, 220 write units): its k# item, sk the day's first
// hour, holds only how many groups the day keeps (kn) and the version, and
// a group is kept when its cell of the day exists, which the round reads. Each transaction decides
// when it commits, from the round's reads (which commit keeps current),
// unit after unit as bolt's store decides batch after batch, by
// build.CapHour: a group the hour keeps adds to its cell; the unit's new
// groups are kept while the hour has room, the heaviest first, and the
// rest fold into the hour's OtherGroup cell. A transaction that keeps new groups adds
// them to the item on the condition that its version is still the one
// read; one that keeps none needs no condition, since the set only grows:
// a full hour stays full and a kept group stays kept.

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
// order, build.CapHour decides each cell of an hour from the groups the
// hour keeps (read, or admitted by an earlier unit): add to its cell,
// admit the group, fold it into the hour's OtherGroup cell, or leave out
// a new group whose cell adds nothing (dedupe took it all back out). The
// store keeps groups by hash: two admitted groups of one hash are kept
// once, and a folded group whose hash is kept adds to its own cell. The
// cell writes are then made again from the units' cells as
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
		kept := func() int { return len(set) }
		if ch.r.Resolution == build.Daily {
			// A day keeps the groups whose cell of the day exists (read
			// with the round), and counts them in the k# item.
			base := keptCount(rd[kk])
			kept = func() int { return base + len(add) }
			for _, cells := range ch.units {
				for _, w := range cells {
					if rd[w.k] != nil {
						set[hash(w.group)] = true
					}
				}
			}
		}
		for _, cells := range ch.units {
			gcs := make([]build.GroupCell, len(cells))
			for i, w := range cells {
				gcs[i] = build.GroupCell{Group: w.group, Cell: w.cell}
			}
			keeps := func(i int) bool { return set[hash(cells[i].group)] }
			fates := build.CapHour(ch.limit, gcs, keeps, kept)
			for i, w := range cells {
				switch h := hash(w.group); {
				case fates[i] == build.FateDrop:
					skip[w] = true
				case fates[i] == build.FateAdmit && !set[h]: // two groups of one hash: kept once
					set[h] = true
					add = append(add, h)
				}
			}
			for i, w := range cells {
				if fates[i] == build.FateFold && !set[hash(w.group)] {
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
	if err := t.retotal(fold, skip); err != nil {
		return err
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

// addFold notes that the cell w of batch b folded, for Stats.Folded.
func (t *txn) addFold(b *build.Batch, w *write) {
	if t.folds == nil {
		t.folds = map[*build.Batch]build.Folds{}
	}
	m := t.folds[b]
	if m == nil {
		m = build.Folds{}
		t.folds[b] = m
	}
	m.Note(w.rollup, w.group, build.Hour(w.k.sk), w.cell)
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

// keptCount reads how many groups a k# item of a rollup of UTC days
// counts; a missing item counts none.
func keptCount(it item) int {
	n, _ := getN(it, attrKeptN)
	return int(n)
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
	if w.rollup.Resolution == build.Daily {
		n := int64(keptCount(old) + len(w.hashes))
		e.Set(attrKeptN, num(n))
		e.Set(attrVersion, num(v+1))
		after[w.k] = item{attrKeptN: num(n), attrVersion: num(v + 1)}
		return
	}
	e.Add(attrKeep, numSet(add))
	e.Set(attrVersion, num(v+1))
	after[w.k] = item{attrKeep: numSet(append(slices.Clone(getNS(old, attrKeep)), add...)), attrVersion: num(v + 1)}
}
