package events

import (
	"fmt"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// file is the state of one Parse: the batch it fills, the rollups compiled
// for it, every event name seen, and buffers reused from line to line so
// that the common line allocates nothing.
type file struct {
	checker
	b      *build.Batch
	limit  int  // the cardinality cap
	base   bool // the batch holds the base counts
	events map[string]*eventState
	rolls  map[string][]*roll // by event name

	key, val, grp, cln, path, shape []byte // scratch
	vals                            []span // the values of the event's paths
	adds                            []build.Add

	// What the line being read has counted so far, so that its rollups
	// count it once: the skip reasons, and the plan indices of the
	// breakdown properties whose value folded.
	skipped []string
	folded  []int

	latest  int64 // the latest receivedAt, Unix seconds
	hasRecv bool

	// The file's bounds, whatever it holds: the event names it brought
	// that the store did not know (see admits), and the counters it adds
	// to, one per event and hour it counts and one more per rollup of the
	// event (see room).
	maxNames int // new names a file may bring without a build.Names
	newNames int
	counters int
	spread   map[build.EventHour]struct{}
}

// eventState is what the file keeps per event name.
type eventState struct {
	name   string
	rolls  []*roll
	plan   *plan               // the paths rolls read
	props  map[string]struct{} // property paths seen
	shapes map[string]struct{} // property shapes seen (see props)
}

func newFile(b *build.Batch, o Options) (*file, error) {
	if b.Counts == nil {
		b.Counts = map[build.EventHour]int64{}
	}
	if b.Cells == nil {
		b.Cells = map[build.CellKey]*build.Cell{}
	}
	if b.Props == nil {
		b.Props = map[build.EventProp]bool{}
	}
	f := &file{b: b, limit: o.Cardinality, base: len(b.Rollups) == 0 || b.HasBase(),
		events: map[string]*eventState{}, rolls: map[string][]*roll{}, path: make([]byte, 0, 256),
		maxNames: o.MaxEventNames, spread: map[build.EventHour]struct{}{}}
	if f.maxNames <= 0 {
		f.maxNames = build.DefaultMaxEventNames
	}
	if f.limit <= 0 {
		f.limit = build.DefaultCardinality
	}
	f.limit = min(f.limit, build.MaxCardinality)
	b.Cardinality = f.limit
	seen := map[string]bool{}
	for _, r := range b.Rollups {
		if !r.Needed() || seen[r.ID()] {
			continue
		}
		seen[r.ID()] = true
		t, err := r.Measure.Type()
		if err != nil {
			return nil, fmt.Errorf("events: rollup %s: %w", r.ID(), err)
		}
		if _, err := t.New(); err != nil {
			return nil, fmt.Errorf("events: rollup %s: %w", r.ID(), err)
		}
		if b.Dedupe > 0 {
			if err := r.Measure.CheckDedupe(); err != nil {
				return nil, fmt.Errorf("events: rollup %s: %w", r.ID(), err)
			}
		}
		f.rolls[r.Event] = append(f.rolls[r.Event], newRoll(r, t))
	}
	return f, nil
}

// event returns the state of the event name.
func (f *file) event(name []byte) *eventState {
	if ev := f.events[string(name)]; ev != nil {
		return ev
	}
	ev := &eventState{name: string(name), props: map[string]struct{}{}, shapes: map[string]struct{}{}, plan: &plan{}}
	ev.rolls = f.rolls[ev.name]
	for _, rl := range ev.rolls {
		rl.prop, rl.by = -1, -1
		if rl.input != build.NoInput {
			rl.prop = ev.plan.add(rl.r.Measure.Prop)
		}
		if rl.r.By != "" {
			rl.by = ev.plan.add(rl.r.By)
		}
	}
	f.events[ev.name] = ev
	return ev
}

// line adds one non-blank line to the batch.
func (f *file) line(line []byte) {
	st := &f.b.Stats
	st.Lines++
	name, t, from, reason := f.check(line)
	if reason != "" {
		st.Reject(reason)
		return
	}
	ev := f.events[string(name)]
	if ev == nil {
		if !f.admits(name) {
			st.Reject(RejectTooManyNames)
			return
		}
		ev = f.event(name)
	}
	h := build.HourOf(t)
	if !f.room(ev, h) {
		st.Reject(RejectTooManyHours)
		return
	}
	st.Accepted++
	f.received(t, from)

	var id uint64
	dedupe := false
	if f.b.Dedupe > 0 {
		if mid := f.msg.text(fMessageID, &f.tmp); len(mid) > 0 {
			id, dedupe = msgID(mid), true
			if cap(f.adds)-len(f.adds) <= len(ev.rolls) {
				f.adds = make([]build.Add, 0, 1024+len(ev.rolls))
			}
		}
	}
	start := len(f.adds)
	if f.base {
		f.b.Counts[build.EventHour{Event: ev.name, Hour: h}]++
		if dedupe {
			f.adds = append(f.adds, build.Add{Event: ev.name})
		}
		f.props(ev)
	}
	if len(ev.rolls) > 0 {
		f.resolve(ev)
	}
	f.skipped, f.folded = f.skipped[:0], f.folded[:0]
	for _, rl := range ev.rolls {
		f.roll(rl, h, dedupe)
	}
	if dedupe {
		end := len(f.adds)
		f.b.Msgs = append(f.b.Msgs, build.Msg{ID: id, Hour: h, Adds: f.adds[start:end:end]})
	}
}

// admits reports whether the file keeps the event name, new in the file.
// A name the store knew when the ingest started (build.Names) is kept;
// the file keeps as many others as the cap had room for then, the first
// it meets, and build.Names.Admit decides which of them the store takes
// when the file is applied. Without a build.Names, the file keeps its
// first maxNames names.
func (f *file) admits(name []byte) bool {
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
func (f *file) room(ev *eventState, h build.Hour) bool {
	k := build.EventHour{Event: ev.name, Hour: h}
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

// received adds the line's receivedAt to the file's day and lag.
func (f *file) received(t time.Time, from field) {
	r := t
	if from != fReceivedAt {
		s := f.msg.text(fReceivedAt, &f.tmp)
		if s == nil {
			return
		}
		var ok bool
		if r, ok = parseTime(s); !ok {
			return
		}
		if lag := r.Sub(t).Seconds(); lag >= 0 {
			st := &f.b.Stats
			st.LagSum += lag
			st.LagN++
			st.LagMax = max(st.LagMax, lag)
		}
	}
	if sec := r.Unix(); !f.hasRecv || sec > f.latest {
		f.latest, f.hasRecv = sec, true
	}
}

// finish writes what the file learnt over all its lines.
func (f *file) finish() {
	f.trim()
	if !f.hasRecv {
		return
	}
	if day := time.Unix(f.latest, 0).UTC().Format(time.DateOnly); day > f.b.Stats.Day {
		f.b.Stats.Day = day
	}
}
