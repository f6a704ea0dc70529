package boltstore

import (
	"fmt"
	"strings"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// plan is the work of one write transaction, combined in memory so that
// each key is written once however many batches touch it.
type plan struct {
	tx      *bolt.Tx
	now     string
	onPut   func(bucket string, k []byte)
	counts  map[string]int64            // count bucket: key -> delta
	sums    map[string]*sumCell         // sum bucket: key -> delta
	uniques map[string]build.Sketch     // unique bucket: key -> sketch to merge in
	props   map[string]map[string]bool  // event -> property paths seen
	health  map[string]*build.HealthDay // day -> the day's record, updated
	files   map[string]*fileRecord      // file ID -> its record, updated
	dd      dedupeState
	dups    map[*build.Batch]int64 // Stats.Dups to set once committed
	folds   map[*build.Batch]int64 // Stats.Folded to add once committed
	buf     []byte                 // key scratch

	// The groups admitted per <series prefix>\x00<hour> by this
	// transaction (see cardinality.go).
	newGroups map[string]int64
}

// sumCell is the delta of one sum cell.
type sumCell struct {
	sum float64
	n   int64
}

func newPlan(tx *bolt.Tx, onPut func(string, []byte)) *plan {
	return &plan{
		tx: tx, now: nowString(), onPut: onPut,
		counts: map[string]int64{}, sums: map[string]*sumCell{}, uniques: map[string]build.Sketch{},
		props: map[string]map[string]bool{}, health: map[string]*build.HealthDay{},
		files: map[string]*fileRecord{}, dups: map[*build.Batch]int64{}, folds: map[*build.Batch]int64{},
		newGroups: map[string]int64{},
		dd:        dedupeState{seen: map[uint64]build.Hour{}},
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

// addCell adds one cell's delta under key k by the measure kind.
func (p *plan) addCell(kind build.MeasureKind, k []byte, c *build.Cell) error {
	switch kind {
	case build.Sum:
		if c.N == 0 && c.Sum == 0 {
			return nil
		}
		d := p.sums[string(k)]
		if d == nil {
			d = &sumCell{}
			p.sums[string(k)] = d
		}
		d.sum += c.Sum
		d.n += c.N
	case build.Unique:
		if c.Sketch == nil {
			return nil
		}
		d := p.uniques[string(k)]
		if d == nil {
			s, err := build.NewSketch()
			if err != nil {
				return err
			}
			d = s
			p.uniques[string(k)] = d
		}
		return d.Merge(c.Sketch)
	default:
		if c.N != 0 {
			p.counts[string(k)] += c.N
		}
	}
	return nil
}

// checkSeries refuses a cell series that build.SplitSeries could not read
// back, or that a key could not hold: exactly four parts, no NUL.
func checkSeries(s string) error {
	if strings.Count(s, "\x1f") != 3 || strings.IndexByte(s, 0) >= 0 {
		return fmt.Errorf("cell series %q is not <event>\\x1f<measure>\\x1f<by>\\x1f<group> (a group value may hold no control characters)", s)
	}
	return nil
}
