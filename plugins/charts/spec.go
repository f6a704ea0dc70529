package charts

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/strictyaml"
)

// Types are the chart types a block may ask for.
var Types = []string{"area", "bar", "heatmap", "line", "number", "pie", "stacked", "table"}

// Formats are how a chart may write its values (see formatValue).
var Formats = []string{"compact", "currency", "duration", "number", "percent"}

// Widths are the share of a row a chart may take; consecutive charts
// whose widths add up to a row sit side by side on wide screens.
var Widths = map[string]string{"full": "ds-w-full", "1/2": "ds-w-1-2", "1/3": "ds-w-1-3", "2/3": "ds-w-2-3", "1/4": "ds-w-1-4", "3/4": "ds-w-3-4"}

// DefaultHeight is a chart's height in pixels when its block sets none;
// for a table it is the height beyond which the table scrolls.
const (
	DefaultHeight      = 320
	DefaultTableHeight = 480
)

// spec is a chart block as written.
type spec struct {
	Type       string `yaml:"type"`
	Query      string `yaml:"query"`
	Title      string `yaml:"title"`
	Height     int    `yaml:"height"`
	Format     string `yaml:"format"`
	Width      string `yaml:"width"`
	DownIsGood bool   `yaml:"down_is_good"`
	// Goal is a target value: a dashed line on a time chart, progress on
	// a number; nil when the block sets none.
	Goal *float64 `yaml:"goal"`
	// Annotations: false leaves the site's annotations off a time chart;
	// nil or true draws those its range covers.
	Annotations *bool `yaml:"annotations"`

	marks []mark // the site's annotations this chart draws (see marksOf)
	said  string // the page's note for the chart's query (build.Page.Notes)
}

// parseSpec decodes and checks the body of a chart block whose fence is
// on line of file, against the queries of page p. It reports every
// problem of the block at once, each at its key's line.
func parseSpec(file string, line int, body []byte, p *build.Page) (spec, *build.Result, error) {
	var sp spec
	errs, err := strictyaml.DecodeKeys(file, line+1, body, &sp) // a bad key leaves the others decoded
	if err != nil {
		return sp, nil, err
	}
	at := func(key string) int { return line + 1 + keyLine(body, key) }
	sp.Type = strings.ToLower(strings.TrimSpace(sp.Type))
	if sp.Type == "" {
		sp.Type = "line"
	}
	typeOK := contains(Types, sp.Type)
	if !typeOK {
		errs = append(errs, build.Errorf(file, at("type"), "chart: unknown type %q%s (types: %s)", sp.Type, didYouMean(sp.Type, Types), strings.Join(Types, ", ")))
	}
	names := queryNames(p)
	queryOK := false
	switch {
	case strings.TrimSpace(sp.Query) == "":
		errs = append(errs, build.Errorf(file, line, "chart: no query: add `query: <name>` %s", names))
	case !hasQuery(p, sp.Query):
		errs = append(errs, build.Errorf(file, at("query"), "chart: unknown query %q %s", sp.Query, names))
	default:
		queryOK = true
	}
	if sp.Height == 0 {
		sp.Height = DefaultHeight
		if sp.Type == "table" {
			sp.Height = DefaultTableHeight
		}
	}
	if sp.Height < 80 || sp.Height > 2000 {
		errs = append(errs, build.Errorf(file, at("height"), "chart: height %d is out of range: use 80 to 2000 (pixels)", sp.Height))
	}
	sp.Format = strings.ToLower(strings.TrimSpace(sp.Format))
	if sp.Format == "" {
		sp.Format = "number"
	}
	if !contains(Formats, sp.Format) {
		errs = append(errs, build.Errorf(file, at("format"), "chart: unknown format %q (formats: %s)", sp.Format, strings.Join(Formats, ", ")))
	}
	sp.Width = strings.ToLower(strings.TrimSpace(sp.Width))
	if _, ok := Widths[sp.Width]; sp.Width != "" && !ok {
		errs = append(errs, build.Errorf(file, at("width"), "chart: width %q: use full, 1/2, 1/3, 2/3, 1/4 or 3/4", sp.Width))
	}
	if sp.DownIsGood && typeOK && sp.Type != "number" {
		errs = append(errs, build.Errorf(file, at("down_is_good"), "chart: down_is_good colours the change of a number: use it with type number"))
	}
	if typeOK {
		if sp.Annotations != nil && *sp.Annotations && !contains(annotatedTypes, sp.Type) {
			errs = append(errs, build.Errorf(file, at("annotations"), "chart: annotations are drawn on time charts (%s), not on type %s: remove the key", strings.Join(annotatedTypes, ", "), sp.Type))
		}
		if err := checkGoal(sp); err != "" {
			errs = append(errs, build.Errorf(file, at("goal"), "chart: %s", err))
		}
	}
	var r *build.Result
	if queryOK {
		switch r = p.Data[sp.Query]; {
		case r == nil && p.Broken:
			// The query failed and said why; the rest is checked.
		case r == nil:
			errs = append(errs, build.Errorf(file, at("query"), "chart: query %q has no data: the query stage must run before markdown", sp.Query))
		case typeOK:
			if err := fits(sp, r); err != "" {
				errs = append(errs, build.Errorf(file, at("type"), "chart: %s", err))
			}
		}
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b *build.Error) int { return cmp.Compare(a.Line, b.Line) })
		return sp, nil, errs
	}
	if r == nil { // a broken page's failed query: nothing to draw
		return sp, nil, nil
	}
	sp.Title = strings.TrimSpace(sp.Title)
	if p.Each != "" {
		sp.Title = strings.ReplaceAll(sp.Title, build.EachValue, p.Each) // a template's copy: see plugins/each
	}
	if sp.Title == "" {
		sp.Title = r.Query.Event
	}
	sp.Title = build.Display(sp.Title) // it may hold an event name or a template's value
	return sp, r, nil
}

// fits says why a chart type cannot draw the result of its query, or "".
func fits(sp spec, r *build.Result) string {
	q := r.Query
	switch sp.Type {
	case "stacked", "pie":
		what := map[string]string{"stacked": "stacks the groups of a breakdown", "pie": "shares out the groups of a breakdown"}[sp.Type]
		if q.By == "" {
			return fmt.Sprintf("type %s %s: give query %q a by: property", sp.Type, what, sp.Query)
		}
		if q.Filter != "" {
			return fmt.Sprintf("type %s %s, but query %q keeps one value (filter: %q)", sp.Type, what, sp.Query, q.Filter)
		}
	case "heatmap":
		if q.Every != build.Hourly {
			return fmt.Sprintf("type heatmap lays hours over weekdays: give query %q every: hour", sp.Query)
		}
	}
	return ""
}

// keyLine returns the 0-based line of body where a top-level key is set, or 0.
func keyLine(body []byte, key string) int {
	for i, l := range bytes.Split(body, []byte("\n")) {
		if bytes.HasPrefix(l, []byte(key+":")) {
			return i
		}
	}
	return 0
}

// hasQuery reports whether the page declares the query, or (a page that a
// plugin generates) was given its result directly.
func hasQuery(p *build.Page, name string) bool {
	if _, ok := p.Meta.Queries[name]; ok {
		return true
	}
	_, ok := p.Data[name]
	return ok
}

// queryNames lists a page's queries for an error message.
func queryNames(p *build.Page) string {
	if len(p.Meta.Queries) == 0 {
		return "(the page has no queries: declare them under queries: in its frontmatter)"
	}
	names := make([]string, 0, len(p.Meta.Queries))
	for name := range p.Meta.Queries {
		names = append(names, name)
	}
	sort.Strings(names)
	return "(queries: " + strings.Join(names, ", ") + ")"
}

// didYouMean is " (did you mean "line"?)" for a value close to one of
// names (build.Suggest), else "".
func didYouMean(value string, names []string) string {
	if best := build.Suggest(value, names); best != "" {
		return " (did you mean " + best + "?)"
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
