package events

import "github.com/dashsmith/dashsmith/build"

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
	// RejectTooManyNames: the line's event name is new and the store
	// holds as many names as the cap allows (build.Names).
	RejectTooManyNames = build.RejectTooManyNames
	// RejectTooManyHours: the line's event is new in its hour, and its
	// counters (see MaxCounters) would take the file past MaxCounters.
	RejectTooManyHours = build.RejectTooManyHours
)

// Limits on one line.
const (
	MaxLineBytes = 512 << 10 // longer lines are rejected as RejectTooLarge
	MaxDepth     = 64        // deeper nesting is rejected as RejectTooDeep
	MaxNameBytes = 1024      // longer event names are rejected as RejectBadName
)

// MaxTextBytes bounds the text of one file, after gzip: 4 GiB, sixteen
// times what the Lambda's 256 MiB object limit holds at Segment's usual
// ten to one, so that a gzip bomb (a thousand to one) is stopped in seconds
// rather than read for hours. A file past it is not applied (a *ReadError
// with TooLarge; the Lambda records it as poison).
const MaxTextBytes = 4 << 30

// MaxCounters bounds the counters one file adds to (build.MaxCounters).
const MaxCounters = build.MaxCounters

// Reasons lists every reject reason, in a stable order.
var Reasons = []string{
	RejectTooLarge, RejectTooDeep, RejectInvalidUTF8, RejectBadJSON,
	RejectUnknownType, RejectNoName, RejectBadName, RejectNoTime,
	RejectTooManyNames, RejectTooManyHours,
}
