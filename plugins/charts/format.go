package charts

import (
	"strconv"
	"strings"

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

// span returns the labels of a result's first and last buckets.
func span(r *build.Result) (first, last string, ok bool) {
	if len(r.Points) == 0 {
		return "", "", false
	}
	return label(r, r.Points[0]), label(r, r.Points[len(r.Points)-1]), true
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
