package build

import (
	"math"
	"strconv"
)

// Seconds writes a number of seconds as a reader says a lag or a wait:
// "45 s" and "2.5 s" under a minute (at most one decimal), "12 min" or
// "1 min 30 s" under an hour (to the second), "33 h 20 min" or "2 h" from
// an hour on (to the minute, the hours with thousands separators; from a
// trillion hours in e-notation, "2.78e+296 h"); a
// negative number gets a leading "-". A number that is not finite is
// written as it is ("NaN", "+Inf").
func Seconds(s float64) string {
	if math.IsNaN(s) || math.IsInf(s, 0) {
		return strconv.FormatFloat(s, 'f', -1, 64)
	}
	sign := ""
	if s < 0 {
		sign, s = "-", -s
	}
	if r := math.Round(s*10) / 10; r < 59.95 {
		if r == 0 {
			return "0 s"
		}
		return sign + strconv.FormatFloat(r, 'f', -1, 64) + " s"
	}
	if r := math.Round(s); r < 3600 {
		m, sec := int64(r)/60, int64(r)%60
		out := sign + strconv.FormatInt(m, 10) + " min"
		if sec > 0 {
			out += " " + strconv.FormatInt(sec, 10) + " s"
		}
		return out
	}
	if h := s / 3600; h >= 1e12 {
		return sign + strconv.FormatFloat(h, 'g', 3, 64) + " h" // no minutes in a trillion hours
	}
	m := int64(math.Round(s / 60))
	out := sign + Commas(m/60) + " h"
	if m%60 > 0 {
		out += " " + strconv.FormatInt(m%60, 10) + " min"
	}
	return out
}
