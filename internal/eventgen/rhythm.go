package eventgen

import (
	"math"
	"time"
)

// baseRate is the mean number of events in a busy weekday hour at the start
// of the range, at scale 1.
const baseRate = 34.0

// growth is how much busier the last hour of the range is than the first.
const growth = 2.4

// rate is the mean number of events received in the UTC hour h, frac of the
// way through the range (0 at the start, 1 at the end).
func rate(h time.Time, frac, scale float64) float64 {
	return baseRate * scale * daily(h.Hour()) * weekly(h.Weekday()) * math.Pow(growth, frac)
}

// daily is the share of the peak rate at a UTC hour: quietest around 04:00
// UTC, busiest around 16:00 UTC, when both Europe and the Americas work.
func daily(hour int) float64 {
	return 0.2 + 0.8*(0.5-0.5*math.Cos(2*math.Pi*float64(hour-4)/24))
}

// weekly is the share of a weekday's rate on a given day.
func weekly(d time.Weekday) float64 {
	switch d {
	case time.Saturday:
		return 0.55
	case time.Sunday:
		return 0.5
	case time.Friday:
		return 0.9
	}
	return 1
}
