package build

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// A Decoder reads the raw files of one event format (Segment's S3 files
// are the first) into events, which the core folds into a Batch (see
// NewParser). What a format's fields mean — how an event is named, which
// time counts, what a bare property path addresses — is the decoder's.
//
// A decoder registers under a format name (RegisterDecoder); "segment" is
// the default (DefaultFormat).
type Decoder interface {
	// Decode reads one file to its end, gzipped or plain (gzip is told by
	// its magic bytes, never by name). It hands every non-blank line to s:
	// s.Event for an event it accepts, s.Reject with the reason for one it
	// does not; a bad line never stops the file. It returns the bytes of
	// text it read (after gzip), and an error only when the file cannot be
	// read to its end, in which case what s received must not be applied.
	Decode(r io.Reader, s Sink) (int64, error)
	// TopLevel reports whether the property path addresses the event
	// itself rather than its own properties ("userId" and
	// "context.os.name" for Segment, "revenue" not).
	TopLevel(path string) bool
}

// Sink receives the events of one file from a decoder; the core's fold is
// the sink of an ingest.
type Sink interface {
	// Event takes one accepted line. e and what it points to are valid
	// only during the call.
	Event(e *Event)
	// Reject counts one line the decoder rejected, under reason.
	Reject(reason string)
}

// Event is one accepted line of a file: its event name and time, and the
// rest of the line, read on demand through Line.
type Event struct {
	Name []byte    // the name the rollup counts it under
	Time time.Time // the event time, in UTC; its UTC hour is its bucket
	Line Line
}

// Line reads the parts of an accepted line that the fold asks for, in the
// decoder's one pass over it. Byte slices it returns are valid until the
// next call, or point into *buf.
type Line interface {
	// ID returns the message ID, nil when the line has none.
	ID(buf *[]byte) []byte
	// Received returns when the event arrived; ok is false when the line
	// does not say. lag is true when Event.Time is another time than
	// that, so that the delay from one to the other means something.
	Received() (at time.Time, lag, ok bool)
	// Lookup finds the values of the paths of p in the line, for Value.
	Lookup(p *Paths)
	// Value returns the value of the path of index i of the last Lookup:
	// its kind and its text (a string's text, a number as written, true
	// or false, a compound value as compact text). A missing or null
	// value has no text.
	Value(i int, buf *[]byte) (ValueKind, []byte)
	// Props adds the property paths the line holds to p (see Props).
	Props(p *Props)
}

// ValueKind is what a property path finds in a line.
type ValueKind uint8

// The kinds of values.
const (
	NoValue     ValueKind = iota // nothing at the path
	NullValue                    // an explicit null
	StringValue                  // a string
	NumberValue                  // a number
	OtherValue                   // true, false, an object or an array
)

// Paths are the property paths the rollups of one event read, by index,
// as the fold gives them to Line.Lookup.
type Paths struct {
	List []string
	// Compiled is the decoder's own form of List, made on its first
	// Lookup and kept with the event for the rest of the file.
	Compiled any
}

// Props are the property paths seen on one event in one file: at most
// MaxProps, each once. A decoder adds a line's paths with Add; Memo lets
// it remember, per event and file, what it has listed already (say, the
// shapes of objects it walked) so that a line like an earlier one costs
// no walk.
type Props struct {
	seen  map[string]struct{}
	event string
	out   map[EventProp]bool
	Memo  map[string]struct{}
}

// NewProps returns the property paths of event, each recorded in out as
// it is added.
func NewProps(event string, out map[EventProp]bool) *Props {
	return &Props{seen: map[string]struct{}{}, event: event, out: out, Memo: map[string]struct{}{}}
}

// Len is how many paths the event has so far.
func (p *Props) Len() int { return len(p.seen) }

// Add records the path, unless the event has it or has MaxProps paths.
func (p *Props) Add(path []byte) {
	if _, ok := p.seen[string(path)]; ok || len(p.seen) >= MaxProps {
		return
	}
	s := string(path)
	p.seen[s] = struct{}{}
	p.out[EventProp{Event: p.event, Path: s}] = true
}

// DefaultFormat is the event format of an ingest that names none.
const DefaultFormat = "segment"

var decoders = map[string]Decoder{}

// RegisterDecoder makes a decoder available under a format name. It is
// meant to be called from a plugin's init and panics on a duplicate.
func RegisterDecoder(format string, d Decoder) {
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := decoders[format]; dup {
		panic("build: RegisterDecoder called twice for format " + format)
	}
	decoders[format] = d
}

// LookupDecoder returns the decoder of the format ("" is DefaultFormat).
func LookupDecoder(format string) (Decoder, error) {
	if format == "" {
		format = DefaultFormat
	}
	regMu.RLock()
	d, ok := decoders[format]
	regMu.RUnlock()
	if !ok {
		names := make([]string, 0, len(decoders))
		for k := range decoders {
			names = append(names, k)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("event format %q: not one this binary reads: use one of %s", format, strings.Join(names, ", "))
	}
	return d, nil
}
