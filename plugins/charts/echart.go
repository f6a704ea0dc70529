package charts

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"strings"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/dashsmith/dashsmith/build"
)

// palette is ECharts' default palette, set on each series explicitly so
// that a series and its dashed partial tail share a colour.
var palette = []string{"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"}

// otherColor is the colour of (other), the values a breakdown does not
// show: a neutral grey, so that it reads as the rest, not as an alarm
// (the palette's fourth colour is red).
const otherColor = "#9ca3af"

// colorOf is the colour of the i-th series of a chart, the breakdown
// group group ("" for a chart without groups).
func colorOf(i int, group string) string {
	if group == build.OtherGroup {
		return otherColor
	}
	return palette[i%len(palette)]
}

// noValue is ECharts' "no data here": the bucket is not drawn.
const noValue = "-"

// axisChart renders a line, area, bar or stacked chart, its partial
// buckets drawn dashed (lines) or lighter (bars).
func axisChart(id string, sp spec, r *build.Result, cm completeness) ([]byte, error) {
	labels, _ := series(r)
	lines := []named{{sp.Title, values(r.Points), palette[0]}}
	if len(r.Groups) > 0 {
		lines = lines[:0]
		for i, g := range r.Groups {
			lines = append(lines, named{groupName(g.Value), values(g.Points), colorOf(i, g.Value)})
		}
	}
	minInterval := 0.0
	if sp.Format != "percent" && sp.Format != "currency" && wholeValues(r.Query) {
		minInterval = 1
	}
	global := []gecharts.GlobalOpts{
		gecharts.WithAnimation(false),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(r.Groups) > 0), Bottom: "0"}),
		gecharts.WithGridOpts(opts.Grid{Left: "24", Right: "32", Top: "16", Bottom: gridBottom(r), ContainLabel: opts.Bool(true)}),
		gecharts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		gecharts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: minInterval}),
	}
	var option map[string]any
	var note string
	switch sp.Type {
	case "bar", "stacked":
		c := gecharts.NewBar()
		c.SetGlobalOptions(global...)
		c.SetXAxis(labels)
		for _, l := range lines {
			data := make([]opts.BarData, len(l.values))
			for j, v := range l.values {
				switch {
				case math.IsNaN(v):
					data[j] = opts.BarData{Value: noValue}
				case cm.state(j) == "future":
					data[j] = opts.BarData{Value: noValue}
				case cm.state(j) == "partial":
					data[j] = opts.BarData{Value: v, ItemStyle: &opts.ItemStyle{Opacity: opts.Float(0.4)}}
				default:
					data[j] = opts.BarData{Value: v}
				}
			}
			so := []gecharts.SeriesOpts{gecharts.WithItemStyleOpts(opts.ItemStyle{Color: l.color})}
			if sp.Type == "stacked" {
				so = append(so, gecharts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
			}
			c.AddSeries(l.name, data, so...)
		}
		c.Validate()
		option = c.JSON()
		note = "Lighter bars"
	case "line", "area":
		c := gecharts.NewLine()
		c.SetGlobalOptions(global...)
		c.SetXAxis(labels)
		for _, l := range lines {
			addLine(c, l, l.color, sp.Type == "area", cm)
		}
		c.Validate()
		option = c.JSON()
		note = "Dashed lines"
	default:
		return nil, fmt.Errorf("type %q is not drawn on axes", sp.Type)
	}
	if cm.hasPartial() {
		note += " are still partial: the data is complete through " + cm.throughLabel(r) + "."
	} else {
		note = ""
	}
	return echart(id, sp, r, option, "axis", note, cm)
}

// addLine adds one series as two: its complete buckets solid, and its
// partial ones dashed, joined at the last complete bucket. Both carry the
// series' name, so the legend shows and toggles them as one.
func addLine(c *gecharts.Line, l named, color string, area bool, cm completeness) {
	solid := make([]opts.LineData, len(l.values))
	dashed := make([]opts.LineData, len(l.values))
	for j, v := range l.values {
		solid[j], dashed[j] = opts.LineData{Value: noValue}, opts.LineData{Value: noValue}
		if math.IsNaN(v) {
			continue
		}
		if j < cm.partial {
			solid[j].Value = v
		}
		if j < cm.future && j >= cm.partial-1 {
			dashed[j].Value = v
		}
	}
	show := opts.Bool(len(l.values) <= 31)
	for _, part := range []struct {
		data    []opts.LineData
		style   string
		opacity float32
	}{{solid, "solid", 0.25}, {dashed, "dashed", 0.1}} {
		if part.style == "dashed" && !cm.hasPartial() {
			break
		}
		so := []gecharts.SeriesOpts{
			gecharts.WithLineChartOpts(opts.LineChart{ShowSymbol: show}),
			gecharts.WithItemStyleOpts(opts.ItemStyle{Color: color}),
			gecharts.WithLineStyleOpts(opts.LineStyle{Color: color, Type: part.style}),
		}
		if area {
			so = append(so, gecharts.WithAreaStyleOpts(opts.AreaStyle{Color: color, Opacity: opts.Float(part.opacity)}))
		}
		c.AddSeries(l.name, part.data, so...)
	}
}

// echart writes the element ECharts draws in, its options as JSON in a
// <script type="application/json">, and the card around them.
//
// The options are built with go-echarts and marshalled here with
// encoding/json, which escapes <, >, & and U+2028/U+2029: an event name such
// as "</script>" cannot end the script element. go-echarts' own page
// renderer and JSONNotEscaped do not escape, and are not used.
func echart(id string, sp spec, r *build.Result, option map[string]any, kind, note string, cm completeness) ([]byte, error) {
	if sp.Goal != nil && kind == "axis" {
		var err error
		if option, err = withGoal(option, *sp.Goal, sp.Format, len(r.Points)); err != nil {
			return nil, err
		}
	}
	if sp.Goal != nil {
		note = strings.TrimSpace(note + " " + goalLabel(*sp.Goal, sp.Format) + ".")
	}
	if len(sp.marks) > 0 && kind == "axis" {
		var err error
		if option, err = withMarks(option, sp.marks); err != nil {
			return nil, err
		}
		note = strings.TrimSpace(note + " " + marksNote(sp.marks, r.Query.Loc))
	}
	js, err := json.Marshal(option)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<div class=\"ds-echart\" data-options=\"%s-options\" data-height=\"%d\" data-kind=\"%s\" data-format=\"%s\" role=\"img\" aria-label=\"%s\"></div>\n",
		id, sp.Height, kind, sp.Format, html.EscapeString(describe(sp, r, cm)))
	fmt.Fprintf(&b, "<script type=\"application/json\" id=\"%s-options\">%s</script>\n", id, js)
	data := seriesGrid(sp, r, cm)
	switch sp.Type {
	case "pie":
		data = pieGrid(sp, r)
	case "heatmap":
		data = heatGrid(sp, heat(r, cm))
	}
	return figure{id: id, sp: sp, data: &data, open: true, note: note, folded: r.Folded}.html(b.String()), nil
}

// describe says in words what a chart shows, for screen readers:
// "Line chart: Orders, Order Completed count per day from 2026-03-02 to
// 2026-03-04, total 71,000".
func describe(sp spec, r *build.Result, cm completeness) string {
	kind := map[string]string{"line": "Line chart", "area": "Area chart", "bar": "Bar chart", "stacked": "Stacked bar chart",
		"pie": "Pie chart", "heatmap": "Heatmap by hour of day and weekday"}[sp.Type]
	s := fmt.Sprintf("%s: %s, %s %s", kind, sp.Title, build.Display(r.Query.Event), r.Query.Measure)
	if r.Query.Formula != "" {
		s = fmt.Sprintf("%s: %s, %s", kind, sp.Title, build.Display(r.Query.Formula))
	}
	if sp.Type != "pie" && sp.Type != "heatmap" {
		s += " per " + string(r.Query.Every)
	}
	if r.Query.By != "" {
		s += " by " + r.Query.By
	}
	if first, last, ok := span(r, cm); ok {
		s += fmt.Sprintf(" from %s to %s", first, last)
	}
	if totalGap(r) {
		return s + ", total " + missing
	}
	return s + ", total " + formatValue(r.Total, sp.Format)
}

// named is one series of a chart.
type named struct {
	name   string
	values []float64
	color  string
}

// values returns a series' values in bucket order.
func values(points []build.Point) []float64 {
	vs := make([]float64, len(points))
	for i, p := range points {
		vs[i] = pointValue(p)
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

// wholeValues reports whether the query's values are whole numbers:
// those of a measure that reads no number (count, unique), so that an axis
// shows no fractions of them; not a formula's (a ratio) nor a rolling
// mean's.
func wholeValues(q build.Query) bool {
	if q.Formula != "" || q.Rolling > 0 {
		return false
	}
	t, err := q.Measure.Type()
	return err != nil || t.Input() != build.NumberInput
}
