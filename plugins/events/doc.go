// Package events reads Segment S3 files: gzipped (or plain) newline-delimited
// JSON, one Segment message per line, into a build.Batch of counts per event
// name and UTC hour.
//
// Parse is a build.ParseFunc. It streams: a file of any size is read with a
// bounded buffer, and a line longer than MaxLineBytes is skipped without
// being held in memory. A bad line is counted under one of the Reject*
// reasons and never stops the file; only a file that cannot be read to its
// end (a corrupt or truncated gzip stream, a read error) fails, so that the
// caller applies nothing of it.
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
// Field names are matched as encoding/json matches them (exact first, then
// case-insensitively), so a decoder built on encoding/json agrees with
// Parse; a name or time field whose value is not a string counts as missing.
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
package events
