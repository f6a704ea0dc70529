package events

import (
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// eventLine is the build.Line of one Decode: the line being read, scanned
// once, and buffers reused from line to line so that the common line
// allocates nothing.
type eventLine struct {
	checker
	ev   build.Event
	from field  // the field that gave the event time
	vals []span // the values of the paths of the last Lookup

	key, path, shape []byte // scratch
}

func newLine() *eventLine {
	l := &eventLine{path: make([]byte, 0, 256)}
	l.ev.Line = l
	return l
}

// read checks one non-blank line and hands it to s, as an event or a
// rejected line.
func (l *eventLine) read(line []byte, s build.Sink) {
	name, t, from, reason := l.check(line)
	if reason != "" {
		s.Reject(reason)
		return
	}
	l.ev.Name, l.ev.Time, l.from = name, t, from
	s.Event(&l.ev)
}

// ID returns the line's messageId, nil when it has none.
func (l *eventLine) ID(buf *[]byte) []byte { return l.msg.text(fMessageID, buf) }

// Received returns the line's receivedAt: the event time itself when that
// came from receivedAt (no lag then), else the receivedAt field when it
// is an RFC 3339 time.
func (l *eventLine) Received() (time.Time, bool, bool) {
	if l.from == fReceivedAt {
		return l.ev.Time, false, true
	}
	s := l.msg.text(fReceivedAt, &l.tmp)
	if s == nil {
		return time.Time{}, false, false
	}
	r, ok := parseTime(s)
	return r, ok, ok
}

// Lookup finds the values of the paths of p in the line: a plan of them,
// compiled on the first Lookup of the event, walks each root object once
// (see resolve).
func (l *eventLine) Lookup(p *build.Paths) {
	pl, _ := p.Compiled.(*plan)
	if pl == nil {
		pl = &plan{}
		for _, path := range p.List {
			pl.add(path)
		}
		p.Compiled = pl
	}
	l.resolve(pl)
}

// Value returns the kind and the text of the value of path i.
func (l *eventLine) Value(i int, buf *[]byte) (build.ValueKind, []byte) {
	s := l.vals[i]
	if !s.ok() {
		return build.NoValue, nil
	}
	v := l.msg.line[s.lo:s.hi]
	kind := kindOf(v)
	if kind == build.NullValue {
		return kind, nil
	}
	return kind, valueText(v, buf)
}
