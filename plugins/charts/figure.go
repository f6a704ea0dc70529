package charts

import (
	"fmt"
	"html"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// figure writes the card every chart sits in: its caption, then one menu
// (a "⋯" <details> at the card's top right) that holds the links to the
// chart's data files and, for a chart that is not a table itself, its data
// as a table; then the chart's own body. The menu is open until charts.js
// has drawn the chart, so that a reader without JavaScript sees the
// numbers; a number card's menu starts closed, so the card shows its
// number, not links.
type figure struct {
	id   string // "chart-3", unique in the page
	sp   spec
	data *grid  // the chart's data as a table; nil when the chart is one
	open bool   // the data table shows until a script draws the chart
	note string // a line under the chart (what dashed or lighter means)
	// folded adds foldedNote to the line under the chart
	folded bool
}

// foldedNote is the line under a chart whose breakdown had values folded
// into (other) at ingest (build.Result.Folded).
const foldedNote = "Some values were folded into " + build.OtherGroup +
	" at ingest: more than the cardinality cap of distinct values per event and hour."

// html wraps body in the card.
func (f figure) html(body string) []byte {
	var b strings.Builder
	class := "ds-chart ds-chart-" + f.sp.Type
	if w := Widths[f.sp.Width]; w != "" {
		class += " " + w
	}
	fmt.Fprintf(&b, "<figure class=\"%s\" id=\"%s\">\n", class, f.id)
	fmt.Fprintf(&b, "<figcaption>%s</figcaption>\n", html.EscapeString(f.sp.Title))
	b.WriteString(f.menu())
	b.WriteString(body)
	note := f.note
	if f.folded {
		note = strings.TrimSpace(note + " " + foldedNote)
	}
	note = strings.TrimSpace(note + " " + f.sp.said)
	if note != "" {
		fmt.Fprintf(&b, "<p class=\"ds-note\">%s</p>\n", html.EscapeString(note))
	}
	b.WriteString("</figure>\n")
	return []byte(b.String())
}

// menu writes the card's one menu: a native <details>, so that it opens
// with a click, Enter or Space, without JavaScript, and from file://.
func (f figure) menu() string {
	var b strings.Builder
	open := ""
	if f.open {
		open = " open"
	}
	what := "Downloads"
	if f.data != nil {
		what = "Data table and downloads"
	}
	fmt.Fprintf(&b, "<details class=\"ds-menu\"%s>\n<summary title=\"%s\" aria-label=\"%s: %s\">\u22ef</summary>\n<div class=\"ds-menu-panel\">\n",
		open, what, what, html.EscapeString(f.sp.Title))
	name := build.Slug(f.sp.Title)
	if name == "" {
		name = f.id
	}
	fmt.Fprintf(&b, "<p class=\"ds-downloads\">Download the data: <a href=\"%[1]s.csv\" download=\"%[2]s.csv\">CSV</a> · <a href=\"%[1]s.json\" download=\"%[2]s.json\">JSON</a></p>\n", f.id, name)
	if f.data != nil {
		b.WriteString("<div class=\"ds-table\">\n")
		f.data.html(&b)
		b.WriteString("</div>\n")
	}
	b.WriteString("</div>\n</details>\n")
	return b.String()
}
