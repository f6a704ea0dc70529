package events

import (
	"fmt"
	"os"
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
		// The last properties counts; context and traits paths have their root.
		`{"type":"track","event":"F",` + ts + `,"properties":{"x":1},"context":{"c":1},"properties":{"y":1},"traits":{"t":1}}` + "\n" +
		`{"type":"track","event":"G",` + ts + `,"properties":[{"x":1}]}` + "\n" +
		`{"type":"track","event":"G",` + ts + `,"properties":{"x":1},"properties":"y"}` + "\n"
	b := mustParse(t, []byte(in))
	want := []string{"a", "a.z", "arr", "arr.y", "b.c.d", "empty", "nested.in", "nested.ok", "s", "ué"}
	if got := propsOf(b, "E"); !slices.Equal(got, want) {
		t.Errorf("E: props %q, want %q", got, want)
	}
	if got, want := propsOf(b, "F"), []string{"context.c", "traits.t", "y"}; !slices.Equal(got, want) {
		t.Errorf("F: props %q, want %q", got, want)
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

// TestProps_Roots checks the paths of traits and context: recorded with
// their root, to the same depth as properties, the last of a repeated
// root counting, keys a path cannot name skipped.
func TestProps_Roots(t *testing.T) {
	const ts = `"timestamp":"2026-11-25T14:00:00Z"`
	for _, tc := range []struct {
		name string
		in   []string // lines after {"type":...,"event":"E",ts,
		want []string
	}{
		{"Identify", []string{
			`"traits":{"email":"ada@example.com","plan":"pro","address":{"city":"London","geo":{"lat":51.5,"lng":-0.1}},"tags":["a"]}}`},
			[]string{"traits.address.city", "traits.address.geo.lat", "traits.address.geo.lng", "traits.email", "traits.plan", "traits.tags"}},
		{"TrackContext", []string{
			`"properties":{"revenue":1},"context":{"os":{"name":"iOS","version":"19.1"},"page":{"url":"https://x/","path":"/"},` +
				`"campaign":{"source":"google"},"traits":{"email":"a@b"},"ip":"203.0.113.7","library":{}}}`},
			[]string{"context.campaign.source", "context.ip", "context.library", "context.os.name", "context.os.version",
				"context.page.path", "context.page.url", "context.traits.email", "revenue"}},
		{"Depth", []string{
			`"context":{"a":{"b":{"c":{"d":{"e":1}}}},"x":[{"y":1}]},"traits":{"a":{"b":{"c":{"d":1}}}}}`},
			[]string{"context.a.b.c", "context.x", "traits.a.b.c"}},
		{"LastWins", []string{
			`"traits":{"old":1},"context":{"old":1},"traits":{"new":1},"context":{"new":{"k":1}}}`,
			`"context":{"c":1},"context":null,"traits":{"t":1},"traits":"s"}`},
			[]string{"context.new.k", "traits.new"}},
		{"FoldedNames", []string{
			`"CONTEXT":{"os":{"name":"iOS"}},"Traits":{"email":"a@b"},"context":{"ip":"x"}}`},
			[]string{"context.ip", "traits.email"}},
		{"BadKeys", []string{
			`"context":{"a.b":1,"q\"":1,"":1,"t\t":1,"ok":{"x.y":1,"z":1},"u\u00e9":1},"traits":{"(x)":1,"w":1}}`},
			[]string{"context.ok.z", "context.ué", "traits.w"}},
		// A property a bare name cannot address is listed from the top.
		{"TopLevelNames", []string{
			`"properties":{"context":{"os":1},"userId":"x","type":"t","properties":1,"plan":1,"Type":1},"context":{"os":1}}`},
			[]string{"Type", "context.os", "plan", "properties.context.os", "properties.properties", "properties.type", "properties.userId"}},
		{"PathTooLong", []string{
			`"properties":{"` + strings.Repeat("p", 195) + `":1},"context":{"` + strings.Repeat("c", 195) + `":1,"` + strings.Repeat("d", 192) + `":1}}`},
			[]string{"context." + strings.Repeat("d", 192), strings.Repeat("p", 195)}},
		// A shape is the keys of all three roots: the same properties with
		// a new context, or the same keys under another root or at another
		// level, are new shapes.
		{"Shapes", []string{
			`"properties":{"a":1},"context":{"x":1}}`,
			`"properties":{"a":2},"context":{"y":1}}`,
			`"properties":{"a":3},"traits":{"y":1}}`,
			`"properties":{"a":4},"context":{"y":{"z":1}}}`,
			`"properties":{"a":5},"context":{"y":1,"z":1}}`,
			`"properties":{"a":{"b":1}},"context":{"y":1,"z":1}}`,
			`"properties":{"a":6,"b":1},"context":{"y":1,"z":1}}`},
			[]string{"a", "a.b", "b", "context.x", "context.y", "context.y.z", "context.z", "traits.y"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var in strings.Builder
			for _, l := range tc.in {
				in.WriteString(`{"type":"identify",` + ts + `,` + l + "\n")
			}
			b := mustParse(t, []byte(in.String()))
			if b.Stats.Accepted != int64(len(tc.in)) {
				t.Fatalf("stats %+v", b.Stats)
			}
			if got := propsOf(b, "Identify"); !slices.Equal(got, tc.want) {
				t.Errorf("props %q,\nwant %q", got, tc.want)
			}
		})
	}
}

// TestProps_Samples checks the paths of the sample lines' traits and
// context.
func TestProps_Samples(t *testing.T) {
	sample, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	b := mustParse(t, sample)
	for _, p := range []build.EventProp{
		{Event: "Identify", Path: "traits.email"}, {Event: "Identify", Path: "traits.createdAt"},
		{Event: "Viewed Cart Screen", Path: "context.os.name"}, {Event: "Viewed Cart Screen", Path: "context.device.type"},
		{Event: "Viewed Cart Screen", Path: "items"},
		{Event: "Order Completed", Path: "context.page.url"}, {Event: "Order Completed", Path: "context.library.name"},
		{Event: "Order Completed", Path: "revenue"},
	} {
		if !b.Props[p] {
			t.Errorf("property %v not seen in %v", p, propsOf(b, p.Event))
		}
	}
	for p := range b.Props {
		if err := build.CheckPath(p.Path); err != nil {
			t.Errorf("%v: %v", p, err)
		}
	}
}

// TestProps_MaxRoots checks that properties paths keep their share of
// build.MaxProps: traits and context paths stop at rootBudget, and within
// a line properties paths come first.
func TestProps_MaxRoots(t *testing.T) {
	keys := func(prefix string, n int) string {
		var ks []string
		for k := range n {
			ks = append(ks, fmt.Sprintf(`"%s%d":%d`, prefix, k, k))
		}
		return "{" + strings.Join(ks, ",") + "}"
	}
	count := func(paths []string) (props, traits, context int) {
		for _, p := range paths {
			switch {
			case strings.HasPrefix(p, "traits."):
				traits++
			case strings.HasPrefix(p, "context."):
				context++
			default:
				props++
			}
		}
		return
	}
	line := func(event, roots string) string {
		return `{"type":"track","event":"` + event + `","timestamp":"2026-11-25T14:00:00Z",` + roots + "}\n"
	}
	for _, tc := range []struct {
		name                   string
		lines                  []string
		props, traits, context int
	}{
		// Context first in the line, properties recorded first all the same:
		// 100 properties, then context up to 150 paths in all; the second
		// line's properties fill the rest.
		{"ContextThenProperties", []string{
			line("E", `"context":`+keys("c", 100)+`,"properties":`+keys("p", 100)),
			line("E", `"context":`+keys("c", 100)+`,"properties":`+keys("q", 100)),
		}, 150, 0, 50},
		// Traits before context; neither beyond rootBudget, and properties
		// still find room after them.
		{"TraitsContext", []string{
			line("E", `"context":`+keys("c", 100)+`,"traits":`+keys("t", 120)),
			line("E", `"context":`+keys("d", 100)+`,"traits":`+keys("u", 120)+`,"properties":`+keys("p", 30)),
			line("E", `"properties":`+keys("q", 40)),
		}, 50, 120, 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := propsOf(mustParse(t, []byte(strings.Join(tc.lines, ""))), "E")
			p, tr, c := count(got)
			if p != tc.props || tr != tc.traits || c != tc.context || len(got) > build.MaxProps {
				t.Errorf("%d properties, %d traits, %d context paths; want %d, %d, %d", p, tr, c, tc.props, tc.traits, tc.context)
			}
		})
	}
	if rootBudget >= build.MaxProps {
		t.Errorf("rootBudget %d leaves properties no room", rootBudget)
	}
}

// TestShapeHash checks that the shape hash sees every byte of a key, its
// length and its level: keys that differ in one byte, or are one byte
// longer, or sit at another level, never share a shape.
func TestShapeHash(t *testing.T) {
	seen := map[uint64]string{}
	add := func(value string) {
		t.Helper()
		var m message
		line := `{"context":` + value + `}`
		if m.scan([]byte(line)) != 0 {
			t.Fatalf("scan %s failed", line)
		}
		h := m.roots[rootContext].h
		if old, ok := seen[h]; ok {
			t.Fatalf("%s and %s share the shape %#x", old, value, h)
		}
		seen[h] = value
	}
	add(`{}`)
	for n := range 41 {
		base := []byte(strings.Repeat("k", n))
		add(`{"` + string(base) + `":1}`)
		add(`{"x":{"` + string(base) + `":1}}`)
		add(`{"x":{"y":{"` + string(base) + `":1}}}`)
		for i := range n {
			k := slices.Clone(base)
			k[i] = 'j'
			add(`{"` + string(k) + `":1}`)
		}
	}
	// The same keys under other roots, and in another order.
	var m message
	m.scan([]byte(`{"properties":{"k":1},"traits":{"k":1},"context":{"k":1}}`))
	if m.roots[rootProperties].h == m.roots[rootTraits].h || m.roots[rootTraits].h == m.roots[rootContext].h {
		t.Error("the same keys under two roots share a shape")
	}
	add(`{"a":1,"b":1}`)
	add(`{"b":1,"a":1}`)
}

// TestProps_ManyShapes checks that lines mixing many shapes of properties
// and of context, more than an event keeps, record every path, and that
// each root's shape is remembered once, so that a line of a new mix of
// known roots walks nothing again.
func TestProps_ManyShapes(t *testing.T) {
	b := build.NewBatch("shapes")
	s := &propSink{out: b.Props, props: map[string]*build.Props{}}
	l := newLine()
	var want []string
	for i := range 40 {
		want = append(want, fmt.Sprintf("context.c%d", i), fmt.Sprintf("p%d", i))
	}
	for i := range 40 {
		for j := range 40 {
			l.read(fmt.Appendf(nil, `{"type":"track","event":"E","timestamp":"2026-11-25T14:00:00Z","properties":{"p%d":1},"context":{"c%d":1}}`, i, j), s)
		}
	}
	if got := propsOf(b, "E"); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
		t.Errorf("props %q", got)
	}
	memo := s.props["E"].Memo
	roots := 0
	for k := range memo {
		if len(k) == 9 {
			roots++
		}
	}
	if roots != 80 || len(memo) > maxShapes {
		t.Errorf("%d root shapes of %d, want 80", roots, len(memo))
	}
}
