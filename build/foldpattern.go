package build

import (
	"slices"
	"strings"
)

// pattern is a rollup pattern of a fold (see AnyEvent), with its measure
// type.
type pattern struct {
	r Rollup
	t MeasureType
}

// instances adds to the rolls of the event name, new to the file, the
// rollup of that event each pattern of the batch keeps (Rollup.For),
// unless the batch names it already, and notes it in f.made. It is called
// once per event name of the file: the names the file keeps are bounded
// (see admits), and so are the rollups made.
func (f *Fold) instances(name string) {
	for _, p := range f.patterns {
		r := p.r.For(name)
		id := r.ID()
		if f.ids[id] {
			continue // declared for the event itself, or the event named "*"
		}
		f.ids[id] = true
		f.rolls[name] = append(f.rolls[name], newRoll(r, p.t))
		f.made = append(f.made, r)
	}
}

// addMade adds the rollups the patterns made (see instances) to
// b.Rollups, by ID, so that the store applies and records each as any
// rollup of the batch: a rollup of one event already applied from the
// file (declared before the pattern) is not applied again. b.Rollups may
// be shared with other batches (Ingest shares the slice of files that
// miss the same rollups): it is copied, not appended to in place.
func (f *Fold) addMade() {
	if len(f.made) == 0 {
		return
	}
	slices.SortFunc(f.made, func(a, b Rollup) int { return strings.Compare(a.ID(), b.ID()) })
	f.b.Rollups = append(slices.Clip(f.b.Rollups), f.made...)
	f.made = nil
}
