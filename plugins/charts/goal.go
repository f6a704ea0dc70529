package charts

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// goalTypes are the chart types a goal: key may be given on: the time
// charts, where it is a dashed line, and number, where it is progress.
var goalTypes = []string{"area", "bar", "line", "number", "stacked"}

// goalLabel is how a goal reads on a chart and under it: "Goal 1,000",
// formatted as the chart formats its values.
func goalLabel(goal float64, format string) string {
	return "Goal " + formatValue(goal, format)
}

// checkGoal says why a chart block's goal cannot be used, or "".
func checkGoal(sp spec) string {
	switch {
	case sp.Goal == nil:
		return ""
	case math.IsNaN(*sp.Goal) || math.IsInf(*sp.Goal, 0):
		return "goal must be a number, such as goal: 1000 or goal: 0.25"
	case !contains(goalTypes, sp.Type):
		return fmt.Sprintf("goal draws a target on a time chart or a number, not on type %s: use it with %s", sp.Type, strings.Join(goalTypes, ", "))
	}
	return ""
}

// withGoal adds the goal of an axis chart to its ECharts options as one
// more series: a dashed horizontal line at the goal over every bucket,
// with its label at the end. Being a series, it is inside the y-axis
// range, so the target is always visible. The options are round-tripped
// through JSON to append to go-echarts' typed series; charts without a
// goal are not touched, so their output stays as it was.
func withGoal(option map[string]any, goal float64, format string, buckets int) (map[string]any, error) {
	out, err := plainOptions(option)
	if err != nil {
		return nil, err
	}
	if grids, ok := out["grid"].([]any); ok && len(grids) > 0 {
		if grid, ok := grids[0].(map[string]any); ok {
			grid["right"] = "88" // room for the label at the line's end
		}
	}
	series, _ := out["series"].([]any)
	data := make([]float64, buckets)
	for i := range data {
		data[i] = goal
	}
	label := goalLabel(goal, format)
	out["series"] = append(series, map[string]any{
		"type":      "line",
		"name":      label,
		"data":      data,
		"symbol":    "none",
		"silent":    true,
		"z":         1,
		"lineStyle": map[string]any{"type": "dashed", "color": "#6b7280", "width": 1},
		"itemStyle": map[string]any{"color": "#6b7280"},
		"endLabel":  map[string]any{"show": true, "formatter": label, "color": "#374151"},
		"tooltip":   map[string]any{"show": false},
	})
	return out, nil
}

// goalProgress writes a number card's progress to its goal: "62% of goal
// 1,000" and a small bar (styled inline, so the site's stylesheet is
// unchanged), plain HTML that reads without JavaScript. A
// missing total or a goal of 0 gives no percentage.
func goalProgress(total float64, gap bool, goal float64, format string) string {
	text := html.EscapeString(goalLabel(goal, format))
	if gap || goal == 0 {
		return fmt.Sprintf("<p class=\"ds-goal\">%s</p>\n", text)
	}
	share := total / goal
	pct := strconv.FormatFloat(math.Round(share*100), 'f', 0, 64)
	bar := math.Max(0, math.Min(1, share))
	return fmt.Sprintf("<p class=\"ds-goal\">%s%% of %s<span class=\"ds-goal-bar\" aria-hidden=\"true\" style=\"display:block;height:4px;margin-top:4px;background:#e5e7eb;border-radius:2px\"><span style=\"display:block;height:4px;border-radius:2px;background:currentColor;width:%s%%\"></span></span></p>\n",
		pct, strings.ToLower(text[:1])+text[1:], strconv.FormatFloat(math.Round(bar*100), 'f', 0, 64))
}

// plainOptions is a chart's ECharts options as plain maps and slices
// (through JSON), so that a series can be appended to go-echarts' typed
// ones.
func plainOptions(option map[string]any) (map[string]any, error) {
	js, err := json.Marshal(option)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	err = json.Unmarshal(js, &out)
	return out, err
}
