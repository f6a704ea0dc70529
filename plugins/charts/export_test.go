package charts

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

func TestExport(t *testing.T) {
	q, err := build.QuerySpec{Event: "</script>", Every: "day", Range: "last 2 days", By: "plan", Top: 10}.Resolve("q", now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	hostile := []string{"=1+2", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", `"><img src=x>`, "plain"}
	groups := map[string]map[build.Hour]*build.Cell{}
	for i, g := range hostile {
		groups[g] = map[build.Hour]*build.Cell{build.HourOf(q.From): storetest.Cell(build.CountMeasure, int64(10+i), 0)}
	}
	r, err := build.FillGroups(q, groups)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("CSV", func(t *testing.T) {
		rows, err := csv.NewReader(strings.NewReader(string(exportCSV(r, completenessOf(&build.Site{}, r))))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(rows[0], ",") != "time,group,value" || len(rows) != 1+2*len(hostile) {
			t.Fatalf("rows %q", rows)
		}
		for _, row := range rows[1:] {
			if g := row[1]; strings.ContainsRune("=+-@\t\r", rune(g[0])) {
				t.Errorf("cell %q would run as a formula", g)
			}
		}
		if rows[1][0] != "2026-03-03T00:00:00Z" || rows[1][1] != "plain" || rows[2][1] != `"><img src=x>` || rows[3][1] != "'\rx" ||
			rows[8][1] != "'=1+2" || rows[8][2] != "10" {
			t.Fatalf("rows %q", rows[1:9])
		}
	})
	t.Run("CSVCompare", func(t *testing.T) {
		p := checkout(t)
		o := *p.Data["orders"]
		o.Previous = &build.Result{Points: []build.Point{{Time: o.Points[0].Time.AddDate(0, 0, -3), Value: -1}, {}, {}}}
		got := string(exportCSV(&o, completenessOf(&build.Site{}, &o)))
		if !strings.HasPrefix(got, "time,value,previous_time,previous_value\n2026-03-02T00:00:00Z,24000,2026-02-27T00:00:00Z,-1\n") {
			t.Fatalf("got\n%s", got)
		}
	})
	t.Run("JSON", func(t *testing.T) {
		cm := completenessOf(&build.Site{Through: time.Date(2026, 3, 4, 15, 0, 0, 0, time.UTC)}, r)
		out, err := exportJSON(spec{Title: "<b>Plans</b>"}, r, cm)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(string(out), "<>") {
			t.Fatalf("unescaped < or > in\n%s", out)
		}
		var f dataFile
		if err := json.Unmarshal(out, &f); err != nil {
			t.Fatal(err)
		}
		if f.Title != "<b>Plans</b>" || f.Event != "</script>" || f.Query != "q" || f.By != "plan" || f.Through != "2026-03-04T15:00:00Z" ||
			len(f.Groups) != len(hostile) || f.Groups[1].Value != `"><img src=x>` || f.Groups[7].Value != "=1+2" || f.Timezone != "UTC" || len(f.Points) != 2 {
			t.Fatalf("%+v", f)
		}
	})
}

// thisWeek returns a page whose queries cover this week by day, as of
// Wednesday 2026-03-04: the days from Thursday on have not begun.
func thisWeek(t *testing.T) *build.Page {
	t.Helper()
	p := &build.Page{Source: "w.md", URL: "w/", Meta: build.Meta{Queries: map[string]build.QuerySpec{}}, Data: map[string]*build.Result{}}
	add := func(name string, qs build.QuerySpec, groups map[string]float64) {
		q, err := qs.Resolve(name, now, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		cells := map[string]map[build.Hour]*build.Cell{}
		for g, n := range groups {
			cells[g] = map[build.Hour]*build.Cell{}
			for h := build.HourOf(q.From); h < build.HourOf(now); h++ {
				cells[g][h] = storetest.Cell(build.CountMeasure, int64(n), 0)
			}
		}
		var r *build.Result
		if q.By == "" {
			r, err = build.FillCells(q, cells[""])
		} else {
			r, err = build.FillGroups(q, cells)
		}
		if err != nil {
			t.Fatal(err)
		}
		if q.Compare != "" {
			r.Previous = build.Fill(q, nil)
			for i := range r.Previous.Points {
				r.Previous.Points[i].Time = r.Points[i].Time.AddDate(0, 0, -7)
				r.Previous.Points[i].Value = 1
			}
		}
		p.Meta.Queries[name] = qs
		p.Data[name] = r
	}
	add("orders", build.QuerySpec{Event: "Order Completed", Range: "this week"}, map[string]float64{"": 1})
	add("plans", build.QuerySpec{Event: "Signed Up", Range: "this week", By: "plan"}, map[string]float64{"pro": 2, "free": 1})
	add("compared", build.QuerySpec{Event: "Order Completed", Range: "this week", Compare: "previous period"}, map[string]float64{"": 1})
	return p
}

func TestExport_FutureBuckets(t *testing.T) {
	s := &build.Site{Now: now, Files: map[string][]byte{}} // the store could not say: complete through now
	p := thisWeek(t)
	render := New(Options{}).Blocks()["chart"]
	for _, tc := range []struct {
		query string
		rows  []string
	}{
		{"orders", []string{"time,value", "2026-03-02T00:00:00Z,24", "2026-03-03T00:00:00Z,24", "2026-03-04T00:00:00Z,15"}},
		{"plans", []string{"time,group,value",
			"2026-03-02T00:00:00Z,pro,48", "2026-03-02T00:00:00Z,free,24",
			"2026-03-03T00:00:00Z,pro,48", "2026-03-03T00:00:00Z,free,24",
			"2026-03-04T00:00:00Z,pro,30", "2026-03-04T00:00:00Z,free,15"}},
		{"compared", []string{"time,value,previous_time,previous_value",
			"2026-03-02T00:00:00Z,24,2026-02-23T00:00:00Z,1", "2026-03-03T00:00:00Z,24,2026-02-24T00:00:00Z,1", "2026-03-04T00:00:00Z,15,2026-02-25T00:00:00Z,1"}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			if n := len(p.Data[tc.query].Points); n != 7 {
				t.Fatalf("%d buckets in this week", n)
			}
			id := "chart-" + string(rune('1'+p.Charts))
			out, err := render(s, p, []byte("type: table\nquery: "+tc.query+"\n"), 1)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(out), "2026-03-05") {
				t.Fatalf("the table shows a day not yet begun:\n%s", out)
			}
			rows, err := csv.NewReader(strings.NewReader(string(s.Files["w/"+id+".csv"]))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, row := range rows {
				got = append(got, strings.Join(row, ","))
			}
			if strings.Join(got, "\n") != strings.Join(tc.rows, "\n") {
				t.Errorf("CSV\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.rows, "\n"))
			}
			var f dataFile
			if err := json.Unmarshal(s.Files["w/"+id+".json"], &f); err != nil {
				t.Fatal(err)
			}
			if len(f.Points) != 3 || f.Points[2].Time != "2026-03-04T00:00:00Z" || f.To != "2026-03-09T00:00:00Z" {
				t.Errorf("JSON points %+v to %s: want the 3 days begun, to the end of the week", f.Points, f.To)
			}
			for _, g := range f.Groups {
				if len(g.Points) != 3 {
					t.Errorf("JSON group %q has %d points, want 3", g.Value, len(g.Points))
				}
			}
			if f.Previous != nil && len(f.Previous.Points) != 7 {
				t.Errorf("JSON previous period has %d points, want all 7", len(f.Previous.Points))
			}
		})
	}
	t.Run("AllBegun", func(t *testing.T) {
		s := &build.Site{Through: time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)}
		r := thisWeek(t).Data["orders"]
		cm := completenessOf(s, r)
		if n := strings.Count(string(exportCSV(r, cm)), "\n"); n != 1+7 {
			t.Errorf("%d CSV lines, want a header and 7 rows", n)
		}
	})
}
