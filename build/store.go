package build

import (
	"context"
	"errors"
	"time"
)

// Store keeps the rollup: counters per event per UTC hour.
//
// Apply is exactly once per Batch.ID: applying a batch whose ID the store has
// already applied changes nothing and returns nil. A batch is applied whole
// or not at all.
type Store interface {
	Apply(ctx context.Context, b *Batch) error
	Applied(ctx context.Context, id string) (bool, error)
	Query(ctx context.Context, q Query) (*Result, error)
	Events(ctx context.Context) ([]EventInfo, error)
	Close() error
}

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

// EventHour addresses one counter.
type EventHour struct {
	Event string
	Hour  Hour
}

// Batch is the work of one source file, combined in memory so that a file of a
// million events costs a handful of store writes.
type Batch struct {
	ID     string // the source file's key: applied once
	Counts map[EventHour]int64
	Stats  FileStats
}

// NewBatch returns an empty batch for the file id.
func NewBatch(id string) *Batch {
	return &Batch{ID: id, Counts: map[EventHour]int64{}, Stats: FileStats{Rejected: map[string]int64{}}}
}

// FileStats says what a file held.
type FileStats struct {
	Bytes    int64            `json:"bytes"`    // decompressed bytes read
	Lines    int64            `json:"lines"`    // non-blank lines
	Accepted int64            `json:"accepted"` // events counted
	Rejected map[string]int64 `json:"rejected"` // lines rejected, by reason
}

// Reject counts one rejected line under reason.
func (s *FileStats) Reject(reason string) {
	if s.Rejected == nil {
		s.Rejected = map[string]int64{}
	}
	s.Rejected[reason]++
}

// EventInfo describes one event name the store has seen.
type EventInfo struct {
	Event string `json:"event"`
	Total int64  `json:"total"`
	First Hour   `json:"-"`
	Last  Hour   `json:"-"`
}

// ErrNotFound is returned for a store or source URL that names nothing.
var ErrNotFound = errors.New("not found")
