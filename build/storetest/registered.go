package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// The files of testMeasure: each holds msgsPerHour messages in each of
// measuredHours hours, every message of one of measuredGroups groups.
const (
	measuredEvent  = "Measured"
	measuredFiles  = 3
	measuredHours  = 30 // into a second day, so that a daily bucket merges hours of two files
	msgsPerHour    = 4
	measuredGroups = 3
)

// measuredMsg is one message of testMeasure's files.
type measuredMsg struct {
	id    uint64
	h     build.Hour
	group string
	val   build.Value
}

// measuredMsgs returns file f's messages. Under dedupe, every file after
// the first repeats two messages of the file before, same hour, group and
// value, as a retried delivery does.
func measuredMsgs(f int, dedupe bool) []measuredMsg {
	h0 := hour(day)
	var out []measuredMsg
	for h := range measuredHours {
		for i := range msgsPerHour {
			n := f*131 + h*17 + i*5
			v := float64(n%11-3) * 0.25 // exact in binary and decimal; negatives too
			g := fmt.Sprint("g", n%measuredGroups)
			if n%7 == 0 {
				g = build.NoneGroup
			}
			out = append(out, measuredMsg{
				id: uint64(1 + f*10_000 + h*10 + i), h: h0 + build.Hour(h), group: g,
				val: build.Value{Num: v, Text: fmt.Appendf(nil, "user-%d", n%23)},
			})
		}
	}
	if dedupe && f > 0 {
		prev := measuredMsgs(f-1, false)
		out = append(out, prev[3], prev[len(prev)-2])
	}
	return out
}

// measuredRollups are the rollups testMeasure keeps of the measure m: the
// plain series (when a count does not read it from the base) and a
// breakdown by group, of the measure's stored type (a derived measure,
// avg or p95, reads its base type's rollups).
func measuredRollups(m build.Measure) []build.Rollup {
	var out []build.Rollup
	for _, by := range []string{"", "plan"} {
		if r := (build.Rollup{Event: measuredEvent, Measure: m.Stored(), By: by}); r.Needed() {
			out = append(out, r)
		}
	}
	return out
}

// measuredBatch builds file f as a parser would: base counts, each
// rollup's cells fed the messages' values, and under dedupe each message
// with the share it added to the cells of a measure that is not idempotent.
func measuredBatch(t *testing.T, f int, m build.Measure, dedupe bool) *build.Batch {
	t.Helper()
	rollups := append([]build.Rollup{build.BaseRollup}, measuredRollups(m)...)
	b := build.NewBatch(fmt.Sprintf("measured/%s/%d.gz", m.Stored().Kind, f), rollups...)
	if dedupe {
		b.Dedupe = 24 * time.Hour
	}
	for _, msg := range measuredMsgs(f, dedupe) {
		b.Counts[build.EventHour{Event: measuredEvent, Hour: msg.h}]++
		b.Stats.Accepted++
		b.Stats.Lines++
		adds := []build.Add{{Event: measuredEvent}}
		for _, r := range rollups[1:] {
			k := build.CellKey{Rollup: r, Hour: msg.h}
			if r.By != "" {
				k.Group = msg.group
			}
			cellAt(b, r, k.Group, k.Hour).Add(msg.val)
			if !m.Stored().Idempotent() {
				adds = append(adds, build.Add{Rollup: &r, Group: k.Group, Num: msg.val.Num})
			}
		}
		if dedupe {
			b.Msgs = append(b.Msgs, build.Msg{ID: msg.id, Hour: msg.h, Adds: adds})
		}
	}
	b.Stats.Bytes = 100 * b.Stats.Lines
	return b
}

// measuredWant is what the store should hold once the files are applied:
// every message's value fed once into an aggregate of the measure's own
// type, in memory; a repeated message ID counts once under dedupe.
func measuredWant(t *testing.T, m build.Measure, dedupe bool) map[build.CellKey]*build.Cell {
	t.Helper()
	out := map[build.CellKey]*build.Cell{}
	seen := map[uint64]bool{}
	for f := range measuredFiles {
		for _, msg := range measuredMsgs(f, dedupe) {
			if dedupe && seen[msg.id] {
				continue
			}
			seen[msg.id] = true
			for _, r := range measuredRollups(m) {
				k := build.CellKey{Rollup: r, Hour: msg.h}
				if r.By != "" {
					k.Group = msg.group
				}
				if out[k] == nil {
					out[k] = Cell(m.Stored(), 0, 0)
				}
				out[k].Add(msg.val)
			}
		}
	}
	return out
}

// testMeasures runs every registered measure type against the store:
// files of its values applied (one of them twice), then its series and
// its breakdown queried hourly and daily, top 2 and a filter, and compared
// with the same values merged and finalised in memory by the type itself.
// A measure that dedupe can net runs again under dedupe, with messages
// repeated across files. A derived measure (avg, p95) runs over its stored
// type's rollups and is queried as itself.
func testMeasures(t *testing.T, open func(t *testing.T) build.Store) {
	for _, mt := range build.Measures() {
		m := build.Measure{Kind: build.MeasureKind(mt.Name())}
		if mt.Input() != build.NoInput {
			m.Prop = "x"
		}
		for _, dedupe := range []bool{false, true} {
			if dedupe && m.Stored().CheckDedupe() != nil {
				continue
			}
			t.Run(fmt.Sprintf("%s/dedupe=%v", m, dedupe), func(t *testing.T) {
				st := openStore(t, open)
				testMeasure(t, st, m, dedupe)
			})
		}
	}
}

func testMeasure(t *testing.T, st build.Store, m build.Measure, dedupe bool) {
	declare(t, st, measuredRollups(m)...)
	for f := range measuredFiles {
		apply(t, st, measuredBatch(t, f, m, dedupe))
	}
	apply(t, st, measuredBatch(t, 1, m, dedupe)) // again: applied once
	cells := measuredWant(t, m, dedupe)
	end := at(day).Add(measuredHours * time.Hour)
	for _, r := range measuredRollups(m) {
		groups := map[string]map[build.Hour]*build.Cell{}
		for k, c := range cells {
			if k.Rollup != r {
				continue
			}
			if groups[k.Group] == nil {
				groups[k.Group] = map[build.Hour]*build.Cell{}
			}
			groups[k.Group][k.Hour] = c
		}
		for _, every := range []build.Interval{build.Hourly, build.Daily} {
			q := build.Query{Event: r.Event, Measure: m, By: r.By, Top: 2, Every: every, From: at(day), To: end.Add(24 * time.Hour)}
			var wantRes *build.Result
			var err error
			if r.By == "" {
				wantRes, err = build.FillCells(q, groups[""])
			} else {
				wantRes, err = build.FillGroups(q, groups)
			}
			if err != nil {
				t.Fatalf("%s in memory: %v", r.ID(), err)
			}
			if wantRes.Total == 0 && !wantRes.TotalGap && len(wantRes.Groups) == 0 {
				t.Fatalf("%s every %s: the suite's values give nothing to compare", r.ID(), every)
			}
			what := fmt.Sprintf("%s of %s every %s, top 2", m, r.ID(), every)
			wantString(t, what, showResult(askQuery(t, st, q)), showResult(wantRes))
			if r.By != "" {
				q.Filter = "g1"
				if wantRes, err = build.FillCells(q, groups["g1"]); err != nil {
					t.Fatal(err)
				}
				wantString(t, what+", filter g1", showResult(askQuery(t, st, q)), showResult(wantRes))
			}
		}
	}
}

// askQuery runs q against the store.
func askQuery(t *testing.T, st build.Store, q build.Query) *build.Result {
	t.Helper()
	res, err := st.Query(context.Background(), q)
	if err != nil {
		t.Fatalf("Query(%s): %v", q.Rollup().ID(), err)
	}
	return res
}

// showResult writes a result as groups does, with how many points it has
// and the first one's time, so that wrong buckets do not pass for right ones.
func showResult(r *build.Result) string {
	s := groups(r)
	if len(r.Points) > 0 {
		s += fmt.Sprintf("\n%d points from %s", len(r.Points), r.Points[0].Time.Format(time.RFC3339))
	}
	return s
}
