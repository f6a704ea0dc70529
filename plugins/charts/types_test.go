package charts

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// breakdown returns a page whose query "plans" has two groups.
func breakdown(t *testing.T) *build.Page {
	t.Helper()
	q, err := build.QuerySpec{Event: "Signed Up", Every: "day", Range: "last 2 days", By: "plan"}.Resolve("plans", now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	hours := func(v int64) map[build.Hour]*build.Cell {
		m := map[build.Hour]*build.Cell{}
		from, to := q.Hours()
		for h := from; h < to; h++ {
			m[h] = storetest.Cell(build.CountMeasure, v, 0)
		}
		return m
	}
	r, err := build.FillGroups(q, map[string]map[build.Hour]*build.Cell{"pro": hours(3), "": hours(1)})
	if err != nil {
		t.Fatal(err)
	}
	return &build.Page{Source: "p.md", Meta: build.Meta{Queries: map[string]build.QuerySpec{"plans": {}}}, Data: map[string]*build.Result{"plans": r}}
}

func TestCharts_Types(t *testing.T) {
	render := New(Options{}).Blocks()["chart"]
	t.Run("Pie", func(t *testing.T) {
		out, err := render(&build.Site{}, breakdown(t), []byte("type: pie\nquery: plans\nwidth: 1/3\n"), 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			`<figure class="ds-chart ds-chart-pie ds-w-1-3" id="chart-1">`,
			`data-kind="pie"`,
			`"data":[{"name":"pro","value":144,"itemStyle":{"color":"#5470c6"}},{"name":"(empty)","value":48,"itemStyle":{"color":"#91cc75"}}]`,
			`aria-label="Pie chart: Signed Up, Signed Up count by plan from 2026-03-03 to 2026-03-04, total 192"`,
			`<thead><tr><th scope="col">plan</th><th scope="col">Count</th><th scope="col">Share</th></tr></thead>`,
			`<tr><th scope="row" data-value="pro">pro</th><td data-value="144">144</td><td data-value="0.750000">75%</td></tr>`,
			`<tfoot><tr><th scope="row">Total</th><td>192</td><td>100%</td></tr></tfoot>`,
		} {
			if !strings.Contains(string(out), want) {
				t.Errorf("missing %s in\n%s", want, out)
			}
		}
	})
	t.Run("TableWithGroups", func(t *testing.T) {
		out, err := render(&build.Site{}, breakdown(t), []byte("type: table\nquery: plans\n"), 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			`<thead><tr><th scope="col">Day</th><th scope="col">pro</th><th scope="col">(empty)</th><th scope="col">Total</th></tr></thead>`,
			`<td data-value="72">72</td><td data-value="24">24</td><td data-value="96">96</td></tr>`,
			`<tfoot><tr><th scope="row">Total</th><td>144</td><td>48</td><td>192</td></tr></tfoot>`,
		} {
			if !strings.Contains(string(out), want) {
				t.Errorf("missing %s in\n%s", want, out)
			}
		}
	})
	t.Run("Heatmap", func(t *testing.T) {
		// 2026-03-02 is a Monday; in New York its first hours are still Sunday.
		q, err := build.QuerySpec{Event: "e", Every: "hour", Range: "2026-03-02..2026-03-03"}.Resolve("h", now, nyc)
		if err != nil {
			t.Fatal(err)
		}
		hourly := map[build.Hour]float64{build.HourOf(time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC)): 7}
		p := &build.Page{Source: "h.md", Meta: build.Meta{Queries: map[string]build.QuerySpec{"h": {}}}, Data: map[string]*build.Result{"h": build.Fill(q, hourly)}}
		out, err := render(&build.Site{}, p, []byte("type: heatmap\nquery: h\n"), 1)
		if err != nil {
			t.Fatal(err)
		}
		m := optionsRE.FindSubmatch(out)
		var opt struct {
			Series    []struct{ Data []struct{ Value [3]float64 } }
			XAxis     []struct{ Data []string }
			YAxis     []struct{ Data []string }
			Legend    struct{ Show bool }
			VisualMap []struct{ Max float64 }
		}
		if m == nil || json.Unmarshal(m[2], &opt) != nil || len(opt.Series[0].Data) != 7*24 {
			t.Fatalf("options:\n%s", out)
		}
		for _, d := range opt.Series[0].Data {
			if d.Value[2] != 0 && d.Value != [3]float64{9, 0, 7} { // Monday 09:00 in New York
				t.Fatalf("cell %v", d.Value)
			}
		}
		if strings.Join(opt.YAxis[0].Data, ",") != "Mon,Tue,Wed,Thu,Fri,Sat,Sun" || opt.VisualMap[0].Max != 7 ||
			len(opt.XAxis[0].Data) != 24 || opt.XAxis[0].Data[9] != "09" || opt.Legend.Show {
			t.Fatalf("%+v", opt)
		}
		if !strings.Contains(string(out), `<tr><th scope="row" data-value="0">Mon</th><td data-value="0">0</td>`) {
			t.Fatalf("heatmap table:\n%s", out)
		}
	})
	t.Run("NumberCompare", func(t *testing.T) {
		for _, tc := range []struct {
			name, opt string
			prev      float64
			want      string
		}{
			{"Up", "", 50000, `<span class="ds-delta ds-up ds-good"><span class="ds-arrow" aria-hidden="true">▲</span> up 42%</span> <span class="ds-vs">vs previous period (50,000)</span>`},
			{"UpIsBad", "down_is_good: true\n", 50000, `<span class="ds-delta ds-up ds-bad">`},
			{"DownIsGood", "down_is_good: true\n", 80000, `<span class="ds-delta ds-down ds-good"><span class="ds-arrow" aria-hidden="true">▼</span> down 11%</span>`},
			{"Flat", "format: currency\n", 71000, `<span class="ds-delta ds-flat"><span class="ds-arrow" aria-hidden="true">→</span> no change</span> <span class="ds-vs">vs previous period ($71,000.00)</span>`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p := checkout(t)
				r := *p.Data["orders"]
				r.Query.Compare = build.PreviousPeriod
				r.Previous = &build.Result{Total: tc.prev, Points: r.Points}
				p.Data["orders"] = &r
				out, err := render(&build.Site{}, p, []byte("type: number\nquery: orders\n"+tc.opt), 1)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(out), tc.want) || !strings.Contains(string(out), `<polyline class="ds-spark-prev"`) {
					t.Fatalf("missing %s in\n%s", tc.want, out)
				}
			})
		}
	})
}
