package build

import (
	"context"
	"errors"
	"time"
)

// Reader answers questions of the rollup: all the site pipeline, the query
// plugin and the listing commands ask of a store.
type Reader interface {
	// Query answers from the base counts for a plain count; any other
	// rollup must have been declared (see Declarer), else Query returns an
	// error that wraps ErrNoRollup.
	Query(ctx context.Context, q Query) (*Result, error)
	// Events lists the event names the store holds counts of, by name.
	Events(ctx context.Context) ([]EventInfo, error)
}

// Writer adds the work of source files to the rollup.
//
// Apply is exactly once per (Batch.ID, rollup): the rollups of a batch that
// the store has already applied from that file are left out, so a retried
// or repeated batch changes nothing. A batch is applied whole or not at all.
type Writer interface {
	Apply(ctx context.Context, b *Batch) error
	// Applied returns the IDs of the rollups already applied from the
	// file id (none when the file is new).
	Applied(ctx context.Context, id string) ([]string, error)
}

// Store keeps the rollup: counters per event per UTC hour. It is what
// OpenStore returns: a Reader and a Writer, closed when done with. What a
// store may do beyond that it says by implementing the optional
// interfaces Declarer, HealthReader, HourCounter, EventNamer and
// MultiApplier, which the core finds by type assertion.
type Store interface {
	Reader
	Writer
	Close() error
}

// HourCounter is implemented by stores that add up the base counts of
// every event per hour in one pass: the ingestion page's gap finder asks
// it rather than query each event name, so its cost does not follow how
// many names clients have sent.
type HourCounter interface {
	// HourCounts returns the base counts of all events added up per UTC
	// hour in [from, to); an hour without events is left out or zero.
	HourCounts(ctx context.Context, from, to Hour) (map[Hour]int64, error)
}

// ErrNoRollup is wrapped by Query for a rollup the store does not keep.
var ErrNoRollup = errors.New("rollup not built")

// Hour is a UTC hour: Unix seconds divided by 3600.
type Hour int64

// HourOf floors t to its UTC hour.
func HourOf(t time.Time) Hour {
	s := t.Unix()
	h := s / 3600
	if s < 0 && s%3600 != 0 {
		h--
	}
	return Hour(h)
}

// Time is the start of the hour.
func (h Hour) Time() time.Time { return time.Unix(int64(h)*3600, 0).UTC() }

// EventHour addresses one counter of the base rollup.
type EventHour struct {
	Event string
	Hour  Hour
}

// Batch is the work of one source file, combined in memory so that a file of a
// million events costs a handful of store writes.
type Batch struct {
	ID          string   // the source file's key
	Size        int64    // the file's size as stored (compressed)
	Rollups     []Rollup // what the batch holds; each (ID, rollup) is applied once
	Counts      map[EventHour]int64
	Cells       map[CellKey]*Cell
	Props       map[EventProp]bool // property paths seen, with the base rollup
	Dedupe      time.Duration      // the dedupe window; 0 when dedupe is off
	Cardinality int                // breakdown groups kept per rollup and hour, over all files (see Cap)
	Msgs        []Msg              // with dedupe on: every message, so a store can take a duplicate back out
	Names       *Names             // the event-name cap of the ingest, for the fold (see ReadFile); nil: the fold's own bound
	Stats       FileStats
}

// Msg is one message of a batch under dedupe: the hash of its message ID,
// its hour, and what it added to the batch's counts and cells. A store
// that has seen the ID within the dedupe window takes Adds back out (see
// Net; idempotent measures such as unique need nothing and have no Add).
type Msg struct {
	ID   uint64
	Hour Hour
	Adds []Add
}

// Add is one message's share of a counter: one event of the base count
// of Event when Event is set, else one event of value Num in the cell of
// Rollup's Group at the message's hour (see Key). Rollup points at the
// batch's own, so that an Add is as small as the counter it names.
type Add struct {
	Event  string
	Rollup *Rollup
	Group  string
	Num    float64
}

// Key is the cell the share was added to, in the message's hour h.
// A rollup of UTC days has its cell at the day's first hour (Rollup.Floor).
func (a Add) Key(h Hour) CellKey {
	return CellKey{Rollup: *a.Rollup, Group: a.Group, Hour: a.Rollup.Floor(h)}
}

// EventProp is a property path seen on an event.
type EventProp struct {
	Event string
	Path  string
}

// NewBatch returns an empty batch for the file id that holds rollups
// (the base rollup alone when none are given).
func NewBatch(id string, rollups ...Rollup) *Batch {
	if len(rollups) == 0 {
		rollups = []Rollup{BaseRollup}
	}
	return &Batch{ID: id, Rollups: rollups, Counts: map[EventHour]int64{}, Cells: map[CellKey]*Cell{}, Props: map[EventProp]bool{},
		Stats: FileStats{Rejected: map[string]int64{}}}
}

// Counters is how many things the batch writes: counts, cells, property
// paths and messages, what a store holds in memory to apply it.
func (b *Batch) Counters() int {
	return len(b.Counts) + len(b.Cells) + len(b.Props) + len(b.Msgs)
}

// HasBase reports whether the batch carries the base counts.
func (b *Batch) HasBase() bool {
	for _, r := range b.Rollups {
		if r.IsBase() {
			return true
		}
	}
	return false
}

// FileStats says what a file held.
type FileStats struct {
	Bytes    int64            `json:"bytes"`                // decompressed bytes read
	Lines    int64            `json:"lines"`                // non-blank lines
	Accepted int64            `json:"accepted"`             // events counted
	Rejected map[string]int64 `json:"rejected"`             // lines rejected, by reason
	Skipped  map[string]int64 `json:"skipped,omitempty"`    // values a measure could not use, by "sum(revenue): not a number"
	Folded   int64            `json:"folded,omitempty"`     // events whose breakdown value the cardinality cap folded into OtherGroup, by the parser or the store (once per property)
	Dups     int64            `json:"duplicates,omitempty"` // messages counted once under dedupe (set by the store)
	Day      string           `json:"day,omitempty"`        // UTC day the file arrived (its latest arrival, as the decoder reads it), 2026-11-25
	LagSum   float64          `json:"lag_sum,omitempty"`    // seconds from event time to its arrival, added up
	LagMax   float64          `json:"lag_max,omitempty"`    // the longest of those, seconds
	LagN     int64            `json:"lag_n,omitempty"`      // events with both times
}

// Skip counts one value a measure could not use.
func (s *FileStats) Skip(reason string) {
	if s.Skipped == nil {
		s.Skipped = map[string]int64{}
	}
	s.Skipped[reason]++
}

// Reject counts one rejected line under reason.
func (s *FileStats) Reject(reason string) {
	if s.Rejected == nil {
		s.Rejected = map[string]int64{}
	}
	s.Rejected[reason]++
}

// EventNamer is implemented by stores that list their event names more
// cheaply than Events does.
type EventNamer interface {
	EventNames(ctx context.Context) ([]string, error)
}

// StoredNames returns the event names st holds: EventNames when the store
// has it, else the names of Events.
func StoredNames(ctx context.Context, st Reader) ([]string, error) {
	if n, ok := st.(EventNamer); ok {
		return n.EventNames(ctx)
	}
	infos, err := st.Events(ctx)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(infos))
	for i, e := range infos {
		names[i] = e.Event
	}
	return names, nil
}

// EventInfo describes one event name the store has seen.
type EventInfo struct {
	Event string   `json:"event"`
	Total int64    `json:"total"`
	First Hour     `json:"-"`
	Last  Hour     `json:"-"`
	Props []string `json:"properties"` // property paths seen, sorted (at most MaxProps)
}

// MaxProps caps the property paths a store keeps per event.
const MaxProps = 200

// HealthDay is the ingestion record of one UTC day of arrivals.
type HealthDay struct {
	Day      string           `json:"day"` // 2026-11-25
	Files    int64            `json:"files"`
	Bytes    int64            `json:"bytes"`
	Events   int64            `json:"events"`
	Rejected map[string]int64 `json:"rejected"`
	LagSum   float64          `json:"lag_sum"`
	LagMax   float64          `json:"lag_max"`
	LagN     int64            `json:"lag_n"`
}

// Add merges the stats of one applied file into the day.
func (h *HealthDay) Add(b *Batch) {
	s := b.Stats
	h.Files++
	h.Bytes += b.Size
	h.Events += s.Accepted
	for k, v := range s.Rejected {
		if h.Rejected == nil {
			h.Rejected = map[string]int64{}
		}
		h.Rejected[k] += v
	}
	h.LagSum += s.LagSum
	h.LagN += s.LagN
	if s.LagMax > h.LagMax {
		h.LagMax = s.LagMax
	}
}

// ErrNotFound is returned for a store or source URL that names nothing.
var ErrNotFound = errors.New("not found")
