package charts

import (
	"fmt"
	"html"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// figure writes the card every chart sits in: its caption, then the
// chart's own body, then its data (a table in a <details>, open until
// charts.js has drawn the chart) and links to the data files.
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
	b.WriteString(body)
	note := f.note
	if f.folded {
		note = strings.TrimSpace(note + " " + foldedNote)
	}
	if note != "" {
		fmt.Fprintf(&b, "<p class=\"ds-note\">%s</p>\n", html.EscapeString(note))
	}
	if f.data != nil {
		open := ""
		if f.open {
			open = " open"
		}
		fmt.Fprintf(&b, "<details class=\"ds-data\"%s>\n<summary>Data table</summary>\n<div class=\"ds-table\">\n", open)
		f.data.html(&b)
		b.WriteString("</div>\n</details>\n")
	}
	name := build.Slug(f.sp.Title)
	if name == "" {
		name = f.id
	}
	fmt.Fprintf(&b, "<p class=\"ds-downloads\">Download the data: <a href=\"%[1]s.csv\" download=\"%[2]s.csv\">CSV</a> · <a href=\"%[1]s.json\" download=\"%[2]s.json\">JSON</a></p>\n", f.id, name)
	b.WriteString("</figure>\n")
	return []byte(b.String())
}
