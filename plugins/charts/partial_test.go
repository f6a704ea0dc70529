package charts

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

func TestCompleteness(t *testing.T) {
	p := checkout(t) // orders: 2026-03-02..04 by day; revenue: today by hour
	for _, tc := range []struct {
		name            string
		through         time.Time
		query           string
		partial, future int
	}{
		{"Unknown", time.Time{}, "orders", 3, 3},
		{"AllComplete", time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC), "orders", 3, 3},
		{"TodayPartial", time.Date(2026, 3, 4, 15, 0, 0, 0, time.UTC), "orders", 2, 3},
		{"DataLags", time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC), "orders", 1, 2},
		{"HoursAfterThroughAreFuture", time.Date(2026, 3, 4, 15, 0, 0, 0, time.UTC), "revenue", 15, 15},
		{"MidHour", time.Date(2026, 3, 4, 15, 30, 0, 0, time.UTC), "revenue", 15, 16},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cm := completenessOf(&build.Site{Through: tc.through}, p.Data[tc.query])
			if cm.partial != tc.partial || cm.future != tc.future {
				t.Fatalf("partial %d, future %d; want %d, %d", cm.partial, cm.future, tc.partial, tc.future)
			}
		})
	}
	t.Run("NowWhenStoreIsSilent", func(t *testing.T) {
		cm := completenessOf(&build.Site{Now: now}, p.Data["orders"])
		if cm.partial != 2 || !cm.through.Equal(now) {
			t.Fatalf("%+v", cm)
		}
	})
}

func TestCharts_Partial(t *testing.T) {
	render := New(Options{}).Blocks()["chart"]
	s := &build.Site{Now: now, Through: time.Date(2026, 3, 4, 15, 0, 0, 0, time.UTC)}
	type series struct {
		Name      string
		Data      []struct{ Value any }
		LineStyle struct{ Type, Color string }
		ItemStyle struct{ Color string }
	}
	options := func(t *testing.T, out []byte) []series {
		t.Helper()
		m := optionsRE.FindSubmatch(out)
		var opt struct{ Series []series }
		if m == nil || json.Unmarshal(m[2], &opt) != nil {
			t.Fatalf("no options in\n%s", out)
		}
		return opt.Series
	}
	t.Run("LineDashedTail", func(t *testing.T) {
		out, err := render(s, checkout(t), []byte("type: area\nquery: orders\n"), 1)
		if err != nil {
			t.Fatal(err)
		}
		ss := options(t, out)
		if len(ss) != 2 || ss[0].Name != ss[1].Name || ss[0].LineStyle.Type != "solid" || ss[1].LineStyle.Type != "dashed" ||
			ss[0].LineStyle.Color != ss[1].LineStyle.Color {
			t.Fatalf("want a solid and a dashed series of one name and colour: %+v", ss)
		}
		got := func(s series) string {
			var b strings.Builder
			for _, d := range s.Data {
				b.WriteString(strings.TrimSuffix(strings.TrimSuffix(jsonOf(d.Value), "000"), "\"") + " ")
			}
			return b.String()
		}
		if a, b := got(ss[0]), got(ss[1]); a != `24 24 "- ` || b != `"- 24 23 ` {
			t.Fatalf("solid %s, dashed %s", a, b)
		}
		if !strings.Contains(string(out), `<p class="ds-note">Dashed lines are still partial: the data is complete through 2026-03-04 15:00 UTC.</p>`) {
			t.Fatalf("no note in\n%s", out)
		}
		if !strings.Contains(string(out), `2026-03-04</time> <span class="ds-partial-mark">(partial)</span>`) {
			t.Fatalf("partial row not marked in\n%s", out)
		}
	})
	t.Run("BarLighterFutureEmpty", func(t *testing.T) {
		s := &build.Site{Through: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
		out, err := render(s, checkout(t), []byte("type: bar\nquery: orders\n"), 1)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), `"data":[{"value":24000},{"value":24000,"itemStyle":{"opacity":0.4}},{"value":"-"}]`) {
			t.Fatalf("bars:\n%s", out)
		}
		if !strings.Contains(string(out), "Lighter bars are still partial") || strings.Contains(string(out), "2026-03-04</time>") {
			t.Fatalf("note or future row:\n%s", out)
		}
	})
	t.Run("Complete", func(t *testing.T) {
		s := &build.Site{Through: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)}
		out, err := render(s, checkout(t), []byte("type: line\nquery: orders\n"), 1)
		if err != nil {
			t.Fatal(err)
		}
		if ss := options(t, out); len(ss) != 1 || strings.Contains(string(out), "ds-note") {
			t.Fatalf("a complete range drawn with a partial tail:\n%s", out)
		}
	})
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
