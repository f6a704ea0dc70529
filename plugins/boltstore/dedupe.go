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

// addMsgs notes the IDs a batch stores (its first sightings that are
// not duplicates), under a window of w hours.
func (p *plan) addMsgs(w build.Hour, fresh []*build.Msg) {
	p.dd.on = true
	p.dd.window = max(p.dd.window, w)
	for _, m := range fresh {
		p.dd.seen[m.ID] = m.Hour
	}
}

// Seen returns the hour stored for a message ID, by this transaction or
// before it, unless the ID's time is up (build.PlanWrite's view).
func (p *plan) Seen(id uint64) (build.Hour, bool) {
	if h, ok := p.dd.seen[id]; ok {
		return h, true
	}
	v := p.tx.Bucket(bucketDedupe).Get(binary.BigEndian.AppendUint64(nil, id))
	if (len(v) != 8 && len(v) != 16) || storedExpiry(v) < build.HourOf(clock()) {
		return 0, false // none, or its time is up (pruning may not have run yet)
	}
	return build.Hour(getInt(v[:8])), true
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
		exp := build.DedupeExpiry(h, now, p.dd.window)
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
