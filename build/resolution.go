package build

import (
	"fmt"
	"strings"
	"time"
)

// A rollup's resolution is how wide its cells are (Rollup.Resolution):
// an hour (""), the default, or a UTC day (Daily). A rollup of UTC days
// keeps one cell per group and day where an hourly one keeps up to 24,
// so a breakdown of many values that each see an event or two an hour
// (installs by pod) stores and reads up to 24 times fewer items. Its
// cells are cut in UTC: it answers day, week and month buckets whose
// boundaries are UTC midnights (a site in UTC), and neither hours nor
// days of a timezone with an offset.

// ParseResolution reads a resolution as a dashboard or dashsmith.yaml
// writes it: "day" (Daily), or "" / "hour" (hourly, the default).
func ParseResolution(s string) (Interval, error) {
	switch strings.TrimSpace(strings.ToLower(s)) {
	case "", "hour", "hourly":
		return "", nil
	case "day", "daily":
		return Daily, nil
	}
	return "", fmt.Errorf("resolution %q: use day (cells of UTC days) or hour (the default)", s)
}

// idSuffix is what a rollup's ID ends with at this resolution.
func (i Interval) idSuffix() string {
	if i == Daily {
		return " per day"
	}
	return ""
}

// seriesSuffix is what follows the measure in a series key at this
// resolution.
func (i Interval) seriesSuffix() string {
	if i == Daily {
		return "@day"
	}
	return ""
}

// Floor returns the hour of the cell that holds the events of hour h: h
// itself for an hourly rollup, the first hour of h's UTC day for a rollup
// of days.
func (r Rollup) Floor(h Hour) Hour {
	if r.Resolution != Daily {
		return h
	}
	d := h % 24
	if d < 0 {
		d += 24
	}
	return h - d
}

// CheckResolution reports whether q can be answered at the resolution of
// the rollup it reads: any query of an hourly rollup; of a rollup of UTC
// days, one whose buckets are days, weeks or months that start and end
// at UTC midnights. The error says why and what to change.
func (q Query) CheckResolution() error {
	r := q.Rollup()
	if r.Resolution != Daily || q.Formula != "" {
		return nil
	}
	if q.Every == Hourly {
		return fmt.Errorf("resolution: day keeps one cell per UTC day, so it cannot show hours: use every: day, week or month, or drop resolution: day (an hourly rollup)")
	}
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	b := bucketsOf(q)
	for _, t := range append(b.times, q.To) {
		if t.Unix()%86400 != 0 {
			return fmt.Errorf("resolution: day keeps cells of UTC days, and timezone %s cuts its days at %s, not at UTC midnight: use timezone: UTC on the query (or the site), or drop resolution: day (an hourly rollup)",
				loc, t.In(loc).Format("2006-01-02 15:04 MST"))
		}
	}
	return nil
}
