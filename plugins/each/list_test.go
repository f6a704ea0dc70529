package each

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// byPod is the rollup a template over pods reads.
var byPod = build.Rollup{Event: "install", Measure: build.CountMeasure, By: "pod"}

// podStore is an in-memory store of install events by pod: each value
// has n events in each hour it lists.
func podStore(t *testing.T, pods map[string]map[time.Time]int64) *storetest.Memory {
	t.Helper()
	m := storetest.NewMemory()
	if err := m.Declare(context.Background(), []build.Rollup{byPod}); err != nil {
		t.Fatal(err)
	}
	b := build.NewBatch("installs.gz", build.BaseRollup, byPod)
	for pod, hours := range pods {
		for at, n := range hours {
			h := build.HourOf(at)
			b.Counts[build.EventHour{Event: "install", Hour: h}] += n
			k := build.CellKey{Rollup: byPod, Group: pod, Hour: h}
			if b.Cells[k] == nil {
				b.Cells[k] = storetest.Cell(build.CountMeasure, 0, 0)
			}
			if err := b.Cells[k].Merge(storetest.Cell(build.CountMeasure, n, 0)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := m.Apply(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	return m
}

// podTemplate is content/pods.md: a page per pod, its first query (line
// 6) over rng, its second (line 9) over a year.
func podTemplate(top int, rng string) *build.Page {
	return &build.Page{
		Source: "pods.md", URL: "pods/", Line: 12, Body: []byte("```chart\nquery: daily\n```\n"),
		Meta: build.Meta{
			Title: "Pod: $each", Each: "pod", EachEvent: "install", EachTop: top, EachLine: 3,
			Queries: map[string]build.QuerySpec{
				"daily":  {Event: "install", By: "pod", Filter: "$each", Range: rng},
				"yearly": {Event: "install", By: "pod", Filter: "$each", Every: "month", Range: "last 12 months"},
			},
			QueryLines: map[string]int{"daily": 6, "yearly": 9},
		},
	}
}

func expandSite(t *testing.T, st build.Reader, pages ...*build.Page) (*build.Site, *Each, error) {
	t.Helper()
	s := &build.Site{Store: st, Pages: pages, Now: now}
	e := New()
	err := e.Run(context.Background(), s)
	return s, e, err
}

// pageAt returns the page of s at url.
func pageAt(t *testing.T, s *build.Site, url string) *build.Page {
	t.Helper()
	for _, p := range s.Pages {
		if p.URL == url {
			return p
		}
	}
	t.Fatalf("no page %q", url)
	return nil
}

// blockText is the text of the list block a list page's body holds.
func blockText(t *testing.T, p *build.Page) []byte {
	t.Helper()
	body, ok := bytes.CutPrefix(p.Body, []byte("```"+Block+"\n"))
	if body, ok2 := bytes.CutSuffix(body, []byte("```\n")); ok && ok2 {
		return body
	}
	t.Fatalf("%s: not a list block: %q", p.URL, p.Body)
	return nil
}

// listAt reads the list that the page at url draws.
func listAt(t *testing.T, s *build.Site, url string) *list {
	t.Helper()
	l, err := parseList(blockText(t, pageAt(t, s, url)))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// draw renders the list block of the page at url.
func draw(t *testing.T, s *build.Site, e *Each, url string) string {
	t.Helper()
	p := pageAt(t, s, url)
	out, err := e.renderList(s, p, blockText(t, p), 0)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// recorder is a store that records the queries it is asked.
type recorder struct {
	build.Reader
	queries []build.Query
}

func (r *recorder) Query(ctx context.Context, q build.Query) (*build.Result, error) {
	r.queries = append(r.queries, q)
	return r.Reader.Query(ctx, q)
}

// TestEach_AllValues: without each_top a template makes a page for every
// value the property ever had, however few events it had and however
// long ago; its list counts each value's events over the template's
// first query's range, a value with none there showing 0, most first.
func TestEach_AllValues(t *testing.T) {
	day := func(d int) time.Time { return now.AddDate(0, 0, -d) }
	pods := map[string]map[time.Time]int64{
		build.NoneGroup:  {day(1): 50},
		build.OtherGroup: {day(1): 40},
	}
	want := map[string]float64{}
	for i := range 1201 {
		pod := fmt.Sprintf("Pod%04d", i)
		// In range: i%7 events yesterday and 1 ten days ago; out of range
		// (60 days ago, before "last 30 days"): 1000.
		// Spread over hours, under the store's cap of groups an hour.
		spread := time.Duration(i%4) * time.Hour
		pods[pod] = map[time.Time]int64{day(60).Add(spread): 1000}
		if i%7 > 0 {
			pods[pod][day(1).Add(spread)] = int64(i % 7)
			pods[pod][day(10).Add(spread)] = 1
			want[pod] = float64(i%7 + 1)
		}
	}
	s, e, err := expandSite(t, podStore(t, pods), podTemplate(0, "last 30 days"))
	if err != nil {
		t.Fatal(err)
	}
	var copies, lists []*build.Page
	for _, p := range s.Pages {
		switch {
		case p.Each != "":
			copies = append(copies, p)
		default:
			lists = append(lists, p)
		}
	}
	if len(copies) != 1201 {
		t.Fatalf("%d copies, want one per pod: 1201", len(copies))
	}
	for _, c := range copies {
		if c.Each == build.NoneGroup || c.Each == build.OtherGroup {
			t.Errorf("a page for %q", c.Each)
		}
	}
	if len(lists) != 3 || lists[0].URL != "pods/" || lists[1].URL != "pods/page/2/" || lists[2].URL != "pods/page/3/" {
		t.Fatalf("list pages: %v", lists)
	}
	if lists[0].Unlisted || !lists[1].Unlisted || lists[2].Meta.Title != "Pods, page 3" || lists[2].Meta.Each != "" {
		t.Errorf("list pages: %+v %+v", lists[0], lists[2])
	}
	// The rows: most events first, ties by value; 0 for the pods whose
	// events all lie outside the range.
	var rows []row
	for _, p := range lists {
		rows = append(rows, listAt(t, s, p.URL).rows...)
	}
	if len(rows) != 1201 || len(listAt(t, s, "pods/page/3/").rows) != 201 {
		t.Fatalf("%d rows, %d on page 3", len(rows), len(listAt(t, s, "pods/page/3/").rows))
	}
	for i, w := range rows {
		if w.total != want[w.value] {
			t.Errorf("%s: %v events, want %v", w.value, w.total, want[w.value])
		}
		if i > 0 && (rows[i-1].total < w.total || rows[i-1].total == w.total && rows[i-1].value > w.value) {
			t.Errorf("row %d (%s %v) after %s %v", i, w.value, w.total, rows[i-1].value, rows[i-1].total)
		}
	}
	if rows[0].value != "Pod0006" || rows[0].total != 7 || rows[1200].value != "Pod1197" || rows[1200].total != 0 {
		t.Errorf("first %+v, last %+v", rows[0], rows[1200])
	}
	// Each list page's body holds its rows, and page 1's the hash of the
	// index file, so a build that reuses pages sees them change.
	if l := listAt(t, s, "pods/"); l.count != 1201 || l.pages != 3 || len(l.index) != 64 {
		t.Errorf("page 1: %d rows of %d, %d pages, index %q", len(l.rows), l.count, l.pages, l.index)
	}
	if l := listAt(t, s, "pods/page/3/"); l.rows[0].value != rows[1000].value || l.base != "../../" || l.index != "" {
		t.Errorf("page 3: first row %+v, base %q, index %q", l.rows[0], l.base, l.index)
	}
	if s.Files["pods/values.js"] != nil || lists[0].Files != nil {
		t.Errorf("the index file is written before its page is drawn")
	}
	draw(t, s, e, "pods/") // page 1 writes the index file, as its own
	index := string(s.Files["pods/values.js"])
	if strings.Count(index, "\n[") != 1201 || !strings.Contains(index, "\n[\"Pod0006\",\"pod0006/index.html\",7],\n") ||
		strings.Join(lists[0].Files, " ") != "pods/values.js" {
		t.Errorf("index file (%d rows), files %v:\n%.300s", strings.Count(index, "\n["), lists[0].Files, index)
	}
	html := draw(t, s, e, "pods/page/2/")
	for _, want := range []string{
		`<th scope="col">pod</th><th scope="col" aria-sort="descending">Events, last 30 days</th>`,
		`<tr><td><a href="../../` + rows[500].link + `index.html">` + rows[500].value + `</a></td><td data-value="`,
		`1,201 values; 501–1,000 on this page.`,
		`data-base="../../" data-index="../../values.js"`,
		`<li><a rel="prev" href="../../index.html">Previous</a></li>`,
		`<li><a aria-current="page" href="../../page/2/index.html">2</a></li>`,
		`<li><a rel="next" href="../../page/3/index.html">Next</a></li>`,
		`<script src="../../../assets/each.js" defer></script>`,
		`<form class="ds-list-find" role="search" hidden><label for="ds-list-q">Find a value</label>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page 2 lacks %s:\n%.1500s", want, html)
		}
	}
	if n := strings.Count(html, "<tr><td>"); n != 500 {
		t.Errorf("page 2 shows %d rows", n)
	}
}

// TestEach_Top: each_top keeps the values with the most events over all
// time, whatever their number (no cap of 100), and lists them alone.
func TestEach_Top(t *testing.T) {
	pods := map[string]map[time.Time]int64{}
	for i := range 300 {
		pods[fmt.Sprintf("p%03d", i)] = map[time.Time]int64{now.AddDate(0, 0, -100): int64(i + 1), now.Add(-time.Hour): 1}
	}
	s, e, err := expandSite(t, podStore(t, pods), podTemplate(150, "last 30 days"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Pages) != 151 || s.Pages[1].Each != "p299" || s.Pages[150].Each != "p150" {
		t.Fatalf("%d pages, %q .. %q", len(s.Pages), s.Pages[1].Each, s.Pages[len(s.Pages)-1].Each)
	}
	l := listAt(t, s, "pods/")
	if l.count != 150 || l.rows[0].value != "p150" || l.rows[0].total != 1 || l.pages != 1 {
		t.Errorf("list: %d rows, first %+v", l.count, l.rows[0])
	}
	if html := draw(t, s, e, "pods/"); strings.Contains(html, "ds-pager") || !strings.Contains(html, ">150 values.</p>") {
		t.Errorf("a one-page list:\n%.600s", html)
	}
}

// TestEach_Range: the list counts over the range and timezone of the
// template's first query by line; a template with no query counts over
// the last 30 days.
func TestEach_Range(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	pods := map[string]map[time.Time]int64{
		// Today in Tokyo began 2026-11-25T15:00Z.
		"a": {at("2026-11-25T16:00:00Z"): 3, at("2026-11-25T14:00:00Z"): 100, at("2026-10-01T00:00:00Z"): 1000},
	}
	tmpl := podTemplate(0, "today")
	q := tmpl.Meta.Queries["daily"]
	q.Timezone, q.Every = "Asia/Tokyo", "hour"
	tmpl.Meta.Queries["daily"] = q
	rec := &recorder{Reader: podStore(t, pods)}
	s, _, err := expandSite(t, rec, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	l := listAt(t, s, "pods/")
	if l.rows[0].total != 3 || l.label != "Events, today" {
		t.Errorf("today in Tokyo: %v, %q", l.rows[0].total, l.label)
	}
	if d := rec.queries[len(rec.queries)-1]; d.Every != build.Daily || d.Loc.String() != "Asia/Tokyo" || d.By != "pod" {
		t.Errorf("an hourly range of whole days is counted by the day: %+v", d)
	}

	tmpl = podTemplate(0, "")
	tmpl.Meta.Queries, tmpl.Meta.QueryLines = nil, nil
	s, _, err = expandSite(t, podStore(t, pods), tmpl)
	if err != nil {
		t.Fatal(err)
	}
	if l := listAt(t, s, "pods/"); l.rows[0].total != 103 || l.label != "Events, last 30 days" {
		t.Errorf("no query: %v, %q", l.rows[0].total, l.label)
	}
}

// TestEach_Pagination: 0, 1, 500 and 501 values make 1, 1, 1 and 2 list
// pages; only a list of more than one page links its pages.
func TestEach_Pagination(t *testing.T) {
	for _, c := range []struct{ values, pages int }{{0, 1}, {1, 1}, {500, 1}, {501, 2}} {
		t.Run(fmt.Sprint(c.values), func(t *testing.T) {
			var groups []build.Group
			for i := range c.values {
				groups = append(groups, build.Group{Value: fmt.Sprintf("v%04d", i), Total: float64(1000 - i)})
			}
			st := newStore(t, []build.EventInfo{{Event: "Signed Up", Total: 1}}, groups...)
			s, e, err := expandSite(t, st, template("plan", "Signed Up", 0))
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Pages) != c.values+c.pages || len(e.lists.listed) != c.pages {
				t.Fatalf("%d pages, %d list pages", len(s.Pages), len(e.lists.listed))
			}
			first, last := draw(t, s, e, "per/event/"), draw(t, s, e, listURL("per/event/", c.pages))
			if (c.pages > 1) != strings.Contains(first, "ds-pager") {
				t.Errorf("pager on a list of %d values:\n%s", c.values, first)
			}
			rows := strings.Count(last, "<tr><td>")
			if want := c.values - (c.pages-1)*PerPage; rows != want {
				t.Errorf("the last page shows %d rows, want %d", rows, want)
			}
			if c.values == 0 && !strings.Contains(first, "No values yet") {
				t.Errorf("an empty list:\n%s", first)
			}
			if c.pages == 2 && (!strings.Contains(last, `<li><a rel="prev" href="../../index.html">Previous</a></li>`) || strings.Contains(last, `rel="next"`)) {
				t.Errorf("the last page:\n%s", last)
			}
		})
	}
}

// TestEach_ListTaken: a page of the list where a page of content/ is
// already is an error at the each: line that says which.
func TestEach_ListTaken(t *testing.T) {
	groups := make([]build.Group, PerPage+1)
	for i := range groups {
		groups[i] = build.Group{Value: fmt.Sprintf("v%04d", i), Total: 1}
	}
	st := newStore(t, []build.EventInfo{{Event: "Signed Up", Total: 1}}, groups...)
	own := &build.Page{Source: "per/event/page/2.md", URL: "per/event/page/2/"}
	_, _, err := expandSite(t, st, template("plan", "Signed Up", 0), own)
	want := "content/per/event.md:3: each: page 2 of the list of values is per/event/page/2/, which another page has: move that page"
	if err == nil || err.Error() != want {
		t.Fatalf("got\n%v\nwant\n%s", err, want)
	}
}

// TestEach_Limit: a template over more than MaxPages values is an error
// at its each: line that says so and what to do; each_top makes it fine.
func TestEach_Limit(t *testing.T) {
	groups := make([]build.Group, MaxPages+1)
	for i := range groups {
		groups[i] = build.Group{Value: fmt.Sprintf("v%06d", i), Total: 1}
	}
	st := newStore(t, []build.EventInfo{{Event: "Signed Up", Total: 1}}, groups...)
	_, _, err := expandSite(t, st, template("plan", "Signed Up", 0))
	want := `content/per/event.md:3: each: plan: more than 500,000 values on "Signed Up", and a template makes at most 500,000 pages: set each_top: N to make pages for the N with the most events`
	var list build.ErrorList
	if !errors.As(err, &list) || err.Error() != want {
		t.Fatalf("got\n%v\nwant\n%s", err, want)
	}
	s, _, err := expandSite(t, st, template("plan", "Signed Up", 20))
	if err != nil || len(s.Pages) != 21 {
		t.Fatalf("each_top 20: %v, %d pages", err, len(s.Pages))
	}
}

// TestEach_Hostile: values reach the table as text, the index file as
// JavaScript strings that no "</script>" or line separator can end, and
// file names as slugs.
func TestEach_Hostile(t *testing.T) {
	hostile := []string{"</script><b>", "a\u2028b\u2029c", `"';alert(1)//`, "B\u202eexe.txt", "../../etc"}
	pods := map[string]map[time.Time]int64{}
	for i, v := range hostile {
		pods[v] = map[time.Time]int64{now.Add(-time.Hour): int64(i + 1)}
	}
	s, e, err := expandSite(t, podStore(t, pods), podTemplate(0, ""))
	if err != nil {
		t.Fatal(err)
	}
	slug := regexp.MustCompile(`^pods/[a-z0-9-]+/$`)
	for _, p := range s.Pages[1:] {
		if !slug.MatchString(p.URL) {
			t.Errorf("copy %q at %q", p.Each, p.URL)
		}
	}
	html := draw(t, s, e, "pods/")
	for _, bad := range []string{"<b>", "</script><", "\u202e", `"';`} {
		if strings.Contains(html, bad) {
			t.Errorf("the table holds %q:\n%s", bad, html)
		}
	}
	for _, want := range []string{`>&lt;/script&gt;&lt;b&gt;</a>`, `>&#34;&#39;;alert(1)//</a>`, `>B&lt;U+202E&gt;exe.txt</a>`} {
		if !strings.Contains(html, want) {
			t.Errorf("the table lacks %s:\n%s", want, html)
		}
	}
	index := string(s.Files["pods/values.js"])
	for _, bad := range []string{"<", ">", "\u2028", "\u2029", "\u202e"} {
		if strings.Contains(index, bad) {
			t.Errorf("the index file holds %q:\n%s", bad, index)
		}
	}
	for _, want := range []string{`["\u003c/script\u003e\u003cb\u003e","script-b/index.html",1]`, `"a\u2028b\u2029c"`, `"\"';alert(1)//"`} {
		if !strings.Contains(index, want) {
			t.Errorf("the index file lacks %s:\n%s", want, index)
		}
	}
}

// TestEach_Block: the list block draws only the pages of a list.
func TestEach_Block(t *testing.T) {
	e := New()
	_, err := e.renderList(&build.Site{}, &build.Page{URL: "x/"}, nil, 1)
	if err == nil || !strings.Contains(err.Error(), "only the list page of a template") {
		t.Fatalf("got %v", err)
	}
	// A list page's block draws links to the template's copies alone.
	e.lists = lists{listed: map[string]bool{"x/": true}}
	for _, body := range []string{
		`{"page":1,"pages":1,"count":1}` + "\n" + `["a","javascript:alert(1)//",1]`,
		`{"page":1,"pages":1,"count":1}` + "\n" + `["a","../../x/",1]`,
		`{"page":1,"pages":1,"count":1}` + "\n" + `["a","a/"]`,
		`not json`,
	} {
		if _, err := e.renderList(&build.Site{}, &build.Page{URL: "x/"}, []byte(body), 1); err == nil {
			t.Errorf("drew %s", body)
		}
	}
}

// TestEach_EventTotals: a template over events lists each event's count
// over its range.
func TestEach_EventTotals(t *testing.T) {
	m := storetest.NewMemory()
	b := build.NewBatch("events.gz")
	b.Counts[build.EventHour{Event: "Signed Up", Hour: build.HourOf(now.Add(-time.Hour))}] = 4
	b.Counts[build.EventHour{Event: "Signed Up", Hour: build.HourOf(now.AddDate(0, -3, 0))}] = 40
	b.Counts[build.EventHour{Event: "Order Completed", Hour: build.HourOf(now.Add(-2 * time.Hour))}] = 9
	if err := m.Apply(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	s, _, err := expandSite(t, m, template("event", "", 0))
	if err != nil {
		t.Fatal(err)
	}
	l := listAt(t, s, "per/event/")
	if len(l.rows) != 2 || l.rows[0].value != "Order Completed" || l.rows[0].total != 9 || l.rows[1].total != 4 || l.column != "Event" {
		t.Errorf("rows %+v, column %q", l.rows, l.column)
	}
}
