package controls

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// expand checks the controls of p, gives its queries the first preset's
// range, and returns its family and its views (nil when it has none).
func expand(ctx context.Context, s *build.Site, p *build.Page, loc *time.Location, seen build.Seen) (*family, []*build.Page, error) {
	ct := p.Meta.Controls
	if len(p.Meta.Queries) == 0 {
		return nil, nil, errors.New("the page has no queries to switch: add queries, or remove controls")
	}
	f := &family{base: p.URL, prop: ct.Filter.Property}
	var err error
	if f.presets, err = presetsOf(ct.Range, s.Now, loc); err != nil {
		return nil, nil, err
	}
	top := ct.Filter.Top
	if f.prop != "" {
		if top, err = checkFilter(ct.Filter); err != nil {
			return nil, nil, err
		}
	} else if ct.Filter.Top != 0 {
		return nil, nil, errors.New("filter: top without a property: write e.g. `filter: {property: plan, top: 10}`")
	}
	own := p.Meta
	p.Meta = withPreset(own, f.presets[0], nil)
	var notes map[string]string
	if f.prop != "" {
		if f.values, notes, err = filterValues(ctx, s, p, loc, seen, f.prop, top); err != nil {
			return nil, nil, err
		}
	}
	f.dirs = dirsOf(f.presets, f.prop, f.values)
	var views []*build.Page
	for i, pr := range f.presets {
		meta := p.Meta
		if i > 0 {
			meta = withPreset(own, pr, densities(own, f.presets[0], pr, s.Now, loc))
			if _, errs := build.ResolveQueries(&build.Page{Source: p.Source, Meta: meta}, s.Now, loc); len(errs) > 0 {
				meta = withPreset(own, pr, nil) // a window that the coarser interval cannot hold: keep the page's
			}
		}
		for j := 0; j <= len(f.values); j++ {
			if i == 0 && j == 0 {
				continue
			}
			m := meta
			var vnotes map[string]string
			if j > 0 {
				m, vnotes = withFilter(meta, f.prop, f.values[j-1], notes)
			}
			v := view{i, j}
			m.Title = p.Meta.Title + " (" + f.label(v) + ")"
			m.Controls = p.Meta.Controls
			views = append(views, &build.Page{
				Source:   p.Source,
				URL:      p.URL + f.dirs[i][j] + "/",
				Line:     p.Line,
				Meta:     m,
				Body:     bytes.Clone(p.Body),
				Each:     p.Each,
				Unlisted: true,
				View:     f.dirs[i][j],
				Notes:    vnotes,
			})
		}
	}
	return f, views, nil
}

// presetsOf reads the range presets; none is one preset of no text (the
// page's own ranges, for a page with a filter alone).
func presetsOf(ranges []string, now time.Time, loc *time.Location) ([]preset, error) {
	if len(ranges) == 0 {
		return []preset{{}}, nil
	}
	if len(ranges) > build.MaxRangePresets {
		return nil, fmt.Errorf("%d range presets: at most %d", len(ranges), build.MaxRangePresets)
	}
	var out []preset
	tokens := map[string]string{}
	for _, r := range ranges {
		pr, err := presetOf(r)
		if err != nil {
			return nil, err
		}
		if _, _, err := build.ParseRange(pr.text, build.Monthly, now, loc); err != nil {
			return nil, fmt.Errorf("range preset %q: %v", r, err)
		}
		if other, ok := tokens[pr.token]; ok {
			return nil, fmt.Errorf("range presets %q and %q are the same range: remove one", other, r)
		}
		tokens[pr.token] = r
		out = append(out, pr)
	}
	return out, nil
}

// checkFilter checks a filter and returns how many values it keeps.
func checkFilter(fc build.FilterControl) (int, error) {
	if err := build.CheckPath(fc.Property); err != nil {
		return 0, fmt.Errorf("filter: property: %v", err)
	}
	if fc.Property == "range" {
		return 0, errors.New(`filter: property "range": the URL says the range preset with ?range=; filter on properties.range instead`)
	}
	switch {
	case fc.Top == 0:
		return build.DefaultTop, nil
	case fc.Top < 0 || fc.Top > build.MaxFilterTop:
		return 0, fmt.Errorf("filter: top %d: use 1 to %d (each value is a view of the whole page)", fc.Top, build.MaxFilterTop)
	}
	return fc.Top, nil
}

// withPreset returns m with every query over the preset's range (a
// preset of no text leaves the ranges as written), and each stored
// query's interval changed as every says (see densities).
func withPreset(m build.Meta, pr preset, every map[build.Interval]build.Interval) build.Meta {
	if pr.text == "" {
		return m
	}
	qs := make(map[string]build.QuerySpec, len(m.Queries))
	for name, q := range m.Queries {
		q.Range = pr.text
		if e, err := build.ParseInterval(q.Every); err == nil && every[e] != "" && every[e] != e {
			q.Every = string(every[e])
		}
		qs[name] = q
	}
	m.Queries = qs
	m.QueryLines = maps.Clone(m.QueryLines)
	return m
}

// coarser is the next interval up.
var coarser = map[build.Interval]build.Interval{build.Hourly: build.Daily, build.Daily: build.Weekly, build.Weekly: build.Monthly}

// densities returns, for each interval the queries of m use, the interval
// they take over preset pr: the same, unless pr would draw more than
// twice the buckets the first preset def draws (and more than 31), or more
// than a query may draw, when it steps up until it does not, or reaches
// months. A formula without an
// interval takes its queries', so formulas keep lining up.
func densities(m build.Meta, def, pr preset, now time.Time, loc *time.Location) map[build.Interval]build.Interval {
	out := map[build.Interval]build.Interval{}
	for _, q := range m.Queries {
		e, err := build.ParseInterval(q.Every)
		if err != nil {
			continue
		}
		if _, done := out[e]; done {
			continue
		}
		limit := max(2*buckets(def.text, e, now, loc), 31)
		to := e
		for n := buckets(pr.text, to, now, loc); (n > limit || n > build.MaxBuckets) && to != build.Monthly; n = buckets(pr.text, to, now, loc) {
			to = coarser[to]
		}
		out[e] = to
	}
	return out
}

// buckets counts the buckets of width every that the range text draws;
// more than build.MaxBuckets when that is too many to draw.
func buckets(text string, every build.Interval, now time.Time, loc *time.Location) int64 {
	from, to, err := build.ParseRange(text, every, now, loc)
	if err != nil {
		return build.MaxBuckets + 1
	}
	return build.Buckets(from, to, every, loc)
}

// withFilter returns m filtered to prop = value: each query that can take
// the filter (notes has no line for it) gets one more where condition;
// the notes of the others say why they do not.
func withFilter(m build.Meta, prop, value string, notes map[string]string) (build.Meta, map[string]string) {
	qs := make(map[string]build.QuerySpec, len(m.Queries))
	var out map[string]string
	for name, q := range m.Queries {
		if why, ok := notes[name]; ok {
			qs[name] = q
			if out == nil {
				out = map[string]string{}
			}
			out[name] = why
			continue
		}
		qs[name] = q.WithFilter(prop, value)
	}
	m.Queries = qs
	return m, out
}
