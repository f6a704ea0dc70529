package charts

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// label formats a bucket's start for its interval. Hours, which the store
// keys in UTC, are shown in the site's timezone like days are.
func label(r *build.Result, p build.Point) string {
	switch r.Query.Every {
	case build.Hourly:
		t := p.Time
		if r.Query.Loc != nil {
			t = t.In(r.Query.Loc)
		}
		return t.Format("2006-01-02 15:04")
	case build.Monthly:
		return p.Time.Format("2006-01")
	}
	return p.Time.Format("2006-01-02")
}

// series returns a result's bucket labels and values.
func series(r *build.Result) ([]string, []float64) {
	labels := make([]string, len(r.Points))
	values := make([]float64, len(r.Points))
	for i, p := range r.Points {
		labels[i] = label(r, p)
		values[i] = p.Value
	}
	return labels, values
}

// span returns the labels of the first and last instants a result's range
// covers: its first bucket, and the last day (the last hour, for hourly
// buckets) before the range's end or the build's now, whichever comes
// first. A range that ends in the future ("this month", "last 4 weeks",
// whose last bucket runs to the end of the week) is labelled up to now,
// never with a date that has not come yet. Days, weeks and months are
// labelled with dates ("2026-11-09 to 2026-12-04"); hours with the hour
// ("2026-12-04 09:00 to 2026-12-04 14:00"), in the query's timezone.
func span(r *build.Result, c completeness) (first, last string, ok bool) {
	if len(r.Points) == 0 {
		return "", "", false
	}
	end := r.Query.To
	if end.IsZero() {
		end = build.Next(r.Points[len(r.Points)-1].Time, r.Query.Every, zone(r))
	}
	if !c.now.IsZero() && c.now.Before(end) {
		end = c.now
	}
	start := r.Points[0].Time
	if end.After(start) {
		end = end.Add(-time.Nanosecond)
	} else {
		end = start // now is before the range begins: label its first bucket alone
	}
	layout := "2006-01-02"
	if r.Query.Every == build.Hourly {
		layout = "2006-01-02 15:04"
		end = end.Truncate(time.Hour)
	}
	return start.In(zone(r)).Format(layout), end.In(zone(r)).Format(layout), true
}

// zone is the timezone a result's buckets are labelled in (UTC when the
// query has none).
func zone(r *build.Result) *time.Location {
	if r.Query.Loc != nil {
		return r.Query.Loc
	}
	return time.UTC
}

// periodLabel names the dates a result's range covers, as a reader writes
// them: "Oct 6 – Nov 2" (the last day included), "Dec 29, 2025 – Jan 4,
// 2026" across a new year, "Nov 3 09:00 – Nov 4 08:00" for hours (the
// first and last hours' starts), in the query's timezone. It is used for
// a whole comparison period, which always lies in the past.
func periodLabel(q build.Query) string {
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	from, to := q.From.In(loc), q.To.Add(-time.Nanosecond).In(loc)
	layout := "Jan 2"
	if q.Every == build.Hourly {
		layout, to = "Jan 2 15:04", to.Truncate(time.Hour)
	}
	if from.Year() != to.Year() {
		layout = "Jan 2, 2006"
		if q.Every == build.Hourly {
			layout = "Jan 2, 2006 15:04"
		}
	}
	return from.Format(layout) + " – " + to.Format(layout)
}

// formatNumber writes v with thousands separators and at most two
// decimals: 1234567 -> "1,234,567", 1234.5 -> "1,234.5".
func formatNumber(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	if b.String() == "-0" {
		return "0"
	}
	return b.String()
}

// formatValue writes v as a chart's format asks: "number" (1,234.5),
// "percent" (a fraction: 0.123 -> 12.3%), "currency" (US dollars:
// $1,234.50), "compact" (1.2K, 3.4M, 5.6B) or "duration" (a number of
// seconds, as build.Seconds writes it: 45 s, 12 min, 33 h 20 min).
// charts.js mirrors it for axes and tooltips.
func formatValue(v float64, format string) string {
	switch format {
	case "percent":
		return trimZero(strconv.FormatFloat(v*100, 'f', 1, 64)) + "%"
	case "currency":
		s := formatNumber(math.Abs(v))
		if whole, frac, ok := strings.Cut(s, "."); !ok {
			s += ".00"
		} else if len(frac) == 1 {
			s = whole + "." + frac + "0"
		}
		if math.Round(v*100) < 0 {
			return "-$" + s
		}
		return "$" + s
	case "compact":
		return compact(v)
	case "duration":
		return build.Seconds(v)
	}
	return formatNumber(v)
}

// compact writes v in thousands (K), millions (M), billions (B) or
// trillions (T), with one decimal below 100 of the unit.
func compact(v float64) string {
	a := math.Abs(v)
	if a < 999.5 {
		return formatNumber(math.Round(v*10) / 10)
	}
	for _, u := range []struct {
		size   float64
		suffix string
	}{{1e3, "K"}, {1e6, "M"}, {1e9, "B"}, {1e12, "T"}} {
		x := a / u.size
		digits := 1
		if x >= 99.95 {
			digits = 0
		}
		s := trimZero(strconv.FormatFloat(x, 'f', digits, 64))
		if f, _ := strconv.ParseFloat(s, 64); f >= 1000 && u.suffix != "T" {
			continue // 999,999 is 1M, not 1000K
		}
		if v < 0 {
			s = "-" + s
		}
		return s + u.suffix
	}
	return formatNumber(v)
}

// trimZero drops a ".0" the way people write numbers: "12.0" -> "12".
func trimZero(s string) string {
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}
