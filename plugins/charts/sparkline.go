package charts

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// Sparkline geometry, in the SVG's own units; it stretches to its box.
const (
	sparkW = 120
	sparkH = 32
)

// sparkline draws a result's buckets as a small SVG line, with its
// partial tail dashed and the comparison period faint behind it. It is
// decoration: the numbers are in the card and its data table.
func sparkline(r *build.Result, cm completeness) string {
	n := cm.future
	if n < 2 {
		return ""
	}
	vs := values(r.Points[:n])
	var prev []float64
	if r.Previous != nil && len(r.Previous.Points) >= n {
		prev = values(r.Previous.Points[:n])
	}
	low, high := math.Inf(1), math.Inf(-1)
	for _, v := range append(append([]float64{}, vs...), prev...) {
		if !math.IsNaN(v) { // a gap
			low, high = math.Min(low, v), math.Max(high, v)
		}
	}
	xy := func(i int, v float64) string {
		y := float64(sparkH) / 2
		if high > low {
			y = sparkH - 1 - (sparkH-2)*(v-low)/(high-low)
		}
		return coord(float64(sparkW)*float64(i)/float64(n-1)) + "," + coord(y)
	}
	// poly draws buckets from..to-1 as one polyline per run without a gap:
	// the line breaks where a bucket has no value.
	poly := func(class string, vs []float64, from, to int, dash bool) string {
		extra := ""
		if dash {
			extra = " stroke-dasharray=\"3 2\""
		}
		var out strings.Builder
		pts := make([]string, 0, to-from)
		flush := func() {
			if len(pts) > 0 {
				fmt.Fprintf(&out, "<polyline class=\"%s\" points=\"%s\" fill=\"none\" stroke=\"currentColor\" vector-effect=\"non-scaling-stroke\"%s/>", class, strings.Join(pts, " "), extra)
			}
			pts = pts[:0]
		}
		for i := from; i < to; i++ {
			if math.IsNaN(vs[i]) {
				flush()
				continue
			}
			pts = append(pts, xy(i, vs[i]))
		}
		flush()
		return out.String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<svg class=\"ds-spark\" viewBox=\"0 0 %d %d\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">", sparkW, sparkH)
	if prev != nil {
		b.WriteString(poly("ds-spark-prev", prev, 0, n, false))
	}
	if cm.partial > 1 {
		b.WriteString(poly("ds-spark-line", vs, 0, cm.partial, false))
	}
	if cm.hasPartial() {
		b.WriteString(poly("ds-spark-partial", vs, max(cm.partial-1, 0), n, true))
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// coord writes an SVG coordinate with one decimal at most.
func coord(v float64) string { return trimZero(strconv.FormatFloat(v, 'f', 1, 64)) }
