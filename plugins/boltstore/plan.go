package boltstore

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// plan is the work of one write transaction, combined in memory so that
// each key is written once however many batches touch it.
type plan struct {
	tx     *bolt.Tx
	now    string
	onPut  func(bucket string, k []byte)
	counts map[string]int64            // count bucket: base counts, key -> delta
	cells  map[string]*cellDeltas      // measure name -> its bucket's cells to merge in
	props  map[string]map[string]bool  // event -> property paths seen
	health map[string]*build.HealthDay // day -> the day's record, updated
	files  map[string]*fileRecord      // file ID -> its record, updated
	dd     dedupeState
	dups   map[*build.Batch]int64 // Stats.Dups to set once committed
	folds  map[*build.Batch]int64 // Stats.Folded to add once committed
	buf    []byte                 // key scratch
	gk     []byte                 // groups key scratch

	// The groups admitted per <series prefix>\x00<hour> by this
	// transaction (see cardinality.go).
	newGroups map[string]int64
	// Whether the store kept no groups, per <series prefix>\x00<hour>
	// looked at (see unkept).
	emptyHours map[string]bool

	prefixes map[build.Rollup]string // each rollup's series prefix, made once
}

// cellDeltas are the cells a transaction merges into one measure's
// bucket, by key.
type cellDeltas struct {
	t     build.MeasureType
	cells map[string]*build.Cell
}

// newPlan returns an empty plan for tx.
func newPlan(tx *bolt.Tx, onPut func(string, []byte)) *plan {
	return &plan{
		tx: tx, now: nowString(), onPut: onPut,
		counts: map[string]int64{}, cells: map[string]*cellDeltas{},
		props: map[string]map[string]bool{}, health: map[string]*build.HealthDay{},
		files: map[string]*fileRecord{}, dups: map[*build.Batch]int64{}, folds: map[*build.Batch]int64{},
		newGroups: map[string]int64{}, emptyHours: map[string]bool{},
		prefixes: map[build.Rollup]string{},
		dd:       dedupeState{seen: map[uint64]build.Hour{}},
	}
}

// record returns the file's record as this transaction has it so far.
func (p *plan) record(id string) (*fileRecord, error) {
	if rec := p.files[id]; rec != nil {
		return rec, nil
	}
	rec, err := readRecord(p.tx.Bucket(bucketFiles), id)
	if err != nil {
		return nil, err
	}
	if rec == nil {
		rec = &fileRecord{}
	}
	p.files[id] = rec
	return rec, nil
}

// key encodes series at h into the plan's scratch buffer.
func (p *plan) key(series string, h build.Hour) []byte {
	p.buf = appendKey(p.buf[:0], series, h)
	return p.buf
}

// addCounts adds base counts.
func (p *plan) addCounts(counts map[build.EventHour]int64) error {
	for eh, n := range counts {
		if n == 0 {
			continue
		}
		if strings.IndexByte(eh.Event, 0x1f) >= 0 {
			return fmt.Errorf("event name %q holds \\x1f, which separates the parts of rollup series", eh.Event)
		}
		p.counts[string(p.key(eh.Event, eh.Hour))] += n
	}
	return nil
}

// addCell merges one cell of the measure m into the delta under key k of
// the measure's bucket; an empty cell adds nothing.
func (p *plan) addCell(m build.Measure, k []byte, c *build.Cell) error {
	if c.Empty() {
		return nil
	}
	name := cellBucket(m)
	d := p.cells[name]
	if d == nil {
		t, err := m.Type()
		if err != nil {
			return err
		}
		d = &cellDeltas{t: t, cells: map[string]*build.Cell{}}
		p.cells[name] = d
	}
	have := d.cells[string(k)]
	if have == nil {
		a, err := d.t.New()
		if err != nil {
			return err
		}
		have = build.CellOf(a)
		d.cells[string(k)] = have
	}
	return have.Merge(c)
}

// pending reports whether an earlier batch of the transaction made the
// cell k of the measure m.
func (p *plan) pending(m build.Measure, k []byte) bool {
	d := p.cells[cellBucket(m)]
	return d != nil && d.cells[string(k)] != nil
}

// stored reports whether the store holds the cell k of the measure m.
func (p *plan) stored(m build.Measure, k []byte) bool {
	b := p.tx.Bucket([]byte(cellBucket(m)))
	return b != nil && b.Get(k) != nil
}

// prefix returns the series prefix of the rollup r, made once a plan.
func (p *plan) prefix(r build.Rollup) string {
	pre, ok := p.prefixes[r]
	if !ok {
		pre = r.SeriesPrefix()
		p.prefixes[r] = pre
	}
	return pre
}

// cellKey encodes the cell k, at k.Series() and k.Hour, into the plan's
// scratch buffer, without making its series as a string.
func (p *plan) cellKey(k build.CellKey) []byte {
	if !k.Rollup.Needed() {
		return p.key(k.Rollup.Event, k.Hour)
	}
	p.buf = append(append(p.buf[:0], p.prefix(k.Rollup)...), k.Group...)
	p.buf = append(p.buf, 0)
	p.buf = binary.BigEndian.AppendUint64(p.buf, uint64(k.Hour))
	return p.buf
}

// checkCell is checkSeries of k.Series(), from the rollup's prefix and
// the group.
func (p *plan) checkCell(k build.CellKey) error {
	pre := p.prefix(k.Rollup)
	if strings.Count(pre, "\x1f") != 3 || strings.IndexByte(pre, 0) >= 0 ||
		strings.IndexByte(k.Group, 0x1f) >= 0 || strings.IndexByte(k.Group, 0) >= 0 {
		return checkSeries(k.Series())
	}
	return nil
}

// checkSeries refuses a cell series whose parts could not be told apart
// (a group value holding \x1f), or that a key could not hold: exactly four
// parts, no NUL.
func checkSeries(s string) error {
	if strings.Count(s, "\x1f") != 3 || strings.IndexByte(s, 0) >= 0 {
		return fmt.Errorf("cell series %q is not <event>\\x1f<measure>\\x1f<by>\\x1f<group> (a group value may hold no control characters)", s)
	}
	return nil
}
