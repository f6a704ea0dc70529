package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// controlsNow is the build's "as of" in the controls tests: a Thursday,
// the events end the next day.
const controlsNow = "2026-11-19T18:00:00Z"

// controlsQueries are the queries of the controls tests' page: what a
// filter does to each kind of query (a count with a comparison, a sum, a
// formula over both, a breakdown by the filter's property, an event that
// never has it).
const controlsQueries = `queries:
  orders: {event: Order Completed, every: day, compare: previous period}
  revenue: {event: Order Completed, measure: sum(revenue), every: day}
  aov: {formula: revenue / orders}
  by_plan: {event: Order Completed, every: day, by: plan}
  signups: {event: Signed Up, every: day}
  home: {event: Viewed Home Page, every: day}
`

// controlsBody draws each query once, and says two of them in prose.
const controlsBody = `{{ value "orders" }} orders, {{ delta "orders" }}, worth {{ value "revenue" "currency" }}.
See [the plans](../plans/).

` + "```chart\ntype: number\nquery: orders\ntitle: Orders\n```\n\n" +
	"```chart\ntype: line\nquery: orders\ntitle: Orders over time\n```\n\n" +
	"```chart\ntype: bar\nquery: revenue\ntitle: Revenue\nformat: currency\n```\n\n" +
	"```chart\ntype: line\nquery: aov\ntitle: Average order\nformat: currency\n```\n\n" +
	"```chart\ntype: stacked\nquery: by_plan\ntitle: Orders by plan\n```\n\n" +
	"```chart\ntype: table\nquery: signups\ntitle: Sign-ups\n```\n\n" +
	"```chart\ntype: area\nquery: home\ntitle: Home page views\n```\n\n" +
	"```chart\ntype: pie\nquery: by_plan\ntitle: Orders by plan, share\n```\n"

// controlsSite writes a site whose page orders.md has range presets and
// a plan filter, over 35 days of generated events, ingests and builds it,
// and returns its folder.
func controlsSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"dashsmith.yaml": "title: Shop\nbaseURL: https://metrics.example/\nstore: bolt:.dashsmith/rollup.db\nevents: ./events\n",
		"content/orders.md": "---\ntitle: Orders\ncontrols:\n  range: [last 30 days, last 7 days, last 90 days, last 12 months]\n  filter: {property: plan, top: 3}\n" +
			controlsQueries + "---\n" + controlsBody,
	})
	mustRun(t, dir, binEventgen, "--out", "events", "--days", "35", "--end", "2026-11-20", "--seed", "3")
	if r := runBin(t, dir, binDashsmith, "ingest"); r.code != 0 || r.stderr != "" {
		t.Fatalf("ingest: exit %d, stderr %q", r.code, r.stderr)
	}
	mustRun(t, dir, binDashsmith, "build", "--now", controlsNow)
	return dir
}

// viewList is the list of views a page carries (#ds-views).
type viewList struct {
	Param   string     `json:"param"`
	Presets []string   `json:"presets"`
	Values  []string   `json:"values"`
	Dirs    [][]string `json:"dirs"`
	View    [2]int     `json:"view"`
	Up      bool       `json:"up"`
}

var viewListRE = regexp.MustCompile(`<script type="application/json" id="ds-views">(.*?)</script>`)

func readViewList(t *testing.T, page string) viewList {
	t.Helper()
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	m := viewListRE.FindSubmatch(html)
	if m == nil {
		t.Fatalf("%s: no #ds-views", page)
	}
	var vl viewList
	if err := json.Unmarshal(m[1], &vl); err != nil {
		t.Fatal(err)
	}
	return vl
}

// chartExport is what a chart's JSON file says of its query.
type chartExport struct {
	Query   string            `json:"query"`
	Event   string            `json:"event"`
	Measure string            `json:"measure"`
	Formula string            `json:"formula"`
	Every   string            `json:"every"`
	From    string            `json:"from"`
	To      string            `json:"to"`
	By      string            `json:"by"`
	Where   map[string]string `json:"where"`
}

// TestControls: each view of a page with controls is a page of its own,
// every query over its preset's range (the interval stepping up where the
// range would draw more than twice the page's buckets) and, filtered,
// with plan = the value where it can take it; each chart's data is what
// dashsmith query prints for the same; the others say why not. The page
// lists every view (JSON for controls.js, <noscript> links), navigation
// does not, the sitemap does.
func TestControls(t *testing.T) {
	dir := controlsSite(t)
	pub := filepath.Join(dir, "public")
	vl := readViewList(t, filepath.Join(pub, "orders", "index.html"))
	if !slices.Equal(vl.Presets, []string{"30d", "7d", "90d", "12m"}) || vl.Param != "plan" || vl.Up || vl.View != [2]int{0, 0} {
		t.Fatalf("view list %+v", vl)
	}
	// The values are the plans with the most orders over the page's own
	// range, as dashsmith query ranks them.
	ranked := mustRun(t, dir, binDashsmith, "query", "--event", "Order Completed", "--by", "plan", "--top", "3", "--every", "month",
		"--from", "2026-10-21", "--to", "2026-11-20", "--format", "json")
	var rows []struct {
		Group string  `json:"group"`
		Value float64 `json:"value"`
	}
	if err := json.Unmarshal([]byte(ranked), &rows); err != nil {
		t.Fatal(err)
	}
	totals := map[string]float64{}
	var plans []string
	for _, r := range rows {
		if _, ok := totals[r.Group]; !ok && r.Group != "(other)" {
			plans = append(plans, r.Group)
		}
		totals[r.Group] += r.Value
	}
	slices.SortStableFunc(plans, func(a, b string) int { return int(totals[b] - totals[a]) })
	if !slices.Equal(vl.Values, plans) || len(plans) < 2 {
		t.Fatalf("filter values %q, want the plans by orders %q", vl.Values, plans)
	}
	// Each preset's range and interval, as of controlsNow.
	ranges := []struct{ every, from, to string }{
		{"day", "2026-10-21T00:00:00Z", "2026-11-20T00:00:00Z"},
		{"day", "2026-11-13T00:00:00Z", "2026-11-20T00:00:00Z"},
		{"week", "2026-08-17T00:00:00Z", "2026-11-23T00:00:00Z"},
		{"week", "2025-12-01T00:00:00Z", "2026-12-07T00:00:00Z"}, // November and the 11 months before
	}
	filterable := map[string]bool{"orders": true, "revenue": true, "aov": true, "signups": true}
	views := 0
	for i, row := range vl.Dirs {
		for j, d := range row {
			folder := filepath.Join(pub, "orders", d)
			value := ""
			if j > 0 {
				value = vl.Values[j-1]
			}
			t.Run(fmt.Sprintf("%s/%s", vl.Presets[i], value), func(t *testing.T) {
				page, err := os.ReadFile(filepath.Join(folder, "index.html"))
				if err != nil {
					t.Fatal(err)
				}
				if d != "" {
					views++
					if sub := readViewList(t, filepath.Join(folder, "index.html")); !sub.Up || sub.View != [2]int{i, j} {
						t.Errorf("the view's own list %+v", sub)
					}
					if _, err := os.Stat(filepath.Join(folder, "view.js")); err != nil {
						t.Error("no view.js:", err)
					}
				}
				notes := strings.Count(string(page), "Not filtered by plan")
				if want := map[bool]int{true: 3, false: 0}[j > 0]; notes != want {
					t.Errorf("%d charts say they are not filtered, want %d", notes, want)
				}
				files, _ := filepath.Glob(filepath.Join(folder, "chart-*.json"))
				if len(files) != 8 {
					t.Fatalf("%d charts, want 8", len(files))
				}
				for _, f := range files {
					checkChartData(t, dir, f, ranges[i], value, filterable)
				}
			})
		}
	}
	if views != len(vl.Presets)*(len(vl.Values)+1)-1 {
		t.Errorf("%d views", views)
	}
	home, _ := os.ReadFile(filepath.Join(pub, "index.html"))
	page, _ := os.ReadFile(filepath.Join(pub, "orders", "index.html"))
	if strings.Contains(string(home), "range-") || strings.Count(string(page), `href="range-90d/index.html"`) != 1 {
		t.Error("the home page lists a view, or the page's <noscript> list does not link range-90d/index.html once")
	}
	noscript := regexp.MustCompile(`(?s)<noscript>.*?</noscript>`).Find(page)
	if n := strings.Count(string(noscript), "<a "); n != len(vl.Presets)*(len(vl.Values)+1) {
		t.Errorf("<noscript> has %d links, want every view and the page", n)
	}
	sitemap, _ := os.ReadFile(filepath.Join(pub, "sitemap.xml"))
	if !strings.Contains(string(sitemap), "https://metrics.example/orders/range-12m-plan-team/") {
		t.Error("the sitemap does not list the views")
	}
	// The same inputs and --now give the same bytes.
	mustRun(t, dir, binDashsmith, "build", "--now", controlsNow, "--out", "again")
	if a, b := treeDigest(t, pub), treeDigest(t, filepath.Join(dir, "again")); a != b {
		t.Error("a second build differs")
	}
}

// queryArgs are the arguments of the dashsmith query that prints what
// the chart shows.
func (c chartExport) queryArgs() []string {
	args := []string{"query", "--event", c.Event, "--measure", c.Measure, "--every", c.Every, "--from", c.From, "--to", c.To}
	if c.By != "" {
		args = append(args, "--by", c.By)
	}
	for _, k := range slices.Sorted(maps.Keys(c.Where)) {
		args = append(args, "--where", k+"="+c.Where[k])
	}
	return args
}

// checkChartData checks one chart's data file in a view of preset r and
// filter value ("" for all): its range, interval and filter, and that its
// CSV is what dashsmith query prints for them.
func checkChartData(t *testing.T, dir, file string, r struct{ every, from, to string }, value string, filterable map[string]bool) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var c chartExport
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	if c.Every != r.every || c.From != r.from || c.To != r.to {
		t.Errorf("%s (%s): every %s from %s to %s, want %+v", filepath.Base(file), c.Query, c.Every, c.From, c.To, r)
	}
	wantWhere := value != "" && filterable[c.Query] && c.Formula == ""
	if got := c.Where["plan"]; (got != "") != wantWhere || (wantWhere && got != value) {
		t.Errorf("%s (%s): where %v, filter value %q", filepath.Base(file), c.Query, c.Where, value)
	}
	if c.Formula != "" {
		return // a formula of the queries checked beside it
	}
	args := c.queryArgs()
	want := csvColumns(t, mustRun(t, dir, binDashsmith, args...), c.By != "")
	got, err := os.ReadFile(strings.TrimSuffix(file, ".json") + ".csv")
	if err != nil {
		t.Fatal(err)
	}
	// The chart stops at the buckets still to come; query prints them.
	if g := csvColumns(t, string(got), c.By != ""); len(g) < len(want)/2 || len(g) > len(want) || !slices.Equal(g, want[:len(g)]) {
		t.Errorf("%s (%s): data %.300q…, want the first rows of what dashsmith %s prints: %.300q…", filepath.Base(file), c.Query, g, strings.Join(args, " "), want)
	}
}

// csvColumns returns the time, group (with by) and value of each row.
func csvColumns(t *testing.T, text string, by bool) []string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := 2
	if by {
		n = 3
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, strings.Join(r[:n], ","))
	}
	return out
}

// treeDigest lists every file under root with its bytes, as one string.
func treeDigest(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		fmt.Fprintf(&b, "%s %d %x\n", rel, len(data), data)
		return err
	})
	return b.String()
}

var (
	viewDivRE  = regexp.MustCompile(`(?s)<div class="ds-view" id="ds-view">\n(.*?)</div>\n<script src="[./]*assets/controls.js">`)
	articleRE  = regexp.MustCompile(`(?s)<article class="ds-content">\n(.*?)</article>`)
	scriptTags = regexp.MustCompile(`<script src="[^"]*"></script>\n?`)
)

// TestControls_NoScript: without JavaScript, a page with controls reads
// as the same page written without them, every query over the first
// preset's range: the same content (its controls hidden, the <noscript>
// list of its views added).
func TestControls_NoScript(t *testing.T) {
	dir := controlsSite(t)
	plain := strings.ReplaceAll(controlsQueries, "every: day", "every: day, range: last 30 days")
	writeFiles(t, dir, map[string]string{"content/orders.md": "---\ntitle: Orders\n" + plain + "---\n" + controlsBody})
	mustRun(t, dir, binDashsmith, "build", "--now", controlsNow, "--out", "plain")
	with, _ := os.ReadFile(filepath.Join(dir, "public", "orders", "index.html"))
	without, _ := os.ReadFile(filepath.Join(dir, "plain", "orders", "index.html"))
	view := viewDivRE.FindSubmatch(with)
	article := articleRE.FindSubmatch(without)
	if view == nil || article == nil {
		t.Fatal("no view in the page with controls, or no article in the page without")
	}
	content := scriptTags.ReplaceAll(article[1], nil) // the charts' scripts, after the view in the page with controls
	if !bytes.Equal(bytes.TrimSpace(view[1]), bytes.TrimSpace(content)) {
		a, b := string(view[1]), string(content)
		i := 0
		for i < len(a) && i < len(b) && a[i] == b[i] {
			i++
		}
		t.Errorf("the page's own view differs from the page without controls at byte %d:\n%.300s\n---\n%.300s", i, a[i:], b[i:])
	}
	if !bytes.Contains(with, []byte(`<div class="ds-controls" hidden>`)) || !bytes.Contains(with, []byte("<noscript>")) {
		t.Error("the controls are not hidden until the script shows them, or there is no <noscript> list")
	}
}

// TestControls_Check: mistakes in controls: are errors at its line that
// say the fix, for every page at once.
func TestControls_Check(t *testing.T) {
	dir := controlsSite(t)
	page := func(controls string) string {
		return "---\ntitle: T\ncontrols: " + controls + "\n" + controlsQueries + "---\n{{ value \"orders\" }}\n"
	}
	writeFiles(t, dir, map[string]string{
		"content/orders.md":  page("{range: [last 30 days, last 30 dayz]}"),
		"content/same.md":    page("{range: [last 7 days, last 7 day]}"),
		"content/top.md":     page("{filter: {property: plan, top: 50}}"),
		"content/range.md":   page("{filter: {property: range}}"),
		"content/key.md":     page("{filter: {propery: plan}}"),
		"content/nothing.md": "---\ntitle: N\ncontrols: {range: [last 7 days, last 30 days]}\n---\nNo queries.\n",
	})
	r := runBin(t, dir, binDashsmith, "check", "--now", controlsNow)
	for _, want := range []string{
		`content/orders.md:3: controls: range preset "last 30 dayz": use last N hours|days|weeks|months|years`,
		`content/same.md:3: controls: range presets "last 7 days" and "last 7 day" are the same range: remove one`,
		`content/top.md:3: controls: filter: top 50: use 1 to 20`,
		`content/range.md:3: controls: filter: property "range"`,
		`content/key.md:3: unknown key "propery" (did you mean "property"?)`,
		`content/nothing.md:3: controls: the page has no queries to switch`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("check does not say %q", want)
		}
	}
	if r.code != 1 {
		t.Errorf("check: exit %d, want 1\n%s", r.code, r.stderr)
	}
}

// TestControls_Budget: a view's data (its view.js, gzipped as a host
// serves it) is at most twice the page's own view, whose content the
// page holds inline: a preset that would draw many more buckets steps
// its interval up instead.
func TestControls_Budget(t *testing.T) {
	dir := controlsSite(t)
	folder := filepath.Join(dir, "public", "orders")
	page, err := os.ReadFile(filepath.Join(folder, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	view := viewDivRE.FindSubmatch(page)
	if view == nil {
		t.Fatal("no view in the page")
	}
	own := gzipSize(t, view[1])
	files, _ := filepath.Glob(filepath.Join(folder, "*", "view.js"))
	if len(files) != 11 {
		t.Fatalf("%d views", len(files))
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		if n := gzipSize(t, data); n > 2*own {
			t.Errorf("%s: %d bytes gzipped; the page's own view is %d, and a view may be at most twice that", filepath.Base(filepath.Dir(f)), n, own)
		}
	}
}

// gzipSize is the size of data gzipped at the default level, as a host
// that compresses on the fly sends it.
func gzipSize(t testing.TB, data []byte) int {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}
