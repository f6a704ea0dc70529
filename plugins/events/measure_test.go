package events

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// track writes a track line of event at 14:mm with the given properties.
func track(event string, mm int, props string, more ...string) string {
	extra := ""
	for _, m := range more {
		extra += "," + m
	}
	return fmt.Sprintf(`{"type":"track","event":%q,"timestamp":"2026-11-25T14:%02d:00Z","properties":{%s}%s}`, event, mm, props, extra) + "\n"
}

func TestSum(t *testing.T) {
	values := []struct{ json, skip string }{
		{`5`, ""}, {`"7.5"`, ""}, {`-0.5e1`, ""}, {`"1e2"`, ""}, {`"\u0032"`, ""},
		{`"NaN"`, "not a number"}, {`"Inf"`, "not a number"}, {`"-Infinity"`, "not a number"},
		{`1e15`, ""}, {`"-1000000000000000"`, ""}, // the bound itself: 1e15 - 1e15 adds 0
		{`1e308`, "out of range"}, {`"1e308"`, "out of range"}, {`-1.5e15`, "out of range"}, {`"1000000000000001"`, "out of range"},
		{`1e999`, "out of range"}, {`"-1e999"`, "out of range"}, {`"abc"`, "not a number"},
		{`" 5 "`, "not a number"}, {`"0x1p4"`, "not a number"}, {`"1_0"`, "not a number"}, {`""`, "not a number"},
		{`true`, "not a number"}, {`{"a":1}`, "not a number"}, {`[1]`, "not a number"},
		{`null`, "missing"}, {``, "missing"},
	}
	var in strings.Builder
	want := map[string]int64{}
	for _, v := range values {
		props := `"other":1`
		if v.json != "" {
			props = `"revenue":` + v.json
		}
		in.WriteString(track("Buy", 1, props))
		if v.skip != "" {
			want["sum(revenue): "+v.skip]++
		}
	}
	r := rollup(t, "Buy", "sum(revenue)", "")
	b := parseRollups(t, []byte(in.String()), Options{}, 0, build.BaseRollup, r)
	c := cellOf(b, r, "", hour(14))
	if c.Sum != 5+7.5-5+100+2 || c.N != 7 {
		t.Errorf("cell = %+v, want 109.5 from 7 values", c)
	}
	if _, err := json.Marshal(c.Sum); err != nil {
		t.Errorf("sum: %v", err)
	}
	if !equalCounts(b.Stats.Skipped, want) {
		t.Errorf("skipped = %v, want %v", b.Stats.Skipped, want)
	}
	if b.Stats.Accepted != int64(len(values)) {
		t.Errorf("accepted %d: a skipped value still counts its event", b.Stats.Accepted)
	}
}

func TestCardinalityCap(t *testing.T) {
	var in strings.Builder
	for i := range 50 {
		in.WriteString(track("Buy", i%60, fmt.Sprintf(`"plan":"p%02d","revenue":1`, i)))
	}
	in.WriteString(`{"type":"track","event":"Buy","timestamp":"2026-11-25T15:00:00Z","properties":{"plan":"p49"}}` + "\n")
	plans := rollup(t, "Buy", "count", "plan")
	sums := rollup(t, "Buy", "sum(revenue)", "plan")
	b := parseRollups(t, []byte(in.String()), Options{Cardinality: 10}, 0, build.BaseRollup, plans, sums)
	got := groupsOf(b, plans, hour(14))
	if len(got) != 11 || got[build.OtherGroup] != 40 || got["p00"] != 1 || got["p09"] != 1 || got["p10"] != 0 {
		t.Errorf("groups = %v, want p00..p09 and %s with 40", got, build.OtherGroup)
	}
	if c := cellOf(b, sums, build.OtherGroup, hour(14)); c.Sum != 40 {
		t.Errorf("sum of %s = %+v, want 40", build.OtherGroup, c)
	}
	if got := groupsOf(b, plans, hour(15)); len(got) != 1 || got["p49"] != 1 {
		t.Errorf("groups at 15:00 = %v: the cap is per hour", got)
	}
	if b.Stats.Folded != 40 { // events, not rollups: both fold each of the 40
		t.Errorf("folded = %d, want 40", b.Stats.Folded)
	}
	b = parseRollups(t, []byte(in.String()), Options{}, 0, plans)
	if got := groupsOf(b, plans, hour(14)); len(got) != 50 || b.Stats.Folded != 0 {
		t.Errorf("default cap: %d groups, folded %d", len(got), b.Stats.Folded)
	}
}

// TestStats_OncePerEvent checks that a value skipped or folded counts
// once per event, however many rollups of a config entry read it: a
// skip once per event and reason, a fold once per event and breakdown.
func TestStats_OncePerEvent(t *testing.T) {
	spec := build.RollupSpec{Event: "Buy", Measures: []string{"count", "sum(v)", "unique(userId)", "unique(anonymousId)"}, By: []string{"p", "q"}}
	rs, err := spec.Expand()
	if err != nil {
		t.Fatal(err)
	}
	var in strings.Builder
	for i := range 22 { // no anonymousId; a fresh p and q each
		v := "1"
		switch i % 3 {
		case 1:
			v = `"abc"`
		case 2:
			v = `1e308`
		}
		in.WriteString(track("Buy", i, fmt.Sprintf(`"p":"p%02d","q":%d,"v":%s`, i, i, v), `"userId":"u1"`))
	}
	b := parseRollups(t, []byte(in.String()), Options{Cardinality: 10}, 0, append(rs, build.BaseRollup)...)
	want := map[string]int64{"unique(anonymousId): missing": 22, "sum(v): not a number": 7, "sum(v): out of range": 7}
	if !equalCounts(b.Stats.Skipped, want) {
		t.Errorf("skipped = %v, want %v", b.Stats.Skipped, want)
	}
	// 12 events over the cap of 10 (count and unique(userId) fold them all),
	// by p and by q.
	if b.Stats.Folded != 2*12 {
		t.Errorf("folded = %d, want %d", b.Stats.Folded, 2*12)
	}
	plans := build.Rollup{Event: "Buy", Measure: build.CountMeasure, By: "p"}
	if got := groupsOf(b, plans, hour(14)); len(got) != 11 || got[build.OtherGroup] != 12 {
		t.Errorf("count by p = %v, want 10 groups and %s with 12", got, build.OtherGroup)
	}
}

func TestPaths(t *testing.T) {
	long := "a" + strings.Repeat("é", 150)
	line := `{"type":"track","event":"P","userId":"u1","timestamp":"2026-11-25T14:00:00Z",` +
		`"context":{"os":{"name":"iOS"}},"traits":{"plan":"gold"},"properties":{"plan":"pro","größe":"XL",` +
		`"dependency":{"name":"Quick"},"products":[{"sku":"s1"}],"n":42.50,"flag":true,` +
		`"obj":{ "b" : 2, "a":[1, "x y"] },"ctl":"a\u0001b\nc\u2028","long":"` + long + `","nul":null,` +
		`"userId":"prop-user","properties":{"x":"nested"},"plan":"last"}}` + "\n"
	want := map[string]string{
		"plan": "last", "properties.plan": "last", "größe": "XL", "dependency.name": "Quick",
		"context.os.name": "iOS", "traits.plan": "gold", "userId": "u1", "properties.userId": "prop-user",
		"type": "track", "properties.properties.x": "nested", "products": `[{"sku":"s1"}]`, "n": "42.50",
		"flag": "true", "obj": `{"b":2,"a":[1,"x y"]}`, "ctl": "a\ufffdb\ufffdc\ufffd", "long": long[:199],
		"products.sku": build.NoneGroup, "nul": build.NoneGroup, "missing": build.NoneGroup,
		"dependency.name.x": build.NoneGroup, "messageId": build.NoneGroup, "context.os": `{"name":"iOS"}`,
	}
	var rs []build.Rollup
	for by := range want {
		rs = append(rs, rollup(t, "P", "count", by))
	}
	// Of repeated keys the last counts, with all below it.
	line += `{"type":"track","event":"Q","timestamp":"2026-11-25T14:00:00Z","properties":` +
		`{"d":{"name":"A"},"d":{"v":1},"e":{"x":1},"e":{"x":2},"f":{"x":1},"f":5}}` + "\n"
	for by, v := range map[string]string{"d.name": build.NoneGroup, "d.v": "1", "e.x": "2", "f.x": build.NoneGroup, "f": "5"} {
		rs = append(rs, rollup(t, "Q", "count", by))
		want["Q "+by] = v
	}
	b := parseRollups(t, []byte(line), Options{}, 0, rs...)
	for _, r := range rs {
		w := want[r.By]
		if r.Event == "Q" {
			w = want["Q "+r.By]
		}
		got := groupsOf(b, r, hour(14))
		if len(got) != 1 || got[w] != 1 {
			t.Errorf("%s by %s: groups %v, want %q", r.Event, r.By, got, w)
		}
	}
}

func TestDedupe(t *testing.T) {
	sample, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	revenue := rollup(t, "Order Completed", "sum(revenue)", "")
	plans := rollup(t, "Order Completed", "count", "plan")
	users := rollup(t, "Order Completed", "unique(userId)", "")
	more := `{"type":"identify","timestamp":"2026-11-25T14:00:00Z"}` + "\n" +
		`{"type":"identify","messageId":"","timestamp":"2026-11-25T14:00:00Z"}` + "\n" +
		`{"type":"identify","messageId":7,"timestamp":"2026-11-25T14:00:00Z"}` + "\n"
	b := parseRollups(t, append(sample, more...), Options{}, 24*time.Hour, build.BaseRollup, revenue, plans, users)
	if b.Stats.Accepted != 16 || len(b.Msgs) != 13 {
		t.Fatalf("accepted %d, msgs %d: want a Msg per event with a messageId", b.Stats.Accepted, len(b.Msgs))
	}
	h := fnv.New64a()
	h.Write([]byte("ajs-5f1c0d2a9b7e4c31"))
	var dups []build.Msg
	for _, m := range b.Msgs {
		if m.ID == h.Sum64() {
			dups = append(dups, m)
		}
	}
	if len(dups) != 2 || dups[0].Hour != hour(14) || dups[1].Hour != hour(14) {
		t.Fatalf("msgs with the repeated messageId: %+v", dups)
	}
	want := []build.Add{{Event: "Order Completed"}, {Rollup: &revenue, Num: 42.5}, {Rollup: &plans, Group: "pro"}}
	for _, m := range dups {
		if !sameAdds(m.Adds, want) {
			t.Errorf("adds = %+v, want %+v", m.Adds, want)
		}
	}
	// Counts are not deduplicated by the parser: the store takes Adds back out.
	if b.Counts[build.EventHour{Event: "Order Completed", Hour: hour(14)}] != 2 {
		t.Errorf("counts = %v", b.Counts)
	}
	b = parseRollups(t, sample, Options{}, 0, build.BaseRollup, revenue)
	if len(b.Msgs) != 0 {
		t.Errorf("msgs = %d with dedupe off", len(b.Msgs))
	}
}

func sameAdds(a, b []build.Add) bool {
	key := func(x build.Add) string {
		if x.Rollup == nil {
			return fmt.Sprintf("%q", x.Event)
		}
		return fmt.Sprintf("%q %q %g", x.Event, x.Rollup.Series(x.Group), x.Num)
	}
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i := range a {
		ka[i] = key(a[i])
	}
	for i := range b {
		kb[i] = key(b[i])
	}
	slices.Sort(ka)
	slices.Sort(kb)
	return slices.Equal(ka, kb)
}
