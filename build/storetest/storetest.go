// Package storetest is a conformance suite for build.Store. Every rollup
// backend runs it from its own tests:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) build.Store {
//			st, err := boltstore.OpenFile(filepath.Join(t.TempDir(), "rollup.db"), boltstore.Options{})
//			if err != nil {
//				t.Fatal(err)
//			}
//			return st
//		})
//	}
//
// The suite asserts exact values: exactly-once apply per (file, rollup),
// backfills, all-or-nothing batches, zeros for empty buckets, day, week and
// month buckets cut in a site's timezone across daylight-saving changes,
// sums, unique counts, breakdowns with top N and folded groups (ranked over
// more groups than they show, ties by value, filters of one group), dedupe of
// repeated message IDs, ingestion health, event listings with their
// property paths, queries of rollups never declared, the cap on event
// names that build.Ingest holds over the store's own names, and rollup
// patterns (event "*", build.AnyEvent) kept for every event name. Every measure
// type registered in the test binary (build.Measures) runs through its own
// files and queries, with expectations its type computes in memory.
//
// What the suite asks of a store beyond the build.Store documentation:
//   - a cell whose group value holds \x1f or NUL (a store could not tell
//     the parts of its key apart) fails the Apply, and nothing of it is
//     applied;
//   - under dedupe, an ID repeated within one file is always a duplicate,
//     and a backfill takes out the same messages the base counts did;
//   - Query's error for an undeclared rollup names the rollup's ID;
//   - a store that implements build.MultiApplier applies a slice whole.
//
// The tests of rollups beyond the base are skipped for a store that is not
// a build.Declarer, and those of the ingestion record for one that is not
// a build.HealthReader: such a store does not claim them.
//
// Memory (NewMemory) is a complete store kept in memory that passes the
// suite; other packages' tests use it as their store.
//
// Unique counts need a sketch: the store's test imports
// the HyperLogLog plugin (plugins/hll) for its side effect. Sums use fractions that
// binary and decimal floating point both hold exactly. Percentiles need
// plugins/quantile, imported the same way; without it the suite checks
// the core's measures alone.
//
// An oracle test ingests generated events through the core's fold
// (build.Ingest with a decoder of its own) and checks every bucket and
// total of count, sum, unique, avg and the percentiles, with and without
// a breakdown and under dedupe, against a recomputation from the raw
// events (see testOracle for the tolerances).
package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // the suite's zones, whatever the machine has installed

	"github.com/dashsmith/dashsmith/build"
)

// Run runs every conformance test as a subtest. open must return a new,
// empty store each time it is called; Run closes it when the subtest ends
// and expects Close to succeed.
func Run(t *testing.T, open func(t *testing.T) build.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st build.Store)
	}{
		{"ApplyOnce", testApplyOnce},
		{"EmptyBatch", testEmptyBatch},
		{"AllOrNothing", testAllOrNothing},
		{"ConcurrentApply", testConcurrentApply},
		{"ManyBatches", testManyBatches},
		{"BigCounts", testBigCounts},
		{"QueryZeros", testQueryZeros},
		{"QueryHourly", testQueryHourly},
		{"QueryDayBuckets", testQueryDayBuckets},
		{"QueryWeekMonth", testQueryWeekMonth},
		{"QueryHalfHourZone", testQueryHalfHourZone},
		{"QueryBefore1970", testQueryBefore1970},
		{"UnknownEvent", testUnknownEvent},
		{"UnknownMeasure", testUnknownMeasure},
		{"Events", testEvents},
		{"OddNames", testOddNames},
		{"Sum", testSum},
		{"Unique", testUnique},
		{"Breakdown", testBreakdown},
		{"BreakdownRanking", testBreakdownRanking},
		{"Cardinality", testCardinality},
		{"CardinalityDedupe", testCardinalityDedupe},
		{"CardinalityDupes", testCardinalityDupes},
		{"CardinalityOrder", testCardinalityOrder},
		{"DayCardinality", testDayCardinality},
		{"BackfillOnce", testBackfillOnce},
		{"ApplyAllAtomic", testApplyAllAtomic},
		{"Dedupe", testDedupe},
		{"DedupeBackfill", testDedupeBackfill},
		{"DedupeLate", testDedupeLate},
		{"Health", testHealth},
		{"HourCounts", testHourCounts},
		{"Props", testProps},
		{"UndeclaredRollup", testUndeclaredRollup},
		{"Drop", testDrop},
		{"EventNames", testEventNames},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t, open)
			tc.fn(t, st)
		})
	}
	t.Run("Measures", func(t *testing.T) { testMeasures(t, open) })
	t.Run("Oracle", func(t *testing.T) { testOracle(t, open) })
	t.Run("DayResolution", func(t *testing.T) { testDayResolution(t, open) })
	t.Run("Where", func(t *testing.T) { testWhere(t, open) })
	t.Run("Patterns", func(t *testing.T) { testPatterns(t, open) })
}

// at parses an RFC 3339 time; the suite's times are constants.
func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic("storetest: bad time in the suite: " + s)
	}
	return t
}

// hour is the UTC hour of an RFC 3339 time.
func hour(s string) build.Hour { return build.HourOf(at(s)) }

// count is one counter delta of a batch.
type count struct {
	event string
	hour  build.Hour
	n     int64
}

// newBatch builds a batch of counts with plausible stats.
func newBatch(id string, cs ...count) *build.Batch {
	b := build.NewBatch(id)
	for _, c := range cs {
		b.Counts[build.EventHour{Event: c.event, Hour: c.hour}] += c.n
		b.Stats.Accepted += c.n
		b.Stats.Lines += c.n
	}
	b.Stats.Bytes = 100 * b.Stats.Lines
	return b
}

// dense returns one count of n in every hour of [from, to).
func dense(event, from, to string, n int64) []count {
	var cs []count
	for h := hour(from); h < hour(to); h++ {
		cs = append(cs, count{event, h, n})
	}
	return cs
}

func apply(t *testing.T, st build.Store, b *build.Batch) {
	t.Helper()
	if err := st.Apply(context.Background(), b); err != nil {
		t.Fatalf("Apply(%q): %v", b.ID, err)
	}
}

// applied reports whether the base rollup has been applied from the file.
func applied(t *testing.T, st build.Store, id string) bool {
	t.Helper()
	return slices.Contains(appliedIDs(t, st, id), build.BaseRollup.ID())
}

// appliedIDs returns the rollup IDs applied from the file, sorted.
func appliedIDs(t *testing.T, st build.Store, id string) []string {
	t.Helper()
	done, err := st.Applied(context.Background(), id)
	if err != nil {
		t.Fatalf("Applied(%q): %v", id, err)
	}
	return slices.Sorted(slices.Values(done))
}

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("zone %s: %v", name, err)
	}
	return loc
}

// query runs a count query over [from, to) and returns its points.
func query(t *testing.T, st build.Store, event string, every build.Interval, from, to string, loc *time.Location) *build.Result {
	t.Helper()
	q := build.Query{Event: event, Measure: build.CountMeasure, Every: every, From: at(from), To: at(to), Loc: loc}
	r, err := st.Query(context.Background(), q)
	if err != nil {
		t.Fatalf("Query(%q, %s, %s..%s): %v", event, every, from, to, err)
	}
	if r == nil {
		t.Fatalf("Query(%q, %s, %s..%s): nil result and no error", event, every, from, to)
	}
	return r
}

// pt is an expected point: the bucket's start as RFC 3339, with its offset.
type pt struct {
	time  string
	value float64
}

// want checks a result point by point, and its total.
func want(t *testing.T, r *build.Result, wants ...pt) {
	t.Helper()
	got := make([]pt, len(r.Points))
	var total float64
	for i, p := range r.Points {
		got[i] = pt{p.Time.Format(time.RFC3339), p.Value}
		total += p.Value
	}
	if fmt.Sprint(got) != fmt.Sprint(wants) {
		t.Fatalf("query %q every %s:\n got %v\nwant %v", r.Query.Event, r.Query.Every, got, wants)
	}
	if r.Total != total {
		t.Fatalf("query %q: Total = %v, the points add up to %v", r.Query.Event, r.Total, total)
	}
}

// zeros is n zero points starting at from, one hour apart (UTC).
func zeros(from string, n int) []pt {
	out := make([]pt, n)
	for i := range out {
		out[i] = pt{at(from).Add(time.Duration(i) * time.Hour).UTC().Format(time.RFC3339), 0}
	}
	return out
}
