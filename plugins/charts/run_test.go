package charts

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func TestCharts_Run(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opts    Options
		script  string
		bundled bool
	}{
		{"Bundled", Options{ECharts: []byte("/* echarts */")}, `<script src="../../assets/echarts-5.4.3.555573874d.min.js"></script><script src="../../assets/charts.js"></script>`, true},
		{"CDN", Options{}, `<script src="` + DefaultCDN + `" integrity="` + DefaultCDNIntegrity + `" crossorigin="anonymous"></script><script src="../../assets/charts.js"></script>`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(tc.opts)
			render := c.Blocks()["chart"]
			drawn, numbers, plain := checkout(t), checkout(t), checkout(t)
			s := &build.Site{Pages: []*build.Page{drawn, numbers, plain}, Files: map[string][]byte{}}
			for _, b := range []struct {
				p    *build.Page
				body string
			}{{drawn, "query: orders"}, {numbers, "type: number\nquery: orders"}, {numbers, "type: table\nquery: orders"}} {
				out, err := render(s, b.p, []byte(b.body), 1)
				if err != nil {
					t.Fatal(err)
				}
				b.p.Body = append(b.p.Body, out...)
			}
			if err := c.Run(context.Background(), s); err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(string(drawn.Body), tc.script+"\n") {
				t.Fatalf("drawn page does not end with the scripts:\n%s", drawn.Body)
			}
			if !strings.HasSuffix(string(numbers.Body), "</figure>\n<script src=\"../../assets/charts.js\"></script>\n") {
				t.Fatalf("a page of numbers and tables needs charts.js (to sort) and nothing more:\n%s", numbers.Body)
			}
			if len(plain.Body) != 0 {
				t.Fatalf("scripts on a page without charts:\n%s", plain.Body)
			}
			for _, name := range []string{"sales/x/chart-1.csv", "sales/x/chart-1.json", "sales/x/chart-2.json"} {
				if len(s.Files[name]) == 0 {
					t.Errorf("no %s in %v", name, keys(s.Files))
				}
			}
			if _, ok := s.Files["assets/charts.js"]; !ok {
				t.Fatal("no assets/charts.js")
			}
			if _, ok := s.Files["assets/echarts-5.4.3.555573874d.min.js"]; ok != tc.bundled {
				t.Fatalf("the bundle written: %v, want %v", ok, tc.bundled)
			}
		})
	}
	t.Run("NoCharts", func(t *testing.T) {
		s := &build.Site{Pages: []*build.Page{checkout(t)}, Files: map[string][]byte{}}
		if err := New(Options{}).Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if len(s.Files) != 0 {
			t.Fatalf("files written for a site without charts: %v", s.Files)
		}
	})
}

func TestCharts_Errors(t *testing.T) {
	render := New(Options{}).Blocks()["chart"]
	for _, tc := range []struct{ name, body, want string }{
		{"UnknownType", "query: orders\ntype: donut\n", `content/sales/checkout.md:12: chart: unknown type "donut" (types: area, bar, heatmap, line, number, pie, stacked, table)`},
		{"PieWithoutBy", "query: orders\ntype: pie\n", `content/sales/checkout.md:12: chart: type pie shares out the groups of a breakdown: give query "orders" a by: property`},
		{"StackedWithoutBy", "type: stacked\nquery: orders\n", `content/sales/checkout.md:11: chart: type stacked stacks the groups of a breakdown: give query "orders" a by: property`},
		{"HeatmapDaily", "type: heatmap\nquery: orders\n", `content/sales/checkout.md:11: chart: type heatmap lays hours over weekdays: give query "orders" every: hour`},
		{"BadFormat", "query: orders\nformat: dollars\n", `content/sales/checkout.md:12: chart: unknown format "dollars" (formats: compact, currency, duration, number, percent)`},
		{"BadWidth", "query: orders\nwidth: 1/5\n", `content/sales/checkout.md:12: chart: width "1/5": use full, 1/2, 1/3, 2/3, 1/4 or 3/4`},
		{"DownIsGoodOnLine", "query: orders\ndown_is_good: true\n", `content/sales/checkout.md:12: chart: down_is_good colours the change of a number: use it with type number`},
		{"DownIsGoodNotBool", "type: number\nquery: orders\ndown_is_good: maybe\n", `content/sales/checkout.md:13: expected true or false, got "maybe"`},
		{"UnknownQuery", "type: line\nquery: ordrs\n", `content/sales/checkout.md:12: chart: unknown query "ordrs" (queries: orders, revenue)`},
		{"NoQuery", "type: line\n", "content/sales/checkout.md:10: chart: no query: add `query: <name>` (queries: orders, revenue)"},
		{"UnknownKey", "type: line\nquery: orders\ncolour: red\n", `content/sales/checkout.md:13: unknown key "colour"`},
		{"BadHeight", "query: orders\nheight: 5\n", `content/sales/checkout.md:12: chart: height 5 is out of range: use 80 to 2000 (pixels)`},
		{"HeightNotNumber", "query: orders\nheight: tall\n", `content/sales/checkout.md:12: expected a whole number, got "tall"`},
		{"BadYAML", "query: [orders\n", `content/sales/checkout.md:11: bad YAML: the list or mapping opened on this line is not closed: end it with ] (or put the value in quotes)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := checkout(t)
			_, err := render(&build.Site{}, p, []byte(tc.body), 10)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got\n%v\nwant\n%s", err, tc.want)
			}
			if p.Charts != 0 {
				t.Fatalf("a failed chart was counted")
			}
		})
	}
	t.Run("NoData", func(t *testing.T) {
		p := checkout(t)
		p.Data = nil
		_, err := render(&build.Site{}, p, []byte("query: orders"), 3)
		if err == nil || !strings.Contains(err.Error(), `content/sales/checkout.md:4: chart: query "orders" has no data`) {
			t.Fatalf("got %v", err)
		}
	})
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestFormatNumber(t *testing.T) {
	for in, want := range map[float64]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 1234567: "1,234,567",
		-1234.5: "-1,234.5", 0.126: "0.13", 0.125: "0.12", 1e9: "1,000,000,000", -0.001: "0",
	} {
		if got := formatNumber(in); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", in, got, want)
		}
	}
}

// TestBundlePath: the bundle's name changes with its bytes, and hosts may
// cache it for good.
func TestBundlePath(t *testing.T) {
	a, b := BundlePath([]byte("/* echarts */")), BundlePath([]byte("/* echarts, with more */"))
	if a == b {
		t.Fatalf("two bundles share the name %s", a)
	}
	for _, name := range []string{a, b} {
		if cc := build.MetaFor(name, "").CacheControl; cc != "public, max-age=31536000, immutable" {
			t.Errorf("%s is served with Cache-Control %q, want it cached for good", name, cc)
		}
	}
}
