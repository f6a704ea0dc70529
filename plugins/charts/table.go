package charts

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// grid is a table of a chart's data, rendered as HTML that reads without
// JavaScript and that charts.js makes sortable.
type grid struct {
	head []string
	rows [][]cell
	foot []cell // the totals row, first cell its label; nil for none
}

// cell is one table cell: its text, the raw value it sorts by, and for a
// bucket its start time.
type cell struct {
	text    string
	sort    string
	time    string // RFC 3339, for a <time datetime>
	partial bool   // a bucket whose data is still coming in
}

// num is a value cell written in format.
func num(v float64, format string) cell {
	return cell{text: formatValue(v, format), sort: strconv.FormatFloat(v, 'f', -1, 64)}
}

// seriesGrid tabulates a result bucket by bucket: one value column, or
// one per group and their total, and the comparison period's values under
// a header that names the period's dates.
// Buckets not yet begun in the data are left out; partial ones are marked.
func seriesGrid(sp spec, r *build.Result, c completeness) grid {
	g := grid{head: []string{title(string(r.Query.Every))}}
	prev := r.Previous
	if prev != nil && (len(prev.Points) != len(r.Points) || len(r.Groups) > 0) {
		prev = nil
	}
	if len(r.Groups) == 0 {
		g.head = append(g.head, title(measureLabel(r.Query)))
	}
	for _, gr := range r.Groups {
		g.head = append(g.head, groupName(gr.Value))
	}
	if len(r.Groups) > 0 {
		g.head = append(g.head, "Total")
	}
	if prev != nil {
		// The column names the dates it shows: "Previous period (Oct 6 – Nov 2)".
		g.head = append(g.head, title(string(r.Query.Compare))+" ("+periodLabel(prev.Query)+")")
	}
	for i, p := range r.Points {
		if c.state(i) == "future" {
			continue
		}
		at := cell{text: label(r, p), sort: strconv.FormatInt(p.Time.Unix(), 10), time: p.Time.Format("2006-01-02T15:04:05Z07:00"), partial: c.state(i) == "partial"}
		row := []cell{at}
		for _, gr := range r.Groups {
			row = append(row, pointCell(gr.Points[i], sp.Format))
		}
		row = append(row, pointCell(p, sp.Format))
		if prev != nil {
			row = append(row, pointCell(prev.Points[i], sp.Format))
		}
		g.rows = append(g.rows, row)
	}
	g.foot = []cell{{text: totalLabel(r)}}
	for _, gr := range r.Groups {
		g.foot = append(g.foot, totalCell(gr.Total, gr.TotalGap, sp.Format))
	}
	g.foot = append(g.foot, totalCell(r.Total, totalGap(r), sp.Format))
	if prev != nil {
		g.foot = append(g.foot, totalCell(prev.Total, totalGap(prev), sp.Format))
	}
	return g
}

// totalLabel heads the totals row: "Total", or the measure type's own
// label when its total is not the sum of its buckets (unique: "All
// (distinct)").
func totalLabel(r *build.Result) string {
	if t, err := r.Query.Measure.Type(); err == nil {
		if l, ok := t.(build.TotalLabeler); ok {
			return l.TotalLabel()
		}
	}
	return "Total"
}

// html writes the table; the columns sort when charts.js runs.
func (g grid) html(b *strings.Builder) {
	b.WriteString("<table class=\"ds-sortable\">\n<thead><tr>")
	for _, h := range g.head {
		fmt.Fprintf(b, "<th scope=\"col\">%s</th>", html.EscapeString(h))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, row := range g.rows {
		b.WriteString("<tr>")
		for i, c := range row {
			tag := "td"
			if i == 0 && c.time == "" {
				tag = "th scope=\"row\""
			}
			fmt.Fprintf(b, "<%s data-value=\"%s\">", tag, html.EscapeString(c.sort))
			if c.time != "" {
				fmt.Fprintf(b, "<time datetime=\"%s\">%s</time>", c.time, html.EscapeString(c.text))
			} else {
				b.WriteString(html.EscapeString(c.text))
			}
			if c.partial {
				b.WriteString(" <span class=\"ds-partial-mark\">(partial)</span>")
			}
			fmt.Fprintf(b, "</%s>", tag[:2])
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n")
	if g.foot != nil {
		b.WriteString("<tfoot><tr>")
		for i, c := range g.foot {
			if i == 0 {
				fmt.Fprintf(b, "<th scope=\"row\">%s</th>", html.EscapeString(c.text))
				continue
			}
			fmt.Fprintf(b, "<td>%s</td>", html.EscapeString(c.text))
		}
		b.WriteString("</tr></tfoot>\n")
	}
	b.WriteString("</table>\n")
}

// title capitalises a word for a column header: "day" -> "Day".
// measureLabel is what a query's values are: its measure ("sum(revenue)"),
// or a formula's expression ("revenue / orders"), which has no measure.
func measureLabel(q build.Query) string {
	if q.Formula != "" {
		return q.Formula
	}
	return q.Measure.String()
}

func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// groupName shows a breakdown value, its bidirectional controls written
// out (build.Display); an empty string is a value too.
func groupName(v string) string {
	if v == "" {
		return "(empty)"
	}
	return build.Display(v)
}
