package charts

import (
	"sort"
	"strings"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// annotatedTypes are the chart types site annotations are drawn on: those
// with a time axis.
var annotatedTypes = []string{"area", "bar", "line", "stacked"}

// mark is a site annotation as one chart draws it: on the buckets from
// and to (equal for a moment), at its time or span as the site wrote it.
type mark struct {
	from, to  int
	at, until time.Time // until is zero for a moment
	text      string
}

// marksOf returns the annotations a chart draws: on a time chart whose
// block does not say annotations: false, those whose moment falls in the
// result's range, or whose span overlaps it (clipped to the range), each
// at the bucket its time falls in. They come in time order, then by text.
func marksOf(anns []build.Annotation, sp spec, r *build.Result) []mark {
	if (sp.Annotations != nil && !*sp.Annotations) || !contains(annotatedTypes, sp.Type) || len(r.Points) == 0 {
		return nil
	}
	from, to := r.Query.From, r.Query.To
	var out []mark
	for _, a := range anns {
		start, end := a.At, a.Until
		if end.IsZero() {
			if start.Before(from) || !start.Before(to) {
				continue
			}
			i := bucketOf(r, start)
			out = append(out, mark{from: i, to: i, at: a.At, text: a.Text})
			continue
		}
		if !end.After(from) || !start.Before(to) {
			continue
		}
		if start.Before(from) {
			start = from
		}
		if end.After(to) {
			end = to
		}
		out = append(out, mark{from: bucketOf(r, start), to: bucketOf(r, end.Add(-time.Nanosecond)), at: a.At, until: a.Until, text: a.Text})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].at.Equal(out[j].at) {
			return out[i].at.Before(out[j].at)
		}
		return out[i].text < out[j].text
	})
	return out
}

// bucketOf is the index of the bucket of r that holds t: the last whose
// start is not after t.
func bucketOf(r *build.Result, t time.Time) int {
	i := sort.Search(len(r.Points), func(i int) bool { return r.Points[i].Time.After(t) })
	return max(0, i-1)
}

// withMarks adds a chart's annotations to its ECharts options, as one
// more series with no data of its own: a dashed vertical line, labelled
// with its text, at a moment's bucket; a shaded area over a span's. A
// series named "Annotations" toggles them from the legend. The text goes
// through a label's {b} (the item's name) rather than into the formatter
// itself, so that braces in it are shown, not read as a template; the
// options are marshalled with encoding/json, which escapes what could end
// the script element. Charts without annotations are not touched.
func withMarks(option map[string]any, marks []mark) (map[string]any, error) {
	out, err := plainOptions(option)
	if err != nil {
		return nil, err
	}
	var lines, areas []any
	for _, m := range marks {
		if m.until.IsZero() {
			lines = append(lines, map[string]any{"xAxis": m.from, "name": m.text})
			continue
		}
		areas = append(areas, []any{map[string]any{"xAxis": m.from, "name": m.text}, map[string]any{"xAxis": m.to}})
	}
	s := map[string]any{"type": "line", "name": "Annotations", "data": []any{}, "silent": true,
		"tooltip": map[string]any{"show": false}, "itemStyle": map[string]any{"color": "#6b7280"}}
	if len(lines) > 0 {
		s["markLine"] = map[string]any{"symbol": []string{"none", "none"}, "silent": true, "data": lines,
			"lineStyle": map[string]any{"type": "dashed", "color": "#6b7280", "width": 1},
			"label":     map[string]any{"formatter": "{b}", "position": "insideEndTop", "color": "#374151"}}
	}
	if len(areas) > 0 {
		s["markArea"] = map[string]any{"silent": true, "data": areas,
			"itemStyle": map[string]any{"color": "rgba(107,114,128,0.12)"},
			"label":     map[string]any{"formatter": "{b}", "position": "insideTop", "color": "#374151"}}
	}
	series, _ := out["series"].([]any)
	out["series"] = append(series, s)
	return out, nil
}

// marksNote lists a chart's annotations in words, for the line under it:
// "Annotations: 2026-11-02 v2 launch; 2026-11-10 to 2026-11-12 sale."
func marksNote(marks []mark, loc *time.Location) string {
	if len(marks) == 0 {
		return ""
	}
	parts := make([]string, len(marks))
	for i, m := range marks {
		parts[i] = markTime(m.at, loc)
		if !m.until.IsZero() {
			parts[i] += " to " + markTime(m.until, loc)
		}
		parts[i] += " " + m.text
	}
	return "Annotations: " + strings.Join(parts, "; ") + "."
}

// markTime writes an annotation's time in the chart's zone: its date at
// midnight, else its date and time.
func markTime(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04")
}

// jsonMark is an annotation in a chart's JSON download.
type jsonMark struct {
	At    string `json:"at"`
	Until string `json:"until,omitempty"`
	Text  string `json:"text"`
}

func jsonMarks(marks []mark) []jsonMark {
	var out []jsonMark
	for _, m := range marks {
		j := jsonMark{At: stamp(m.at), Text: m.text}
		if !m.until.IsZero() {
			j.Until = stamp(m.until)
		}
		out = append(out, j)
	}
	return out
}
