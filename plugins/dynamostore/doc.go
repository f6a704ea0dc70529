// Package dynamostore is the rollup store for AWS: one DynamoDB table,
// registered under the URL scheme "dynamodb"
// (dynamodb://TABLE?region=us-east-1&endpoint=http://127.0.0.1:8000&create=1).
// Credentials, region and endpoint come from the SDK's standard chain
// (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_DYNAMODB, roles); region= and
// endpoint= in the URL override them. create=1 (or CreateTable) creates a
// missing table on demand (PAY_PER_REQUEST) with time to live on "ttl".
//
// # Layout
//
// One table, keys pk (string) and sk (number). Names in keys are written
// as they are, except that '%', NUL and bytes of invalid UTF-8 become %XX.
//
//	pk                      sk             attributes
//	s#<series>              hour           n (N), sum (N), hll (B), v (N)
//	e                       hash(event)    name, total (N), props (SS)
//	g#<rollup prefix>       hash(group)    name
//	k#<rollup prefix>       hour           keep (NS): hash(group) of the groups kept, v (N)
//	k#<rollup prefix>       day's hour     kn (N): groups the UTC day keeps, v (N) (a rollup of days)
//	t#<rollup prefix>#<day> hash(group)    name, n (N), sum (N): the group's total that UTC day
//	f#<file>                0              done (SS), parts (SS), dd (N)
//	f#<file>                1, 2, ...      ids (B): dedupe's duplicates
//	m#<message ID, hex>     0              h (N), f (S), ttl (N)
//	h                       20261125       files, bytes, events, lag_sum, lag_max, lag_n, rej:<reason>
//	r                       0              rollups (SS): the declared rollup IDs; tot (SS): those with complete totals
//
// A series is what build.Rollup.Series names: the event for the base
// counts, event\x1fmeasure\x1fby\x1fgroup otherwise (measure@day for a
// rollup of UTC days, whose cells are at each day's first hour); the hour
// is Unix hours (negative before 1970); a day is Unix days. So a chart is
// one paginated Query (pk = series, sk BETWEEN from AND to-1), and so is
// a breakdown's filter. A breakdown of a count or a sum over whole UTC
// days ranks its groups from their totals (t#, kept at ingest; see
// totals.go): one paginated Query per day in range, one of the series of
// all groups (group NUL, which no group value can be) and one read of
// OtherGroup; the groups shown are filled from their day totals when the
// buckets are whole UTC days, else with one Query of each one's series. Any other breakdown is one Query per
// page of its group entries (g#) and one per group ever kept, twice for a
// unique count, holding 64 groups' cells at a time (see Query); Events is one Query of the event entries (e) and two
// one-item Queries per event for its first and last hours; HourCounts is
// one Query of the event entries and one per event; Health is one Query
// (h). Hashes are FNV-1a, 64 bits.
//
// A cell's attributes come from its measure type. A type whose aggregate
// is numbers that add (build.Vector: count's n, sum's n and sum) is added
// to in place with ADD, each number under the name the type gives it, to
// 12 decimal places, so that DynamoDB's 38 digits hold any sum to 1e24.
// Any other aggregate (unique's sketch, or a measure registered later) is
// the binary attribute hll, read, merged and written back on the condition
// that its version v is still the one read.
// A rollup prefix is a breakdown's series less its group
// (event\x1fmeasure\x1fby\x1f).
//
// # Drop
//
// Drop (dashsmith rollups --drop) takes the rollups out of the r item,
// then reads the whole table with one consistent Scan for their s#, g#,
// k# and t# items, deleted 25 a BatchWriteItem, and for the file markers
// that list them, which lose their IDs (done) and part tokens (parts).
// It costs a read of every item; it is idempotent, so a run again deletes
// what a Lambda wrote behind the Scan.
//
// # Exactly once
//
// ApplyAll combines each file's deltas in memory and splits them into
// units: one per (file, rollup), or, when a rollup of a file writes more
// items than a transaction holds (100), parts of at most 96 items cut by
// which cells the file has, never by their values, so that every try cuts
// a file the same way. Units go into TransactWriteItems with their file's
// marker (f#<file>, sk 0), whose update adds the unit's token (the rollup
// ID to done, or "k/P ID" to parts) on the condition that neither is there
// yet. Small files share transactions, each file with its own marker and
// condition; units that touch the same items are combined into one write.
// A retried or concurrent delivery fails the condition, and the call plans
// again from fresh reads, leaving out what is now applied; so does a
// transaction whose sketch version, kept groups (see Cardinality),
// property count or lag maximum moved under it. A rollup counts as
// applied (Applied) when it is in done or all of its parts are. A marker
// holds a token per part, within DynamoDB's 400 KB an item: a file whose
// tokens would pass that is refused before anything of it is written
// (checkMarker): about 8,000 parts when rollup IDs are 40 bytes long. Counts
// and sums are ADD updates; a sketch (unique) is read, merged and written
// back with its version + 1 on the condition that the version is still
// the one read.
//
// # Cardinality
//
// A breakdown keeps at most Batch.Cap() groups per rollup and hour, over
// all files; OtherGroup does not count. The k# item of a rollup and hour
// holds the hashes of the groups it keeps. Each transaction decides when
// it commits, from the round's reads, which every commit brings up to
// date, so that the transactions of one round never conflict over an
// hour; within a transaction, unit after unit (as the embedded store
// decides batch after batch), by build.CapHour: a group the hour keeps
// adds to its cell; the unit's new groups are kept while the hour has
// room, the heaviest first, and the others add to the hour's OtherGroup
// cell and, once per event, property, hour and group (build.Folds), to
// their batch's Stats.Folded, once their transaction commits.
// A new group whose cell nets to nothing (dedupe took it back out) takes
// no place. The transaction adds the groups it admits to the k# item on
// the condition that its version is still the one read; one that admits
// none writes nothing there, since the set only grows: a full hour stays
// full and a kept group stays kept. The cap of an hour is the smallest Cap
// of the batches with cells in it in the transaction. A breakdown's cells
// are cut into parts hour by hour, and each part keeps room for what the
// cap may add (its hours' k# items and OtherGroup's entry; an OtherGroup
// cell replaces a folded cell), so that transactions stay within 100
// items however the cap decides. Which groups an hour keeps depends on the
// order files are applied in, and when one file brings an hour more
// groups than a part holds (about 47), on the order of its parts, which
// are cut by group value. A missing k# item is an empty set: groups
// stored before k# items existed are not counted. A rollup of UTC days
// keeps up to the cap's groups a day, too many hashes to write back with
// every file: its k# item counts them (kn), and a group is kept when its
// cell of the day exists (read with the round; a commit notes the cells
// it makes for the round's later transactions).
//
// # Dedupe
//
// Under a dedupe window, each message ID a file holds is kept as an item
// (m#<id>) with its hour, its file and a time to live of the window plus
// an hour past the later of its hour and now. A file's first sightings are
// stored by one conditional PutItem each, which fails when another file
// holds the ID within the window: that message is a duplicate. The file's
// decision (dd, and the duplicate IDs in its f#<file> items 1, 2, ...) is
// recorded once, conditionally, before any of its units; every try, every
// part and every later backfill of the file reads it back, so all take out
// the same messages (build.Duplicates, netted by build.NetCounts and
// build.NetCells). Cost: one write per message.
//
// # Cost
//
// A write request is an item written; DynamoDB bills an item of a
// transaction as two write units per KB. A file costs one write per
// (series, hour) it touches, plus one per event, one marker, one health
// day, one per new breakdown group, and one per (breakdown rollup, hour)
// where it admits new groups (its k# item): about 0.7 writes per 1,000
// events for a file of 100,000 on-time events
// (BenchmarkWritesPer1000Events). Events that arrive late, spread over
// many hours, cost a write per hour they touch. Store.Writes counts them.
// A k# item grows with its groups (about 20 bytes each: 20 KB at the
// default cap of 1,000), and DynamoDB bills an update by the item's size;
// an hour's k# item is written only while the hour admits new groups.
// Applying reads it too, with the hour's OtherGroup sketches. A breakdown
// of a count or a sum adds a write per (file, group, UTC day), its group
// total, and one per (transaction, hour), the cell of all groups: close
// to twice the breakdown's cell writes (BenchmarkPods).
//
// # Retries
//
// The SDK's standard retryer, with MaxAttempts tries, backoff up to
// MaxBackoff and no client-side retry quota, retries throttling and
// transient errors; batch reads ask for unprocessed keys again; a
// transaction cancelled by a condition or a conflict is planned again,
// up to 30 times. Every error that remains is returned; nothing is dropped.
package dynamostore
