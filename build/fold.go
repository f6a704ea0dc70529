package build

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// FoldOptions tune the fold of a file's events into a batch.
type FoldOptions struct {
	// Cardinality caps the distinct breakdown values a rollup keeps per
	// hour: a file keeps the heaviest of its values, the store those that
	// fit over all files (Batch.Cardinality); the rest fold into
	// OtherGroup. 0 means DefaultCardinality; at most MaxCardinality.
	Cardinality int
	// MaxEventNames caps the distinct event names of a file when its
	// batch carries no Names (which the ingest sets from the store); 0
	// means DefaultMaxEventNames.
	MaxEventNames int
}

// MaxCounters bounds the counters one file adds to, whatever the hours
// its times span: an event in an hour costs one, and one more per rollup
// of the event. A line whose event is new in its hour and would pass the
// bound is rejected as RejectTooManyHours. A Segment file holds what
// arrived in an hour or so; 50,000 is a thousand event names over two
// days, or one event with ten rollups over six months of hours.
const MaxCounters = 50000

// RejectTooManyHours is the reason a line is rejected when its event is
// new in its hour and its counters would take the file past MaxCounters.
const RejectTooManyHours = "too many hours"

// NewParser returns a ParseFunc that reads a file with dec and folds its
// events into the batch (see Decode).
func NewParser(dec Decoder, o FoldOptions) ParseFunc {
	return func(r io.Reader, b *Batch) error { return Decode(r, dec, b, o) }
}

// Decode reads one raw file with dec and folds its events into b: for
// every accepted event a count per event name and UTC hour in b.Counts
// (when b holds the base rollup, or names no rollup at all), its property
// paths in b.Props, and a cell of every other rollup of b.Rollups for its
// event (see Fold). What it saw goes to b.Stats. It returns an error only
// when the file cannot be read to its end; b is then incomplete and must
// not be applied.
func Decode(r io.Reader, dec Decoder, b *Batch, o FoldOptions) error {
	f, err := NewFold(b, o)
	if err != nil {
		return err
	}
	n, err := dec.Decode(r, f)
	b.Stats.Bytes += n
	if err != nil {
		f.flush() // what was read, untrimmed
		return err
	}
	f.Finish()
	return nil
}

// Fold folds the events of one file into a batch; it is the Sink a
// decoder fills.
//
// With the base rollup in b.Rollups (or no rollups at all), every
// accepted event adds to b.Counts, and its property paths go to b.Props
// (at most MaxProps per event and file). A batch without the base rollup
// (a backfill) gets no counts. Every other rollup of the event (and the
// rollup each pattern makes of it, see instances) adds to a cell of its
// series in the event's hour: the group is "" without a
// breakdown, else the value at By as text (NoneGroup when missing or
// null), cleaned (see cleanGroup). The cell is fed through its measure
// type (MeasureType), by what the type reads: nothing (count adds 1), a
// number (sum(p); see number), or the value's text (unique(p) inserts it
// in the cell's sketch). A value a measure cannot use is counted in
// Stats.Skipped ("sum(revenue): missing", "… not a number", "… out of
// range"), once per event and key.
//
// A rollup keeps at most the cardinality cap of groups per hour: a file
// keeps the first spare × cap values of an hour exactly, and at most
// fullHours × spare × cap over all its hours, and folds later ones into
// OtherGroup; Finish keeps the heaviest cap values of each hour and
// folds the rest (see trim). Stats.Folded counts the events whose value
// folded, once per event and breakdown property. The fold keeps the
// file's cells itself while it reads, and puts them in b.Cells at Finish
// (see flush).
//
// A file's working set is bounded whatever its names and times: an event
// name new to the file is kept when the batch's Names knows it, or while
// the file has brought fewer new names than the cap had room for; its
// lines are otherwise rejected as RejectTooManyNames. A line whose event
// is new in its hour once the file holds MaxCounters counters is rejected
// as RejectTooManyHours.
//
// With b.Dedupe set, every accepted event with a message ID adds a Msg:
// the FNV-1a hash of the ID, the hour, and its share of the base count and
// of each cell whose measure is not idempotent (a sketch needs none). A
// rollup whose measure dedupe cannot net (neither subtracting nor
// idempotent, see Measure.CheckDedupe) is refused under dedupe.
// Stats.Day is the UTC day of the latest arrival; Stats.Lag* the delay
// from the event time to its arrival, when the decoder knows both and it
// is not negative.
type Fold struct {
	b      *Batch
	limit  int  // the cardinality cap
	base   bool // the batch holds the base counts
	prior  bool // b.Cells held cells before the file (see cell)
	events map[string]*foldEvent
	rolls  map[string][]*roll // by event name

	// The rollup patterns of b.Rollups (see AnyEvent), the IDs of the
	// rollups the fold keeps, and the rollups of one event it made of the
	// patterns (see instances).
	patterns []pattern
	ids      map[string]bool
	made     []Rollup

	id, val, grp, cln, cmp []byte // scratch
	adds                   []Add
	slab                   []Cell // where new cells are cut from (see newCell)

	// What the line being read has counted so far, so that its rollups
	// count it once: the skip reasons, and the path indices of the
	// breakdown properties whose value folded.
	skipped []string
	folded  []int

	latest  int64 // the latest arrival, Unix seconds
	hasRecv bool

	// The file's bounds: the event names it brought that the store did
	// not know (see admits), and the counters it adds to (see room).
	maxNames int // new names a file may bring without a Names
	newNames int
	counters int
	spread   map[EventHour]struct{}
}

// foldEvent is what the fold keeps per event name.
type foldEvent struct {
	name  string
	rolls []*roll
	paths *Paths // the paths rolls read
	props *Props // property paths seen
}

// NewFold returns the fold of one file into b.
func NewFold(b *Batch, o FoldOptions) (*Fold, error) {
	if b.Counts == nil {
		b.Counts = map[EventHour]int64{}
	}
	if b.Cells == nil {
		b.Cells = map[CellKey]*Cell{}
	}
	if b.Props == nil {
		b.Props = map[EventProp]bool{}
	}
	f := &Fold{b: b, limit: o.Cardinality, base: len(b.Rollups) == 0 || b.HasBase(), prior: len(b.Cells) > 0,
		events: map[string]*foldEvent{}, rolls: map[string][]*roll{},
		maxNames: o.MaxEventNames, spread: map[EventHour]struct{}{}}
	if f.maxNames <= 0 {
		f.maxNames = DefaultMaxEventNames
	}
	if f.limit <= 0 {
		f.limit = DefaultCardinality
	}
	f.limit = min(f.limit, MaxCardinality)
	b.Cardinality = f.limit
	seen := map[string]bool{}
	for _, r := range b.Rollups {
		if !r.Needed() || seen[r.ID()] {
			continue
		}
		seen[r.ID()] = true
		t, err := r.Measure.Type()
		if err != nil {
			return nil, fmt.Errorf("fold: rollup %s: %w", r.ID(), err)
		}
		if _, err := t.New(); err != nil {
			return nil, fmt.Errorf("fold: rollup %s: %w", r.ID(), err)
		}
		if b.Dedupe > 0 {
			if err := r.Measure.CheckDedupe(); err != nil {
				return nil, fmt.Errorf("fold: rollup %s: %w", r.ID(), err)
			}
		}
		f.rolls[r.Event] = append(f.rolls[r.Event], newRoll(r, t))
		if r.IsPattern() {
			f.patterns = append(f.patterns, pattern{r, t})
		}
	}
	f.ids = seen
	return f, nil
}

// event returns the state of the event name, new to the file.
func (f *Fold) event(name []byte) *foldEvent {
	ev := &foldEvent{name: string(name), paths: &Paths{}}
	ev.props = NewProps(ev.name, f.b.Props)
	f.instances(ev.name)
	ev.rolls = f.rolls[ev.name]
	var combos []string // the combinations' By, whose position gives each its fold key
	for _, rl := range ev.rolls {
		rl.prop, rl.by, rl.parts = -1, -1, nil
		if rl.input != NoInput {
			rl.prop = ev.paths.add(rl.r.Measure.Prop)
		}
		if rl.r.By == "" {
			continue
		}
		if parts := rl.r.Parts(); len(parts) > 1 {
			for _, p := range parts {
				rl.parts = append(rl.parts, ev.paths.add(p))
			}
			rl.by = rl.parts[0]
			i := slices.Index(combos, rl.r.By)
			if i < 0 {
				i, combos = len(combos), append(combos, rl.r.By)
			}
			rl.foldKey = -2 - i // below every path index
			continue
		}
		rl.by = ev.paths.add(rl.r.By)
		rl.foldKey = rl.by
	}
	f.events[ev.name] = ev
	return ev
}

// add returns the index of path p, adding it when new.
func (p *Paths) add(path string) int {
	for i, q := range p.List {
		if q == path {
			return i
		}
	}
	p.List = append(p.List, path)
	return len(p.List) - 1
}

// Reject counts one line the decoder rejected.
func (f *Fold) Reject(reason string) {
	f.b.Stats.Lines++
	f.b.Stats.Reject(reason)
}

// Event adds one accepted line to the batch.
func (f *Fold) Event(e *Event) {
	st := &f.b.Stats
	st.Lines++
	ev := f.events[string(e.Name)]
	if ev == nil {
		if !f.admits(e.Name) {
			st.Reject(RejectTooManyNames)
			return
		}
		ev = f.event(e.Name)
	}
	h := HourOf(e.Time)
	if !f.room(ev, h) {
		st.Reject(RejectTooManyHours)
		return
	}
	st.Accepted++
	l := e.Line
	f.received(e.Time, l)

	var id uint64
	dedupe := false
	if f.b.Dedupe > 0 {
		if mid := l.ID(&f.id); len(mid) > 0 {
			id, dedupe = msgID(mid), true
			if cap(f.adds)-len(f.adds) <= len(ev.rolls) {
				f.adds = make([]Add, 0, 1024+len(ev.rolls))
			}
		}
	}
	start := len(f.adds)
	if f.base {
		f.b.Counts[EventHour{Event: ev.name, Hour: h}]++
		if dedupe {
			f.adds = append(f.adds, Add{Event: ev.name})
		}
		if ev.props.Len() < MaxProps {
			l.Props(ev.props)
		}
	}
	if len(ev.rolls) > 0 {
		l.Lookup(ev.paths)
	}
	f.skipped, f.folded = f.skipped[:0], f.folded[:0]
	for _, rl := range ev.rolls {
		f.roll(rl, l, h, dedupe)
	}
	if dedupe {
		end := len(f.adds)
		f.b.Msgs = append(f.b.Msgs, Msg{ID: id, Hour: h, Adds: f.adds[start:end:end]})
	}
}

// admits reports whether the file keeps the event name, new in the file.
// A name the store knew when the ingest started (Names) is kept; the file
// keeps as many others as the cap had room for then, the first it meets,
// and Names.Admit decides which of them the store takes when the file is
// applied. Without a Names, the file keeps its first maxNames names.
func (f *Fold) admits(name []byte) bool {
	if n := f.b.Names; n != nil {
		if n.Known(string(name)) {
			return true
		}
		if f.newNames >= n.Room() {
			return false
		}
	} else if f.newNames >= f.maxNames {
		return false
	}
	f.newNames++
	return true
}

// room reports whether the file counts ev in hour h: it does already, or
// the counters that takes fit under MaxCounters.
func (f *Fold) room(ev *foldEvent, h Hour) bool {
	k := EventHour{Event: ev.name, Hour: h}
	if _, ok := f.spread[k]; ok {
		return true
	}
	cost := 1 + len(ev.rolls)
	if f.counters+cost > MaxCounters {
		return false
	}
	f.counters += cost
	f.spread[k] = struct{}{}
	return true
}

// received adds the line's arrival to the file's day and lag.
func (f *Fold) received(t time.Time, l Line) {
	r, lag, ok := l.Received()
	if !ok {
		return
	}
	if lag {
		if d := r.Sub(t).Seconds(); d >= 0 {
			st := &f.b.Stats
			st.LagSum += d
			st.LagN++
			st.LagMax = max(st.LagMax, d)
		}
	}
	if sec := r.Unix(); !f.hasRecv || sec > f.latest {
		f.latest, f.hasRecv = sec, true
	}
}

// Finish writes what the file taught over all its lines: the cap of each
// hour's groups (see trim), the cells to b.Cells (see flush), the rollups
// its patterns made to b.Rollups (see addMade), and the day the file
// arrived.
func (f *Fold) Finish() {
	f.trim()
	f.flush()
	f.addMade()
	if !f.hasRecv {
		return
	}
	if day := time.Unix(f.latest, 0).UTC().Format(time.DateOnly); day > f.b.Stats.Day {
		f.b.Stats.Day = day
	}
}

// msgID hashes a message ID with 64-bit FNV-1a: the same ID gives the
// same hash in every process on every machine, as a store that remembers
// IDs across files and runs needs.
func msgID(id []byte) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for _, c := range id {
		h ^= uint64(c)
		h *= prime
	}
	return h
}
