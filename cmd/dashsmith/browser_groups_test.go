package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// groupsJS reads a figure's groups: what ECharts shows of each, what the
// legend's buttons say, and what the data table shows.
const groupsJS = `((id) => {
	const fig = document.getElementById(id);
	const chart = echarts.getInstanceByDom(fig.querySelector('.ds-echart'));
	const selected = chart.getOption().legend[0].selected || {};
	const buttons = [...fig.querySelectorAll('.ds-legend-toggle')];
	const table = fig.querySelector('.ds-table table');
	const shown = fig.classList.contains('ds-chart-pie')
		? [...table.tBodies[0].rows].filter(r => !r.hidden).map(r => r.cells[0].textContent)
		: [...table.tHead.rows[0].cells].slice(1).filter(c => !c.hidden).map(c => c.textContent + (c.hasAttribute('data-all') ? ' (all groups)' : ''));
	return {
		names: buttons.map(b => b.textContent),
		chart: buttons.map(b => selected[b.textContent] !== false),
		pressed: buttons.map(b => b.getAttribute('aria-pressed') === 'true'),
		table: shown,
		all: !fig.querySelector('.ds-legend-all').hidden,
		legend: chart.getOption().legend[0].show,
	};
})`

type groupsState struct {
	Names   []string
	Chart   []bool
	Pressed []bool
	Table   []string
	All     bool
	Legend  bool
}

// TestBrowserGroups: a breakdown's and a pie's groups are HTML buttons
// under the chart (ECharts' own legend hidden): a click hides or shows a
// group, "only" (by mouse or keyboard) shows it alone, "only" again or
// "Show all" shows every group; the data table follows (a stacked chart's
// columns, a pie's rows; its Total column says it counts every group);
// hidden groups stay hidden when the theme changes and when a view is
// swapped in.
func TestBrowserGroups(t *testing.T) {
	bctx := newBrowser(t)
	dir := controlsSite(t)
	ctx, cancel := chromedp.NewContext(bctx)
	defer cancel()
	problems := consoleProblems(ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(dir, "public", "orders", "index.html"))); err != nil {
		t.Fatal(err)
	}
	for _, fig := range []string{"chart-5", "chart-8"} { // stacked by plan, pie by plan
		t.Run(fig, func(t *testing.T) {
			state := func() groupsState {
				t.Helper()
				tctx, c := context.WithTimeout(ctx, 10*time.Second)
				defer c()
				s, err := chromedp.Run(tctx, chromedp.Poll[groupsState](fmt.Sprintf(`(() => { try { return (%s)(%q); } catch (e) { return null; } })()`, groupsJS, fig), chromedp.WithPollingTimeout(8*time.Second)))
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			click := func(sel string) {
				t.Helper()
				if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf("#%s %s", fig, sel)))); err != nil {
					t.Fatalf("click %s: %v", sel, err)
				}
			}
			// expect checks which groups show, in the chart, on the buttons
			// and in the table.
			expect := func(what string, shown ...bool) {
				t.Helper()
				s := state()
				var table []string
				some := false
				for i, on := range shown {
					if on {
						table = append(table, s.Names[i])
					} else {
						some = true
					}
				}
				if fig == "chart-5" {
					total := "Total"
					if some {
						total += " (all groups)"
					}
					table = append(table, total)
				}
				if fmt.Sprint(s.Chart) != fmt.Sprint(shown) || fmt.Sprint(s.Pressed) != fmt.Sprint(shown) || fmt.Sprint(s.Table) != fmt.Sprint(table) || s.All != some || s.Legend {
					t.Errorf("%s: %+v; want groups shown %v, table %q", what, s, shown, table)
				}
			}
			s := state()
			if len(s.Names) != 2 || s.Names[0] != "pro" || s.Names[1] != "team" {
				t.Fatalf("groups %q, want pro and team", s.Names)
			}
			expect("at first", true, true)
			click(`.ds-legend-only[aria-label="Show only pro"]`)
			expect("only pro", true, false)
			click(`.ds-legend-only[aria-label="Show only pro"]`)
			expect("only pro again", true, true)
			click(`.ds-legend-item:nth-child(2) .ds-legend-toggle`)
			expect("team clicked", true, false)
			click(`.ds-legend-all`)
			expect("show all", true, true)
			// By keyboard: focus "only team", press Enter.
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(document.querySelector('#%s .ds-legend-only[aria-label="Show only team"]').focus(), true)`, fig))); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
				t.Fatal(err)
			}
			expect("only team, by keyboard", false, true)
		})
	}
	// A redraw in the other theme, then a view swapped in, keep them.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".ds-theme"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.ds-range a[data-preset="2"]`))); err != nil {
		t.Fatal(err)
	}
	for _, fig := range []string{"chart-5", "chart-8"} {
		tctx, c := context.WithTimeout(ctx, 10*time.Second)
		s, err := chromedp.Run(tctx, chromedp.Poll[groupsState](fmt.Sprintf(`(() => document.documentElement.getAttribute('data-view') === 'range-90d' && document.documentElement.getAttribute('data-theme') === 'dark' ? (%s)(%q) : null)()`, groupsJS, fig), chromedp.WithPollingTimeout(8*time.Second)))
		c()
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(s.Chart) != "[false true]" || fmt.Sprint(s.Pressed) != "[false true]" {
			t.Errorf("%s after a theme change and a view: %+v; want team alone", fig, s)
		}
	}
	cancel()
	for _, p := range problems() {
		t.Error(p)
	}
}
