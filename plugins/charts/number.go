package charts

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// number renders a result's total as a big figure, its change against the
// comparison period, and a sparkline: plain HTML and SVG that read
// without JavaScript.
func number(id string, sp spec, r *build.Result, cm completeness) []byte {
	var b strings.Builder
	if totalGap(r) {
		fmt.Fprintf(&b, "<div class=\"ds-number ds-gap\"><span title=\"no value in this range\">%s</span></div>\n", missing)
	} else {
		fmt.Fprintf(&b, "<div class=\"ds-number\"><data value=\"%s\">%s</data></div>\n",
			strconv.FormatFloat(r.Total, 'f', -1, 64), html.EscapeString(formatValue(r.Total, sp.Format)))
	}
	if c, ok := changeOf(r); ok {
		prev := missing
		if !totalGap(r.Previous) {
			prev = html.EscapeString(formatValue(r.Previous.Total, sp.Format))
		}
		fmt.Fprintf(&b, "<p class=\"ds-compare\">%s <span class=\"ds-vs\">vs %s (%s)</span></p>\n",
			c.html(sp.DownIsGood), r.Query.Compare, prev)
	}
	if sp.Goal != nil {
		b.WriteString(goalProgress(r.Total, totalGap(r), *sp.Goal, sp.Format))
	}
	b.WriteString(sparkline(r, cm))
	if first, last, ok := span(r, cm); ok {
		fmt.Fprintf(&b, "<p class=\"ds-span\">%s to %s</p>\n", html.EscapeString(first), html.EscapeString(last))
	}
	data := seriesGrid(sp, r, cm)
	return figure{id: id, sp: sp, data: &data, folded: r.Folded}.html(b.String())
}

// table renders a result as a sortable table of bucket and value, with
// totals.
func table(id string, sp spec, r *build.Result, cm completeness) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<div class=\"ds-table\" style=\"max-height:%dpx\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">\n",
		sp.Height, html.EscapeString(sp.Title))
	g := seriesGrid(sp, r, cm)
	g.html(&b)
	b.WriteString("</div>\n")
	return figure{id: id, sp: sp, folded: r.Folded}.html(b.String())
}
