package charts

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// number renders a result's total as a big figure, readable without
// JavaScript.
func number(id string, sp spec, r *build.Result) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<figure class=\"ds-chart ds-chart-number\" id=\"%s\">\n", id)
	fmt.Fprintf(&b, "<figcaption>%s</figcaption>\n", html.EscapeString(sp.Title))
	fmt.Fprintf(&b, "<div class=\"ds-number\"><data value=\"%s\">%s</data></div>\n",
		strconv.FormatFloat(r.Total, 'f', -1, 64), formatNumber(r.Total))
	if first, last, ok := span(r); ok {
		fmt.Fprintf(&b, "<p class=\"ds-span\">%s to %s</p>\n", first, last)
	}
	b.WriteString("</figure>\n")
	return []byte(b.String())
}

// table renders a result as an HTML table of bucket and value.
func table(id string, sp spec, r *build.Result) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<figure class=\"ds-chart ds-chart-table\" id=\"%s\">\n", id)
	fmt.Fprintf(&b, "<figcaption>%s</figcaption>\n", html.EscapeString(sp.Title))
	fmt.Fprintf(&b, "<div class=\"ds-table\" style=\"max-height:%dpx\" tabindex=\"0\">\n<table>\n", sp.Height)
	fmt.Fprintf(&b, "<thead><tr><th scope=\"col\">%s</th>", html.EscapeString(title(string(r.Query.Every))))
	if len(r.Groups) == 0 {
		fmt.Fprintf(&b, "<th scope=\"col\">%s</th>", html.EscapeString(title(r.Query.Measure.String())))
	}
	for _, g := range r.Groups {
		fmt.Fprintf(&b, "<th scope=\"col\">%s</th>", html.EscapeString(g.Value))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for i, p := range r.Points {
		fmt.Fprintf(&b, "<tr><td><time datetime=\"%s\">%s</time></td>", p.Time.Format("2006-01-02T15:04:05Z07:00"), html.EscapeString(label(r, p)))
		if len(r.Groups) == 0 {
			fmt.Fprintf(&b, "<td>%s</td>", formatNumber(p.Value))
		}
		for _, g := range r.Groups {
			fmt.Fprintf(&b, "<td>%s</td>", formatNumber(g.Points[i].Value))
		}
		b.WriteString("</tr>\n")
	}
	total := "Total"
	if r.Query.Measure.Kind == build.Unique {
		total = "All (distinct)"
	}
	fmt.Fprintf(&b, "</tbody>\n<tfoot><tr><th scope=\"row\">%s</th>", total)
	if len(r.Groups) == 0 {
		fmt.Fprintf(&b, "<td>%s</td>", formatNumber(r.Total))
	}
	for _, g := range r.Groups {
		fmt.Fprintf(&b, "<td>%s</td>", formatNumber(g.Total))
	}
	b.WriteString("</tr></tfoot>\n")
	b.WriteString("</table>\n</div>\n</figure>\n")
	return []byte(b.String())
}

// title capitalises a word for a column header: "day" -> "Day".
func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
