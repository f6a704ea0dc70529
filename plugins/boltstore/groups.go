package boltstore

import (
	"bytes"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// scanGroups reads a breakdown's cells in [from, to), per group value, in
// one cursor walk over the rollup's series prefix. When the range starts
// at or after 1970 it seeks past each group's hours outside the range.
func scanGroups(b *bolt.Bucket, r build.Rollup, from, to build.Hour) (map[string]map[build.Hour]*build.Cell, error) {
	g := groupScan{groups: map[string]map[build.Hour]*build.Cell{}}
	if b == nil || from >= to {
		return g.groups, nil
	}
	prefix := []byte(r.SeriesPrefix())
	c := b.Cursor()
	var seek []byte
	k, v := c.Seek(prefix)
	for bytes.HasPrefix(k, prefix) {
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
			cell, err := decodeCell(r.Measure.Kind, v)
			if err != nil {
				return nil, err
			}
			g.add(series[len(prefix):], h, cell)
		}
		k, v = c.Next()
	}
	g.flush()
	return g.groups, nil
}

// groupScan collects one group's cells at a time (a cursor walks them in a
// run) and turns them into a map of the exact size, backed by one slice.
type groupScan struct {
	groups map[string]map[build.Hour]*build.Cell
	group  []byte
	hours  []build.Hour
	cells  []build.Cell
}

func (g *groupScan) add(group []byte, h build.Hour, c build.Cell) {
	if !bytes.Equal(group, g.group) {
		g.flush()
		g.group = append(g.group[:0], group...)
	}
	g.hours = append(g.hours, h)
	g.cells = append(g.cells, c)
}

func (g *groupScan) flush() {
	if len(g.hours) == 0 {
		return
	}
	hourly := g.groups[string(g.group)]
	if hourly == nil {
		hourly = make(map[build.Hour]*build.Cell, len(g.hours))
		g.groups[string(g.group)] = hourly
	}
	cells := g.cells // kept: the next group starts a new slice, sized like this one
	for i, h := range g.hours {
		hourly[h] = &cells[i]
	}
	g.hours, g.cells = g.hours[:0], make([]build.Cell, 0, len(cells))
}
