package each

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// DefaultRange is the range a template's list counts events over when
// the template declares no query.
const DefaultRange = "last 30 days"

// span is the range a template's list counts events over: that of the
// template's first declared query (the lowest line; a formula's is the
// one it inherits), in that query's timezone; DefaultRange by day in the
// site's timezone when the template declares no query that resolves.
type span struct {
	from, to time.Time
	every    build.Interval // the widest interval that cuts [from, to) exactly: few buckets per value
	loc      *time.Location
	label    string // the range as the template writes it: "last 30 days"
}

// spanOf returns the span of template t, as of now in the site's
// timezone loc.
func spanOf(t *build.Page, now time.Time, loc *time.Location) (span, error) {
	resolved, _ := build.ResolveQueries(t, now, loc) // a query that does not resolve is reported by the copies
	var first *build.NamedQuery
	for i := range resolved {
		if nq := &resolved[i]; first == nil || nq.Line < first.Line || nq.Line == first.Line && nq.Name < first.Name {
			first = nq
		}
	}
	if first == nil {
		from, to, err := build.ParseRange(DefaultRange, build.Daily, now, loc)
		if err != nil {
			return span{}, err
		}
		return span{from: from, to: to, every: build.Daily, loc: loc, label: DefaultRange}, nil
	}
	q := first.Query
	sp := span{from: q.From, to: q.To, every: q.Every, loc: q.Loc}
	if sp.loc == nil {
		sp.loc = time.UTC
	}
	for _, iv := range []build.Interval{build.Monthly, build.Weekly, build.Daily} {
		if build.Truncate(sp.from, iv, sp.loc).Equal(sp.from) && build.Truncate(sp.to, iv, sp.loc).Equal(sp.to) {
			sp.every = iv
			break
		}
	}
	spec := t.Meta.Queries[first.Name]
	sp.label = strings.Join(strings.Fields(strings.ToLower(spec.Range)), " ")
	switch {
	case sp.label != "":
	case strings.TrimSpace(spec.Formula) == "":
		sp.label = build.DefaultRange[q.Every]
	default: // a formula's range is that of the queries it names
		sp.label = sp.from.In(sp.loc).Format("2006-01-02 15:04") + " to " + sp.to.In(sp.loc).Format("2006-01-02 15:04")
	}
	return sp, nil
}

// query is a count of event over the span, broken down by by when by is set.
func (sp span) query(event, by string) build.Query {
	return build.Query{Name: "each", Event: event, Measure: build.CountMeasure, By: by,
		Every: sp.every, From: sp.from, To: sp.to, Loc: sp.loc}
}

// totals returns the events of each value of template t over sp, in the
// order of values: one count per event name (each: event), or one
// breakdown of EachEvent by the property with room for all of its groups
// (groups: how many values the property has had, all told), a value with
// no events in the range counting 0. When the breakdown had to fold
// groups into "(other)" (more than MaxPages values), a value it left out
// is read alone (one series).
func totals(ctx context.Context, st build.Reader, t *build.Page, values []string, groups int, sp span) ([]float64, error) {
	m := t.Meta
	out := make([]float64, len(values))
	if m.Each == "event" {
		for i, v := range values {
			r, err := st.Query(ctx, sp.query(v, ""))
			if err != nil {
				return nil, fmt.Errorf("each: events of %q over %s: %w", v, sp.label, err)
			}
			out[i] = r.Total
		}
		return out, nil
	}
	q := sp.query(m.EachEvent, m.Each)
	q.Top = max(groups, len(values)) + 2 // and "(none)"
	r, err := st.Query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("each: %s of %q over %s: %w", m.Each, m.EachEvent, sp.label, err)
	}
	byValue := make(map[string]float64, len(r.Groups))
	shown := 0
	for _, g := range r.Groups {
		if g.Value != build.OtherGroup {
			byValue[g.Value] = g.Total
			shown++
		}
	}
	full := shown >= q.Top // groups beyond the top went to "(other)"
	for i, v := range values {
		total, ok := byValue[v]
		if !ok && full {
			one := q
			one.Top, one.Filter = 0, v
			r, err := st.Query(ctx, one)
			if err != nil {
				return nil, fmt.Errorf("each: %s %q of %q over %s: %w", m.Each, v, m.EachEvent, sp.label, err)
			}
			total = r.Total
		}
		out[i] = total
	}
	return out, nil
}
