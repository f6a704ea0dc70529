package charts

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// Inlines implements build.InlineProvider: values in prose.
//
//	{{ value "orders" }}              the query's total: 412
//	{{ value "revenue" "currency" }}  in a format: $1,234.50
//	{{ delta "orders" }}              its change: up 12%, down 3%, no change
//	{{ delta "errors" "down_is_good" }}
func (c *Charts) Inlines() map[string]build.InlineFunc {
	return map[string]build.InlineFunc{"value": inlineValue, "delta": inlineDelta}
}

// inlineValue writes a query's total.
func inlineValue(s *build.Site, p *build.Page, args []string) ([]byte, error) {
	if len(args) < 1 || len(args) > 2 {
		return nil, fmt.Errorf(`value: give a query and, if you like, a format: {{ value "orders" }} or {{ value "revenue" "currency" }}`)
	}
	format := "number"
	if len(args) == 2 {
		format = strings.ToLower(strings.TrimSpace(args[1]))
		if !contains(Formats, format) {
			return nil, fmt.Errorf("value: unknown format %q (formats: %s)", args[1], strings.Join(Formats, ", "))
		}
	}
	r, err := inlineResult(p, "value", args[0])
	if r == nil {
		return nil, err
	}
	if totalGap(r) {
		return fmt.Appendf(nil, "<span class=\"ds-value ds-gap\" title=\"no value in this range\">%s</span>", missing), nil
	}
	return fmt.Appendf(nil, "<data class=\"ds-value\" value=\"%s\">%s</data>",
		strconv.FormatFloat(r.Total, 'f', -1, 64), html.EscapeString(formatValue(r.Total, format))), nil
}

// inlineDelta writes how a query's total changed against its comparison
// period, in a span whose class colours it.
func inlineDelta(s *build.Site, p *build.Page, args []string) ([]byte, error) {
	if len(args) < 1 || len(args) > 2 || (len(args) == 2 && args[1] != "down_is_good") {
		return nil, fmt.Errorf(`delta: give a query and, if a fall is good news, "down_is_good": {{ delta "orders" }} or {{ delta "errors" "down_is_good" }}`)
	}
	r, err := inlineResult(p, "delta", args[0])
	if r == nil {
		return nil, err
	}
	c, ok := changeOf(r)
	if !ok {
		return nil, fmt.Errorf("delta: query %q has nothing to compare with: add `compare: previous period` (or previous year) to it", args[0])
	}
	return []byte(c.html(len(args) == 2)), nil
}

// inlineResult finds the result of the query an inline call names. On
// a broken page (see build.Page.Broken) a query that failed has no
// result and no error: the query said what is wrong.
func inlineResult(p *build.Page, call, name string) (*build.Result, error) {
	if !hasQuery(p, name) {
		return nil, fmt.Errorf("%s: unknown query %q %s", call, name, closestQueries(p, name))
	}
	r := p.Data[name]
	if r == nil && !p.Broken {
		return nil, fmt.Errorf("%s: query %q has no data: the query stage must run before markdown", call, name)
	}
	return r, nil
}

// closestQueries says which of a page's queries a name that is none of
// them likely meant, "(did you mean "orders"?)", else lists them all
// (queryNames).
func closestQueries(p *build.Page, name string) string {
	names := make([]string, 0, len(p.Meta.Queries))
	for n := range p.Meta.Queries {
		names = append(names, n)
	}
	if s := build.Suggest(name, names); s != "" {
		return "(did you mean " + s + "?)"
	}
	return queryNames(p)
}
