package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserList opens the list page of a template over 600 pods from
// disk (file://, no server) in headless Chromium: typing part of the name
// of a pod listed on the list's second page into the filter box shows
// that pod's row and link, and only rows that hold what was typed;
// clearing it brings this page's rows back; clicking a column's header
// sorts the rows by it. The console stays free of errors.
func TestBrowserList(t *testing.T) {
	chromiumPath(t)
	dir := podsSite(t, 600, 30000)
	public := filepath.Join(dir, "public", "pods", "pod")
	data, err := os.ReadFile(filepath.Join(public, "values.js"))
	if err != nil {
		t.Fatal(err)
	}
	body := strings.TrimSuffix(strings.TrimSpace(string(data)), ";")
	var index [][3]any
	if err := json.Unmarshal([]byte(body[strings.Index(body, "["):]), &index); err != nil {
		t.Fatal(err)
	}
	if len(index) <= 500 {
		t.Fatalf("%d pods: the test wants a pod beyond the first page", len(index))
	}
	// The last pod of the list, on page 2: part of its name, in another case.
	name, link := index[len(index)-1][0].(string), index[len(index)-1][1].(string)
	part := strings.ToUpper(name[1 : len(name)-1])
	matches := 0
	for _, v := range index {
		if strings.Contains(strings.ToLower(v[0].(string)), strings.ToLower(part)) {
			matches++
		}
	}

	bctx := newBrowser(t)
	ctx, cancel := chromedp.NewContext(bctx)
	defer cancel()
	problems := consoleProblems(ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(public, "index.html"))); err != nil {
		t.Fatal(err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 30*time.Second)
	defer cancelT()

	type state struct {
		Rows   []string `json:"rows"`   // each row's value
		Links  []string `json:"links"`  // each row's link, as written
		Totals []int    `json:"totals"` // each row's total
		Status string   `json:"status"`
		Pager  bool     `json:"pager"` // the links to the other pages show
		Form   bool     `json:"form"`  // the filter box shows
		Sorts  []string `json:"sorts"` // each header's aria-sort
		Label  string   `json:"label"` // the filter box's accessible name
	}
	const read = `(() => {
		const rows = [...document.querySelectorAll('#ds-list-table tbody tr')];
		const pager = document.querySelector('.ds-pager');
		const input = document.querySelector('#ds-list-q');
		return {
			rows: rows.map(r => r.cells[0].textContent),
			links: rows.map(r => r.querySelector('a').getAttribute('href')),
			totals: rows.map(r => Number(r.cells[1].getAttribute('data-value'))),
			status: document.querySelector('.ds-list-status').textContent,
			pager: !!pager && !pager.hidden && pager.offsetParent !== null,
			form: !document.querySelector('.ds-list-find').hidden,
			sorts: [...document.querySelectorAll('#ds-list-table thead th')].map(th => th.getAttribute('aria-sort')),
			label: input.labels.length ? input.labels[0].textContent : '',
		};
	})()`
	st, err := chromedp.Run(tctx, chromedp.Poll[state](`(() => { const s = `+read+`; return s.form ? s : null; })()`, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		t.Fatalf("the filter box never showed: %v", err)
	}
	if len(st.Rows) != 500 || !st.Pager || st.Label != "Find a value" || strings.Join(st.Sorts, ",") != "none,descending" {
		t.Fatalf("the list page as it opens: %d rows, pager %v, label %q, sorts %v", len(st.Rows), st.Pager, st.Label, st.Sorts)
	}
	for _, r := range st.Rows {
		if r == name {
			t.Fatalf("%s is on the first page: the test wants one beyond it", name)
		}
	}

	// Typing part of the name finds the pod from the whole list.
	if err := chromedp.Do(tctx, chromedp.SendKeys(chromedp.CSS("#ds-list-q"), part)); err != nil {
		t.Fatal(err)
	}
	st, err = chromedp.Run(tctx, chromedp.Poll[state](`(() => { const s = `+read+`; return s.rows.length === `+fmt.Sprint(matches)+` && !s.pager ? s : null; })()`, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		now, _ := chromedp.Run(ctx, chromedp.Evaluate[state](read))
		t.Fatalf("typing %q: want %d rows, have %+v: %v", part, matches, now, err)
	}
	found := false
	for i, r := range st.Rows {
		if !strings.Contains(strings.ToLower(r), strings.ToLower(part)) {
			t.Errorf("typing %q shows %q", part, r)
		}
		if r == name {
			found = true
			if st.Links[i] != link {
				t.Errorf("%s links %q, want %q", name, st.Links[i], link)
			}
		}
	}
	if !found {
		t.Errorf("typing %q does not show %s: %v", part, name, st.Rows)
	}
	if !strings.Contains(st.Status, "match") {
		t.Errorf("status %q", st.Status)
	}
	// The link leads to the pod's page.
	if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(link))); err != nil {
		t.Errorf("the row's link: %v", err)
	}

	// Clearing the box brings this page's rows and its pager back.
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`(() => { const i = document.querySelector('#ds-list-q'); i.value = ''; i.dispatchEvent(new Event('input')); return true; })()`)); err != nil {
		t.Fatal(err)
	}
	if st, err = chromedp.Run(tctx, chromedp.Evaluate[state](read)); err != nil || len(st.Rows) != 500 || !st.Pager {
		t.Fatalf("after clearing: %d rows, pager %v, %v", len(st.Rows), st.Pager, err)
	}

	// Clicking the first header sorts by value, A to Z; clicking the
	// second sorts by total, the other way from the page's order.
	if err := chromedp.Do(tctx, chromedp.Click(chromedp.CSS("#ds-list-table thead th:first-child button"))); err != nil {
		t.Fatal(err)
	}
	st, err = chromedp.Run(tctx, chromedp.Evaluate[state](read))
	if err != nil {
		t.Fatal(err)
	}
	byName, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`(() => {
		const v = [...document.querySelectorAll('#ds-list-table tbody tr')].map(r => r.cells[0].textContent);
		return v.every((x, i) => i === 0 || v[i-1].localeCompare(x) <= 0);
	})()`))
	if err != nil || !byName || strings.Join(st.Sorts, ",") != "ascending,none" {
		t.Errorf("after a click on the first header: sorted %v, aria-sort %v, %v", byName, st.Sorts, err)
	}
	if err := chromedp.Do(tctx, chromedp.Click(chromedp.CSS("#ds-list-table thead th:last-child button"))); err != nil {
		t.Fatal(err)
	}
	st, err = chromedp.Run(tctx, chromedp.Evaluate[state](read))
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(st.Totals); i++ {
		if st.Totals[i-1] > st.Totals[i] {
			t.Fatalf("after a click on the second header, row %d (%d) comes after %d", i, st.Totals[i], st.Totals[i-1])
		}
	}
	if strings.Join(st.Sorts, ",") != "none,ascending" || len(st.Rows) != 500 {
		t.Errorf("after a click on the second header: aria-sort %v, %d rows", st.Sorts, len(st.Rows))
	}

	cancel()
	for _, p := range problems() {
		t.Error(p)
	}
}
