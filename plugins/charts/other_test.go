package charts

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// TestOtherIsGrey: (other), the values a breakdown does not show, is
// drawn in a neutral grey on axis charts and pies, whatever its place;
// the groups shown keep the palette's colours.
func TestOtherIsGrey(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	pts := []build.Point{{Time: day, Value: 1}}
	r := &build.Result{
		Query:  build.Query{Event: "e", Measure: build.CountMeasure, By: "plan", Every: build.Daily, From: day, To: day.AddDate(0, 0, 1), Loc: time.UTC},
		Points: pts, Total: 4,
		Groups: []build.Group{{Value: "pro", Total: 1, Points: pts}, {Value: "free", Total: 1, Points: pts}, {Value: "team", Total: 1, Points: pts}, {Value: build.OtherGroup, Total: 1, Points: pts}},
	}
	type style struct{ Color string }
	type item struct {
		Name      string
		ItemStyle style
	}
	for _, typ := range []string{"stacked", "line", "pie"} {
		d, err := draw("chart-1", spec{Type: typ, Query: "q", Title: "T", Height: DefaultHeight, Format: "number"}, r, completeness{partial: 1, future: 1})
		if err != nil {
			t.Fatal(err)
		}
		m := optionsRE.FindSubmatch(d.html)
		var opt struct {
			Series []struct {
				Name      string
				ItemStyle style
				LineStyle style
				Data      json.RawMessage
			}
		}
		if m == nil || json.Unmarshal(m[2], &opt) != nil {
			t.Fatalf("%s: no options in\n%s", typ, d.html)
		}
		colors := map[string]string{} // series or slice name -> colour
		for _, s := range opt.Series {
			colors[s.Name] = s.ItemStyle.Color + s.LineStyle.Color
			var items []item
			if json.Unmarshal(s.Data, &items) == nil {
				for _, it := range items {
					if it.ItemStyle.Color != "" {
						colors[it.Name] = it.ItemStyle.Color
					}
				}
			}
		}
		if got := colors[build.OtherGroup]; got != otherColor && got != otherColor+otherColor {
			t.Errorf("%s: (other) is %q, want the grey %s (colours %v)", typ, got, otherColor, colors)
		}
		if got := colors["pro"]; got != palette[0] && got != palette[0]+palette[0] {
			t.Errorf("%s: the first group is %q, want the palette's first, %s", typ, got, palette[0])
		}
	}
}
