package events

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
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

// message holds the few fields of a Segment message that ingest reads.
// Everything else in the line is skipped by the decoder.
type message struct {
	Type              string          `json:"type"`
	Event             string          `json:"event"`
	Name              string          `json:"name"`
	Timestamp         string          `json:"timestamp"`
	OriginalTimestamp string          `json:"originalTimestamp"`
	ReceivedAt        string          `json:"receivedAt"`
	MessageID         string          `json:"messageId"`
	UserID            string          `json:"userId"`
	AnonymousID       string          `json:"anonymousId"`
	Properties        json.RawMessage `json:"properties"`
}

// ParseLine reads one line (without its newline) into an Event. When the
// line is rejected, reason is one of the Reject* constants and the Event is
// empty; when it is accepted, reason is "" and the Event has a name and a
// time. A blank line is rejected as RejectBadJSON: Parse skips blank lines
// before calling here.
func ParseLine(line []byte) (Event, string) {
	var m message // fresh, so m.Properties is not shared
	ev, reason := decodeLine(line, &m)
	if reason == "" && len(m.Properties) > 0 && string(m.Properties) != "null" {
		ev.Properties = m.Properties
	}
	return ev, reason
}

// decodeLine checks and decodes line into *m, which the caller may reuse
// from line to line. The returned Event's Properties is left nil.
func decodeLine(line []byte, m *message) (Event, string) {
	if len(line) > MaxLineBytes {
		return Event{}, RejectTooLarge
	}
	if tooDeep(line, MaxDepth) {
		return Event{}, RejectTooDeep
	}
	if !utf8.Valid(line) {
		return Event{}, RejectInvalidUTF8
	}
	if trimmed := bytes.TrimLeft(line, " \t\r\n"); len(trimmed) == 0 || trimmed[0] != '{' {
		return Event{}, RejectBadJSON
	}
	*m = message{Properties: m.Properties[:0]}
	if err := json.Unmarshal(line, m); err != nil {
		// A field of the wrong type ("event": 5) is left empty and the
		// rest decoded; the rules below then decide. Anything else is
		// not JSON.
		var typeErr *json.UnmarshalTypeError
		if !errors.As(err, &typeErr) {
			return Event{}, RejectBadJSON
		}
	}
	name, reason := eventName(m)
	if reason != "" {
		return Event{}, reason
	}
	if !goodName(name) {
		return Event{}, RejectBadName
	}
	t, ok := eventTime(m)
	if !ok {
		return Event{}, RejectNoTime
	}
	return Event{
		Name:        name,
		Time:        t,
		Type:        m.Type,
		MessageID:   m.MessageID,
		UserID:      m.UserID,
		AnonymousID: m.AnonymousID,
	}, ""
}

// eventName maps a Segment call to the name the rollup counts it under.
func eventName(m *message) (string, string) {
	switch m.Type {
	case "track":
		if blank(m.Event) {
			return "", RejectNoName
		}
		return m.Event, ""
	case "page":
		if blank(m.Name) {
			return "Loaded a Page", ""
		}
		return "Viewed " + m.Name + " Page", ""
	case "screen":
		if blank(m.Name) {
			return "Loaded a Screen", ""
		}
		return "Viewed " + m.Name + " Screen", ""
	case "identify":
		return "Identify", ""
	case "group":
		return "Group", ""
	case "alias":
		return "Alias", ""
	}
	return "", RejectUnknownType
}

// eventTime returns the first usable of timestamp, originalTimestamp and
// receivedAt, in UTC.
func eventTime(m *message) (time.Time, bool) {
	for _, s := range [...]string{m.Timestamp, m.OriginalTimestamp, m.ReceivedAt} {
		if t, ok := parseTime(s); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseTime reads an RFC 3339 time, with or without fractional seconds and
// with any offset. The zero time is not a usable time.
func parseTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.IsZero() {
		return time.Time{}, false
	}
	return t.UTC(), true
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// goodName keeps names that every store can key and every page can show:
// at most MaxNameBytes, and no control characters (a NUL would end a
// bbolt series key; a newline would break a CSV row or a log line).
func goodName(name string) bool {
	if len(name) > MaxNameBytes {
		return false
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 {
			return false
		}
	}
	return true
}
