package build

import (
	"fmt"
	"strconv"
	"strings"
)

// MaxRollingHours bounds a rolling window: a leap year of hours. A
// window's buckets are read before the range, so it bounds what a query
// reads beyond its range.
const MaxRollingHours = 366 * 24

// ParseRolling reads a rolling window, "N hours|days|weeks" (N ≥ 1, at most
// a year), and returns how many buckets of width every it spans. The
// window must be a whole number of buckets: "7 days" fits every day or
// every hour (168 buckets) but not every week; every month takes no
// rolling window, as months differ in length. A day is 24 hours here.
func ParseRolling(s string, every Interval) (int, error) {
	words := strings.Fields(strings.ToLower(s))
	bad := fmt.Errorf("rolling %q: write N hours, N days or N weeks, e.g. `rolling: 7 days`", s)
	if len(words) != 2 {
		return 0, bad
	}
	n, err := strconv.Atoi(words[0])
	if err != nil || n < 1 {
		return 0, bad
	}
	var hours int
	switch strings.TrimSuffix(words[1], "s") {
	case "hour":
		hours = 1
	case "day":
		hours = 24
	case "week":
		hours = 7 * 24
	default:
		return 0, bad
	}
	if n > MaxRollingHours/hours {
		return 0, fmt.Errorf("rolling %q: at most a year (%d hours, 366 days or 52 weeks)", s, MaxRollingHours)
	}
	hours *= n
	var width int
	switch every {
	case Hourly:
		width = 1
	case Daily:
		width = 24
	case Weekly:
		width = 7 * 24
	default:
		return 0, fmt.Errorf("rolling %q: every %s has buckets of different lengths: use every day or week, or no rolling", s, every)
	}
	if hours%width != 0 {
		return 0, fmt.Errorf("rolling %q is not a whole number of %ss (every %s): use a multiple of one %s", s, every, every, every)
	}
	if hours == width {
		return 0, fmt.Errorf("rolling %q is one bucket of every %s, and the mean of one bucket is the bucket: use a longer window or a finer every", s, every)
	}
	return hours / width, nil
}
