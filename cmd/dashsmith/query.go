package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// maxQueryRows bounds query's output, and so its memory: a year of hours
// by the top 50 fits.
const maxQueryRows = 500_000

func runQuery(ctx context.Context, e *env, args []string) error {
	var sf siteFlags
	fs := newFlags(e, "query")
	sf.register(fs, true)
	event := fs.String("event", "", "event `name` (required)")
	measure := fs.String("measure", "count", "what to show: count, sum(PROP), unique(PROP), avg(PROP), or a percentile p25, p50, p75, p90, p95 or p99(PROP)")
	every := fs.String("every", "day", "bucket width: hour, day, week or month")
	from := fs.String("from", "", "first bucket: RFC 3339 time or date (default: per --every, e.g. 30 days ago)")
	to := fs.String("to", "", "end, exclusive: RFC 3339 time or date (default: the end of the current bucket)")
	by := fs.String("by", "", "break down by a property `path`")
	top := fs.Int("top", build.DefaultTop, "with --by: groups to show; the rest are summed as "+build.OtherGroup)
	format := fs.String("format", "csv", "output: csv or json")
	resolution := fs.String("resolution", "", "read the rollup of `day` cells (UTC days) rather than the hourly one")
	where := map[string]string{}
	fs.Func("where", "keep the events whose property `path=value` (repeat for more: they all must hold)", func(s string) error {
		p, v, ok := strings.Cut(s, "=")
		switch {
		case !ok || strings.TrimSpace(p) == "":
			return fmt.Errorf("%q: write path=value, e.g. --where plan=pro", s)
		case hasKey(where, p):
			return fmt.Errorf("%q: %s is given twice", s, p)
		}
		where[p] = v
		return nil
	})
	if err := parse(fs, args); err != nil {
		return err
	}
	if *event == "" {
		return usageError{"--event is required"}
	}
	if *format != "csv" && *format != "json" {
		return usageError{fmt.Sprintf("--format %q: use csv or json", *format)}
	}
	interval, err := build.ParseInterval(*every)
	if err != nil {
		return usageError{err.Error()}
	}
	m, err := build.ParseMeasure(*measure)
	if err != nil {
		return usageError{err.Error()}
	}
	resol, err := build.ParseResolution(*resolution)
	if err != nil {
		return usageError{"--resolution: " + err.Error()}
	}
	if *by != "" {
		if err := build.CheckPath(*by); err != nil {
			return usageError{"--by: " + err.Error()}
		}
	}
	conds, err := build.ParseWhere(where, *by)
	if err != nil {
		return usageError{"--where: " + err.Error()}
	}
	if *top < 1 || *top > 1000 {
		return usageError{"--top: use 1 to 1000"}
	}
	cfg, err := sf.load()
	if err != nil {
		return err
	}
	loc, _ := cfg.Location()
	q := build.Query{Event: *event, Measure: m, By: *by, Where: conds, Every: interval, Loc: loc, Resolution: resol}
	if *by != "" {
		q.Top = *top
	}
	q.From, q.To, err = build.ParseRange("", interval, time.Now(), loc)
	if err != nil {
		return err
	}
	if *from != "" {
		if q.From, err = build.ParseTime(*from, loc); err != nil {
			return usageError{"--from: " + err.Error()}
		}
	}
	if *to != "" {
		if q.To, err = build.ParseTime(*to, loc); err != nil {
			return usageError{"--to: " + err.Error()}
		}
	}
	q.From = build.Truncate(q.From, interval, loc)
	if t := build.Truncate(q.To, interval, loc); t.Before(q.To) {
		q.To = build.Next(t, interval, loc)
	}
	if !q.From.Before(q.To) {
		return usageError{"--from must be before --to"}
	}
	// The answer is held whole (a point per bucket and group): bound it as
	// a dashboard's is, whatever the store holds.
	n := build.Buckets(q.From, q.To, interval, loc)
	if n > build.MaxBuckets {
		return usageError{fmt.Sprintf("--from..--to is %d buckets of a %s; at most %d: use a shorter range or a wider --every", n, interval, build.MaxBuckets)}
	}
	if *by != "" && n*int64(*top+1) > maxQueryRows {
		return usageError{fmt.Sprintf("--top %d over %d buckets is %d rows; at most %d: use a smaller --top, a shorter range or a wider --every", *top, n, n*int64(*top+1), maxQueryRows)}
	}
	if err := q.CheckResolution(); err != nil {
		return usageError{err.Error()}
	}
	st, err := sf.openReader(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.Query(ctx, q)
	if err != nil {
		return err
	}
	if names, err := build.StoredNames(ctx, st); err == nil && !slices.Contains(names, q.Event) {
		hint := "dashsmith events lists the names it has"
		if s := build.Suggest(q.Event, names); s != "" {
			hint = "did you mean " + s + "?"
		}
		fmt.Fprintf(e.stderr, "dashsmith query: warning: the store has never seen the event %q (%s): every value is 0\n", build.Display(q.Event), hint)
	}
	if res.Folded {
		fmt.Fprintf(e.stderr, "dashsmith query: note: some values of %s were folded into %s at ingest (more than %d per breakdown and hour); raise cardinality: in dashsmith.yaml to keep more\n", *by, build.OtherGroup, cfg.CardinalityCap())
	}
	rows := resultRows(res, e.shown)
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(!e.tty) // a person reads "<U+202E>", not "\u003cU+202E\u003e"
		return enc.Encode(rows)
	}
	header := []string{"time", "value"}
	if *by != "" {
		header = []string{"time", "group", "value"}
	}
	return writeCSV(e.stdout, header, len(rows), func(i int) []string {
		r := rows[i]
		if *by != "" {
			return []string{r.Time, csvText(*r.Group), r.text()}
		}
		return []string{r.Time, r.text()}
	})
}

// row is one line of query's output. A bucket with no value (a gap: an
// average or a percentile of no events) has a nil Value: null in JSON,
// an empty field in CSV.
type row struct {
	Time  string       `json:"time"`
	Group *string      `json:"group,omitempty"`
	Value *json.Number `json:"value"`
}

// text is the row's value as CSV writes it: "" in a gap.
func (r row) text() string {
	if r.Value == nil {
		return ""
	}
	return string(*r.Value)
}

// pointValue is a point's value as a row holds it: nil in a gap.
func pointValue(p build.Point) *json.Number {
	if p.Gap {
		return nil
	}
	n := json.Number(formatValue(p.Value))
	return &n
}

// resultRows flattens a result: one row per bucket, or per bucket and group
// (groups in the result's order: largest first, then (other)), each group
// as shown says.
func resultRows(res *build.Result, shown func(string) string) []row {
	var rows []row
	if res.Query.By == "" {
		for _, p := range res.Points {
			rows = append(rows, row{Time: p.Time.Format(time.RFC3339), Value: pointValue(p)})
		}
		return rows
	}
	names := make([]string, len(res.Groups))
	for gi, g := range res.Groups {
		names[gi] = shown(g.Value)
	}
	for i := range res.Points {
		for gi := range res.Groups {
			g := &res.Groups[gi]
			rows = append(rows, row{Time: g.Points[i].Time.Format(time.RFC3339), Group: &names[gi], Value: pointValue(g.Points[i])})
		}
	}
	return rows
}

// formatValue prints a number without exponent or trailing zeros.
func formatValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// hasKey reports whether m has the key k.
func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}
