package dynamostore

import (
	"maps"
	"slices"

	"github.com/dashsmith/dashsmith/build"
)

// wKind is what a write does to its item.
type wKind int

const (
	wCount  wKind = iota // a base count: ADD n
	wAdd                 // a cell whose aggregate is numbers that add (build.Vector): ADD each
	wBlob                // any other cell: merge its aggregate into hll, with a version
	wEvent               // an event's entry: ADD total, props
	wGroup               // a breakdown group's entry, written when missing
	wHealth              // an arrival day's record
	wKept                // the groups an hour of a breakdown keeps: ADD hashes, with a version
	wTotal               // a group's total on a UTC day (see totals.go): ADD each number, SET name
)

// write is what one transaction does to one item, the contributions of
// all its units combined.
type write struct {
	k      key
	kind   wKind
	n      int64            // wCount, wEvent: events to add
	m      build.Measure    // wAdd, wBlob: the cell's measure
	cell   *build.Cell      // wAdd, wBlob: the aggregate to merge in
	name   string           // wEvent, wGroup: the name the entry is for
	props  map[string]bool  // wEvent: property paths seen
	health *build.HealthDay // wHealth
	hashes []int64          // wKept: the groups admitted

	// Breakdowns (cells and group entries): the rollup and the group, for
	// the cardinality cap (see cardinality.go).
	rollup build.Rollup
	group  string
}

// capped reports whether w is a cell of a breakdown: one the cardinality
// cap applies to.
func (w *write) capped() bool {
	return w.rollup.By != "" && (w.kind == wCount || w.kind == wAdd || w.kind == wBlob)
}

// merge adds o, a write of the same item and kind, into w.
func (w *write) merge(o *write) error {
	w.n += o.n
	if o.cell != nil {
		if w.cell == nil {
			c, err := build.NewCell(o.m)
			if err != nil {
				return err
			}
			w.cell = c
		}
		if err := w.cell.Merge(o.cell); err != nil {
			return err
		}
	}
	for p := range o.props {
		if w.props == nil {
			w.props = map[string]bool{}
		}
		w.props[p] = true
	}
	if o.health != nil {
		if w.health == nil {
			w.health = &build.HealthDay{Day: o.health.Day}
		}
		addHealth(w.health, o.health)
	}
	return nil
}

// clone returns a write of the same item with nothing in it yet, to
// merge contributions into (so that units are never changed).
func (w *write) clone() *write {
	return &write{k: w.k, kind: w.kind, m: w.m, name: w.name, rollup: w.rollup, group: w.group}
}

// size is a rough upper bound of the bytes the write sends.
func (w *write) size() int {
	n := 256 + len(w.k.pk) + len(w.name)
	if w.kind == wBlob {
		n += 16 << 10 // an aggregate as large as a dense sketch
	}
	for p := range w.props {
		n += len(p) + 4
	}
	return n + 24*len(w.hashes)
}

// sortedKeys returns the keys of m in byte order.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
