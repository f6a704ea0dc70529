package charts

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// exportCSV writes a result as `dashsmith query` prints it: a row per
// bucket, time,value (time,group,value with a breakdown), and with a
// comparison period its bucket and value beside each row. Text cells
// that a spreadsheet would run as a formula are neutralised. Buckets not
// yet begun in the data (from cm.future on) are left out, as the chart's
// table leaves them out.
func exportCSV(r *build.Result, cm completeness) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	prev := r.Previous
	if prev != nil && len(prev.Points) != len(r.Points) {
		prev = nil
	}
	begun := r.Points[:cm.begun(len(r.Points))]
	switch {
	case len(r.Groups) > 0:
		_ = w.Write([]string{"time", "group", "value"})
		for i, p := range begun {
			for _, g := range r.Groups {
				_ = w.Write([]string{stamp(p.Time), cellText(build.Display(g.Value)), pointText(g.Points[i])})
			}
		}
	case prev != nil:
		_ = w.Write([]string{"time", "value", "previous_time", "previous_value"})
		for i, p := range begun {
			q := prev.Points[i]
			_ = w.Write([]string{stamp(p.Time), pointText(p), stamp(q.Time), pointText(q)})
		}
	default:
		_ = w.Write([]string{"time", "value"})
		for _, p := range begun {
			_ = w.Write([]string{stamp(p.Time), pointText(p)})
		}
	}
	w.Flush()
	return buf.Bytes()
}

// cellText keeps a spreadsheet from reading s as a formula: a cell that
// starts with = + - @, a tab or a carriage return gets a leading '.
func cellText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func numText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func stamp(t time.Time) string { return t.Format(time.RFC3339) }

// dataFile is a chart's data as JSON.
type dataFile struct {
	Title    string            `json:"title"`
	Query    string            `json:"query"`
	Event    string            `json:"event"`
	Measure  string            `json:"measure,omitempty"` // none for a formula
	Formula  string            `json:"formula,omitempty"` // what a formula computes, from the page's queries
	Every    string            `json:"every"`
	By       string            `json:"by,omitempty"`
	Filter   string            `json:"filter,omitempty"`
	Where    map[string]string `json:"where,omitempty"` // property: value, as the query's where: gave them
	Timezone string            `json:"timezone"`
	From     string            `json:"from"`
	To       string            `json:"to"`
	Through  string            `json:"complete_through,omitempty"`
	Total    *float64          `json:"total"`
	Goal     *float64          `json:"goal,omitempty"`        // the chart block's goal: key
	Marks    []jsonMark        `json:"annotations,omitempty"` // the site's annotations the chart draws
	Points   []jsonPoint       `json:"points"`
	Groups   []jsonGroup       `json:"groups,omitempty"`
	Compare  string            `json:"compare,omitempty"`
	Previous *jsonPeriod       `json:"previous,omitempty"`
	Folded   bool              `json:"folded,omitempty"`
}

type jsonPoint struct {
	Time  string   `json:"time"`
	Value *float64 `json:"value"`
}

type jsonGroup struct {
	Value  string      `json:"value"`
	Total  *float64    `json:"total"`
	Points []jsonPoint `json:"points"`
}

type jsonPeriod struct {
	From   string      `json:"from"`
	To     string      `json:"to"`
	Total  *float64    `json:"total"`
	Points []jsonPoint `json:"points"`
}

// exportJSON writes a chart's data with encoding/json, which escapes
// <, > and & in names and values. Buckets not yet begun in the data (from
// cm.future on) are left out of the points, as the chart's table leaves
// them out; from and to stay the query's range, and the comparison
// period, which has ended, keeps all its points.
func exportJSON(sp spec, r *build.Result, cm completeness) ([]byte, error) {
	q := r.Query
	n := cm.begun(len(r.Points))
	f := dataFile{Title: sp.Title, Query: q.Name, Event: build.Display(q.Event), Measure: q.Measure.String(), Every: string(q.Every),
		By: q.By, Filter: build.Display(q.Filter), Timezone: "UTC", From: stamp(q.From), To: stamp(q.To), Total: jsonTotal(r.Total, totalGap(r)),
		Points: points(r.Points[:n]), Compare: string(q.Compare), Folded: r.Folded, Goal: sp.Goal, Marks: jsonMarks(sp.marks)}
	if q.Formula != "" {
		f.Measure, f.Formula = "", q.Formula
	}
	if q.Loc != nil {
		f.Timezone = q.Loc.String()
	}
	for _, c := range q.Where {
		if f.Where == nil {
			f.Where = map[string]string{}
		}
		f.Where[build.Display(c.Prop)] = build.Display(c.Value)
	}
	if !cm.through.IsZero() {
		f.Through = stamp(cm.through)
	}
	for _, g := range r.Groups {
		f.Groups = append(f.Groups, jsonGroup{build.Display(g.Value), jsonTotal(g.Total, g.TotalGap), points(g.Points[:min(n, len(g.Points))])})
	}
	if p := r.Previous; p != nil {
		f.Previous = &jsonPeriod{stamp(p.Query.From), stamp(p.Query.To), jsonTotal(p.Total, totalGap(p)), points(p.Points)}
	}
	out, err := json.MarshalIndent(f, "", "  ")
	return append(out, '\n'), err
}

func points(ps []build.Point) []jsonPoint {
	out := make([]jsonPoint, len(ps))
	for i, p := range ps {
		out[i] = jsonPoint{Time: stamp(p.Time)}
		if !p.Gap {
			v := p.Value
			out[i].Value = &v
		}
	}
	return out
}

// pointText writes a bucket's value for CSV: an empty cell in a gap.
func pointText(p build.Point) string {
	if p.Gap {
		return ""
	}
	return numText(p.Value)
}

// jsonTotal is a total for the JSON download: nil (null) when it has no
// value.
func jsonTotal(v float64, gap bool) *float64 {
	if gap || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}
