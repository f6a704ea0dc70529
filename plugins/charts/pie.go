package charts

import (
	"strconv"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/dashsmith/dashsmith/build"
)

// pieChart renders each group's share of a breakdown's total.
func pieChart(id string, sp spec, r *build.Result, cm completeness) ([]byte, error) {
	c := gecharts.NewPie()
	c.SetGlobalOptions(
		gecharts.WithAnimation(false),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", Type: "scroll"}),
	)
	data := make([]opts.PieData, len(r.Groups))
	for i, g := range r.Groups {
		data[i] = opts.PieData{Name: groupName(g.Value), Value: g.Total, ItemStyle: &opts.ItemStyle{Color: colorOf(i, g.Value)}}
	}
	c.AddSeries(sp.Title, data,
		gecharts.WithPieChartOpts(opts.PieChart{Radius: "55%", Center: []string{"50%", "45%"}}),
		gecharts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}: {d}%"}),
	)
	c.Validate()
	return echart(id, sp, r, c.JSON(), "pie", "", cm)
}

// pieGrid tabulates a breakdown's groups: total and share of the whole.
func pieGrid(sp spec, r *build.Result) grid {
	g := grid{head: []string{r.Query.By, title(measureLabel(r.Query)), "Share"}}
	var sum float64
	for _, gr := range r.Groups {
		sum += gr.Total
	}
	for _, gr := range r.Groups {
		share := 0.0
		if sum != 0 {
			share = gr.Total / sum
		}
		g.rows = append(g.rows, []cell{{text: groupName(gr.Value), sort: build.Display(gr.Value)}, totalCell(gr.Total, gr.TotalGap, sp.Format), {
			text: formatValue(share, "percent"), sort: strconv.FormatFloat(share, 'f', 6, 64)}})
	}
	g.foot = []cell{{text: "Total"}, num(sum, sp.Format), {text: "100%"}}
	return g
}
