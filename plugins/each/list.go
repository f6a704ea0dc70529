package each

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// PerPage is how many values a page of a template's list shows. The
// list of a template over 20,000 values is 40 pages of 500 rows, none of
// them big; the filter box finds a value on any of them (IndexFile).
const PerPage = 500

// IndexFile is the name of the file, beside a template's list page, that
// holds every value of the list for its filter box: a JavaScript array of
// [value, link, events], read with <script src> so that it works from
// file:// too.
const IndexFile = "values.js"

// Block is the language of the fenced block that draws a page of a
// template's list, which the list pages' bodies hold.
const Block = "each-list"

// row is one value of a template's list.
type row struct {
	value string
	link  string // the copy's folder, from the template's folder: "alamofire/"
	total float64
}

// list is one page of a template's list, as its block draws it.
type list struct {
	rows   []row  // this page's rows
	count  int    // rows in the whole list
	page   int    // 1, 2, ...
	pages  int    // how many pages the list has
	base   string // the template's folder from this page: "", "../../"
	column string // the first column's header: "Event" or the property path
	label  string // the second column's header: "Events, last 30 days"
}

// listURL is the URL of page k of the list of the template at url:
// url itself, then url/page/2/, url/page/3/ ...
func listURL(url string, k int) string {
	if k <= 1 {
		return url
	}
	return url + "page/" + strconv.Itoa(k) + "/"
}

// pageCount is how many pages a list of n rows takes: one at least, an
// empty list saying so on its page.
func pageCount(n int) int {
	return max(1, (n+PerPage-1)/PerPage)
}

// sortRows orders rows by events, most first, then by value (byte by
// byte), as the list shows them.
func sortRows(rows []row) {
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].total != rows[j].total {
			return rows[i].total > rows[j].total
		}
		return rows[i].value < rows[j].value
	})
}

// listPages cuts the rows of template t, sorted, into its list pages:
// t itself, which draws page 1, then a new page for each of the others
// (Unlisted: navigation shows the template once). Each page's Data holds
// its rows' values and totals under the name "each" (and page 1's, all
// of them, which its index file lists), so a build that reuses pages
// sees when they change. sp says what the totals count.
func listPages(t *build.Page, rows []row, sp span) ([]*build.Page, []*list) {
	n := pageCount(len(rows))
	column := t.Meta.Each
	if column == "event" {
		column = "Event"
	}
	pages := make([]*build.Page, n)
	lists := make([]*list, n)
	for k := 1; k <= n; k++ {
		lo, hi := min((k-1)*PerPage, len(rows)), min(k*PerPage, len(rows))
		l := &list{rows: rows[lo:hi], count: len(rows), page: k, pages: n,
			column: column, label: "Events, " + sp.label}
		p := t
		if k > 1 {
			l.base = "../../"
			p = &build.Page{Source: t.Source, URL: listURL(t.URL, k), Line: t.Line, Unlisted: true,
				Meta: build.Meta{Title: fmt.Sprintf("%s, page %d", t.Meta.Title, k), Description: t.Meta.Description,
					Layout: t.Meta.Layout, Weight: t.Meta.Weight, Draft: t.Meta.Draft}}
		}
		p.Body = []byte("```" + Block + "\n```\n")
		shown := l.rows
		if k == 1 {
			shown = rows // page 1 writes the index of them all
		}
		p.Data = map[string]*build.Result{"each": dataOf(sp.query(t.Meta.EachEvent, t.Meta.Each), shown)}
		pages[k-1], lists[k-1] = p, l
	}
	return pages, lists
}

// dataOf is rows as a result: each value and its total, no points.
func dataOf(q build.Query, rows []row) *build.Result {
	r := &build.Result{Query: q, Groups: make([]build.Group, len(rows))}
	for i, w := range rows {
		r.Groups[i] = build.Group{Value: w.value, Total: w.total}
		r.Total += w.total
	}
	return r
}

// indexFile writes the index of a list: one line per row, in the list's
// order, [value as shown, link from the template's folder, events].
// Strings are JSON, which escapes <, > and & (so "</script>" cannot end
// a script), U+2028 and U+2029 (line ends to JavaScript) and writes
// invalid UTF-8 as U+FFFD.
func indexFile(rows []row) []byte {
	var b bytes.Buffer
	b.Grow(64 + len(rows)*48)
	b.WriteString("// The values of a template's list, for its filter box (assets/each.js).\nwindow.dashsmithEach = [\n")
	for i, w := range rows {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteByte('[')
		writeJSON(&b, build.Display(w.value))
		b.WriteByte(',')
		writeJSON(&b, w.link+"index.html")
		b.WriteByte(',')
		b.WriteString(number(w.total))
		b.WriteByte(']')
	}
	b.WriteString("\n];\n")
	return b.Bytes()
}

// writeJSON writes s as a JSON string, escaped for HTML and JavaScript.
func writeJSON(b *bytes.Buffer, s string) {
	out, _ := json.Marshal(s) // a string always marshals
	b.Write(out)
}

// number writes a total as JSON and JavaScript read it: "1234", "0.5".
func number(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// rowsOf makes the rows of a template: its values, the folder of each
// copy relative to the template's, and their totals.
func rowsOf(base string, values, urls []string, tot []float64) []row {
	rows := make([]row, len(values))
	for i, v := range values {
		rows[i] = row{value: v, link: strings.TrimPrefix(urls[i], base), total: tot[i]}
	}
	sortRows(rows)
	return rows
}
