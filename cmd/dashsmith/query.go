package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

func runQuery(ctx context.Context, e *env, args []string) error {
	var sf siteFlags
	fs := newFlags(e, "query")
	sf.register(fs, true)
	event := fs.String("event", "", "event `name` (required)")
	measure := fs.String("measure", "count", "what to add up: count")
	every := fs.String("every", "day", "bucket width: hour, day, week or month")
	from := fs.String("from", "", "first bucket: RFC 3339 time or date (default: per --every, e.g. 30 days ago)")
	to := fs.String("to", "", "end, exclusive: RFC 3339 time or date (default: the end of the current bucket)")
	format := fs.String("format", "csv", "output: csv or json")
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
	cfg, err := sf.load()
	if err != nil {
		return err
	}
	loc, _ := cfg.Location()
	q := build.Query{Event: *event, Measure: m, Every: interval, Loc: loc}
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
	st, err := sf.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.Query(ctx, q)
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSONPoints(e, res.Points)
	}
	return writeCSV(e.stdout, []string{"time", "value"}, len(res.Points), func(i int) []string {
		p := res.Points[i]
		return []string{p.Time.Format(time.RFC3339), formatValue(p.Value)}
	})
}

func writeJSONPoints(e *env, points []build.Point) error {
	type row struct {
		Time  string      `json:"time"`
		Value json.Number `json:"value"`
	}
	rows := make([]row, len(points))
	for i, p := range points {
		rows[i] = row{p.Time.Format(time.RFC3339), json.Number(formatValue(p.Value))}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}

// formatValue prints a number without exponent or trailing zeros.
func formatValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
