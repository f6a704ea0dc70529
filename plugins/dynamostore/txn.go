package dynamostore

import (
	"github.com/dashsmith/dashsmith/build"
)

// DynamoDB's limits on one TransactWriteItems: items, and bytes (kept
// under 4 MB with room for the request's own overhead).
const (
	maxTxnItems = 100
	maxTxnBytes = 3 << 20

	// maxMarkerConds bounds the conditions on one file's marker in a
	// transaction: each unit adds one or two ("NOT contains(...)"), two
	// operators each and an AND between them, and DynamoDB refuses a
	// condition of more than 300 operators. A file of many small rollups
	// (one item each) would otherwise put more than 100 units in one
	// transaction's marker.
	maxMarkerConds = 96
)

// txn is one TransactWriteItems: whole units, their writes combined per
// item, and one marker per file whose condition covers all its units.
type txn struct {
	units  []*unit
	writes map[key]*write
	order  []key              // writes in the order they were first added
	files  map[string][]*unit // each file's units here, in order
	fileOf []string           // files in order
	conds  map[string]int     // conditions on each file's marker (see maxMarkerConds)
	size   int

	// reserved is what the cardinality cap may add when the transaction
	// commits (the units' reserve); folds is what it folded, per batch
	// (see capGroups), for Stats.Folded once the transaction commits.
	reserved map[key]bool
	folds    map[*build.Batch]build.Folds
}

func newTxn() *txn {
	return &txn{writes: map[key]*write{}, files: map[string][]*unit{}, conds: map[string]int{}, reserved: map[key]bool{}}
}

// all returns every write of the unit.
func (u *unit) all() []*write {
	out := make([]*write, 0, len(u.cells)+len(u.events)+len(u.groups)+len(u.totals)+1)
	out = append(out, u.cells...)
	out = append(out, sortedEvents(u.events)...)
	out = append(out, u.groups...)
	out = append(out, u.totals...)
	if u.health != nil {
		out = append(out, u.health)
	}
	return out
}

// fits reports whether u can join the transaction within its limits,
// counting the items the cardinality cap may add (reserved) as written.
func (t *txn) fits(u *unit) bool {
	items, size := t.items(), t.size
	if _, ok := t.files[u.batch.ID]; !ok {
		items++
		size += 512 + len(u.batch.ID)
	}
	seen := map[key]bool{}
	for _, w := range u.all() {
		if _, ok := t.writes[w.k]; !ok && !t.reserved[w.k] && !seen[w.k] {
			seen[w.k] = true
			items++
		}
		size += w.size()
	}
	for _, k := range u.reserve {
		if _, ok := t.writes[k]; !ok && !t.reserved[k] && !seen[k] {
			seen[k] = true
			items++
			size += 256 + len(k.pk)
		}
	}
	conds := t.conds[u.batch.ID] + u.conds()
	return len(t.units) == 0 || items <= maxTxnItems && size <= maxTxnBytes && conds <= maxMarkerConds
}

// conds is how many conditions the unit puts on its file's marker: that
// its rollup is not done, and for a part that the part is not either.
func (u *unit) conds() int {
	if u.part {
		return 2
	}
	return 1
}

// items is how many items the transaction may write: its writes, its
// markers, and what is reserved for the cardinality cap.
func (t *txn) items() int {
	n := len(t.writes) + len(t.files)
	for k := range t.reserved {
		if _, ok := t.writes[k]; !ok {
			n++
		}
	}
	return n
}

// add puts the unit in the transaction, combining its writes with those
// already there.
func (t *txn) add(u *unit) error {
	t.units = append(t.units, u)
	if _, ok := t.files[u.batch.ID]; !ok {
		t.fileOf = append(t.fileOf, u.batch.ID)
		t.size += 512 + len(u.batch.ID)
	}
	t.files[u.batch.ID] = append(t.files[u.batch.ID], u)
	t.conds[u.batch.ID] += u.conds()
	for _, w := range u.all() {
		have := t.writes[w.k]
		if have == nil {
			have = w.clone()
			t.writes[w.k] = have
			t.order = append(t.order, w.k)
		}
		if err := have.merge(w); err != nil {
			return err
		}
		t.size += w.size()
	}
	for _, k := range u.reserve {
		if !t.reserved[k] {
			t.reserved[k] = true
			t.size += 256 + len(k.pk)
		}
	}
	return nil
}

// pack puts the units in transactions, in order, each as full as its
// limits allow.
func pack(us []*unit) ([]*txn, error) {
	var out []*txn
	t := newTxn()
	for _, u := range us {
		if !t.fits(u) {
			out = append(out, t)
			t = newTxn()
		}
		if err := t.add(u); err != nil {
			return nil, err
		}
	}
	if len(t.units) > 0 {
		out = append(out, t)
	}
	return out, nil
}

// sortedEvents returns the event writes in name order.
func sortedEvents(m map[string]*write) []*write {
	out := make([]*write, 0, len(m))
	for _, name := range sortedKeys(m) {
		out = append(out, m[name])
	}
	return out
}

// healthWrite is the arrival day record that a new base batch adds to,
// or nil when it has no day.
func healthWrite(b *build.Batch) *write {
	day, ok := dayOf(b)
	if !ok {
		return nil
	}
	hd := &build.HealthDay{Day: day.Format("2006-01-02")}
	hd.Add(b)
	return &write{k: healthKey(dayNumber(day)), kind: wHealth, health: hd}
}
