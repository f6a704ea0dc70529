package boltstore

import (
	"bytes"
	"encoding/binary"
	"slices"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// dedupeState is a transaction's dedupe work: the IDs it stores and the
// largest window of its batches (0 when none has dedupe on).
type dedupeState struct {
	seen   map[uint64]build.Hour
	window build.Hour
	on     bool
}

// dedupe returns the duplicate messages of b. An ID repeated within one
// file is always a duplicate. The first sighting of an ID in the file is a
// duplicate when another file stored it within the window (live, when the
// base counts are applied now: the ID is looked up and stored, and such
// duplicates are recorded on the file), or when the file's record says it
// was (a backfill, which must take out what the base counts took out).
func (p *plan) dedupe(b *build.Batch, rec *fileRecord, live bool) []*build.Msg {
	w := build.Hour(b.Dedupe / time.Hour)
	var cross map[uint64]bool
	if live {
		p.dd.on = true
		p.dd.window = max(p.dd.window, w)
		rec.DupIDs = rec.DupIDs[:0]
	} else {
		cross = rec.crossDups()
	}
	inFile := make(map[uint64]bool, len(b.Msgs))
	var dups []*build.Msg
	for i := range b.Msgs {
		m := &b.Msgs[i]
		dup := inFile[m.ID]
		switch {
		case dup:
		case live:
			if stored, ok := p.lookupMsg(m.ID); ok && absHour(m.Hour-stored) <= w {
				dup = true
				rec.DupIDs = binary.BigEndian.AppendUint64(rec.DupIDs, m.ID)
			} else {
				p.dd.seen[m.ID] = m.Hour
			}
		default:
			dup = cross[m.ID]
		}
		inFile[m.ID] = true
		if dup {
			dups = append(dups, m)
		}
	}
	return dups
}

// lookupMsg returns the hour stored for a message ID, by this transaction
// or before it, unless the ID's time is up.
func (p *plan) lookupMsg(id uint64) (build.Hour, bool) {
	if h, ok := p.dd.seen[id]; ok {
		return h, true
	}
	v := p.tx.Bucket(bucketDedupe).Get(binary.BigEndian.AppendUint64(nil, id))
	if (len(v) != 8 && len(v) != 16) || storedExpiry(v) < build.HourOf(clock()) {
		return 0, false // none, or its time is up (pruning may not have run yet)
	}
	return build.Hour(getInt(v[:8])), true
}

// subtractCounts takes the duplicates' adds out of the base counts.
func (p *plan) subtractCounts(dups []*build.Msg) {
	for _, m := range dups {
		for _, a := range m.Adds {
			if a.Event != "" {
				p.counts[string(p.key(a.Event, m.Hour))]--
			}
		}
	}
}

// netCells returns the cells of b's rollups todo less the duplicates'
// adds (build.Net): b.Cells itself when there are none, else copies.
func netCells(b *build.Batch, dups []*build.Msg, todo map[string]build.Rollup) (map[build.CellKey]*build.Cell, error) {
	if len(dups) == 0 {
		return b.Cells, nil
	}
	net := make(map[build.CellKey]*build.Cell, len(b.Cells))
	for k, c := range b.Cells {
		if c == nil {
			continue
		}
		cp, err := build.NewCell(k.Rollup.Measure)
		if err != nil {
			return nil, err
		}
		if err := cp.Merge(c); err != nil {
			return nil, err
		}
		net[k] = cp
	}
	want := rollupSet(todo)
	for _, m := range dups {
		for _, a := range m.Adds {
			if a.Event != "" || !want[*a.Rollup] {
				continue
			}
			k := a.Key(m.Hour)
			if c := net[k]; c != nil {
				if err := build.Net(k.Rollup.Measure, c, a); err != nil {
					return nil, err
				}
			}
		}
	}
	return net, nil
}

func absHour(h build.Hour) build.Hour {
	if h < 0 {
		return -h
	}
	return h
}

// clock is the time the store keeps message IDs by; tests set it.
var clock = time.Now

// hourIndexKey is a dedupe_hours key: the hour an ID expires, with its
// sign bit flipped so that hours before 1970 sort first, then the ID.
func hourIndexKey(h build.Hour, id uint64) []byte {
	k := binary.BigEndian.AppendUint64(make([]byte, 0, 16), uint64(h)^1<<63)
	return binary.BigEndian.AppendUint64(k, id)
}

func hourOfIndexKey(k []byte) build.Hour {
	return build.Hour(binary.BigEndian.Uint64(k) ^ 1<<63)
}

// expiry is the hour after which an ID stored now with event hour h can
// go: a window (and an hour) past the later of h and now, as DynamoDB's
// time to live does in plugins/dynamostore. So a file uploaded again
// within the window of wall-clock time still finds its IDs, however old
// its events. A device clock far in the future keeps an ID a day longer
// at most.
func expiry(h, now, window build.Hour) build.Hour {
	return max(min(h, now+24), now) + window + 1
}

// writeDedupe prunes the IDs whose time is up, then stores the
// transaction's new IDs with their expiry, in key order. An ID stored
// again (outside the window of its last sighting) leaves its old index
// entry to be pruned on its own.
func (p *plan) writeDedupe() error {
	if !p.dd.on {
		return nil
	}
	ids, idx := p.tx.Bucket(bucketDedupe), p.tx.Bucket(bucketDedupeH)
	now := build.HourOf(clock())
	var old [][]byte
	c := idx.Cursor()
	for k, _ := c.First(); len(k) == 16 && hourOfIndexKey(k) < now; k, _ = c.Next() {
		old = append(old, bytes.Clone(k))
	}
	for _, k := range old {
		if v := ids.Get(k[8:]); storedExpiry(v) == hourOfIndexKey(k) {
			if err := ids.Delete(k[8:]); err != nil {
				return err
			}
		}
		if err := idx.Delete(k); err != nil {
			return err
		}
	}
	keys := make([]uint64, 0, len(p.dd.seen))
	for id := range p.dd.seen {
		keys = append(keys, id)
	}
	slices.Sort(keys)
	index := make([][]byte, 0, len(keys))
	for _, id := range keys {
		h := p.dd.seen[id]
		exp := expiry(h, now, p.dd.window)
		v := binary.BigEndian.AppendUint64(putInt(int64(h)), uint64(exp))
		if err := ids.Put(binary.BigEndian.AppendUint64(make([]byte, 0, 8), id), v); err != nil {
			return err
		}
		index = append(index, hourIndexKey(exp, id))
	}
	slices.SortFunc(index, bytes.Compare)
	for _, k := range index {
		if err := idx.Put(k, []byte{}); err != nil {
			return err
		}
	}
	return nil
}

// storedExpiry reads the expiry of a "dedupe" value: its second 8 bytes,
// or, in a store written before expiries, its event hour (which that
// store's index was keyed by).
func storedExpiry(v []byte) build.Hour {
	switch len(v) {
	case 16:
		return build.Hour(binary.BigEndian.Uint64(v[8:]))
	case 8:
		return build.Hour(getInt(v))
	}
	return -1 << 62
}
