package main

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// demoAnnotations puts a moment and a span on the demo's time charts.
const demoAnnotations = "- {at: 2026-11-02, text: \"v2 launch\"}\n- {at: 2026-11-10, until: 2026-11-13, text: \"Sale\"}\n"

// partsJS returns, for each chart of the page, what its options ask of
// ECharts that the bundle lacks: a series type it did not draw, or an
// option (grid, tooltip, legend, visualMap, markLine, markArea, ...)
// with no component to read it; an option that is empty or not shown
// needs none. ECharts draws a chart without a part it
// lacks and says nothing in its production build, so a console free of
// errors is not enough. It also lists the series types and components
// drawn.
const partsJS = `(() => {
	const out = {missing: [], drawn: []};
	const components = ["grid", "xAxis", "yAxis", "tooltip", "legend", "visualMap", "title", "dataZoom", "toolbox", "markLine", "markArea", "markPoint"];
	for (const el of document.querySelectorAll('.ds-echart')) {
		const id = el.getAttribute('data-options');
		const chart = echarts.getInstanceByDom(el);
		const option = JSON.parse(document.getElementById(el.getAttribute('data-options')).textContent);
		if (!chart) { out.missing.push(id + " needs: it is not drawn"); continue; }
		const model = chart.getModel();
		(option.series || []).forEach((s, i) => {
			const sm = model.getSeriesByIndex(i);
			if (!sm || sm.subType !== s.type) { out.missing.push(id + " needs: series " + s.type); } else { out.drawn.push(s.type); }
			for (const k of ["markLine", "markArea", "markPoint"]) {
				if (s[k]) { option[k] = true; }
			}
		});
		for (const k of components) {
			const v = option[k];
			const empty = (o) => o === undefined || o === null || o === false || (typeof o === "object" && (Object.keys(o).length === 0 || o.show === false));
			if (Array.isArray(v) ? v.every(empty) : empty(v)) { continue; } // go-echarts writes title: {}, toolbox: {}
			if (!model.getComponent(k)) { out.missing.push(id + " needs: " + k); } else { out.drawn.push(k); }
		}
	}
	return out;
})()`

// chartParts is what partsJS returns.
type chartParts struct {
	Missing []string `json:"missing"`
	Drawn   []string `json:"drawn"`
}

// TestBrowserECharts_Parts opens every page of the demo, with
// annotations, in headless Chromium and checks that the ECharts bundle
// has every chart type and component the pages' options use (see
// scripts/echarts/entry.js), and that between them the pages use them
// all: line, bar, pie and heatmap; axes, tooltips, legends, the
// heatmap's visual map, annotations' lines and areas.
func TestBrowserECharts_Parts(t *testing.T) {
	chromiumPath(t)
	dir, pages := buildDemo(t, map[string]string{"annotations.yaml": demoAnnotations})
	bctx := newBrowser(t)
	var drawn []string
	for _, page := range pages {
		rel, _ := filepath.Rel(dir, page)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			if checkPage(t, bctx, page) == 0 {
				return
			}
			ctx, cancel := chromedp.NewContext(bctx)
			defer cancel()
			tctx, cancelT := context.WithTimeout(ctx, 20*time.Second)
			defer cancelT()
			if err := chromedp.Do(tctx, chromedp.Navigate("file://"+page)); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`[...document.querySelectorAll('.ds-echart')].every(el => el.querySelector('canvas'))`)); err != nil {
				t.Fatal(err)
			}
			parts, err := chromedp.Run(tctx, chromedp.Evaluate[chartParts](partsJS))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range parts.Missing {
				t.Errorf("the ECharts bundle lacks what %s", m)
			}
			drawn = append(drawn, parts.Drawn...)
		})
	}
	for _, want := range []string{"line", "bar", "pie", "heatmap", "grid", "xAxis", "yAxis", "tooltip", "legend", "visualMap", "markLine", "markArea"} {
		if !slices.Contains(drawn, want) {
			t.Errorf("no demo page draws %s: the test no longer covers it (drawn: %s)", want, strings.Join(slices.Compact(slices.Sorted(slices.Values(drawn))), " "))
		}
	}
}
