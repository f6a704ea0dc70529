package each

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
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
	index  string // page 1: the SHA-256 of the list's index file, in hex
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
// (Unlisted: navigation shows the template once). index is the list's
// index file. Each page's body is the block that draws it (Block), which
// holds what the page shows: a header line and its rows, as JSON (see
// blockOf), so that a build that reuses unchanged pages sees, in the
// body, when a page's rows, their links or the list's length change, and,
// on page 1, the index file (by its hash). sp says what the totals count.
func listPages(t *build.Page, rows []row, sp span, index []byte) []*build.Page {
	n := pageCount(len(rows))
	column := t.Meta.Each
	if column == "event" {
		column = "Event"
	}
	sum := sha256.Sum256(index)
	pages := make([]*build.Page, n)
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
		} else {
			l.index = hex.EncodeToString(sum[:])
		}
		p.Body = blockOf(l)
		pages[k-1] = p
	}
	return pages
}

// header is the first line of a list page's block: what the page is.
type header struct {
	Page   int    `json:"page"`
	Pages  int    `json:"pages"`
	Count  int    `json:"count"`
	Base   string `json:"base"`
	Column string `json:"column"`
	Label  string `json:"label"`
	Index  string `json:"index,omitempty"` // page 1: the SHA-256 of the index file, in hex
}

// blockOf writes the Markdown body of a list page: a fenced Block whose
// first line is the page's header and each line after it one row,
// [value, link, events], all JSON. No line can close the fence: each
// starts with "{" or "[", and JSON writes a line break in a value as \n.
func blockOf(l *list) []byte {
	var b bytes.Buffer
	b.Grow(128 + len(l.rows)*64)
	b.WriteString("```" + Block + "\n")
	h, _ := json.Marshal(header{Page: l.page, Pages: l.pages, Count: l.count, Base: l.base, Column: l.column, Label: l.label, Index: l.index}) // strings and ints always marshal
	b.Write(h)
	b.WriteByte('\n')
	for _, w := range l.rows {
		writeRow(&b, w.value, w.link, w.total)
		b.WriteByte('\n')
	}
	b.WriteString("```\n")
	return b.Bytes()
}

// parseList reads a list page's block, as blockOf wrote it. Links must
// be a copy's folder ("a-z0-9-" and a slash): the block draws links to
// a template's copies, and nothing else.
func parseList(body []byte) (*list, error) {
	lines := bytes.Split(bytes.TrimRight(body, "\n"), []byte("\n"))
	var h header
	if err := json.Unmarshal(lines[0], &h); err != nil {
		return nil, fmt.Errorf("the list's header: %v", err)
	}
	l := &list{count: h.Count, page: h.Page, pages: h.Pages, base: h.Base, column: h.Column, label: h.Label, index: h.Index}
	l.rows = make([]row, 0, len(lines)-1)
	for i, line := range lines[1:] {
		var v []any
		if err := json.Unmarshal(line, &v); err != nil {
			return nil, fmt.Errorf("row %d: %v", i+1, err)
		}
		value, ok1 := elem[string](v, 0)
		link, ok2 := elem[string](v, 1)
		total, ok3 := elem[float64](v, 2)
		if !ok1 || !ok2 || !ok3 || len(v) != 3 || !linkRE.MatchString(link) {
			return nil, fmt.Errorf("row %d: want [value, link to a copy, events], have %s", i+1, line)
		}
		l.rows = append(l.rows, row{value: value, link: link, total: total})
	}
	return l, nil
}

// linkRE is the link of a row: a copy's folder, as urlFor makes it.
var linkRE = regexp.MustCompile(`^[a-z0-9-]+/$`)

// elem returns v[i] as a T.
func elem[T any](v []any, i int) (T, bool) {
	var zero T
	if i >= len(v) {
		return zero, false
	}
	t, ok := v[i].(T)
	return t, ok
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
		writeRow(&b, build.Display(w.value), w.link+"index.html", w.total)
	}
	b.WriteString("\n];\n")
	return b.Bytes()
}

// writeRow writes one row as a JSON array: [value, link, events].
func writeRow(b *bytes.Buffer, value, link string, total float64) {
	b.WriteByte('[')
	writeJSON(b, value)
	b.WriteByte(',')
	writeJSON(b, link)
	b.WriteByte(',')
	b.WriteString(number(total))
	b.WriteByte(']')
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
