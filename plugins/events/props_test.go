package events

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func propsOf(b *build.Batch, event string) []string {
	var out []string
	for p := range b.Props {
		if p.Event == event {
			out = append(out, p.Path)
		}
	}
	slices.Sort(out)
	return out
}

func TestProps(t *testing.T) {
	const ts = `"timestamp":"2026-11-25T14:00:00Z"`
	in := `{"type":"track","event":"E",` + ts + `,"properties":{"a":1,"b":{"c":{"d":{"e":1}}},"arr":[{"x":1}],` +
		`"empty":{ },"bad.key":1,"q\"":1,"":2,"nested":{"ok":true,"in":{}},"u\u00e9":null,"s":"{\"k\":1}"}}` + "\n" +
		// The same shape again, then a new one.
		`{"type":"track","event":"E",` + ts + `,"properties":{"a":2,"b":{"c":{"d":{"e":2}}},"arr":[],` +
		`"empty":{},"bad.key":1,"q\"":1,"":2,"nested":{"ok":false,"in":{}},"u\u00e9":1,"s":""}}` + "\n" +
		`{"type":"track","event":"E",` + ts + `,"properties":{"a":{"z":1},"arr":{"y":[1]}}}` + "\n" +
		// The last properties counts; context and traits are not properties.
		`{"type":"track","event":"F",` + ts + `,"properties":{"x":1},"context":{"c":1},"properties":{"y":1},"traits":{"t":1}}` + "\n" +
		`{"type":"track","event":"G",` + ts + `,"properties":[{"x":1}]}` + "\n" +
		`{"type":"track","event":"G",` + ts + `,"properties":{"x":1},"properties":"y"}` + "\n"
	b := mustParse(t, []byte(in))
	want := []string{"a", "a.z", "arr", "arr.y", "b.c.d", "empty", "nested.in", "nested.ok", "s", "ué"}
	if got := propsOf(b, "E"); !slices.Equal(got, want) {
		t.Errorf("E: props %q, want %q", got, want)
	}
	if got := propsOf(b, "F"); !slices.Equal(got, []string{"y"}) {
		t.Errorf("F: props %q, want [y]", got)
	}
	if got := propsOf(b, "G"); len(got) != 0 {
		t.Errorf("G: props %q, want none", got)
	}
}

func TestProps_Max(t *testing.T) {
	var in strings.Builder
	for l := range 3 {
		var keys []string
		for k := range 100 {
			keys = append(keys, fmt.Sprintf(`"k%d_%d":%d`, l, k, k))
		}
		fmt.Fprintf(&in, `{"type":"track","event":"E","timestamp":"2026-11-25T14:00:00Z","properties":{%s}}`+"\n", strings.Join(keys, ","))
	}
	if got := propsOf(mustParse(t, []byte(in.String())), "E"); len(got) != build.MaxProps {
		t.Errorf("%d props, want %d", len(got), build.MaxProps)
	}
}
