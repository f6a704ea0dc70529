package charts

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/dashsmith/dashsmith/build"
)

// echart renders a line, bar or area chart: a figure holding the element
// ECharts draws in and its options as JSON in a <script type="application/json">.
//
// The options are built with go-echarts and marshalled here with
// encoding/json, which escapes <, >, & and U+2028/U+2029: an event name such
// as "</script>" cannot end the script element. go-echarts' own page
// renderer and JSONNotEscaped do not escape, and are not used.
func echart(id string, sp spec, r *build.Result) ([]byte, error) {
	labels, values := series(r)
	lines := []named{{sp.Title, values}}
	if len(r.Groups) > 0 {
		lines = lines[:0]
		for _, g := range r.Groups {
			lines = append(lines, named{g.Value, groupValues(g)})
		}
	}
	global := []gecharts.GlobalOpts{
		gecharts.WithAnimation(false),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(r.Groups) > 0), Bottom: "0"}),
		gecharts.WithGridOpts(opts.Grid{Left: "24", Right: "32", Top: "16", Bottom: gridBottom(r), ContainLabel: opts.Bool(true)}),
		gecharts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		gecharts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1}),
	}
	var option map[string]any
	switch sp.Type {
	case "bar", "stacked":
		c := gecharts.NewBar()
		c.SetGlobalOptions(global...)
		c.SetXAxis(labels)
		for _, l := range lines {
			data := make([]opts.BarData, len(l.values))
			for i, v := range l.values {
				data[i] = opts.BarData{Value: v}
			}
			var so []gecharts.SeriesOpts
			if sp.Type == "stacked" {
				so = append(so, gecharts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
			}
			c.AddSeries(l.name, data, so...)
		}
		c.Validate()
		option = c.JSON()
	case "line", "area":
		c := gecharts.NewLine()
		c.SetGlobalOptions(global...)
		c.SetXAxis(labels)
		for _, l := range lines {
			data := make([]opts.LineData, len(l.values))
			for i, v := range l.values {
				data[i] = opts.LineData{Value: v}
			}
			so := []gecharts.SeriesOpts{gecharts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(len(l.values) <= 31)})}
			if sp.Type == "area" {
				so = append(so, gecharts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.25)}))
			}
			c.AddSeries(l.name, data, so...)
		}
		c.Validate()
		option = c.JSON()
	default:
		return nil, fmt.Errorf("type %q is not drawn with ECharts", sp.Type)
	}
	js, err := json.Marshal(option)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<figure class=\"ds-chart ds-chart-%s\" id=\"%s\">\n", sp.Type, id)
	fmt.Fprintf(&b, "<figcaption>%s</figcaption>\n", html.EscapeString(sp.Title))
	fmt.Fprintf(&b, "<div class=\"ds-echart\" data-options=\"%s-options\" style=\"height:%dpx\" role=\"img\" aria-label=\"%s\"></div>\n",
		id, sp.Height, html.EscapeString(describe(sp, r)))
	fmt.Fprintf(&b, "<script type=\"application/json\" id=\"%s-options\">%s</script>\n", id, js)
	b.WriteString("</figure>\n")
	return []byte(b.String()), nil
}

// describe says in words what a chart shows, for screen readers:
// "Line chart: Orders, Order Completed count per day from 2026-03-02 to
// 2026-03-04, total 71,000".
func describe(sp spec, r *build.Result) string {
	kind := map[string]string{"line": "Line chart", "area": "Area chart", "bar": "Bar chart", "stacked": "Stacked bar chart"}[sp.Type]
	s := fmt.Sprintf("%s: %s, %s %s per %s", kind, sp.Title, r.Query.Event, r.Query.Measure, r.Query.Every)
	if r.Query.By != "" {
		s += " by " + r.Query.By
	}
	if first, last, ok := span(r); ok {
		s += fmt.Sprintf(" from %s to %s", first, last)
	}
	return s + ", total " + formatNumber(r.Total)
}

// named is one series of a chart.
type named struct {
	name   string
	values []float64
}

// groupValues returns a breakdown group's values in bucket order.
func groupValues(g build.Group) []float64 {
	vs := make([]float64, len(g.Points))
	for i, p := range g.Points {
		vs[i] = p.Value
	}
	return vs
}

// gridBottom leaves room under the axis for the legend of a breakdown.
func gridBottom(r *build.Result) string {
	if len(r.Groups) > 0 {
		return "36"
	}
	return "8"
}
