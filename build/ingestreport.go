package build

import (
	"fmt"
	"sort"
)

// IngestReport is what an ingest did.
type IngestReport struct {
	Files      int              `json:"files"`      // files in the source
	Applied    int              `json:"applied"`    // new files applied by this run
	Backfilled int              `json:"backfilled"` // files read again for rollups they lacked
	Reread     int64            `json:"reread"`     // events of those files, counted again for the new rollups only
	Skipped    int              `json:"skipped"`    // files with nothing left to apply
	Failed     int              `json:"failed"`     // files that could not be read; nothing of them applied
	Bytes      int64            `json:"bytes"`      // raw bytes read
	Lines      int64            `json:"lines"`      // lines read in new files
	Accepted   int64            `json:"accepted"`   // events counted from new files
	Rejected   map[string]int64 `json:"rejected"`   // lines rejected, by reason
	Skips      map[string]int64 `json:"skips,omitempty"`
	Folded     int64            `json:"folded,omitempty"`     // events whose breakdown value the cardinality cap folded (in new files and backfills)
	Dups       int64            `json:"duplicates,omitempty"` // messages counted once under dedupe
	Errors     []FileError      `json:"errors,omitempty"`
	Seconds    float64          `json:"seconds"`
}

// FileError names a file that failed and why.
type FileError struct {
	Key string `json:"file"`
	Err string `json:"error"`
}

// RejectedTotal is the number of rejected lines.
func (r *IngestReport) RejectedTotal() int64 {
	var n int64
	for _, v := range r.Rejected {
		n += v
	}
	return n
}

// Summary is the report as one line.
func (r *IngestReport) Summary() string {
	s := fmt.Sprintf("ingest: %d files (%d new, %d already applied, %d failed", r.Files, r.Applied, r.Skipped, r.Failed)
	if r.Backfilled > 0 {
		s += fmt.Sprintf(", %d read again for new rollups", r.Backfilled)
	}
	s += fmt.Sprintf("), %d events accepted, %d rejected", r.Accepted, r.RejectedTotal())
	s += counts(r.Rejected)
	if r.Backfilled > 0 {
		s += fmt.Sprintf(" in new files; %d events read again for new rollups", r.Reread)
	}
	if len(r.Skips) > 0 {
		s += "; values skipped" + counts(r.Skips)
	}
	if r.Dups > 0 {
		s += fmt.Sprintf("; %d duplicate messages counted once", r.Dups)
	}
	if r.Folded > 0 {
		s += fmt.Sprintf("; %d events had a breakdown value folded into %s", r.Folded, OtherGroup)
	}
	return s + fmt.Sprintf(" in %.2fs", r.Seconds)
}

func counts(m map[string]int64) string {
	if len(m) == 0 {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := " ("
	for i, k := range keys {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s: %d", k, m[k])
	}
	return s + ")"
}

// count adds an applied batch to the report.
func (r *IngestReport) count(b *Batch) {
	r.Bytes += b.Size
	r.Folded += b.Stats.Folded
	if !b.HasBase() {
		r.Backfilled++
		r.Reread += b.Stats.Accepted
		return
	}
	r.Applied++
	r.Lines += b.Stats.Lines
	r.Accepted += b.Stats.Accepted
	r.Dups += b.Stats.Dups
	for k, v := range b.Stats.Rejected {
		r.Rejected[k] += v
	}
	for k, v := range b.Stats.Skipped {
		if r.Skips == nil {
			r.Skips = map[string]int64{}
		}
		r.Skips[k] += v
	}
}
