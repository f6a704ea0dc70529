package charts

import (
	"math"

	"github.com/dashsmith/dashsmith/build"
)

// missing is how a bucket or total with no value reads in HTML: an em
// dash, never 0.
const missing = "—"

// totalGap reports whether a result's total has no value: the result says
// so, or the total is not a finite number.
func totalGap(r *build.Result) bool {
	return r.TotalGap || math.IsNaN(r.Total) || math.IsInf(r.Total, 0)
}

// pointValue is a point's value for drawing: NaN in a gap, so that the
// charts, sparklines and tables can tell it from a real 0.
func pointValue(p build.Point) float64 {
	if p.Gap {
		return math.NaN()
	}
	return p.Value
}

// gapCell is a table cell for a bucket or total with no value; it sorts
// before every number.
func gapCell() cell { return cell{text: missing, sort: ""} }

// pointCell is a table cell for one bucket, "—" in a gap.
func pointCell(p build.Point, format string) cell {
	if p.Gap {
		return gapCell()
	}
	return num(p.Value, format)
}

// totalCell is a table cell for a total, "—" when it has no value.
func totalCell(v float64, gap bool, format string) cell {
	if gap || math.IsNaN(v) || math.IsInf(v, 0) {
		return gapCell()
	}
	return num(v, format)
}
