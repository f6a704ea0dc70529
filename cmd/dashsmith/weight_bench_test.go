package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// weightPage is the demo page the first-load benchmark opens: three
// charts, range presets and their script, the heaviest demo page.
const weightPage = "sales/orders/index.html"

// firstChartJS notes in window.__dsFirstChart when, in milliseconds since
// the navigation started, the page first holds a chart's <canvas>: after
// the script that draws the charts has run (a MutationObserver's callback
// runs when that task is done).
const firstChartJS = `new MutationObserver((_, obs) => {
	if (document.querySelector('.ds-echart canvas')) {
		window.__dsFirstChart = performance.now();
		obs.disconnect();
	}
}).observe(document, {childList: true, subtree: true});`

// BenchmarkFirstLoad builds the demo site and measures the first load of
// weightPage: its weight gzipped (first-load-B, of which echarts-B; see
// firstLoad) and the median time to its first chart in headless Chromium
// (ms-to-chart; each iteration is one load in a new tab, from file://, so
// it is the browser's work, not the network's). With
// DASHSMITH_ECHARTS_FULL set to ECharts' full dist/echarts.min.js (make
// bench-weight sets it), it measures the same page with that file in the
// bundle's place too, side by side: "full" is the weight before the
// bundle. Run it with -benchtime 10x for ten loads.
func BenchmarkFirstLoad(b *testing.B) {
	dir, _ := buildDemo(b, nil)
	variants := []struct{ name, public string }{{"bundle", filepath.Join(dir, "public")}}
	if full := os.Getenv("DASHSMITH_ECHARTS_FULL"); full != "" {
		data, err := os.ReadFile(full)
		if err != nil {
			b.Fatal(err)
		}
		public := filepath.Join(dir, "public-full")
		copyTree(b, filepath.Join(dir, "public"), public)
		bundles, _ := filepath.Glob(filepath.Join(public, "assets", "echarts-*.min.js"))
		if len(bundles) != 1 {
			b.Fatalf("%d ECharts bundles in assets/", len(bundles))
		}
		if err := os.WriteFile(bundles[0], data, 0o644); err != nil {
			b.Fatal(err)
		}
		variants = append(variants, struct{ name, public string }{"full", public})
	}
	bctx := newBrowser(b)
	for _, v := range variants {
		b.Run(v.name, func(b *testing.B) {
			path := filepath.Join(v.public, filepath.FromSlash(weightPage))
			total, parts := firstLoad(b, path)
			echarts := 0
			for ref, n := range parts {
				if strings.Contains(ref, "echarts") {
					echarts += n
				}
			}
			var ms []float64
			for b.Loop() {
				ms = append(ms, timeToChart(b, bctx, path))
			}
			slices.Sort(ms)
			b.ReportMetric(float64(total), "first-load-B")
			b.ReportMetric(float64(echarts), "echarts-B")
			b.ReportMetric(ms[len(ms)/2], "ms-to-chart")
		})
	}
}

// timeToChart opens path in a new tab and returns the milliseconds from
// the navigation's start to its first chart (firstChartJS).
func timeToChart(b *testing.B, bctx context.Context, path string) float64 {
	ctx, cancel := chromedp.NewContext(bctx)
	defer cancel()
	tctx, cancelT := context.WithTimeout(ctx, 30*time.Second)
	defer cancelT()
	if _, err := chromedp.Call(tctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: firstChartJS}); err != nil {
		b.Fatal(err)
	}
	if err := chromedp.Do(tctx, chromedp.Navigate("file://"+path)); err != nil {
		b.Fatal(err)
	}
	ms, err := chromedp.Run(tctx, chromedp.Poll[float64](`window.__dsFirstChart || null`))
	if err != nil {
		b.Fatalf("no chart drew: %v", err)
	}
	return ms
}
