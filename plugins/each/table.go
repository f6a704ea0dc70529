package each

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"math"
	"strconv"

	"github.com/dashsmith/dashsmith/build"
)

// Blocks implements build.BlockProvider: the ```each-list block, which
// only the pages of a template's list hold, draws that page of the list.
func (e *Each) Blocks() map[string]build.BlockFunc {
	return map[string]build.BlockFunc{Block: e.renderList}
}

// renderList draws the page of a template's list that p is: a table of
// its values (each linked to its copy) and their events over the
// template's range, most first; links to the list's other pages; and a
// filter box, hidden until assets/each.js runs, that finds values on
// every page from the index file. What it draws is the block's own
// text (body, see blockOf); page 1 adds the list's index file to the
// site's files, as its own. Clicking a column's header sorts the
// rows shown (each.js); without JavaScript the table keeps its order.
func (e *Each) renderList(s *build.Site, p *build.Page, body []byte, _ int) ([]byte, error) {
	e.mu.Lock()
	ok, index := e.lists.listed[p.URL], e.lists.index[p.URL]
	e.mu.Unlock()
	if !ok {
		return nil, errors.New(Block + ": only the list page of a template (each:) draws its list; remove this block")
	}
	l, err := parseList(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", Block, err)
	}
	if l.index != "" { // page 1: its index file, made with the list
		if sum := sha256.Sum256(index); hex.EncodeToString(sum[:]) != l.index {
			return nil, fmt.Errorf("%s: the index file of %s is not the one its list was made with", Block, p.URL)
		}
		s.AddFile(p.URL+IndexFile, index)
		p.Files = append(p.Files, p.URL+IndexFile)
	}
	var b bytes.Buffer
	b.Grow(512 + len(l.rows)*160)
	esc := func(s string) { b.WriteString(html.EscapeString(s)) }
	b.WriteString(`<section class="ds-list" aria-label="Values" data-base="`)
	esc(l.base)
	b.WriteString(`" data-index="`)
	esc(l.base + IndexFile)
	b.WriteString("\">\n")
	b.WriteString(`<form class="ds-list-find" role="search" hidden><label for="ds-list-q">Find a value</label> ` +
		`<input id="ds-list-q" type="search" autocomplete="off" spellcheck="false" aria-controls="ds-list-table" aria-describedby="ds-list-status"></form>` + "\n")
	b.WriteString(`<p class="ds-list-status" id="ds-list-status" role="status" aria-live="polite">`)
	esc(status(l))
	b.WriteString("</p>\n")
	b.WriteString(`<div class="ds-table"><table class="ds-list-table" id="ds-list-table">` + "\n<thead><tr>")
	b.WriteString(`<th scope="col">`)
	esc(l.column)
	b.WriteString(`</th><th scope="col" aria-sort="descending">`)
	esc(l.label)
	b.WriteString("</th></tr></thead>\n<tbody>\n")
	for _, w := range l.rows {
		b.WriteString(`<tr><td><a href="`)
		esc(l.base + w.link + "index.html")
		b.WriteString(`">`)
		esc(build.Display(w.value))
		b.WriteString(`</a></td><td data-value="`)
		b.WriteString(number(w.total))
		b.WriteString(`">`)
		b.WriteString(shown(w.total))
		b.WriteString("</td></tr>\n")
	}
	b.WriteString("</tbody>\n</table></div>\n")
	pager(&b, l)
	b.WriteString("</section>\n")
	b.WriteString(`<script src="`)
	esc(p.Root() + "assets/each.js")
	b.WriteString(`" defer></script>` + "\n")
	return b.Bytes(), nil
}

// status says what the page shows: "20,000 values; 1–500 on this page."
func status(l *list) string {
	switch {
	case l.count == 0:
		return "No values yet: the store has seen none."
	case l.pages == 1:
		return plural(l.count, "value", "values") + "."
	}
	first := (l.page-1)*PerPage + 1
	return plural(l.count, "value", "values") + "; " + build.Commas(int64(first)) + "–" + build.Commas(int64(first+len(l.rows)-1)) + " on this page."
}

// plural writes n and the noun: "1 value", "20,000 values".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return build.Commas(int64(n)) + " " + many
}

// shown writes a total as the table shows it: "1,234"; a fraction (a
// count is whole) keeps its digits.
func shown(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return build.Commas(int64(v))
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// pager writes the links to the list's other pages, when it has more
// than one: previous and next, the first and the last, and the two on
// either side of this one, "…" for the pages between.
func pager(b *bytes.Buffer, l *list) {
	if l.pages < 2 {
		return
	}
	href := func(k int) string {
		// From page 1 (the template's folder) or page k (two folders below it).
		if k == 1 {
			return html.EscapeString(l.base + "index.html")
		}
		return html.EscapeString(l.base + "page/" + strconv.Itoa(k) + "/index.html")
	}
	b.WriteString(`<nav class="ds-pager" aria-label="Pages of the list"><ul>`)
	if l.page > 1 {
		b.WriteString(`<li><a rel="prev" href="` + href(l.page-1) + `">Previous</a></li>`)
	}
	gap := false
	for k := 1; k <= l.pages; k++ {
		if k != 1 && k != l.pages && (k < l.page-2 || k > l.page+2) {
			if !gap {
				b.WriteString(`<li aria-hidden="true">…</li>`)
			}
			gap = true
			continue
		}
		gap = false
		n := strconv.Itoa(k)
		if k == l.page {
			b.WriteString(`<li><a aria-current="page" href="` + href(k) + `">` + n + `</a></li>`)
			continue
		}
		b.WriteString(`<li><a href="` + href(k) + `" aria-label="Page ` + n + `">` + n + `</a></li>`)
	}
	if l.page < l.pages {
		b.WriteString(`<li><a rel="next" href="` + href(l.page+1) + `">Next</a></li>`)
	}
	b.WriteString("</ul></nav>\n")
}
