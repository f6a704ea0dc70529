// Package events reads Segment S3 files: gzipped (or plain) newline-delimited
// JSON, one Segment message per line, into a build.Batch: counts per event
// name and UTC hour, and the cells of every other rollup the batch names.
//
// Parse is a build.ParseFunc; NewParser makes one with other Options. It
// streams: a file of any size is read with a bounded buffer, a line that
// fits the 256 KiB buffer is scanned in place, and a line longer than
// MaxLineBytes is skipped without being held in memory. A bad line is
// counted under one of the Reject* reasons and never stops the file; only
// a file that cannot be read to its end (a corrupt or truncated gzip
// stream, a read error) fails, so that the caller applies nothing of it.
//
// # Lines
//
// Each line is read by one pass of a hand-written scanner that validates
// the JSON as encoding/json does (and rejects what it would), records
// where the fields ingest reads lie, and allocates nothing. Values are
// decoded only when used, and property paths are looked up only for events
// a rollup counts.
//
// Event names follow Segment's conventions:
//
//	track                   its "event"
//	page                    "Viewed <name> Page", or "Loaded a Page" without a name
//	screen                  "Viewed <name> Screen", or "Loaded a Screen" without a name
//	identify, group, alias  "Identify", "Group", "Alias"
//
// Types are matched exactly (Segment writes them in lower case). Names are
// kept as sent; a name that is empty or only white space counts as missing.
// Field names are matched as encoding/json matches them into a struct
// (exact first, then up to case folding; the last of repeated keys
// counts), so a decoder built on encoding/json agrees with Parse; a name
// or time field whose value is not a string counts as missing.
//
// The event time is "timestamp", else "originalTimestamp", else "receivedAt":
// the first of them that is an RFC 3339 time (with or without fractional
// seconds, any offset). A field that is missing, not a string or not such a
// time falls through to the next. The hour bucket is that time floored to
// the UTC hour.
//
// A line is rejected, in this order of checks, when it is longer than
// MaxLineBytes, nests deeper than MaxDepth, is not valid UTF-8 (JSON text
// must be; a decoder would silently replace the bad bytes in event names),
// is not one JSON object, has no known type, is a track call without an
// event name, or has no usable time. Blank lines are skipped and not
// counted; a UTF-8 byte order mark at the start of the file and CRLF line
// ends are accepted.
//
// # Rollups
//
// With the base rollup in b.Rollups (or no rollups at all), every accepted
// event adds to b.Counts, and the dotted paths of the leaves of its
// "properties", "traits" and "context" objects (nested objects flattened
// to three levels below them; arrays and empty objects are leaves) go to
// b.Props, at most build.MaxProps per event and file. Properties paths are
// bare ("revenue", "dependency.name"), or start with "properties." when a
// bare name would address the message itself ("properties.type"); the
// others keep their root ("traits.email", "context.os.name"). Of repeated
// fields the last counts, as everywhere; keys that a path cannot name (with
// a dot, a quote, a parenthesis, a control character, or empty) are
// skipped, and so are paths longer than 200 bytes. Properties keep their
// share of the cap: traits and context paths stop at 150 paths of an
// event in the file, and within a line properties paths come first, then
// traits, then context. The scanner hashes the keys of the three objects
// as it reads them, so a line whose keys were seen before on its event
// costs one lookup. A batch without the base rollup (a backfill) gets no
// counts.
//
// Every other rollup of the event adds to a cell of its series in the
// event's hour. A path is read as the design says: a bare name means
// properties.<name>, except the message's own fields userId, anonymousId,
// messageId and type; context.*, traits.* and properties.* address the
// message from the top; a path through anything but an object finds
// nothing. The group is "" without a breakdown, else the value at By as
// text (strings as they are, numbers as written, true and false, objects
// and arrays as compact JSON; build.NoneGroup when missing or null), with
// control characters replaced by U+FFFD and cut to MaxGroupBytes.
//
// A rollup keeps at most Options.Cardinality groups per hour (the cap).
// A file keeps the first spare × cap values of an hour exactly, and at
// most fullHours × spare × cap over all its hours, and folds later ones
// into build.OtherGroup; at its end it keeps the heaviest cap
// values of each hour (most events; for a unique, the largest estimate;
// ties by value) and folds the rest. The batch carries the cap
// (Batch.Cardinality) so that the store holds it over all files.
// Stats.Folded counts the events whose value folded, once per event and
// breakdown property however many of its rollups (one per measure) folded
// it.
//
// A file's working set is bounded whatever its names and times. An event
// name new to the file is kept when the batch's build.Names knows it (the
// store holds it, or a rollup asks for it) or while the file has brought
// fewer new names than the cap had room for (Options.MaxEventNames without
// a build.Names); its lines are otherwise rejected as RejectTooManyNames.
// An event in an hour costs one counter, and one more per rollup of the
// event; a line whose event is new in its hour once the file holds
// MaxCounters is rejected as RejectTooManyHours.
//
// Each rollup's cell is fed through its measure type (build.MeasureType),
// by what the type reads: nothing (count adds 1); a number (sum(p)): a
// JSON number, or a string that strconv reads as a finite decimal number
// ("19.99"), of magnitude at most MaxSumValue; or the value's text
// (unique(p) inserts it in the cell's sketch). A value a measure cannot
// use is skipped and counted in Stats.Skipped:
// "sum(revenue): missing" (missing or null), "sum(revenue): not a number"
// or "sum(revenue): out of range" (above MaxSumValue, 1e999 included). A
// skip counts once per event and key, though the measure's rollups without
// and with a breakdown all skip the value.
//
// With b.Dedupe set, every accepted event with a messageId adds a
// build.Msg: the FNV-1a hash of the messageId, the hour, and its share of
// the base count and of each cell whose measure is not idempotent
// (sketches need none). A rollup whose measure dedupe cannot net (neither
// subtracting nor idempotent, see build.Measure.CheckDedupe) is refused
// under dedupe. Stats.Day is the UTC day of the
// latest receivedAt; Stats.Lag* the delay from the event time (when it is
// timestamp or originalTimestamp) to receivedAt, when not negative.
package events
