package events

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dashsmith/dashsmith/build"
)

// refLine is the reference for ParseLine's rules, built on encoding/json
// the way the parser was before it had its own scanner: what it accepts,
// rejects and names, ParseLine must too.
func refLine(line []byte) (name string, t time.Time, reason string) {
	var m struct {
		Type, Event, Name, Timestamp, OriginalTimestamp, ReceivedAt string
	}
	switch {
	case len(line) > MaxLineBytes:
		return "", t, RejectTooLarge
	case tooDeep(line, MaxDepth):
		return "", t, RejectTooDeep
	case !utf8.Valid(line):
		return "", t, RejectInvalidUTF8
	case !bytes.HasPrefix(bytes.TrimLeft(line, " \t\r\n"), []byte("{")):
		return "", t, RejectBadJSON
	}
	var typeErr *json.UnmarshalTypeError
	if err := json.Unmarshal(line, &m); err != nil && !errors.As(err, &typeErr) {
		return "", t, RejectBadJSON
	}
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	named := map[string]string{"page": "Page", "screen": "Screen"}
	switch m.Type {
	case "track":
		if name = m.Event; blank(name) {
			return "", t, RejectNoName
		}
	case "page", "screen":
		if name = "Loaded a " + named[m.Type]; !blank(m.Name) {
			name = "Viewed " + m.Name + " " + named[m.Type]
		}
	case "identify", "group", "alias":
		name = strings.ToUpper(m.Type[:1]) + m.Type[1:]
	default:
		return "", t, RejectUnknownType
	}
	if len(name) > MaxNameBytes || strings.ContainsFunc(name, control) {
		return "", t, RejectBadName
	}
	for _, s := range []string{m.Timestamp, m.OriginalTimestamp, m.ReceivedAt} {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil && !t.IsZero() {
			return name, t, ""
		}
	}
	return "", t, RejectNoTime
}

// FuzzParseLine checks that no line panics ParseLine, that ParseLine
// accepts, rejects and names every line as refLine does, that the scanner
// agrees with json.Valid, and that Parse agrees with ParseLine on a
// one-line file.
func FuzzParseLine(f *testing.F) {
	sample, err := os.ReadFile(samplePath)
	if err != nil {
		f.Fatal(err)
	}
	for _, line := range bytes.Split(sample, []byte("\n")) {
		f.Add(line)
	}
	for _, s := range []string{
		``, ` `, `{}`, `null`, `[]`, `"x"`, `{"type":"track"}`,
		`{"type":"page","name":"","timestamp":"2026-11-25T14:00:00Z"}`,
		`{"type":"track","event":"\u0000","timestamp":"2026-11-25T14:00:00Z"}`,
		`{"type":"track","event":"x","timestamp":"0000-01-01T00:00:00Z"}`,
		`{"type":"track","event":"x","timestamp":"9999-12-31T23:59:59.999999999-23:59"}`,
		`{"type":"track","event":"x","timestamp":"2026-11-25T14:00:00+25:00"}`,
		`{"type":"track","event":"x","timestamp":"2026-02-30T14:00:00Z"}`,
		`{"type":"track","event":"x","timestamp":null,"receivedAt":"2026-11-25T14:00:00Z"}`,
		`{"type":"track","event":"x","properties":"[[[","timestamp":"2026-11-25T14:00:00Z"}`,
		`{"TYPE":"track","Event":"x","TimeStamp":"2026-11-25T14:00:00Z"}`,
		`{"type":"track","type":"alias","timestamp":"2026-11-25T14:00:00Z"}`,
		`{"type":"track","ev\u0065nt":"x","event":5,"tim\u0065stamp":"2026-11-25T14:00:00,5Z"}`,
		`{"ſtype":"track","TYPE":"page","nam\u212a":"\ud83d\ude00 \ud800","timestamp":"2026-11-25T14:00:00.1234567891Z"}`,
		`{"type":"screen","name":"a","name":null,"timestamp":"2026-11-25t14:00:00z","receivedAt":"2026-11-25T14:00:00-00:00"}`,
		`{"type":"alias","n":[1,-0,0.5e+3,1E-2,{"a":[true,false,null]}],"receivedAt":"2026-11-25T14:00:60Z"}`,
		"{\"type\":\"track\",\"event\":\"\xed\xa0\x80\",\"timestamp\":\"2026-11-25T14:00:00Z\"}",
		"\xef\xbb\xbf{\"type\":\"identify\",\"timestamp\":\"2026-11-25T14:00:00Z\"}",
		strings.Repeat("[", 10000),
		strings.Repeat(`{"a":`, 65) + "1" + strings.Repeat("}", 65),
		`{"type":"identify","timestamp":"2026-11-25T14:00:00Z","p":"\"[[[[\\"}`,
		`{"type":"identify","timestamp":"2026-11-25T14:00:00Z","traits":{"a":{"b":{"c":{"d":1}}},"a.b":1,"":{},"x":[{"y":1}]},"Traits":{"\u00e9\ud800":1}}`,
		`{"type":"track","event":"x","timestamp":"2026-11-25T14:00:00Z","context":{"os":{"name":"iOS"},"os":1},"properties":{"k":{},"type":1},"ContexT":{"page":{"url":"u"}}}`,
		`{"type":"track","event":"x","timestamp":"2026-11-25T14:00:00Z","context":{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa":{"b":null}},"context":null,"traits":[{"a":1}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if !tooDeep(line, MaxDepth) && utf8.Valid(line) && validJSON(line) != json.Valid(line) {
			t.Fatalf("validJSON = %v, json.Valid = %v for %q", validJSON(line), json.Valid(line), line)
		}
		ev, reason := ParseLine(line)
		refName, refTime, refReason := refLine(line)
		if reason != refReason || ev.Name != refName || !ev.Time.Equal(refTime) {
			t.Fatalf("ParseLine(%q) = %q %v %q, reference %q %v %q", line, ev.Name, ev.Time, reason, refName, refTime, refReason)
		}
		if reason != "" {
			if !slices.Contains(Reasons, reason) {
				t.Fatalf("unknown reason %q", reason)
			}
			return
		}
		if ev.Name == "" || ev.Time.IsZero() || ev.Time.Location() != time.UTC {
			t.Fatalf("accepted %q as %+v", line, ev)
		}
		if bytes.ContainsAny(line, "\r\n") {
			return // Parse would split it
		}
		b := build.NewBatch("fuzz")
		if err := Parse(bytes.NewReader(line), b); err != nil {
			if len(line) >= 2 && line[0] == 0x1f && line[1] == 0x8b {
				return // read as gzip
			}
			t.Fatalf("Parse: %v", err)
		}
		if b.Counts[build.EventHour{Event: ev.Name, Hour: build.HourOf(ev.Time)}] != 1 {
			t.Fatalf("Parse counted %v, ParseLine accepted %+v", b.Counts, ev)
		}
		checkProps(t, line, ev.Name, b)
		checkRollups(t, line, ev)
	})
}

// checkRollups parses an accepted line with rollups of its event and
// checks its breakdown by plan against refGroup, and that every sum is in
// range (so that it encodes as JSON).
func checkRollups(t *testing.T, line []byte, ev Event) {
	plans := build.Rollup{Event: ev.Name, Measure: build.CountMeasure, By: "plan"}
	b := build.NewBatch("fuzz", build.BaseRollup, plans,
		build.Rollup{Event: ev.Name, Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}, By: "context.os.name"},
		build.Rollup{Event: ev.Name, Measure: build.Measure{Kind: build.Unique, Prop: "userId"}})
	b.Dedupe = time.Hour
	if err := Parse(bytes.NewReader(line), b); err != nil {
		t.Fatalf("Parse: %v", err)
	}
	for k, c := range b.Cells {
		if !(math.Abs(c.Value()) <= MaxSumValue) {
			t.Fatalf("cell %v: value %v out of range", k, c.Value())
		}
	}
	want, ok := refGroup(line, "plan")
	if got := cellOf(b, plans, want, build.HourOf(ev.Time)); ok && got.N != 1 {
		t.Fatalf("by plan: cells %v, want group %q", b.Cells, want)
	}
}

// refGroup is the reference for a breakdown value of a scalar: the
// properties decoded by encoding/json, the value as text, cleaned.
func refGroup(line []byte, key string) (string, bool) {
	var m struct{ Properties json.RawMessage }
	var props map[string]any
	if json.Unmarshal(line, &m) != nil {
		return "", false
	}
	d := json.NewDecoder(bytes.NewReader(m.Properties))
	d.UseNumber()
	if d.Decode(&props) != nil {
		return build.NoneGroup, true // not an object: no plan
	}
	var s string
	switch v := props[key].(type) {
	case nil:
		return build.NoneGroup, true
	case string:
		s = v
	case json.Number:
		s = v.String()
	case bool:
		s = fmt.Sprint(v)
	default:
		return "", false // objects and arrays: encoding/json reorders them
	}
	s = strings.Map(func(r rune) rune {
		if control(r) {
			return utf8.RuneError
		}
		return r
	}, s)
	for len(s) > MaxGroupBytes || !utf8.ValidString(s) {
		s = s[:min(len(s)-1, MaxGroupBytes)]
	}
	return s, true
}

// checkProps checks the paths Parse recorded for a one-line file against
// refProps.
func checkProps(t *testing.T, line []byte, event string, b *build.Batch) {
	want, ok := refProps(line)
	if !ok || len(want) >= rootBudget {
		return
	}
	got := map[string]bool{}
	for p := range b.Props {
		if p.Event == event {
			got[p.Path] = true
		}
	}
	if !maps.Equal(got, want) {
		t.Fatalf("paths of %q:\n%v\nreference\n%v", line, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
}

// refProps is the reference for the paths of a line: the leaves of the
// objects properties (bare), traits and context (with their root), as
// encoding/json reads them, down to propDepth levels; arrays and empty
// objects are leaves. Repeated keys inside them all count. A properties
// path that a bare name cannot address starts with "properties.".
func refProps(line []byte) (map[string]bool, bool) {
	var m struct{ Properties, Traits, Context json.RawMessage }
	if json.Unmarshal(line, &m) != nil {
		return nil, false
	}
	out := map[string]bool{}
	for r, raw := range [nRoots]json.RawMessage{rootProperties: m.Properties, rootTraits: m.Traits, rootContext: m.Context} {
		if len(raw) == 0 {
			continue
		}
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if !refLeaves(d, rootPrefixes[r], nil, out) {
			return nil, false
		}
	}
	return out, true
}

// refLeaves reads one value from d, the value at keys, and adds the paths
// of its leaves to out.
func refLeaves(d *json.Decoder, prefix string, keys []string, out map[string]bool) bool {
	leaf := func() {
		if len(keys) == 0 {
			return // the root itself: not an object, or an empty one
		}
		for _, k := range keys {
			if !goodKey([]byte(k)) {
				return
			}
		}
		if prefix == "" && topLevel(keys[0]) {
			prefix = "properties."
		}
		if p := prefix + strings.Join(keys, "."); len(p) <= maxPathBytes {
			out[p] = true
		}
	}
	tok, err := d.Token()
	if err != nil {
		return false
	}
	delim, ok := tok.(json.Delim)
	if !ok {
		leaf()
		return true
	}
	if delim == '[' || !d.More() || len(keys) == propDepth {
		leaf()
		for depth := 1; depth > 0; { // the rest of the container
			tok, err := d.Token()
			if err != nil {
				return false
			}
			switch tok {
			case json.Delim('['), json.Delim('{'):
				depth++
			case json.Delim(']'), json.Delim('}'):
				depth--
			}
		}
		return true
	}
	for d.More() {
		k, err := d.Token()
		if err != nil || !refLeaves(d, prefix, append(keys[:len(keys):len(keys)], k.(string)), out) {
			return false
		}
	}
	_, err = d.Token() // '}'
	return err == nil
}
