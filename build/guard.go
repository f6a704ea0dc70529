package build

import (
	"strconv"
	"strings"
)

// SplitAsks splits the rollups the dashboards ask for into those ingest
// may declare, and the asks it must not declare yet: those of a rollup
// that is neither in confirmed (the config's rollups:, those the store
// already keeps, or all of them when the user confirms every name) nor
// reads only names that seen holds. A misspelt name in a dashboard would
// otherwise become a rollup for good, and ingest would read every event
// file again for it. An optional ask (a page filter's) may be deferred
// too, but is never refused: the caller leaves it out (see Ask.Optional).
// The rollups come sorted and once each.
func SplitAsks(asks []Ask, seen Seen, confirmed map[string]bool) (declare []Rollup, deferred []Ask) {
	for _, a := range asks {
		if confirmed[a.Rollup.ID()] || len(a.Unseen(seen)) == 0 {
			declare = append(declare, a.Rollup)
		} else {
			deferred = append(deferred, a)
		}
	}
	return SortRollups(declare), deferred
}

// ConfigEntry returns an entry for rollups: in dashsmith.yaml that keeps
// r, in YAML's flow style, names quoted: {event: "Order Completed",
// measures: ["sum(revenue)"], by: ["plan"]}.
func (r Rollup) ConfigEntry() string {
	var b strings.Builder
	b.WriteString("{event: " + strconv.Quote(r.Event))
	if !r.Measure.IsCount() {
		b.WriteString(", measures: [" + strconv.Quote(r.Measure.String()) + "]")
	}
	if r.By != "" {
		b.WriteString(", by: [" + strconv.Quote(r.By) + "]")
	}
	if r.Resolution != "" {
		b.WriteString(", resolution: " + string(r.Resolution))
	}
	return b.String() + "}"
}

// Merge adds to r the report o of a second ingest of the same source
// right after it (one that read the files again for rollups the first
// did not declare). Work is added up (files applied, events, bytes,
// time); what each file came to is o's (failed, already applied, its
// errors: a file that failed in the first is tried again in the second),
// and a file read again in both is counted once.
func (r *IngestReport) Merge(o *IngestReport) {
	r.Files = max(r.Files, o.Files)
	r.Applied += o.Applied
	r.Backfilled = max(r.Backfilled, o.Backfilled)
	r.Reread += o.Reread
	r.Skipped, r.Failed, r.Errors = o.Skipped, o.Failed, o.Errors
	r.Bytes += o.Bytes
	r.Lines += o.Lines
	r.Accepted += o.Accepted
	r.Folded += o.Folded
	r.Dups += o.Dups
	r.Seconds += o.Seconds
	for k, v := range o.Rejected {
		if r.Rejected == nil {
			r.Rejected = map[string]int64{}
		}
		r.Rejected[k] += v
	}
	for k, v := range o.Skips {
		if r.Skips == nil {
			r.Skips = map[string]int64{}
		}
		r.Skips[k] += v
	}
}
