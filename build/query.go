package build

import (
	"fmt"
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

// Measure is what a query adds up per bucket.
const MeasureCount = "count"

// ParseMeasure validates a measure. The spine keeps counts only.
func ParseMeasure(s string) (string, error) {
	m := strings.TrimSpace(s)
	if m == "" || m == MeasureCount {
		return MeasureCount, nil
	}
	return "", fmt.Errorf("unknown measure %q: use count", s)
}

// Query asks the store for one series over [From, To), one point per bucket.
type Query struct {
	Name    string         // the dashboard's name for it, "" from the CLI
	Event   string         // event name as the rollup keeps it
	Measure string         // "count"
	Every   Interval       // bucket width
	From    time.Time      // start of the first bucket, aligned to Every in Loc
	To      time.Time      // end of the last bucket (exclusive)
	Loc     *time.Location // where days and longer are cut
}

// Point is one bucket of a result.
type Point struct {
	Time  time.Time `json:"time"`
	Value float64   `json:"value"`
}

// Result is a query's answer: every bucket in [From, To), zeros included.
type Result struct {
	Query  Query
	Points []Point
	Total  float64
}

// Resolve turns a dashboard's query into a store query, as of now in loc.
func (qs QuerySpec) Resolve(name string, now time.Time, loc *time.Location) (Query, error) {
	if strings.TrimSpace(qs.Event) == "" {
		return Query{}, fmt.Errorf("query %q: no event: add `event: <name>`", name)
	}
	every, err := ParseInterval(qs.Every)
	if err != nil {
		return Query{}, fmt.Errorf("query %q: %w", name, err)
	}
	measure, err := ParseMeasure(qs.Measure)
	if err != nil {
		return Query{}, fmt.Errorf("query %q: %w", name, err)
	}
	from, to, err := ParseRange(qs.Range, every, now, loc)
	if err != nil {
		return Query{}, fmt.Errorf("query %q: %w", name, err)
	}
	return Query{Name: name, Event: qs.Event, Measure: measure, Every: every, From: from, To: to, Loc: loc}, nil
}
