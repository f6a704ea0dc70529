// Package events is the decoder of Segment S3 files (the "segment" event
// format, registered with build.RegisterDecoder): gzipped (or plain)
// newline-delimited JSON, one Segment message per line. It names each
// event, picks its time, and reads the message ID, the arrival, property
// paths and their values for build.Fold, which folds the events into a
// build.Batch.
//
// Decoder is the build.Decoder; Parse and NewParser are build.ParseFuncs
// that fold what it reads (build.Decode). It streams: a file of any size is read with a bounded buffer, a line that
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
// # Paths and values
//
// The fold asks for the property paths of an event (build.Props), and for
// the values of the paths its rollups read (build.Line).
//
// The paths recorded are the dotted paths of the leaves of the message's
// "properties", "traits" and "context" objects (nested objects flattened
// to three levels below them; arrays and empty objects are leaves), at
// most build.MaxProps per event and file. Properties paths are bare
// ("revenue", "dependency.name"), or start with "properties." when a bare
// name would address the message itself ("properties.type"); the others
// keep their root ("traits.email", "context.os.name"). Of repeated fields
// the last counts, as everywhere; keys that a path cannot name (with a
// dot, a quote, a parenthesis, a control character, or empty) are
// skipped, and so are paths longer than 200 bytes. Properties keep their
// share of the cap: traits and context paths stop at 150 paths of an
// event in the file, and within a line properties paths come first, then
// traits, then context. The scanner hashes the keys of the three objects
// as it reads them, so a line whose keys were seen before on its event
// costs one lookup.
//
// A path is read as the design says: a bare name means
// properties.<name>, except the message's own fields userId, anonymousId,
// messageId and type (Decoder.TopLevel); context.*, traits.* and
// properties.* address the message from the top; a path through anything
// but an object finds nothing. A value's text is a string's text, a
// number as written, true and false, an object or an array as compact
// JSON; null is build.NullValue.
//
// The message ID is "messageId"; the arrival is "receivedAt", and the lag
// is counted only when the event time came from timestamp or
// originalTimestamp.
package events
