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

// TestCharts_Bidi: an event name, breakdown values and a template's value
// that carry bidirectional override and isolate characters are shown
// with those characters written out (build.Display) in every chart type,
// in the options JSON, the table, and the CSV and JSON files beside the
// page; nothing of the query itself changes.
func TestCharts_Bidi(t *testing.T) {
	const event = "Sign\u202eUp"
	pro, ent := "pro\u2066x\u2069", "=ent\u202e"
	q, err := build.QuerySpec{Event: event, Every: "day", Range: "last 2 days", By: "plan"}.Resolve("plans", now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	hourly, err := build.QuerySpec{Event: event, Every: "hour", Range: "last 2 days"}.Resolve("hourly", now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string]map[build.Hour]*build.Cell{}
	for i, g := range []string{pro, ent} {
		groups[g] = map[build.Hour]*build.Cell{build.HourOf(q.From): storetest.Cell(build.CountMeasure, int64(3+i), 0)}
	}
	r, err := build.FillGroups(q, groups)
	if err != nil {
		t.Fatal(err)
	}
	p := &build.Page{Source: "e.md", URL: "e/", Each: "v\u2067",
		Meta: build.Meta{Queries: map[string]build.QuerySpec{"plans": {}, "hourly": {}}},
		Data: map[string]*build.Result{"plans": r, "hourly": build.Fill(hourly, map[build.Hour]float64{build.HourOf(hourly.From): 2})}}
	s := &build.Site{}
	render := New(Options{}).Blocks()["chart"]
	var out strings.Builder
	for _, body := range []string{
		"type: line\nquery: plans\n", "type: area\nquery: plans\ntitle: On $each\n", "type: bar\nquery: plans\n",
		"type: stacked\nquery: plans\n", "type: pie\nquery: plans\n", "type: table\nquery: plans\n",
		"type: number\nquery: plans\n", "type: heatmap\nquery: hourly\ntitle: $each by hour\n", "type: line\nquery: hourly\n",
	} {
		html, err := render(s, p, []byte(body), 1)
		if err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		out.Write(html)
	}
	all := out.String()
	for name, data := range s.Files {
		all += "\n" + name + "\n" + string(data)
	}
	if i := strings.IndexFunc(all, build.IsBidiControl); i >= 0 {
		t.Fatalf("a bidirectional control character is shown at %d:\n%s", i, all[max(0, i-200):min(len(all), i+200)])
	}
	for _, want := range []string{
		`"name":"pro\u003cU+2066\u003ex\u003cU+2069\u003e"`, // a series, in the options JSON
		`<figcaption>On v&lt;U+2067&gt;</figcaption>`,
		`<th scope="row" data-value="pro&lt;U+2066&gt;x&lt;U+2069&gt;">pro&lt;U+2066&gt;x&lt;U+2069&gt;</th>`, // the pie's table
		`aria-label="Line chart: Sign&lt;U+202E&gt;Up, Sign&lt;U+202E&gt;Up count per day by plan`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %s in\n%s", want, all)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(string(s.Files["e/chart-1.csv"]))).ReadAll()
	if err != nil || len(rows) < 3 || rows[1][1] != "'=ent<U+202E>" {
		t.Errorf("CSV rows %q, %v: want the value written out, and no formula", rows, err)
	}
	var f dataFile
	if err := json.Unmarshal(s.Files["e/chart-1.json"], &f); err != nil {
		t.Fatal(err)
	}
	if f.Event != "Sign<U+202E>Up" || f.Title != "Sign<U+202E>Up" || len(f.Groups) != 2 || f.Groups[1].Value != "pro<U+2066>x<U+2069>" {
		t.Errorf("JSON file: %+v", f)
	}
	if r.Query.Event != event || r.Groups[1].Value != pro {
		t.Errorf("the result changed: %q %q", r.Query.Event, r.Groups[1].Value)
	}
}
