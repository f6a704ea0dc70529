package events

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// jsonFragments are values the scanner must judge as encoding/json does.
var jsonFragments = []string{
	// valid
	`0`, `-0`, `1`, `-1`, `10`, `1.5`, `-0.0e+0`, `1E5`, `1e-5`, `123456789012345678901234567890`,
	`true`, `false`, `null`, `""`, `"a"`, `"\"\\\/\b\f\n\r\t"`, `"\u00e9\uD83D\uDE00"`, `"\ud800"`,
	`"é😀"`, "\"\x7f\"", `[]`, `{}`, ` [ 1 , 2 ] `, "\t{\n\"a\"\r:\n[{}]}\n", `{"a":{"b":[null,{"c":""}]}}`,
	`{"a":1,"a":2}`, `[[[[[[[[[[]]]]]]]]]]`, `"` + strings.Repeat("abcdefg", 20) + `"`,
	// invalid
	``, ` `, `-`, `+1`, `01`, `-01`, `1.`, `.5`, `1e`, `1e+`, `0x10`, `1_0`, `NaN`, `Infinity`, `1 2`,
	`tru`, `True`, `nul`, `nulll`, `"`, `"a`, `"\"`, `"\x"`, `"\u12"`, `"\u12g4"`, `"\'"`, "\"\t\"", "\"\n\"",
	"\"a\x00b\"", `[`, `]`, `[1,]`, `[,1]`, `[1 2]`, `{`, `{"a"}`, `{"a":}`, `{"a" 1}`, `{a:1}`, `{"a":1,}`,
	`{,"a":1}`, `{"a":1}}`, `{"a":1]`, `[}`, `{'a':1}`, `[1]x`, `{}{}`, "\ufeff{}", "{}\x00", `{"a":"b"`,
}

func TestScanner_MatchesJSONValid(t *testing.T) {
	for _, s := range jsonFragments {
		if got, want := validJSON([]byte(s)), json.Valid([]byte(s)); got != want {
			t.Errorf("validJSON(%q) = %v, json.Valid = %v", s, got, want)
		}
		// As a property value inside a message, too.
		line := `{"type":"identify","timestamp":"2026-11-25T14:00:00Z","properties":{"v":` + s + `}}`
		if _, reason := ParseLine([]byte(line)); (reason == "") != json.Valid([]byte(line)) {
			t.Errorf("ParseLine with %q: reason %q, json.Valid = %v", s, reason, json.Valid([]byte(line)))
		}
	}
}

func TestScanner_Strings(t *testing.T) {
	for _, s := range []string{
		// Every position of a special byte within an 8-byte word.
		`"a"`, `"ab\"cd"`, `"abcdefg\\"`, `"abcdefgh"`, `"abcdefghi"`, `"abcdefgh\u0041ijklmnop"`,
		"\"abcdef\x7fgh\"", `"abcdefgé"`, `"abcdefghijklmno😀"`,
	} {
		if !validJSON([]byte(s)) {
			t.Errorf("validJSON(%q) = false", s)
		}
		var want string
		if err := json.Unmarshal([]byte(s), &want); err != nil {
			t.Fatal(err)
		}
		end, esc := scanString([]byte(s), 0)
		if end != len(s) || string(appendText(nil, []byte(s), esc)) != want {
			t.Errorf("scanString(%q) = %d %v: %q, want %q", s, end, esc, appendText(nil, []byte(s), esc), want)
		}
	}
	for i := range 16 {
		for _, c := range []string{"\x00", "\x1f", "\xff", "\xc3"} {
			s := `"` + strings.Repeat("a", i) + c + strings.Repeat("b", 16) + `"`
			if validJSON([]byte(s)) {
				t.Errorf("validJSON(%q) = true", s)
			}
		}
	}
}

func TestScanner_Keys(t *testing.T) {
	const ts = `"timestamp":"2026-11-25T14:00:00Z"`
	tests := []struct{ line, want string }{
		{`{"type":"track","ev\u0065nt":"x",` + ts + `}`, "x"},                   // an escaped key
		{`{"type":"track","EVENT":"x",` + ts + `}`, "x"},                        // case folded
		{`{"type":"track","event":"x","Event":"y",` + ts + `}`, "y"},            // last wins
		{`{"type":"track","event":"x","event":5,` + ts + `}`, "x"},              // a non-string leaves it alone
		{`{"type":"track","event":"x","event":null,` + ts + `}`, "x"},           // so does null
		{`{"type":"page","type":"track","event":"x",` + ts + `}`, "x"},          // type too
		{`{"type":"track","event":"\ud83d\ude00\ud800",` + ts + `}`, "😀\ufffd"}, // surrogates
		{"{\"type\":\"\u017ftrack\",\"event\":\"x\"," + ts + "}", ""},           // values are not folded
		{"{\"\u017fype\":\"track\",\"event\":\"x\"," + ts + "}", ""},            // ſ folds to s, not t
		{"{\"type\":\"track\",\"event\":\"x\",\"time\u017ftamp\":\"2026-11-25T14:00:00Z\"}", "x"},
	}
	for _, tt := range tests {
		ev, reason := ParseLine([]byte(tt.line))
		refName, _, refReason := refLine([]byte(tt.line))
		if ev.Name != tt.want || ev.Name != refName || reason != refReason {
			t.Errorf("%s: name %q (%q), want %q; reference %q (%q)", tt.line, ev.Name, reason, tt.want, refName, refReason)
		}
	}
}

func TestParseTime(t *testing.T) {
	for _, s := range []string{
		"2026-11-25T14:03:11Z", "2026-11-25T14:03:11.5Z", "2026-11-25T14:03:11.123456789Z",
		"2026-11-25T14:03:11.1234567891Z", "2026-11-25T09:03:11-05:00", "2026-11-25T23:03:11+09:00",
		"2026-11-25T14:03:11-00:00", "2024-02-29T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
		"0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999-23:59",
		"1969-12-31T23:59:59.999Z", "1600-03-01T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T14:60:00Z",
		"2026-11-25T14:00:60Z", "2026-11-25T14:00:00+24:00", "2026-11-25T14:00:00+23:60", "2026-11-25T14:00:00",
		"2026-11-25t14:00:00z", "2026-11-25T14:00:00,5Z", "2026-11-25T14:00:00.Z", "2026-11-25 14:00:00Z",
		"2026-1-25T14:00:00Z", "+026-11-25T14:00:00Z", "2026-11-25T14:00:00+0500", "", "now",
	} {
		got, ok := parseTime([]byte(s))
		want, err := time.Parse(time.RFC3339Nano, s)
		wantOK := err == nil && !want.IsZero()
		if ok != wantOK || ok && (!got.Equal(want) || got.Location() != time.UTC) {
			t.Errorf("parseTime(%q) = %v %v, want %v %v", s, got, ok, want, wantOK)
		}
	}
}
