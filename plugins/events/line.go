package events

import (
	"bytes"
	"encoding/json"
	"time"
	"unicode/utf8"
)

// Event is one accepted line: its rollup name and time, plus the fields
// that later measures read.
type Event struct {
	Name        string          // the rollup's event name: "Order Completed", "Viewed Pricing Page"
	Time        time.Time       // the event time, in UTC
	Type        string          // the Segment call: track, page, screen, identify, group, alias
	MessageID   string          // Segment's messageId, "" when missing
	UserID      string          // "" when missing
	AnonymousID string          // "" when missing
	Properties  json.RawMessage // the raw "properties" value, nil when missing or null
}

// ParseLine reads one line (without its newline) into an Event. When the
// line is rejected, reason is one of the Reject* constants and the Event is
// empty; when it is accepted, reason is "" and the Event has a name and a
// time. A blank line is rejected as RejectBadJSON: Parse skips blank lines
// before calling here.
func ParseLine(line []byte) (Event, string) {
	var c checker
	name, t, _, reason := c.check(line)
	if reason != "" {
		return Event{}, reason
	}
	m := &c.msg
	ev := Event{
		Name:        string(name),
		Time:        t,
		Type:        string(m.text(fType, &c.tmp)),
		MessageID:   string(m.text(fMessageID, &c.tmp)),
		UserID:      string(m.text(fUserID, &c.tmp)),
		AnonymousID: string(m.text(fAnonymousID, &c.tmp)),
	}
	if p := m.raw[fProperties]; p.ok() && string(line[p.lo:p.hi]) != "null" {
		ev.Properties = bytes.Clone(line[p.lo:p.hi])
	}
	return ev, ""
}

// checker applies the reject rules to lines, reusing its buffers.
type checker struct {
	msg  message
	name []byte // the event name being built
	tmp  []byte // a decoded field
}

// check scans line and applies the reject rules in their documented order.
// The name is valid until the next call; from says which field gave the
// time.
func (c *checker) check(line []byte) (name []byte, t time.Time, from field, reason string) {
	if len(line) > MaxLineBytes {
		return nil, t, fNone, RejectTooLarge
	}
	switch c.msg.scan(line) {
	case 0:
	case errDeep:
		return nil, t, fNone, RejectTooDeep
	default:
		// The scan stops at the first fault; a deeper or non-UTF-8 line
		// is counted as such even when the fault comes before.
		switch {
		case tooDeep(line, MaxDepth):
			reason = RejectTooDeep
		case !utf8.Valid(line):
			reason = RejectInvalidUTF8
		default:
			reason = RejectBadJSON
		}
		return nil, t, fNone, reason
	}
	if name, reason = c.eventName(); reason != "" {
		return nil, t, fNone, reason
	}
	if !goodName(name) {
		return nil, t, fNone, RejectBadName
	}
	for _, f := range [...]field{fTimestamp, fOriginalTimestamp, fReceivedAt} {
		if s := c.msg.text(f, &c.tmp); s != nil {
			if t, ok := parseTime(s); ok {
				return name, t, f, ""
			}
		}
	}
	return nil, time.Time{}, fNone, RejectNoTime
}

// eventName maps a Segment call to the name the rollup counts it under.
func (c *checker) eventName() ([]byte, string) {
	m := &c.msg
	c.name = c.name[:0]
	named := func(prefix string, name []byte, suffix, unnamed string) []byte {
		if blank(name) {
			c.name = append(c.name, unnamed...)
		} else {
			c.name = append(append(append(c.name, prefix...), name...), suffix...)
		}
		return c.name
	}
	switch string(m.text(fType, &c.tmp)) {
	case "track":
		ev := m.text(fEvent, &c.name)
		if blank(ev) {
			return nil, RejectNoName
		}
		return ev, ""
	case "page":
		return named("Viewed ", m.text(fName, &c.tmp), " Page", "Loaded a Page"), ""
	case "screen":
		return named("Viewed ", m.text(fName, &c.tmp), " Screen", "Loaded a Screen"), ""
	case "identify":
		return named("", nil, "", "Identify"), ""
	case "group":
		return named("", nil, "", "Group"), ""
	case "alias":
		return named("", nil, "", "Alias"), ""
	}
	return nil, RejectUnknownType
}

func blank(s []byte) bool { return len(bytes.TrimSpace(s)) == 0 }

// goodName keeps names that every store can key and every page can show:
// at most MaxNameBytes, and no control characters (a NUL would end a
// bbolt series key; a newline would break a CSV row or a log line).
func goodName(name []byte) bool {
	if len(name) > MaxNameBytes {
		return false
	}
	for i := 0; i < len(name); {
		if c := name[i]; c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRune(name[i:])
		if control(r) {
			return false
		}
		i += n
	}
	return true
}

// control reports the runes a name or group value may not hold.
func control(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029
}
