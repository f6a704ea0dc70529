package charts

import (
	"fmt"
	"math"
	"strconv"

	"github.com/dashsmith/dashsmith/build"
)

// change is how a result's total moved against its comparison period's.
type change struct {
	dir  int    // -1 down, 0 no change, +1 up
	size string // "12%", "3.4%"; "" when the comparison period was zero
	// missing is set when either total has no value: nothing to compare.
	missing bool
}

// changeOf compares r.Total with r.Previous.Total; ok is false without a
// comparison period. Changes under 10% keep one decimal; a change that
// rounds to 0% is no change. When either total has no value (a gap) the
// change is missing: there is no data to compare.
func changeOf(r *build.Result) (c change, ok bool) {
	if r.Previous == nil {
		return c, false
	}
	if totalGap(r) || totalGap(r.Previous) {
		return change{missing: true}, true
	}
	cur, prev := r.Total, r.Previous.Total
	switch {
	case cur == prev:
		return c, true
	case prev == 0:
		c.dir = 1
		if cur < 0 {
			c.dir = -1
		}
		return c, true
	}
	pct := (cur - prev) / math.Abs(prev) * 100
	a := math.Abs(pct)
	if a >= 9.95 {
		c.size = strconv.FormatFloat(math.Round(a), 'f', 0, 64) + "%"
	} else {
		c.size = trimZero(strconv.FormatFloat(a, 'f', 1, 64)) + "%"
	}
	if c.size == "0%" {
		return change{}, true
	}
	c.dir = 1
	if pct < 0 {
		c.dir = -1
	}
	return c, true
}

// words says the change: "up 12%", "down 3.4%", "up from 0", "no change".
func (c change) words() string {
	dir := map[int]string{-1: "down", 1: "up"}[c.dir]
	switch {
	case c.missing:
		return "no data to compare"
	case c.dir == 0:
		return "no change"
	case c.size == "":
		return dir + " from 0"
	}
	return dir + " " + c.size
}

// html writes the change in a span whose classes colour it: ds-up or
// ds-down, and ds-good or ds-bad (down is good with downIsGood).
func (c change) html(downIsGood bool) string {
	class, arrow := "ds-delta ds-flat", "→"
	if c.missing {
		class, arrow = "ds-delta ds-missing", missing
	}
	if c.dir != 0 {
		good := (c.dir > 0) != downIsGood
		class = map[bool]string{true: "ds-delta ds-up", false: "ds-delta ds-down"}[c.dir > 0]
		class += map[bool]string{true: " ds-good", false: " ds-bad"}[good]
		arrow = map[bool]string{true: "▲", false: "▼"}[c.dir > 0]
	}
	return fmt.Sprintf("<span class=\"%s\"><span class=\"ds-arrow\" aria-hidden=\"true\">%s</span> %s</span>", class, arrow, c.words())
}
