package boltstore

import (
	"bytes"
	"encoding"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// releaseEvery is how many cursor steps a walk takes between two
// releases of the file's memory map (releaseTx): a few MB of pages.
const releaseEvery = 1 << 16

// walkGroups calls visit with each group of a breakdown that has cells in
// [from, to), one group at a time, in one cursor walk over the rollup's
// series prefix (groups in key order). When the range starts at or after
// 1970 it seeks past each group's hours outside the range. Memory is one
// group's cells (the map and the cells are reused for the next group),
// and the pages of the file it has read since it last released them.
//
// With a group prefix (build.Query.GroupPrefix), it walks only the groups
// that start with it, then OtherGroup: a where+by query reads the run of
// its where values, not every combination the rollup keeps.
func walkGroups(tx *bolt.Tx, b *bolt.Bucket, r build.Rollup, mt build.MeasureType, from, to build.Hour, groupPrefix string, visit func(string, map[build.Hour]*build.Cell) error) error {
	if b == nil || from >= to {
		return nil
	}
	if groupPrefix == "" {
		return walkRun(tx, b, r.SeriesPrefix(), "", mt, from, to, visit)
	}
	if err := walkRun(tx, b, r.SeriesPrefix(), groupPrefix, mt, from, to, visit); err != nil {
		return err
	}
	return walkRun(tx, b, r.SeriesPrefix(), build.OtherGroup+"\x00", mt, from, to, visit)
}

// walkRun is walkGroups over the groups that start with groupPrefix,
// named without the rollup's seriesPrefix.
func walkRun(tx *bolt.Tx, b *bolt.Bucket, seriesPrefix, groupPrefix string, mt build.MeasureType, from, to build.Hour, visit func(string, map[build.Hour]*build.Cell) error) error {
	steps := 0
	g := groupRun{t: mt, visit: visit, hourly: map[build.Hour]*build.Cell{}}
	named := len(seriesPrefix)
	prefix := []byte(seriesPrefix + groupPrefix)
	c := b.Cursor()
	var seek []byte
	k, v := c.Seek(prefix)
	for bytes.HasPrefix(k, prefix) {
		if steps++; steps%releaseEvery == 0 {
			releaseTx(tx)
		}
		series, h, ok := splitKey(k)
		if !ok {
			k, v = c.Next()
			continue
		}
		if from >= 0 && (h < from || h >= to) {
			// Before the range: seek to its first hour in this group;
			// past it (or before 1970): seek to the next group.
			if h >= 0 && h < from {
				seek = appendKey(seek[:0], string(series), from)
			} else {
				seek = append(append(seek[:0], series...), 1)
			}
			k, v = c.Seek(seek)
			continue
		}
		if h >= from && h < to {
			if err := g.add(series[named:], h, v); err != nil {
				return err
			}
		}
		k, v = c.Next()
	}
	return g.flush()
}

// groupRun collects one group's cells at a time (a cursor walks them in a
// run) and hands them to visit when the next group starts. visit keeps
// nothing (build.GroupWalk), so the cells of one group are reused for the
// next: an aggregate that reads itself in place (encoding.BinaryUnmarshaler)
// is decoded again rather than made anew.
type groupRun struct {
	t      build.MeasureType
	visit  func(string, map[build.Hour]*build.Cell) error
	group  []byte
	hours  []build.Hour
	cells  []build.Cell
	hourly map[build.Hour]*build.Cell
}

// add decodes the cell v of group at hour h.
func (g *groupRun) add(group []byte, h build.Hour, v []byte) error {
	if !bytes.Equal(group, g.group) {
		if err := g.flush(); err != nil {
			return err
		}
		g.group = append(g.group[:0], group...)
	}
	g.hours = append(g.hours, h)
	if n := len(g.cells); n < cap(g.cells) {
		g.cells = g.cells[:n+1]
		if u, ok := g.cells[n].Aggregate().(encoding.BinaryUnmarshaler); ok {
			return u.UnmarshalBinary(v)
		}
		g.cells = g.cells[:n]
	}
	a, err := g.t.Decode(v)
	if err != nil {
		return err
	}
	g.cells = append(g.cells, *build.CellOf(a))
	return nil
}

func (g *groupRun) flush() error {
	if len(g.hours) == 0 {
		return nil
	}
	clear(g.hourly)
	for i, h := range g.hours {
		g.hourly[h] = &g.cells[i]
	}
	err := g.visit(string(g.group), g.hourly)
	g.hours, g.cells = g.hours[:0], g.cells[:0]
	return err
}
