package storetest

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

func (m *Memory) Query(_ context.Context, q build.Query) (*build.Result, error) {
	if _, err := q.Measure.Type(); err != nil {
		return nil, fmt.Errorf("mem: %w", err)
	}
	if err := q.CheckResolution(); err != nil {
		return nil, fmt.Errorf("mem: %w", err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r := q.Rollup()
	from, to := q.Hours()
	if !r.Needed() {
		hourly := map[build.Hour]float64{}
		for h := from; h < to; h++ {
			hourly[h] = float64(m.counts[build.EventHour{Event: q.Event, Hour: h}])
		}
		return build.Fill(q, hourly), nil
	}
	if !build.Covers(func(id string) bool { return m.declared[id] }, r) {
		return nil, fmt.Errorf("mem: rollup %s: %w", r.ID(), build.ErrNoRollup)
	}
	groups := map[string]map[build.Hour]*build.Cell{}
	for k, c := range m.cells {
		if k.Hour < from || k.Hour >= to || k.Rollup != r {
			continue
		}
		g := k.Group
		if groups[g] == nil {
			groups[g] = map[build.Hour]*build.Cell{}
		}
		groups[g][k.Hour] = c
	}
	if group, one := q.Single(); one {
		res, err := build.FillCells(q, groups[group])
		if err == nil && q.Rollup().By != "" && group != build.OtherGroup {
			res.Folded = len(groups[build.OtherGroup]) > 0 // values folded at ingest may hold some of its events
		}
		return res, err
	}
	return build.FillGroups(q, groups)
}

// Events implements build.Reader.
func (m *Memory) Events(context.Context) ([]build.EventInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	by := map[string]*build.EventInfo{}
	for k, n := range m.counts {
		if n == 0 {
			continue
		}
		e := by[k.Event]
		if e == nil {
			e = &build.EventInfo{Event: k.Event, First: k.Hour, Last: k.Hour}
			by[k.Event] = e
		}
		e.Total += n
		e.First, e.Last = min(e.First, k.Hour), max(e.Last, k.Hour)
	}
	var out []build.EventInfo
	for _, e := range by {
		for p := range m.props[e.Event] {
			e.Props = append(e.Props, p)
		}
		sort.Strings(e.Props)
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Event < out[j].Event })
	return out, nil
}

// Health implements build.HealthReader.
func (m *Memory) Health(context.Context) ([]build.HealthDay, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []build.HealthDay
	for _, d := range m.health {
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b build.HealthDay) int { return strings.Compare(a.Day, b.Day) })
	return out, nil
}
