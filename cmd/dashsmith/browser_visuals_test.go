package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// visualsPage has a number card, a currency axis over $100 (revenue per
// day), a currency axis under $100 (orders per day, written as dollars)
// and daily labels, whose first one a phone's width used to clip.
const visualsPage = "---\ntitle: Visuals\nqueries:\n" +
	"  orders:\n    event: Order Completed\n    every: day\n    range: last 30 days\n" +
	"  revenue:\n    event: Order Completed\n    measure: sum(revenue)\n    every: day\n    range: last 30 days\n" +
	"  hourly:\n    event: Signed Up\n    every: hour\n    range: last 2 days\n---\n\n" +
	"```chart\ntype: number\nquery: orders\ntitle: Orders\n```\n\n" +
	"```chart\ntype: line\nquery: revenue\ntitle: Revenue\nformat: currency\n```\n\n" +
	"```chart\ntype: bar\nquery: orders\ntitle: Small\nformat: currency\n```\n\n" +
	"```chart\ntype: line\nquery: hourly\ntitle: Hourly\n```\n"

// axisState is what the visuals test reads off each drawn axis chart.
type axisState struct {
	Title  string   `json:"title"`
	Width  float64  `json:"width"`  // the chart's width
	Left   float64  `json:"left"`   // the first x-axis label's box, in the chart's pixels
	Right  float64  `json:"right"`  // the last x-axis label's box right edge
	First  string   `json:"first"`  // its text
	YTicks []string `json:"yTicks"` // the y-axis labels as drawn
}

// axesJS reads, once every chart has drawn, each axis chart's x-axis label
// boxes and y-axis labels from ECharts' drawing (its zrender elements).
const axesJS = `(() => {
	const els = [...document.querySelectorAll('.ds-echart[data-kind="axis"]')];
	if (!window.echarts || els.some(el => !el.querySelector('canvas'))) return null;
	return els.map(el => {
		const c = echarts.getInstanceByDom(el);
		const opt = c.getOption();
		const cats = opt.xAxis[0].data;
		const texts = c.getZr().storage.getDisplayList().filter(e => e.style && typeof e.style.text === 'string');
		const box = e => { const r = e.getBoundingRect().clone(); if (e.transform) r.applyTransform(e.transform); return r; };
		const shown = texts.filter(e => cats.includes(e.style.text)).map(box).sort((a, b) => a.x - b.x);
		const first = texts.find(e => e.style.text === cats[0]);
		const yTicks = texts.filter(e => e.style.text.startsWith('$')).map(e => e.style.text);
		return {
			title: el.closest('figure').querySelector('figcaption').textContent,
			width: c.getWidth(),
			left: shown.length ? shown[0].x : -1,
			right: shown.length ? shown[shown.length - 1].x + shown[shown.length - 1].width : -1,
			first: first ? first.style.text : '',
			yTicks: yTicks,
		};
	});
})()`

// lagTicksJS reads the y-axis labels of the ingestion page's "Longest
// lag" chart, once it has drawn, from its x-axis labels' opposite: every
// drawn text that is not a day.
const lagTicksJS = `(() => {
	const fig = [...document.querySelectorAll('figure')].find(f => f.querySelector('figcaption').textContent === 'Longest lag');
	const el = fig && fig.querySelector('.ds-echart');
	if (!window.echarts || !el || !el.querySelector('canvas')) return null;
	const c = echarts.getInstanceByDom(el);
	const days = c.getOption().xAxis[0].data;
	return c.getZr().storage.getDisplayList()
		.filter(e => e.style && typeof e.style.text === 'string' && e.style.text !== '' && !days.includes(e.style.text))
		.map(e => e.style.text);
})()`

// wholeHours is a duration axis label on whole hours: "0 s", "6 h".
var wholeHours = regexp.MustCompile(`^(0 s|[0-9,]+ h)$`)

// menuState is what the visuals test reads off the number card.
type menuState struct {
	Links        int  `json:"links"`        // links in the card
	OutsideMenu  int  `json:"outsideMenu"`  // links not in its menu
	VisibleLinks int  `json:"visibleLinks"` // links a reader sees
	Open         bool `json:"open"`         // the menu is open
	Tables       int  `json:"tables"`       // tables a reader sees
}

const menuJS = `(() => {
	const card = document.querySelector('figure.ds-chart-number');
	const links = [...card.querySelectorAll('a')];
	const seen = e => e.checkVisibility({visibilityProperty: true});
	return {
		links: links.length,
		outsideMenu: links.filter(a => !a.closest('details.ds-menu')).length,
		visibleLinks: links.filter(seen).length,
		open: card.querySelector('details.ds-menu').open,
		tables: [...card.querySelectorAll('table')].filter(seen).length,
	};
})()`

// TestBrowserVisuals opens a page on a phone's screen (390 by 844) in
// headless Chromium: the first x-axis label lies inside its chart, a
// currency axis over $100 has no cents and one under $100 keeps them, and
// the number card's links are in one menu, closed until the keyboard
// opens it.
func TestBrowserVisuals(t *testing.T) {
	chromiumPath(t)
	if _, err := os.Stat(filepath.Join(repoRoot, "static", "vendor", "echarts.min.js")); err != nil {
		t.Fatal("static/vendor/echarts.min.js is missing: run the tests with make test, which fetches it")
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"content/visuals.md": visualsPage,
		"dashsmith.yaml":     "title: Visuals\ntimezone: UTC\nstore: bolt:.dashsmith/rollup.db\nevents: ./events\n",
		// An event that arrived 33 h 20 min (120,000 s) after it happened.
		"events/late/hour.ndjson": `{"type":"track","event":"Order Completed","userId":"u1","messageId":"late-1","timestamp":"2026-11-18T00:00:00Z","receivedAt":"2026-11-19T09:20:00Z"}` + "\n",
	})
	mustRun(t, dir, binEventgen, "--out", "events", "--days", "35", "--end", "2026-11-20", "--seed", "3")
	mustRun(t, dir, binDashsmith, "ingest")
	mustRun(t, dir, binDashsmith, "build", "--now", "2026-11-19T18:00:00Z")

	ctx, cancel := chromedp.NewContext(newBrowser(t))
	defer cancel()
	problems := consoleProblems(ctx)
	tctx, cancelT := context.WithTimeout(ctx, 30*time.Second)
	defer cancelT()
	page := "file://" + filepath.Join(dir, "public", "visuals", "index.html")
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(page)); err != nil {
		t.Fatalf("open %s: %v", page, err)
	}
	axes, err := chromedp.Run(tctx, chromedp.Poll[[]axisState](axesJS, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil || len(axes) != 3 {
		t.Fatalf("axis charts: %+v, %v", axes, err)
	}
	for _, a := range axes {
		if a.First == "" {
			t.Errorf("%s: the first x-axis label (the first day) is not drawn", a.Title)
		}
		if a.Left < 0 || a.Right > a.Width {
			t.Errorf("%s: x-axis labels run from %.1f to %.1f px, outside the chart's 0 to %.0f px", a.Title, a.Left, a.Right, a.Width)
		}
		if a.Title != "Hourly" && len(a.YTicks) < 2 {
			t.Errorf("%s: y-axis labels %q", a.Title, a.YTicks)
		}
		for _, y := range a.YTicks {
			cents := strings.Contains(y, ".")
			if a.Title == "Revenue" && cents {
				t.Errorf("Revenue: the axis reaches $100 and still writes cents: %q", a.YTicks)
				break
			}
			if a.Title == "Small" && !cents {
				t.Errorf("Small: the axis stays under $100 and lost its cents: %q", a.YTicks)
				break
			}
		}
	}

	before, err := chromedp.Run(tctx, chromedp.Evaluate[menuState](menuJS))
	if err != nil {
		t.Fatal(err)
	}
	if before.Links != 2 || before.OutsideMenu != 0 || before.VisibleLinks != 0 || before.Open || before.Tables != 0 {
		t.Errorf("the number card shows links or a table outside a closed menu: %+v", before)
	}
	// The keyboard opens the menu: Tab to its summary, then Enter.
	if err := chromedp.Do(tctx, chromedp.Focus(chromedp.CSS("figure.ds-chart-number details.ds-menu > summary")), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	after, err := chromedp.Run(tctx, chromedp.Evaluate[menuState](menuJS))
	if err != nil {
		t.Fatal(err)
	}
	if !after.Open || after.VisibleLinks != 2 || after.Tables != 1 {
		t.Errorf("Enter on the menu should show its CSV and JSON links and the table: %+v", after)
	}
	// The ingestion page's longest lag reaches 33 h 20 min: its axis ticks
	// at whole hours, not at 20,000 s ("5 h 33 min").
	ingestion := "file://" + filepath.Join(dir, "public", "ingestion", "index.html")
	if err := chromedp.Do(tctx, chromedp.Navigate(ingestion)); err != nil {
		t.Fatalf("open %s: %v", ingestion, err)
	}
	ticks, err := chromedp.Run(tctx, chromedp.Poll[[]string](lagTicksJS, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil || len(ticks) < 3 {
		t.Fatalf("the longest lag's axis: %q, %v", ticks, err)
	}
	for _, tick := range ticks {
		if !wholeHours.MatchString(tick) {
			t.Errorf("the longest lag's axis ticks at %q, not at whole hours: %q", tick, ticks)
			break
		}
	}
	if ticks[len(ticks)-1] == "0 s" {
		t.Errorf("the longest lag's axis: %q", ticks)
	}
	cancel()
	for _, p := range problems() {
		t.Error(p)
	}
}
