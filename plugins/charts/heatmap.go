package charts

import (
	"fmt"
	"math"
	"strconv"
	"time"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/dashsmith/dashsmith/build"
)

// weekdays label the heatmap's rows, Monday first (ISO 8601).
var weekdays = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

// heat adds up an hourly result by weekday and hour of day, in the
// query's timezone. Hours not yet in the data are left out, and so are
// gaps: a cell whose hours in range are all gaps is NaN, drawn empty (a
// cell with no hour in range stays 0, as before).
func heat(r *build.Result, cm completeness) [7][24]float64 {
	var cells [7][24]float64
	var seen, gap [7][24]bool
	loc := r.Query.Loc
	if loc == nil {
		loc = time.UTC
	}
	for i, p := range r.Points {
		if cm.state(i) == "future" {
			continue
		}
		t := p.Time.In(loc)
		d, h := (int(t.Weekday())+6)%7, t.Hour()
		if p.Gap {
			gap[d][h] = true
			continue
		}
		cells[d][h] += p.Value
		seen[d][h] = true
	}
	for d := range cells { // adding rounded sums leaves noise again
		for h := range cells[d] {
			cells[d][h] = r.Query.Measure.Round(cells[d][h])
			if gap[d][h] && !seen[d][h] {
				cells[d][h] = math.NaN()
			}
		}
	}
	return cells
}

// heatmapChart renders an hourly query as hour of day × weekday.
func heatmapChart(id string, sp spec, r *build.Result, cm completeness) ([]byte, error) {
	cells := heat(r, cm)
	hours := make([]string, 24)
	for h := range hours {
		hours[h] = fmt.Sprintf("%02d", h)
	}
	var data []opts.HeatMapData
	high := 0.0
	for d := range cells {
		for h, v := range cells[d] {
			if math.IsNaN(v) {
				continue
			}
			data = append(data, opts.HeatMapData{Value: [3]any{h, d, v}})
			high = max(high, v)
		}
	}
	c := gecharts.NewHeatMap()
	c.SetGlobalOptions(
		gecharts.WithAnimation(false),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		gecharts.WithGridOpts(opts.Grid{Left: "24", Right: "32", Top: "16", Bottom: "56", ContainLabel: opts.Bool(true)}),
		gecharts.WithXAxisOpts(opts.XAxis{Type: "category", Data: hours, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		gecharts.WithYAxisOpts(opts.YAxis{Type: "category", Data: weekdays, Inverse: opts.Bool(true), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		gecharts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(false), Min: 0, Max: float32(max(high, 1)),
			Orient: "horizontal", Left: "center", Bottom: "0", Text: []string{"more", "fewer"}, InRange: &opts.VisualMapInRange{Color: []string{"#e8f1fb", "#0b5cad"}}}),
	)
	c.AddSeries(sp.Title, data)
	c.Validate()
	return echart(id, sp, r, c.JSON(), "heatmap", "", cm)
}

// heatGrid tabulates the heatmap: a row per weekday, a column per hour.
func heatGrid(sp spec, cells [7][24]float64) grid {
	g := grid{head: []string{"Weekday"}}
	for h := 0; h < 24; h++ {
		g.head = append(g.head, fmt.Sprintf("%02d", h))
	}
	for d, row := range cells {
		out := []cell{{text: weekdays[d], sort: strconv.Itoa(d)}}
		for _, v := range row {
			out = append(out, totalCell(v, false, sp.Format))
		}
		g.rows = append(g.rows, out)
	}
	return g
}
