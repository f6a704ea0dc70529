package events

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	_ "github.com/dashsmith/dashsmith/plugins/hll"
	_ "github.com/dashsmith/dashsmith/plugins/quantile"
)

// rollup builds a rollup of event by measure and by.
func rollup(t testing.TB, event, measure, by string) build.Rollup {
	t.Helper()
	m, err := build.ParseMeasure(measure)
	if err != nil {
		t.Fatal(err)
	}
	return build.Rollup{Event: event, Measure: m, By: by}
}

// parseRollups parses data into a fresh batch of rs with the parser of o.
func parseRollups(t testing.TB, data []byte, o Options, dedupe time.Duration, rs ...build.Rollup) *build.Batch {
	t.Helper()
	b := build.NewBatch("test", rs...)
	b.Dedupe = dedupe
	if err := NewParser(o)(bytes.NewReader(data), b); err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return b
}

// cellView is what a test reads of a cell: its events (Weight for a count
// or a sum), its value (a sum's total, a sketch's estimate), and whether
// it is missing.
type cellView struct {
	N       int64
	Sum     float64
	Missing bool
}

// cellOf returns the cell of r's group g in hour h, or a missing one.
func cellOf(b *build.Batch, r build.Rollup, g string, h build.Hour) cellView {
	if c := b.Cells[build.CellKey{Rollup: r, Group: g, Hour: h}]; c != nil {
		return cellView{N: int64(c.Weight()), Sum: c.Value()}
	}
	return cellView{Missing: true}
}

// groupsOf returns the groups of r with a cell in hour h, and their counts.
func groupsOf(b *build.Batch, r build.Rollup, h build.Hour) map[string]int64 {
	out := map[string]int64{}
	for k, c := range b.Cells {
		if k.Hour == h && k.Rollup == r {
			out[k.Group] = int64(c.Weight())
		}
	}
	return out
}

func TestRollups_Samples(t *testing.T) {
	sample, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	revenue := rollup(t, "Order Completed", "sum(revenue)", "")
	users := rollup(t, "install", "unique(userId)", "")
	deps := rollup(t, "install", "count", "dependency.name")
	plans := rollup(t, "Order Completed", "count", "plan")
	for _, gz := range []bool{false, true} {
		data := sample
		if gz {
			data = gzipBytes(t, sample)
		}
		b := parseRollups(t, data, Options{}, 0, build.BaseRollup, revenue, users, deps, plans)
		checkSamples(t, b, len(sample))
		if c := cellOf(b, revenue, "", hour(14)); c.Sum != 85 || c.N != 2 {
			t.Errorf("sum(revenue) at 14:00 = %+v, want 85 from 2", c)
		}
		if c := cellOf(b, revenue, "", hour(16)); math.Abs(c.Sum-29.99) > 1e-9 || c.N != 2 {
			t.Errorf("sum(revenue) at 16:00 = %+v, want 29.99 from 2", c)
		}
		if c := cellOf(b, users, "", hour(15)); c.Missing || c.Sum != 1 {
			t.Errorf("unique(userId) of install at 15:00 = %+v, want 1", c)
		}
		wantDeps := map[string]int64{"Alamofire": 1, "Quick": 1}
		if got := groupsOf(b, deps, hour(15)); !equalCounts(got, wantDeps) {
			t.Errorf("install by dependency.name = %v, want %v", got, wantDeps)
		}
		wantPlans := map[build.Hour]map[string]int64{hour(14): {"pro": 2}, hour(16): {"team": 1, build.NoneGroup: 1}}
		for h, want := range wantPlans {
			if got := groupsOf(b, plans, h); !equalCounts(got, want) {
				t.Errorf("Order Completed by plan at %s = %v, want %v", h.Time().Format("15:04"), got, want)
			}
		}
		if len(b.Cells) != 2+1+2+3 || len(b.Stats.Skipped) != 0 || b.Stats.Folded != 0 || len(b.Msgs) != 0 {
			t.Errorf("cells %d, stats %+v, msgs %d", len(b.Cells), b.Stats, len(b.Msgs))
		}
		for _, p := range []build.EventProp{{Event: "Order Completed", Path: "revenue"}, {Event: "Order Completed", Path: "products"},
			{Event: "install", Path: "dependency.name"}, {Event: "install", Path: "pod_try"}, {Event: "Viewed Cart Screen", Path: "items"}} {
			if !b.Props[p] {
				t.Errorf("property %v not seen in %v", p, b.Props)
			}
		}
		if b.Props[build.EventProp{Event: "install", Path: "dependency"}] || b.Props[build.EventProp{Event: "Identify", Path: "email"}] {
			t.Errorf("props = %v: want leaves of properties only", b.Props)
		}
		// 12 events have a receivedAt besides their time; the screen call
		// came 1h22m14s late.
		if b.Stats.Day != "2026-11-25" || b.Stats.LagN != 12 || b.Stats.LagMax != 4934 || b.Stats.LagSum < 4934 {
			t.Errorf("day %q, lag %v/%v max %v", b.Stats.Day, b.Stats.LagSum, b.Stats.LagN, b.Stats.LagMax)
		}
	}
}

func equalCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestRollups_Backfill(t *testing.T) {
	sample, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	revenue := rollup(t, "Order Completed", "sum(revenue)", "")
	b := parseRollups(t, sample, Options{}, 24*time.Hour, revenue)
	if len(b.Counts) != 0 || b.Stats.Accepted != 13 {
		t.Errorf("counts = %v, accepted %d: a backfill keeps no base counts", b.Counts, b.Stats.Accepted)
	}
	if c := cellOf(b, revenue, "", hour(14)); c.Sum != 85 || len(b.Cells) != 2 {
		t.Errorf("cells = %v", b.Cells)
	}
	for _, m := range b.Msgs {
		for _, a := range m.Adds {
			if a.Event != "" || *a.Rollup != revenue || a.Group != "" {
				t.Errorf("msg %x adds %+v: want only the sum's cells", m.ID, a)
			}
		}
	}
}

func TestFileStats(t *testing.T) {
	in := `{"type":"identify","timestamp":"2026-11-25T14:00:00Z","receivedAt":"2026-11-25T14:00:00Z"}` + "\n" + // lag 0
		`{"type":"identify","originalTimestamp":"2026-11-25T14:00:00Z","receivedAt":"2026-11-25T14:00:30.5Z"}` + "\n" +
		`{"type":"identify","timestamp":"2026-11-25T14:00:00Z","receivedAt":"2026-11-25T13:00:00Z"}` + "\n" + // clock skew: no lag
		`{"type":"identify","receivedAt":"2026-11-26T00:00:01+00:00"}` + "\n" + // the latest; its own time: no lag
		`{"type":"identify","timestamp":"2026-11-27T00:00:00Z","receivedAt":"bad"}` + "\n" +
		`{"type":"identify","receivedAt":"2026-11-28T00:00:00Z","x":}` + "\n" // rejected
	b := mustParse(t, []byte(in))
	if s := b.Stats; s.Day != "2026-11-26" || s.LagN != 2 || s.LagSum != 30.5 || s.LagMax != 30.5 || s.Accepted != 5 {
		t.Errorf("stats = %+v", s)
	}
	if b := mustParse(t, []byte(`{"type":"identify","timestamp":"2026-11-25T14:00:00Z"}`)); b.Stats.Day != "" || b.Stats.LagN != 0 {
		t.Errorf("no receivedAt: stats = %+v", b.Stats)
	}
}

func TestRollups_Odd(t *testing.T) {
	line := []byte(track("Buy", 1, `"plan":"pro","revenue":2`))
	plans := rollup(t, "Buy", "count", "plan")
	b := parseRollups(t, line, Options{}, 0, build.BaseRollup, plans, plans, rollup(t, "Buy", "count", ""))
	if c := cellOf(b, plans, "pro", hour(14)); c.N != 1 || len(b.Cells) != 1 {
		t.Errorf("cells = %v: a repeated rollup counts once, a plain count is the base's", b.Cells)
	}
	b = build.NewBatch("test", build.Rollup{Event: "Buy", Measure: build.Measure{Kind: "median", Prop: "revenue"}})
	if err := Parse(bytes.NewReader(line), b); err == nil || !strings.Contains(err.Error(), "unknown measure") {
		t.Errorf("err = %v, want an unknown measure", err)
	}
}
