package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// shownJS reads what the page shows: each drawn chart's series (a series
// and its dashed partial tail merged by name), each table's values, each
// number card's number, the prose's first value, and the view and URL.
const shownJS = `(() => {
	const charts = {};
	for (const el of document.querySelectorAll('#ds-view .ds-echart')) {
		const c = window.echarts && echarts.getInstanceByDom(el);
		if (!c) return null;
		if (el.getAttribute('data-kind') !== 'axis') continue; // a pie's shares: its table is checked by TestBrowserGroups
		const series = {};
		for (const s of c.getOption().series) {
			const vals = s.data.map(d => (d !== null && typeof d === 'object') ? d.value : d).map(v => v === '-' ? null : v);
			if (!series[s.name]) { series[s.name] = vals; continue; }
			vals.forEach((v, i) => { if (series[s.name][i] === null) series[s.name][i] = v; });
		}
		charts[el.closest('figure').id] = series;
	}
	const tables = {};
	for (const f of document.querySelectorAll('#ds-view figure.ds-chart-table')) {
		tables[f.id] = [...f.querySelectorAll('tbody tr')].map(r => +r.cells[1].getAttribute('data-value'));
	}
	const numbers = {};
	for (const f of document.querySelectorAll('#ds-view figure.ds-chart-number')) {
		numbers[f.id] = +f.querySelector('.ds-number data').value;
	}
	const prose = document.querySelector('#ds-view p data.ds-value');
	const link = document.querySelector('#ds-view p a');
	const sel = document.querySelector('.ds-controls select');
	const cur = document.querySelector('.ds-range a[aria-current]');
	return {charts, tables, numbers, prose: prose ? +prose.value : null, link: link ? link.href : '',
		download: document.querySelector('#ds-view figure .ds-downloads a').href,
		view: document.documentElement.getAttribute('data-view'), ms: +document.documentElement.getAttribute('data-view-ms'),
		search: location.search, preset: cur ? +cur.getAttribute('data-preset') : -1, value: sel ? +sel.value : -1,
		hidden: document.querySelector('.ds-controls').hidden};
})()`

// shown is what shownJS reads.
type shown struct {
	Charts   map[string]map[string][]*float64
	Tables   map[string][]float64
	Numbers  map[string]float64
	Prose    *float64
	Link     string // where the prose's link leads
	Download string // the first chart's CSV
	View     *string
	MS       float64
	Search   string
	Preset   int
	Value    int
	Hidden   bool
}

// TestBrowserControls: in headless Chromium, from file:// and from
// dashsmith serve, choosing each range preset and each filter value
// shows, in every chart, table, number card and inline value, what
// dashsmith query prints for that view; the URL says the view, opening
// that URL shows it, and the back button goes back; without JavaScript
// the controls are hidden and the <noscript> list links every view.
func TestBrowserControls(t *testing.T) {
	bctx := newBrowser(t)
	dir := controlsSite(t)
	page := filepath.Join(dir, "public", "orders", "index.html")
	vl := readViewList(t, page)
	want := expectedViews(t, dir, vl)

	ctx, cancel := chromedp.NewContext(bctx)
	defer cancel()
	problems := consoleProblems(ctx)
	open := func(u string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
			t.Fatalf("open %s: %v", u, err)
		}
	}
	// await waits for view i, j to be shown and drawn, and checks it.
	await := func(what string, i, j int) {
		t.Helper()
		folder := vl.Dirs[i][j]
		tctx, cancelT := context.WithTimeout(ctx, 20*time.Second)
		defer cancelT()
		s, err := chromedp.Run(tctx, chromedp.Poll[shown](fmt.Sprintf(`(() => {
			const s = %s;
			return s && s.view === %q ? s : null;
		})()`, shownJS, folder), chromedp.WithPollingTimeout(15*time.Second)))
		if err != nil {
			t.Fatalf("%s: view %q not shown: %v", what, folder, err)
		}
		checkShown(t, what, s, want[folder])
		if s.Hidden || s.Preset != i || s.Value != j {
			t.Errorf("%s: the controls say preset %d, value %d (hidden %v); want %d, %d", what, s.Preset, s.Value, s.Hidden, i, j)
		}
		if q := viewQuery(vl, i, j); s.Search != q {
			t.Errorf("%s: the URL says %q, want %q", what, s.Search, q)
		}
		if !strings.HasSuffix(s.Link, "/plans/") || strings.Contains(s.Link, "/orders/") {
			t.Errorf("%s: the prose's link leads to %s, want the plans page beside the page", what, s.Link)
		}
		if want := "/orders/" + folder + "/chart-1.csv"; folder != "" && !strings.HasSuffix(s.Download, want) || folder == "" && !strings.HasSuffix(s.Download, "/orders/chart-1.csv") {
			t.Errorf("%s: the first chart's CSV is %s, want the view's own", what, s.Download)
		}
		t.Logf("%s: switched in %.1f ms", what, s.MS)
	}

	open("file://" + page)
	await("the page", 0, 0)
	last := len(vl.Presets) - 1
	for i := 1; i <= last; i++ {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`.ds-range a[data-preset="%d"]`, i)))); err != nil {
			t.Fatal(err)
		}
		await("preset "+vl.Presets[i], i, 0)
	}
	for j := 1; j <= len(vl.Values); j++ {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const s = document.querySelector('.ds-controls select'); s.value = '%d'; s.dispatchEvent(new Event('change')); return true; })()`, j))); err != nil {
			t.Fatal(err)
		}
		await(fmt.Sprintf("preset %s, value %s", vl.Presets[last], vl.Values[j-1]), last, j)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.ds-range a[data-preset="0"]`))); err != nil {
		t.Fatal(err)
	}
	await("the first preset, the last value", 0, len(vl.Values))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(history.back(), true)`)); err != nil {
		t.Fatal(err)
	}
	await("back", last, len(vl.Values))

	// Two choices in a row: a view not loaded yet, then one shown before
	// (at once, from memory). The later choice stands, though the first
	// view's file arrives after it.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => {
		const a = document.querySelectorAll('.ds-range a');
		a[1].click(); a[%d].click(); return true;
	})()`, last))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(r => setTimeout(() => r(true), 500))`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	await("two clicks", last, len(vl.Values))

	// A link opens its view: from file://, and from dashsmith serve.
	open("file://" + page + viewQuery(vl, 2, 1))
	await("the URL of preset 2, value 1", 2, 1)
	base := startServe(t, dir, "--now", controlsNow)
	open(base + "/orders/" + viewQuery(vl, 1, 2))
	await("serve, preset 1, value 2", 1, 2)
	cancel()
	for _, p := range problems() {
		if strings.Contains(p, "/favicon.ico") {
			continue // Chromium asks serve for one, now and then; a site has none
		}
		t.Error(p)
	}

	// Without JavaScript: the page's own view, no controls, every view linked.
	nctx, ncancel := chromedp.NewContext(bctx)
	defer ncancel()
	if _, err := chromedp.Call(nctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(nctx, chromedp.Navigate("file://"+page+viewQuery(vl, 2, 1))); err != nil {
		t.Fatal(err)
	}
	type noJS struct {
		Controls bool
		Links    []string
		Canvas   int
		Tables   int
	}
	got, err := chromedp.Run(nctx, chromedp.Evaluate[noJS](`(() => ({
		controls: document.querySelector('.ds-controls').offsetParent !== null,
		links: [...document.querySelectorAll('nav.ds-views a')].filter(a => a.offsetParent !== null).map(a => a.getAttribute('href')),
		canvas: document.querySelectorAll('canvas').length,
		tables: [...document.querySelectorAll('#ds-view details.ds-menu[open] table')].length,
	}))()`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Controls || got.Canvas != 0 || got.Tables == 0 || len(got.Links) != len(vl.Presets)*(len(vl.Values)+1) {
		t.Errorf("without JavaScript: controls shown %v, %d canvases, %d open tables, links %q", got.Controls, got.Canvas, got.Tables, got.Links)
	}
	for _, href := range got.Links {
		if _, err := os.Stat(filepath.Join(filepath.Dir(page), filepath.FromSlash(href))); err != nil {
			t.Errorf("the <noscript> list links %s: %v", href, err)
		}
	}
}

// viewQuery is the URL's query of view i, j: ?range=90d&plan=pro.
func viewQuery(vl viewList, i, j int) string {
	var parts []string
	if i > 0 {
		parts = append(parts, "range="+url.QueryEscape(vl.Presets[i]))
	}
	if j > 0 {
		parts = append(parts, vl.Param+"="+url.QueryEscape(vl.Values[j-1]))
	}
	if len(parts) == 0 {
		return ""
	}
	return "?" + strings.Join(parts, "&")
}

// viewData is what dashsmith query prints for each chart of a view, by
// the chart's figure id: its series by group ("" without by), and its
// total.
type viewData struct {
	series map[string]map[string][]float64
	totals map[string]float64
	first  string // the figure of the first stored query, orders: the prose's value
}

// expectedViews asks dashsmith query, for each chart of each view, for
// what the chart's data file says it shows (its event, measure, range,
// interval, breakdown and filter), by view folder.
func expectedViews(t *testing.T, dir string, vl viewList) map[string]viewData {
	t.Helper()
	out := map[string]viewData{}
	for _, row := range vl.Dirs {
		for _, d := range row {
			vd := viewData{series: map[string]map[string][]float64{}, totals: map[string]float64{}}
			files, _ := filepath.Glob(filepath.Join(dir, "public", "orders", d, "chart-*.json"))
			for _, f := range files {
				data, _ := os.ReadFile(f)
				var c chartExport
				if err := json.Unmarshal(data, &c); err != nil {
					t.Fatal(err)
				}
				if c.Formula != "" {
					continue
				}
				id := strings.TrimSuffix(filepath.Base(f), ".json")
				rows, err := csv.NewReader(strings.NewReader(mustRun(t, dir, binDashsmith, c.queryArgs()...))).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				groups := map[string][]float64{}
				for _, r := range rows[1:] {
					v, _ := strconv.ParseFloat(r[len(r)-1], 64)
					g := ""
					if c.By != "" {
						g = r[1]
					}
					groups[g] = append(groups[g], v)
					vd.totals[id] += v
				}
				vd.series[id] = groups
				if c.Query == "orders" && vd.first == "" {
					vd.first = id
				}
			}
			out[d] = vd
		}
	}
	return out
}

// checkShown compares what the page shows with what dashsmith query
// printed: each chart's series (up to the last bucket it draws), each
// table's rows, each number, and the prose's first value.
func checkShown(t *testing.T, what string, s shown, want viewData) {
	t.Helper()
	same := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
	checked := 0
	for id, series := range s.Charts {
		groups, ok := want.series[id]
		if !ok {
			continue // a formula
		}
		for name, vals := range series {
			for len(vals) > 0 && vals[len(vals)-1] == nil {
				vals = vals[:len(vals)-1] // the buckets still to come are not drawn
			}
			w, ok := groups[name]
			if !ok && len(groups) == 1 {
				w = groups[""]
			}
			if len(vals) == 0 || len(vals) > len(w) {
				t.Errorf("%s: %s series %q has %d values; dashsmith query prints %d", what, id, name, len(vals), len(w))
				continue
			}
			for k, v := range vals {
				if v == nil || !same(*v, w[k]) {
					t.Errorf("%s: %s series %q bucket %d: %v, dashsmith query prints %v", what, id, name, k, v, w[k])
					break
				}
			}
			checked++
		}
	}
	for id, vals := range s.Tables {
		w := want.series[id][""]
		for k, v := range vals {
			if k >= len(w) || !same(v, w[k]) {
				t.Errorf("%s: table %s row %d: %v, dashsmith query prints %v", what, id, k, v, w)
				break
			}
		}
		checked++
	}
	for id, n := range s.Numbers {
		if !same(n, want.totals[id]) {
			t.Errorf("%s: number %s is %v, dashsmith query totals %v", what, id, n, want.totals[id])
		}
		checked++
	}
	if s.Prose == nil || !same(*s.Prose, want.totals[want.first]) {
		t.Errorf("%s: the prose says %v orders, dashsmith query totals %v", what, fmtPtr(s.Prose), want.totals[want.first])
	}
	if checked < 6 {
		t.Errorf("%s: only %d charts checked", what, checked)
	}
}

func fmtPtr(v *float64) string {
	if v == nil {
		return "nothing"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// TestBrowserControls_Hostile: filter values written by an attacker
// (markup, a script's end, a path up, a bidirectional override, two values
// one slug apart) are views in folders of their own under the page, and
// showing each runs nothing of theirs, from the list, the dropdown, the
// URL or the swapped content.
func TestBrowserControls_Hostile(t *testing.T) {
	bctx := newBrowser(t)
	dir := t.TempDir()
	plans := []string{`</script><script>window.pwned=1</script>`, `"><img src=x onerror="window.pwned=2">`, "../../etc", "\u202egnp.exe", "Pro", "pro"}
	var lines strings.Builder
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&lines, `{"type":"track","event":"Order Completed","userId":"u%d","messageId":"m%d","timestamp":"2026-11-%02dT10:00:00Z","properties":{"plan":%q,"revenue":%d}}`+"\n",
			i, i, 10+i%9, plans[i%len(plans)], 10+i)
	}
	writeFiles(t, dir, map[string]string{
		"dashsmith.yaml":     "title: Shop\nstore: bolt:.dashsmith/rollup.db\nevents: ./events\n",
		"events/orders.json": lines.String(),
		"content/orders.md": "---\ntitle: Orders\ncontrols: {range: [last 30 days, last 7 days], filter: {property: plan, top: 10}}\nqueries:\n" +
			"  orders: {event: Order Completed, every: day}\n  revenue: {event: Order Completed, measure: sum(revenue), every: day}\n---\n" +
			"{{ value \"orders\" }} orders.\n\n```chart\ntype: line\nquery: orders\n```\n\n```chart\ntype: table\nquery: revenue\n```\n",
	})
	mustRun(t, dir, binDashsmith, "ingest")
	mustRun(t, dir, binDashsmith, "build", "--now", controlsNow)
	page := filepath.Join(dir, "public", "orders", "index.html")
	vl := readViewList(t, page)
	if len(vl.Values) != len(plans) {
		t.Fatalf("values %q, want the %d plans", vl.Values, len(plans))
	}
	var folders []string
	_ = filepath.WalkDir(filepath.Join(dir, "public"), func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && filepath.Dir(path) == filepath.Dir(page) {
			folders = append(folders, d.Name())
		}
		return err
	})
	for _, f := range folders {
		if strings.Trim(f, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			t.Errorf("a view's folder %q is not a slug", f)
		}
	}
	if len(folders) != 2*(len(plans)+1)-1 {
		t.Errorf("%d view folders, want %d: %q", len(folders), 2*(len(plans)+1)-1, folders)
	}
	ctx, cancel := chromedp.NewContext(bctx)
	defer cancel()
	problems := consoleProblems(ctx)
	for _, at := range [][2]int{{0, 0}, {1, 1}, {0, 2}} {
		q := viewQuery(vl, at[0], at[1])
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page+q)); err != nil {
			t.Fatal(err)
		}
		for j := 0; j <= len(plans); j++ {
			got, err := chromedp.Run(ctx, chromedp.Poll[string](fmt.Sprintf(`(() => {
				const s = document.querySelector('.ds-controls select');
				if (s.value !== '%[1]d') { s.value = '%[1]d'; s.dispatchEvent(new Event('change')); return null; }
				const v = document.documentElement.getAttribute('data-view');
				return v === %[2]q && document.querySelector('#ds-view canvas') ? 'pwned: ' + String(window.pwned) : null;
			})()`, j, vl.Dirs[at[0]][j]), chromedp.WithPollingTimeout(10*time.Second)))
			if err != nil || got != "pwned: undefined" {
				t.Errorf("%s, value %d: %q, %v", q, j, got, err)
			}
		}
	}
	cancel()
	for _, p := range problems() {
		t.Error(p)
	}
}
