package events

// Reasons a line is rejected, as counted in build.FileStats.Rejected. The
// strings are stable: reports and dashboards show them.
const (
	RejectTooLarge    = "too large"      // longer than MaxLineBytes
	RejectTooDeep     = "too deep"       // nested deeper than MaxDepth
	RejectInvalidUTF8 = "invalid utf-8"  // JSON text must be UTF-8
	RejectBadJSON     = "bad json"       // not one JSON object
	RejectUnknownType = "unknown type"   // "type" missing or not a Segment call
	RejectNoName      = "no event name"  // a track call without "event"
	RejectBadName     = "bad event name" // longer than MaxNameBytes, or holds control characters
	RejectNoTime      = "no usable time" // no timestamp, originalTimestamp or receivedAt that parses
)

// Limits on one line.
const (
	MaxLineBytes = 512 << 10 // longer lines are rejected as RejectTooLarge
	MaxDepth     = 64        // deeper nesting is rejected as RejectTooDeep
	MaxNameBytes = 1024      // longer event names are rejected as RejectBadName
)

// Reasons lists every reject reason, in a stable order.
var Reasons = []string{
	RejectTooLarge, RejectTooDeep, RejectInvalidUTF8, RejectBadJSON,
	RejectUnknownType, RejectNoName, RejectBadName, RejectNoTime,
}
