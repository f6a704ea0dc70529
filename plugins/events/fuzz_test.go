package events

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// FuzzParseLine checks that no line panics ParseLine, that a rejected line
// has a known reason, and that an accepted line has a name and a time. It
// also checks that Parse agrees with ParseLine on a one-line file.
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
		"{\"type\":\"track\",\"event\":\"\xed\xa0\x80\",\"timestamp\":\"2026-11-25T14:00:00Z\"}",
		"\xef\xbb\xbf{\"type\":\"identify\",\"timestamp\":\"2026-11-25T14:00:00Z\"}",
		strings.Repeat("[", 10000),
		strings.Repeat(`{"a":`, 65) + "1" + strings.Repeat("}", 65),
		`{"type":"identify","timestamp":"2026-11-25T14:00:00Z","p":"\"[[[[\\"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		ev, reason := ParseLine(line)
		if reason != "" {
			if !slices.Contains(Reasons, reason) {
				t.Fatalf("unknown reason %q", reason)
			}
			return
		}
		if ev.Name == "" || ev.Time.IsZero() {
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
	})
}
