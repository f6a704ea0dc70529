package events

import (
	"strings"
	"testing"
	"time"
)

func TestParseLine(t *testing.T) {
	const ts = `"timestamp":"2026-11-25T14:03:11.555Z"`
	at := time.Date(2026, 11, 25, 14, 3, 11, 555e6, time.UTC)
	tests := []struct {
		name, line string
		want       string // event name; "" when rejected
		time       time.Time
		reason     string
	}{
		{"Track", `{"type":"track","event":"Signed Up",` + ts + `}`, "Signed Up", at, ""},
		{"TrackNoEvent", `{"type":"track",` + ts + `}`, "", at, RejectNoName},
		{"TrackEmptyEvent", `{"type":"track","event":"",` + ts + `}`, "", at, RejectNoName},
		{"TrackBlankEvent", `{"type":"track","event":"  ",` + ts + `}`, "", at, RejectNoName},
		{"TrackEventNotString", `{"type":"track","event":5,` + ts + `}`, "", at, RejectNoName},
		{"Page", `{"type":"page","name":"Pricing",` + ts + `}`, "Viewed Pricing Page", at, ""},
		{"PageNoName", `{"type":"page",` + ts + `}`, "Loaded a Page", at, ""},
		{"Screen", `{"type":"screen","name":"Cart",` + ts + `}`, "Viewed Cart Screen", at, ""},
		{"ScreenNoName", `{"type":"screen","name":"",` + ts + `}`, "Loaded a Screen", at, ""},
		{"Identify", `{"type":"identify",` + ts + `}`, "Identify", at, ""},
		{"Group", `{"type":"group",` + ts + `}`, "Group", at, ""},
		{"Alias", `{"type":"alias",` + ts + `}`, "Alias", at, ""},
		{"UnknownType", `{"type":"click","event":"x",` + ts + `}`, "", at, RejectUnknownType},
		{"TypeCaseMatters", `{"type":"Track","event":"x",` + ts + `}`, "", at, RejectUnknownType},
		{"MissingType", `{"event":"x",` + ts + `}`, "", at, RejectUnknownType},
		{"TimestampFirst", `{"type":"identify","receivedAt":"2026-11-25T16:00:00Z","originalTimestamp":"2026-11-25T15:00:00Z",` + ts + `}`, "Identify", at, ""},
		{"OriginalTimestamp", `{"type":"identify","receivedAt":"2026-11-25T16:00:00Z","originalTimestamp":"2026-11-25T14:03:11.555Z"}`, "Identify", at, ""},
		{"ReceivedAt", `{"type":"identify","receivedAt":"2026-11-25T14:03:11.555Z"}`, "Identify", at, ""},
		{"BadTimestampFallsThrough", `{"type":"identify","timestamp":"yesterday","originalTimestamp":5,"receivedAt":"2026-11-25T14:03:11.555Z"}`, "Identify", at, ""},
		{"NoSeconds Fraction", `{"type":"identify","timestamp":"2026-11-25T14:03:11Z"}`, "Identify", at.Truncate(time.Second), ""},
		{"Offset", `{"type":"identify","timestamp":"2026-11-25T09:03:11.555-05:00"}`, "Identify", at, ""},
		{"Nanoseconds", `{"type":"identify","timestamp":"2026-11-25T14:03:11.555000000+00:00"}`, "Identify", at, ""},
		{"ZeroTime", `{"type":"identify","timestamp":"0001-01-01T00:00:00Z"}`, "", at, RejectNoTime},
		{"NoTime", `{"type":"identify"}`, "", at, RejectNoTime},
		{"UnparsableTimes", `{"type":"identify","timestamp":"not a time","receivedAt":"2026-11-25 14:03:11"}`, "", at, RejectNoTime},
		{"Truncated", `{"type":"track","event":"Order Completed","properties":{"revenue":`, "", at, RejectBadJSON},
		{"NotAnObject", `["type","track"]`, "", at, RejectBadJSON},
		{"Null", `null`, "", at, RejectBadJSON},
		{"TrailingGarbage", `{"type":"identify",` + ts + `} x`, "", at, RejectBadJSON},
		{"TwoObjects", `{"type":"identify",` + ts + `}{}`, "", at, RejectBadJSON},
		{"InvalidUTF8", "{\"type\":\"track\",\"event\":\"a\xffb\"," + ts + "}", "", at, RejectInvalidUTF8},
		{"TooDeep", `{"type":"identify",` + ts + `,"properties":` + strings.Repeat("[", 64) + strings.Repeat("]", 64) + `}`, "", at, RejectTooDeep},
		{"DeepEnough", `{"type":"identify",` + ts + `,"properties":` + strings.Repeat("[", 63) + strings.Repeat("]", 63) + `}`, "Identify", at, ""},
		{"BracketsInStrings", `{"type":"track","event":"` + strings.Repeat("[{", 100) + `\"[",` + ts + `}`, strings.Repeat("[{", 100) + `"[`, at, ""},
		{"NameAtLimit", `{"type":"track","event":"` + strings.Repeat("n", MaxNameBytes) + `",` + ts + `}`, strings.Repeat("n", MaxNameBytes), at, ""},
		{"NameTooLong", `{"type":"track","event":"` + strings.Repeat("n", MaxNameBytes+1) + `",` + ts + `}`, "", at, RejectBadName},
		{"NameWithNUL", `{"type":"track","event":"a\u0000b",` + ts + `}`, "", at, RejectBadName},
		{"NameWithNewline", `{"type":"page","name":"a\nb",` + ts + `}`, "", at, RejectBadName},
		{"NameWithMarkup", `{"type":"track","event":"</script><script>alert(1)</script>",` + ts + `}`, "</script><script>alert(1)</script>", at, ""},
		{"TooLarge", `{"type":"identify",` + ts + `,"p":"` + strings.Repeat("x", MaxLineBytes) + `"}`, "", at, RejectTooLarge},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", ""), func(t *testing.T) {
			ev, reason := ParseLine([]byte(tt.line))
			if reason != tt.reason {
				t.Fatalf("reason = %q, want %q", reason, tt.reason)
			}
			if tt.reason != "" {
				if ev.Name != "" || !ev.Time.IsZero() {
					t.Errorf("rejected line returned event %+v", ev)
				}
				return
			}
			if ev.Name != tt.want {
				t.Errorf("name = %q, want %q", ev.Name, tt.want)
			}
			if !ev.Time.Equal(tt.time) || ev.Time.Location() != time.UTC {
				t.Errorf("time = %v, want %v in UTC", ev.Time, tt.time)
			}
		})
	}
}

func TestParseLine_Fields(t *testing.T) {
	line := `{"type":"track","event":"Order Completed","messageId":"m1","userId":"u1","anonymousId":"a1",` +
		`"properties":{"revenue":42.5,"dependency":{"name":"Quick"}},"context":{"ip":"203.0.113.7"},` +
		`"timestamp":"2026-11-25T14:03:11.555Z"}`
	ev, reason := ParseLine([]byte(line))
	if reason != "" {
		t.Fatalf("rejected: %s", reason)
	}
	if ev.Type != "track" || ev.MessageID != "m1" || ev.UserID != "u1" || ev.AnonymousID != "a1" {
		t.Errorf("fields = %+v", ev)
	}
	if got, want := string(ev.Properties), `{"revenue":42.5,"dependency":{"name":"Quick"}}`; got != want {
		t.Errorf("properties = %s, want %s", got, want)
	}
	ev, _ = ParseLine([]byte(`{"type":"identify","timestamp":"2026-11-25T14:03:11Z"}`))
	if ev.Properties != nil {
		t.Errorf("properties = %q, want nil when missing", ev.Properties)
	}
}
