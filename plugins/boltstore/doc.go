// Package boltstore is the embedded rollup store: one go.etcd.io/bbolt file,
// registered under the URL scheme "bolt" (bolt:.dashsmith/rollup.db).
//
// # Layout (schema version 3)
//
// Every cell key is <series>\x00<UTC hour, 8-byte big-endian int64>, where
// the series is the event name for the base counts and build.Rollup.Series
// for any other rollup. A key is read from its end (the last 9 bytes are the
// NUL and the hour), so base event names may hold NUL bytes of their own.
// One bucket per measure type, named for it, holding its aggregates as
// the type encodes them (build.MeasureType, Aggregate.MarshalBinary); a
// cell is read, merged and written back, and the bucket of a measure
// registered later is made when it first has cells:
//
//	count         base counts and count rollups with a breakdown: int64
//	sum           float64 sum (IEEE bits) then int64 n: 16 bytes
//	unique        the sketch's MarshalBinary bytes
//	<measure>     whatever that measure's aggregate encodes to
//	files         file ID -> JSON: rollup IDs applied from it, size, stats
//	rollups       declared rollup IDs -> empty
//	props         <event>\x00<path> -> empty, at most build.MaxProps per event
//	health        UTC day (2026-11-25) -> build.HealthDay JSON
//	dedupe        message ID (8 bytes) -> event hour (8 bytes), expiry hour (8 bytes)
//	dedupe_hours  <expiry hour, 8 bytes, sign bit flipped><message ID> -> empty
//	groups        <series prefix>\x00<hour> -> int64: breakdown groups with a cell in that hour
//	meta          "version" -> 3
//
// A file written by schema 1 (counts only) is refused with advice to
// rebuild it: the event files are the source of truth. A file of schema 2
// is read as it is, and upgraded when opened to write: its groups are
// counted from its cells.
//
// # Cardinality
//
// A breakdown keeps at most Batch.Cap() groups per rollup and hour, over
// all files, as build.PlanWrite decides: the store answers which groups
// an hour keeps (those with a cell there, and their number in "groups")
// and writes what the plan admits or folds into OtherGroup. Which groups
// an hour keeps depends on the order files are applied in; ingest applies
// them in the order of their keys. A rollup of UTC days (resolution: day)
// has its cells at each day's first hour, so its cap holds per day: it is
// stored and capped like an hourly rollup whose hours are days, under
// series of its own (build.Rollup.SeriesPrefix).
//
// # Apply
//
// ApplyAll (and Apply, a slice of one) is one bbolt write transaction. Per
// batch it reads the file's record and writes what build.PlanWrite returns
// for the rollups not yet recorded for that file, then records them; the
// deltas of all batches are combined in memory and each key is written
// once, in key order. A later batch of the transaction plans against what
// the earlier ones wrote. A failure rolls back every batch of the call.
//
// # Dedupe
//
// With a dedupe window, build.PlanWrite looks the first sighting of each
// message ID in a file up in "dedupe" (build.Decide); one seen within the
// window is a duplicate, and so is an ID repeated within one file: its
// adds are netted out of what the batch writes and counted in Stats.Dups.
// New IDs are stored with the hour they expire (build.DedupeExpiry), and
// an index entry in "dedupe_hours" by that hour, which each transaction
// prunes up to the clock. An expired ID is not found, pruned or not; a duplicate of it
// counts again. So a file uploaded again within the window of wall-clock
// time finds its IDs however old its events are.
// Cost: per message in the window two keys of 16 bytes plus bbolt
// overhead, about 100 bytes on disk; memory is only the transaction's pages
// and its own new IDs. A file's record keeps the IDs that were duplicates
// of other files, so that a backfill of a new rollup from that file takes
// out the same messages its base counts did, whatever has been pruned.
//
// # Locking
//
// A read-write open takes bbolt's exclusive file lock, so one dashsmith
// process writes at a time; a read-only open takes a shared lock, so
// several query-only processes may read at once (but not while one writes).
package boltstore
