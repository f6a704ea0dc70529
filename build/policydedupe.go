package build

import "time"

// Dedupe counts a message ID once within a window of hours: a message
// whose ID another file stored within the window of its hour, or that its
// own file repeats, is a duplicate, and its share (Msg.Adds) is netted out
// of the counts and cells its file writes. A file's decision is made once,
// when its base counts are applied, and recorded with the file, so that a
// retry or a later backfill of a new rollup takes out the same messages.

// Window is the batch's dedupe window in whole hours; 0 when dedupe is off.
func (b *Batch) Window() Hour { return Hour(b.Dedupe / time.Hour) }

// DedupeOn reports whether dedupe applies to the batch: a window, and
// messages to look at.
func (b *Batch) DedupeOn() bool { return b.Dedupe > 0 && len(b.Msgs) > 0 }

// Within reports whether a message of hour h is a duplicate of one stored
// with hour stored under a window of w hours: |h - stored| <= w.
func Within(h, stored, w Hour) bool {
	d := h - stored
	if d < 0 {
		d = -d
	}
	return d <= w
}

// DedupeExpiry is the hour after which an ID stored at hour now with event
// hour h may be forgotten: a window (and an hour) past the later of h and
// now. So a file uploaded again within the window of wall-clock time still
// finds its IDs however old its events; an event hour far in the future
// keeps its ID a day longer at most.
func DedupeExpiry(h, now, w Hour) Hour {
	return max(min(h, now+24), now) + w + 1
}

// Decide makes a file's dedupe decision from the message IDs the store
// holds: seen returns the hour stored for an ID (by other files, or by
// earlier batches of the same write) and false for one it does not hold
// or has let expire. It returns the first sightings that are duplicates of
// other files (cross, in message order) and those the store is to keep
// (fresh, in message order). Repeats within the file are neither: they
// are duplicates whatever the store holds (see Duplicates).
func Decide(b *Batch, seen func(id uint64) (Hour, bool)) (cross []uint64, fresh []*Msg) {
	w := b.Window()
	for _, m := range FirstSightings(b.Msgs) {
		if h, ok := seen(m.ID); ok && Within(m.Hour, h, w) {
			cross = append(cross, m.ID)
		} else {
			fresh = append(fresh, m)
		}
	}
	return cross, fresh
}

// FirstSightings returns the first message of each ID in msgs, in order:
// those dedupe looks up in what the store holds (a repeat within the
// file is a duplicate whatever the store holds).
func FirstSightings(msgs []Msg) []*Msg {
	seen := make(map[uint64]bool, len(msgs))
	out := make([]*Msg, 0, len(msgs))
	for i := range msgs {
		if m := &msgs[i]; !seen[m.ID] {
			seen[m.ID] = true
			out = append(out, m)
		}
	}
	return out
}

// Duplicates returns the messages of msgs that dedupe takes out, in
// order: every repeat of an ID within the file, and each first sighting
// that cross (the file's decision) names.
func Duplicates(msgs []Msg, cross map[uint64]bool) []*Msg {
	seen := make(map[uint64]bool, len(msgs))
	var out []*Msg
	for i := range msgs {
		m := &msgs[i]
		if seen[m.ID] || cross[m.ID] {
			out = append(out, m)
		}
		seen[m.ID] = true
	}
	return out
}

// NetCounts returns base counts less the duplicates' shares of them:
// counts itself when there are no duplicates, else a copy. A share of a
// counter the batch does not hold is ignored.
func NetCounts(counts map[EventHour]int64, dups []*Msg) map[EventHour]int64 {
	if len(dups) == 0 {
		return counts
	}
	net := make(map[EventHour]int64, len(counts))
	for eh, n := range counts {
		net[eh] = n
	}
	for _, m := range dups {
		for _, a := range m.Adds {
			if a.Rollup != nil {
				continue
			}
			eh := EventHour{Event: a.Event, Hour: m.Hour}
			if _, ok := net[eh]; ok {
				net[eh]--
			}
		}
	}
	return net
}

// NetCells returns the cells of the rollups keep reports true for, less
// the duplicates' shares of them: cells itself, all of them, when there
// are no duplicates; else a new map in which each cell a duplicate
// touches is a copy, netted (see netCell), and the others are shared. A
// share of a cell the batch does not hold is ignored.
func NetCells(cells map[CellKey]*Cell, dups []*Msg, keep func(Rollup) bool) (map[CellKey]*Cell, error) {
	if len(dups) == 0 {
		return cells, nil
	}
	net := make(map[CellKey]*Cell, len(cells))
	for k, c := range cells {
		if c != nil && keep(k.Rollup) {
			net[k] = c
		}
	}
	copied := map[CellKey]bool{}
	for _, m := range dups {
		for _, a := range m.Adds {
			if a.Rollup == nil {
				continue
			}
			k := a.Key(m.Hour)
			c := net[k]
			if c == nil {
				continue
			}
			if !copied[k] {
				cp, err := copyCell(k.Rollup.Measure, c)
				if err != nil {
					return nil, err
				}
				net[k], c, copied[k] = cp, cp, true
			}
			if err := netCell(k.Rollup.Measure, c, a); err != nil {
				return nil, err
			}
		}
	}
	return net, nil
}
