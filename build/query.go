package build

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Interval is the width of one bucket of a query's result.
type Interval string

// The intervals a query may ask for. Days and longer are cut in the site's
// timezone; weeks start on Monday (ISO 8601).
const (
	Hourly  Interval = "hour"
	Daily   Interval = "day"
	Weekly  Interval = "week"
	Monthly Interval = "month"
)

// ParseInterval reads "hour", "day", "week" or "month" ("" is day).
func ParseInterval(s string) (Interval, error) {
	switch Interval(strings.TrimSpace(strings.ToLower(s))) {
	case Hourly, "hourly":
		return Hourly, nil
	case Daily, "daily", "":
		return Daily, nil
	case Weekly, "weekly":
		return Weekly, nil
	case Monthly, "monthly":
		return Monthly, nil
	}
	return "", fmt.Errorf("unknown interval %q: use hour, day, week or month", s)
}

// Query asks the store for one series over [From, To), one point per bucket.
type Query struct {
	Name    string         // the dashboard's name for it, "" from the CLI
	Event   string         // event name as the rollup keeps it
	Measure Measure        // count, sum(prop), unique(prop)
	By      string         // breakdown property path, or ""
	Top     int            // with By: groups to keep, the rest fold into OtherGroup
	Filter  string         // with By: only this group (Result.Points are its points)
	Where   []Cond         // equality filters, sorted by property: a composite rollup serves the query (see Single)
	Compare Compare        // the comparison period the query plugin adds as Result.Previous
	Every   Interval       // bucket width
	From    time.Time      // start of the first bucket, aligned to Every in Loc
	To      time.Time      // end of the last bucket (exclusive)
	Loc     *time.Location // where days and longer are cut

	// Formula, when set, makes the query a computation over the page's
	// other queries, bucket by bucket (see ParseFormula), written as its
	// Expr's String; such a query has no Event, Measure or breakdown.
	Formula string
	// Rolling, when above 0, makes each bucket the mean of the window of
	// that many buckets ending with it (see ParseRolling).
	Rolling int
	// Cumulative makes each bucket the running total over the range.
	Cumulative bool
	// Resolution is that of the rollup the query reads (see Rollup.Floor):
	// "" for hourly cells, Daily for cells of UTC days.
	Resolution Interval
}

// Point is one bucket of a result. A Gap is a bucket with no value (an
// average or a percentile of no events, a formula divided by zero): a
// line breaks there, a table shows "—", JSON writes null. Value is 0 in
// a gap, never NaN or an infinity.
type Point struct {
	Time  time.Time `json:"time"`
	Value float64   `json:"value"`
	Gap   bool      `json:"-"`
}

// MarshalJSON writes {"time":…,"value":…}, with a null value in a gap.
func (p Point) MarshalJSON() ([]byte, error) {
	t, err := p.Time.MarshalJSON()
	if err != nil {
		return nil, err
	}
	b := append([]byte(`{"time":`), t...)
	if p.Gap || math.IsNaN(p.Value) || math.IsInf(p.Value, 0) {
		return append(b, `,"value":null}`...), nil
	}
	v, err := json.Marshal(p.Value)
	if err != nil {
		return nil, err
	}
	b = append(append(b, `,"value":`...), v...)
	return append(b, '}'), nil
}

// Result is a query's answer: every bucket in [From, To), zeros included.
// With a breakdown, Groups holds the Top groups by total, largest first,
// then OtherGroup for the rest; Points and Total are over all groups.
type Result struct {
	Query  Query
	Points []Point
	Total  float64
	// TotalGap: the total has no value (an average or a percentile of no
	// events over the whole range); Total is then 0.
	TotalGap bool
	Groups   []Group
	Folded   bool // some values were folded into OtherGroup at ingest (cardinality cap)

	// Previous is the same query over the comparison period (compare:),
	// bucket for bucket; nil without compare.
	Previous *Result
}

// Group is one breakdown value's series.
type Group struct {
	Value    string
	Points   []Point
	Total    float64
	TotalGap bool // the group's total has no value (see Result.TotalGap)
}

// OtherGroup holds breakdown values beyond a query's top N, and values
// beyond the cardinality cap at ingest.
const OtherGroup = "(other)"

// NoneGroup holds events that lack the breakdown property.
const NoneGroup = "(none)"

// DefaultTop is how many groups a breakdown keeps when Top is not given.
const DefaultTop = 5

// Compare names the period a query is compared with.
type Compare string

// The comparisons a query may ask for: the same number of buckets just
// before the range, or the same range one year earlier.
const (
	PreviousPeriod Compare = "previous period"
	PreviousYear   Compare = "previous year"
)

// ParseCompare reads "previous period" or "previous year" ("" is none).
func ParseCompare(s string) (Compare, error) {
	c := Compare(strings.Join(strings.Fields(strings.ToLower(s)), " "))
	switch c {
	case "", PreviousPeriod, PreviousYear:
		return c, nil
	}
	return "", fmt.Errorf("compare %q: use previous period or previous year", s)
}

// NamedQuery is a page's query, resolved: its name and line, and the store
// query.
type NamedQuery struct {
	Name  string
	Line  int
	Query Query
}

// ResolveQueries resolves every query of p as of now in loc, in name
// order: those that resolve, and an error at its line for each that does
// not (a formula's after the others). A formula resolves when the queries it names do
// and fit it (see checkFormulas).
func ResolveQueries(p *Page, now time.Time, loc *time.Location) ([]NamedQuery, ErrorList) {
	names := make([]string, 0, len(p.Meta.Queries))
	for name := range p.Meta.Queries {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]NamedQuery, 0, len(names))
	var errs ErrorList
	for _, name := range names {
		line := p.Meta.QueryLines[name]
		q, err := inheritSpec(p.Meta.Queries, name).Resolve(name, now, loc)
		if err != nil {
			errs = append(errs, Errorf("content/"+p.Source, line, "%v", err))
			continue
		}
		out = append(out, NamedQuery{name, line, q})
	}
	out, ferrs := checkFormulas("content/"+p.Source, p, out)
	errs = append(errs, ferrs...)
	return out, errs
}

// Resolve turns a dashboard's query into a store query, as of now in loc
// (the site's timezone, unless the query names its own). Every error
// names the query. A formula is checked on its own here (its syntax, and
// no keys of a stored query); ResolveQueries checks the queries it names.
func (qs QuerySpec) Resolve(name string, now time.Time, loc *time.Location) (Query, error) {
	fail := func(format string, args ...any) (Query, error) {
		return Query{}, fmt.Errorf("query %q: "+format, append([]any{name}, args...)...)
	}
	var expr *Expr
	if strings.TrimSpace(qs.Formula) != "" {
		switch key := qs.storedKey(); key {
		case "":
		case "rolling", "cumulative":
			return fail("a formula takes no %s: put `%s:` on the queries it names", key, key)
		default:
			return fail("a formula computes from the queries it names and takes no `%s:`: remove it, or the formula", key)
		}
		var err error
		if expr, err = ParseFormula(qs.Formula); err != nil {
			return fail("%w", err)
		}
	} else if strings.TrimSpace(qs.Event) == "" {
		return fail("no event: add `event: <name>`")
	}
	every, err := ParseInterval(qs.Every)
	if err != nil {
		return fail("%w", err)
	}
	measure, err := ParseMeasure(qs.Measure)
	if err != nil {
		return fail("%w", err)
	}
	if qs.By != "" {
		if err := CheckPath(qs.By); err != nil {
			return fail("by: %w", err)
		}
	}
	if qs.Top < 0 || qs.Top > 100 {
		return fail("top %d: use 1 to 100", qs.Top)
	}
	if qs.Filter != "" && len(qs.Where) > 0 {
		return fail("filter and where together: write the filter as one more where property")
	}
	if qs.Where != nil && len(qs.Where) == 0 {
		return fail("where is empty: write e.g. `where: {plan: pro, platform: ios}`")
	}
	where, err := ParseWhere(qs.Where, qs.By)
	if err != nil {
		return fail("%w", err)
	}
	if qs.Filter != "" && qs.By == "" {
		return fail("filter %q keeps one value of a breakdown: add `by: <property>`", qs.Filter)
	}
	rolling, err := qs.window(measure, every)
	if err != nil {
		return fail("%w", err)
	}
	compare, err := ParseCompare(qs.Compare)
	if err != nil {
		return fail("%w", err)
	}
	if compare != "" && strings.TrimSpace(qs.Range) == "" {
		return fail("compare %s needs a range to shift: add e.g. `range: last 30 days`", compare)
	}
	if tz := strings.TrimSpace(qs.Timezone); tz != "" {
		if loc, err = time.LoadLocation(tz); err != nil || tz == "Local" {
			return fail("timezone %q: not an IANA zone name such as America/New_York or UTC", qs.Timezone)
		}
	}
	top := qs.Top
	if top == 0 {
		top = DefaultTop
	}
	from, to, err := ParseRange(qs.Range, every, now, loc)
	if err != nil {
		return fail("%w", err)
	}
	res, err := ParseResolution(qs.Resolution)
	if err != nil {
		return fail("%w", err)
	}
	q := Query{Name: name, Event: qs.Event, Measure: measure, By: qs.By, Filter: qs.Filter, Where: where, Compare: compare,
		Every: every, From: from, To: to, Loc: loc, Rolling: rolling, Cumulative: qs.Cumulative, Resolution: res}
	if err := q.CheckResolution(); err != nil {
		return fail("%w", err)
	}
	if q.By != "" && q.Filter == "" {
		q.Top = top
	}
	if expr != nil {
		q.Formula = expr.String()
	}
	return q, nil
}

// storedKey names a key of qs that only a stored query takes (one a
// formula must not have), or returns "".
func (qs QuerySpec) storedKey() string {
	switch {
	case strings.TrimSpace(qs.Event) != "":
		return "event"
	case strings.TrimSpace(qs.Measure) != "":
		return "measure"
	case qs.By != "":
		return "by"
	case qs.Top != 0:
		return "top"
	case qs.Filter != "":
		return "filter"
	case len(qs.Where) > 0:
		return "where"
	case strings.TrimSpace(qs.Rolling) != "":
		return "rolling"
	case qs.Cumulative:
		return "cumulative"
	case strings.TrimSpace(qs.Resolution) != "":
		return "resolution"
	}
	return ""
}

// window checks rolling and cumulative against the query's measure and
// interval, and returns the rolling window in buckets (0 for none).
func (qs QuerySpec) window(m Measure, every Interval) (int, error) {
	rolling := strings.TrimSpace(qs.Rolling) != ""
	if rolling && qs.Cumulative {
		return 0, fmt.Errorf("rolling and cumulative together: a query takes one of them")
	}
	if qs.Cumulative {
		t, err := m.Type()
		if err != nil {
			return 0, err
		}
		if _, ok := t.(Additive); !ok {
			return 0, fmt.Errorf("cumulative adds buckets up: use it with count or sum, not %s", m)
		}
	}
	if !rolling {
		return 0, nil
	}
	return ParseRolling(qs.Rolling, every)
}
