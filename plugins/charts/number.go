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
	fmt.Fprintf(&b, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n",
		html.EscapeString(title(string(r.Query.Every))), html.EscapeString(title(r.Query.Measure)))
	b.WriteString("<tbody>\n")
	for _, p := range r.Points {
		fmt.Fprintf(&b, "<tr><td><time datetime=\"%s\">%s</time></td><td>%s</td></tr>\n",
			p.Time.Format("2006-01-02T15:04:05Z07:00"), html.EscapeString(label(r, p)), formatNumber(p.Value))
	}
	fmt.Fprintf(&b, "</tbody>\n<tfoot><tr><th scope=\"row\">Total</th><td>%s</td></tr></tfoot>\n", formatNumber(r.Total))
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
