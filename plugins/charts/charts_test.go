package charts

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones without the system's database

	"github.com/dashsmith/dashsmith/build"
)

var (
	now    = time.Date(2026, 3, 4, 15, 30, 0, 0, time.UTC)
	nyc, _ = time.LoadLocation("America/New_York")
)

// page returns a page with one query per name, each answered with value 1000
// in every hour but the last.
func page(t *testing.T, source string, queries map[string]build.QuerySpec) *build.Page {
	t.Helper()
	p := &build.Page{Source: source, URL: "sales/x/", Meta: build.Meta{Queries: queries}, Data: map[string]*build.Result{}}
	for name, qs := range queries {
		q, err := qs.Resolve(name, now, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		hourly := map[build.Hour]float64{}
		from, to := q.Hours()
		for h := from; h < to-1; h++ {
			hourly[h] = 1000
		}
		p.Data[name] = build.Fill(q, hourly)
	}
	return p
}

func checkout(t *testing.T) *build.Page {
	return page(t, "sales/checkout.md", map[string]build.QuerySpec{
		"orders":  {Event: "Order Completed", Every: "day", Range: "last 3 days"},
		"revenue": {Event: "Order Completed", Every: "hour", Range: "today"},
	})
}

var optionsRE = regexp.MustCompile(`<script type="application/json" id="(chart-\d+)-options">(.*)</script>`)

func TestCharts_Blocks(t *testing.T) {
	render := New(Options{}).Blocks()["chart"]
	t.Run("Line", func(t *testing.T) {
		p := checkout(t)
		out, err := render(&build.Site{}, p, []byte("type: line\nquery: orders\n"), 12)
		if err != nil {
			t.Fatal(err)
		}
		html := string(out)
		for _, want := range []string{
			`<figure class="ds-chart ds-chart-line" id="chart-1">`,
			"<figcaption>Order Completed</figcaption>",
			`<div class="ds-echart" data-options="chart-1-options" data-height="320" data-kind="axis" data-format="number" role="img" aria-label="Line chart: Order Completed, Order Completed count per day from 2026-03-02 to 2026-03-04, total 71,000"></div>`,
			"<details class=\"ds-menu\" open>\n<summary title=\"Data table and downloads\" aria-label=\"Data table and downloads: Order Completed\">\u22ef</summary>\n<div class=\"ds-menu-panel\">\n" +
				`<p class="ds-downloads">Download the data: <a href="chart-1.csv" download="order-completed.csv">CSV</a> · <a href="chart-1.json" download="order-completed.json">JSON</a></p>` +
				"\n<div class=\"ds-table\">\n<table class=\"ds-sortable\">",
			"</figure>",
		} {
			if !strings.Contains(html, want) {
				t.Errorf("missing %s in\n%s", want, html)
			}
		}
		m := optionsRE.FindStringSubmatch(html)
		if m == nil || m[1] != "chart-1" {
			t.Fatalf("no options script in\n%s", html)
		}
		var opt struct {
			Animation bool
			XAxis     []struct{ Data []string }
			Series    []struct {
				Name, Type string
				Data       []struct{ Value float64 }
			}
		}
		if err := json.Unmarshal([]byte(m[2]), &opt); err != nil {
			t.Fatal(err)
		}
		if opt.Animation || strings.Join(opt.XAxis[0].Data, ",") != "2026-03-02,2026-03-03,2026-03-04" ||
			opt.Series[0].Type != "line" || opt.Series[0].Data[0].Value != 24000 || opt.Series[0].Data[2].Value != 23000 {
			t.Fatalf("options: %+v", opt)
		}
		if p.Charts != 1 {
			t.Fatalf("Charts = %d", p.Charts)
		}
	})
	t.Run("HourLabelsAndIDs", func(t *testing.T) {
		p := checkout(t)
		for i, typ := range []string{"bar", "area", "number", "table", "line"} {
			out, err := render(&build.Site{}, p, []byte("type: "+typ+"\nquery: revenue\ntitle: Revenue\nheight: 200\n"), 1)
			if err != nil {
				t.Fatal(err)
			}
			id := "chart-" + string(rune('1'+i))
			if !strings.Contains(string(out), `<figure class="ds-chart ds-chart-`+typ+`" id="`+id+`">`) {
				t.Fatalf("%s: want id %s in\n%s", typ, id, out)
			}
			if typ == "bar" && !strings.Contains(string(out), `"2026-03-04 00:00","2026-03-04 01:00"`) {
				t.Fatalf("hour labels missing in\n%s", out)
			}
			if typ == "area" && !strings.Contains(string(out), `"areaStyle"`) {
				t.Fatalf("area without areaStyle:\n%s", out)
			}
		}
	})
	t.Run("HoursInSiteZone", func(t *testing.T) {
		q, err := build.QuerySpec{Event: "install", Every: "hour", Range: "today"}.Resolve("i", now, nyc)
		if err != nil {
			t.Fatal(err)
		}
		p := &build.Page{Source: "x.md", Meta: build.Meta{Queries: map[string]build.QuerySpec{"i": {}}}, Data: map[string]*build.Result{"i": build.Fill(q, nil)}}
		out, err := render(&build.Site{}, p, []byte("query: i"), 1)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), `"data":["2026-03-04 00:00","2026-03-04 01:00",`) {
			t.Fatalf("hours not in the site's zone:\n%s", out)
		}
	})
	t.Run("Number", func(t *testing.T) {
		out, err := render(&build.Site{}, checkout(t), []byte("type: number\nquery: orders\ntitle: Orders\n"), 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			`<figure class="ds-chart ds-chart-number" id="chart-1">
<figcaption>Orders</figcaption>
<details class="ds-menu">
<summary title="Data table and downloads" aria-label="Data table and downloads: Orders">⋯</summary>
<div class="ds-menu-panel">
<p class="ds-downloads">Download the data: <a href="chart-1.csv" download="orders.csv">CSV</a> · <a href="chart-1.json" download="orders.json">JSON</a></p>
<div class="ds-table">
<table class="ds-sortable">`,
			`</table>
</div>
</div>
</details>
<div class="ds-number"><data value="71000">71,000</data></div>
<svg class="ds-spark" viewBox="0 0 120 32" preserveAspectRatio="none" aria-hidden="true" focusable="false"><polyline class="ds-spark-line" points="0,1 60,1 120,31"`,
			"<p class=\"ds-span\">2026-03-02 to 2026-03-04</p>\n</figure>\n",
		} {
			if !strings.Contains(string(out), want) {
				t.Errorf("missing\n%s\nin\n%s", want, out)
			}
		}
		if strings.Contains(string(out), "ds-compare") {
			t.Errorf("a change without compare:\n%s", out)
		}
	})
	t.Run("Table", func(t *testing.T) {
		out, err := render(&build.Site{}, checkout(t), []byte("type: table\nquery: orders\nwidth: 2/3\n"), 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			`<figure class="ds-chart ds-chart-table ds-w-2-3" id="chart-1">`,
			`<div class="ds-table" style="max-height:480px" tabindex="0" role="region" aria-label="Order Completed">`,
			`<table class="ds-sortable">`,
			`<thead><tr><th scope="col">Day</th><th scope="col">Count</th></tr></thead>`,
			`<tr><td data-value="1772409600"><time datetime="2026-03-02T00:00:00Z">2026-03-02</time></td><td data-value="24000">24,000</td></tr>`,
			`<tfoot><tr><th scope="row">Total</th><td>71,000</td></tr></tfoot>`,
		} {
			if !strings.Contains(string(out), want) {
				t.Errorf("missing %s in\n%s", want, out)
			}
		}
		if strings.Count(string(out), "<table") != 1 {
			t.Errorf("a table with a data table:\n%s", out)
		}
		if !strings.Contains(string(out), "<details class=\"ds-menu\">\n<summary title=\"Downloads\" aria-label=\"Downloads: Order Completed\">") {
			t.Errorf("a table's menu should hold its downloads:\n%s", out)
		}
	})
	t.Run("Deterministic", func(t *testing.T) {
		body := []byte("type: area\nquery: revenue\n")
		a, _ := render(&build.Site{}, checkout(t), body, 1)
		b, _ := New(Options{}).Blocks()["chart"](&build.Site{}, checkout(t), body, 1)
		if string(a) != string(b) {
			t.Fatalf("two renders differ:\n%s\n%s", a, b)
		}
	})
}

// TestCharts_PageFiles: the data files a chart writes are declared on its
// page, with the page, as they are written.
func TestCharts_PageFiles(t *testing.T) {
	render := New(Options{}).Blocks()["chart"]
	s, p := &build.Site{}, checkout(t)
	for _, body := range []string{"type: line\nquery: orders\n", "type: number\nquery: revenue\n"} {
		if _, err := render(s, p, []byte(body), 1); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"sales/x/chart-1.csv", "sales/x/chart-1.json", "sales/x/chart-2.csv", "sales/x/chart-2.json"}
	if strings.Join(p.Files, " ") != strings.Join(want, " ") {
		t.Errorf("page files %q, want %q", p.Files, want)
	}
	for _, name := range p.Files {
		if len(s.Files[name]) == 0 {
			t.Errorf("%s declared, not written", name)
		}
	}
	if len(s.Files) != len(want) {
		t.Errorf("%d files written, %d declared", len(s.Files), len(want))
	}
}

func TestCharts_XSS(t *testing.T) {
	render := New(Options{}).Blocks()["chart"]
	const script = `</script><script>alert(1)</script>`
	const img = `"><img src=x onerror=alert(1)>`
	p := page(t, "x.md", map[string]build.QuerySpec{
		"s": {Event: script, Every: "day", Range: "last 2 days"},
		"i": {Event: img, Every: "day", Range: "last 2 days"},
	})
	for _, tc := range []struct{ name, body, raw string }{
		{"EventInScript", "query: s\n", script},
		{"EventInImg", "type: bar\nquery: i\n", img},
		{"TitleScript", "query: i\ntitle: '" + script + "'\n", script},
		{"TitleImg", "type: area\nquery: s\ntitle: '" + img + "'\n", img},
		{"Number", "type: number\nquery: s\ntitle: '" + img + "'\n", img},
		{"Table", "type: table\nquery: i\ntitle: '" + script + "'\n", script},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := render(&build.Site{}, p, []byte(tc.body), 1)
			if err != nil {
				t.Fatal(err)
			}
			html := string(out)
			for _, bad := range []string{"</script><script>", "<script>alert", "<img"} {
				if strings.Contains(html, bad) {
					t.Fatalf("unescaped %q in\n%s", bad, html)
				}
			}
			if m := optionsRE.FindStringSubmatch(html); m != nil {
				if strings.Count(html, "</script>") != 1 {
					t.Fatalf("the options script is closed early:\n%s", html)
				}
				var opt struct{ Series []struct{ Name string } }
				if err := json.Unmarshal([]byte(m[2]), &opt); err != nil || opt.Series[0].Name != tc.raw {
					t.Fatalf("series name %+v, %v; want %q back from JSON", opt, err, tc.raw)
				}
			}
		})
	}
}

// TestCharts_EachTitle checks that a template's copy says its value where
// a chart title says $each, escaped like any title, and that copies with
// the same data do not share a drawing.
func TestCharts_EachTitle(t *testing.T) {
	c := New(Options{})
	render := c.Blocks()["chart"]
	body := []byte("type: bar\nquery: orders\ntitle: Orders on $each\n")
	var outs []string
	for _, v := range []string{"pro", `<img src=x onerror=alert(1)>`} {
		p := checkout(t)
		p.Each = v
		out, err := render(&build.Site{}, p, body, 1)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, string(out))
	}
	if !strings.Contains(outs[0], "<figcaption>Orders on pro</figcaption>") {
		t.Errorf("the copy for pro:\n%s", outs[0])
	}
	if strings.Contains(outs[1], "<img") || !strings.Contains(outs[1], "<figcaption>Orders on &lt;img src=x onerror=alert(1)&gt;</figcaption>") {
		t.Errorf("the copy for a value with markup:\n%s", outs[1])
	}
	p := checkout(t) // not a copy: $each stays as written
	if out, err := render(&build.Site{}, p, body, 1); err != nil || !strings.Contains(string(out), "<figcaption>Orders on $each</figcaption>") {
		t.Errorf("a page that is no copy: %v\n%s", err, out)
	}
}
