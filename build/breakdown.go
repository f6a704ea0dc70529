package build

import (
	"slices"
	"sort"
)

// GroupWalk calls visit once for each group of a breakdown that has cells
// in a query's hours (Query.Hours), with those cells, one group at a
// time, in an order that the same store contents always repeat. A walk
// stops at visit's first error and returns it. visit keeps nothing it is
// given, so a walk may reuse its map for the next group.
type GroupWalk func(visit func(group string, hourly map[Hour]*Cell) error) error

// Breakdown builds a breakdown's result from groups visited one at a
// time: the q.Top groups with the largest totals over the range, largest
// first (ties by value, so the same data gives the same result), then
// OtherGroup for the rest and for values folded at ingest. Points and
// Total are over all groups.
//
// Memory follows the result, not the number of groups: a bounded list of
// the best groups so far with their buckets, and one row of buckets each
// for all groups and for the rest. An additive measure (count, sum) is one
// walk: a group that drops out of the list adds its buckets to the rest.
// Any other (unique, avg, percentiles) is two: the first ranks the groups
// by the Weight of their merged aggregates (events; a unique count's is its
// value, so "top 5 by p95" ranks groups by size, not by a percentile) and
// merges all of them per bucket; the second
// fills the kept groups' buckets and merges every other group's aggregates
// per bucket into the rest, one aggregate per bucket at a time.
//
// With q.Filter, the result is that one group's series alone (zeros when
// the group has no data), with no Groups; a store does better to read the
// one series itself and call FillCells.
func Breakdown(q Query, walk GroupWalk) (*Result, error) {
	if one, ok := q.Single(); ok {
		var res *Result
		err := walk(func(group string, hourly map[Hour]*Cell) error {
			if group != one {
				return nil
			}
			var err error
			res, err = FillCells(q, hourly)
			return err
		})
		if err != nil || res != nil {
			return res, err
		}
		return FillCells(q, nil)
	}
	if len(q.Where) > 0 {
		walk = whereWalk(q, walk)
	}
	t, err := q.Measure.Type()
	if err != nil {
		return nil, err
	}
	if _, ok := t.(Additive); ok {
		return breakdownAdditive(q, bucketsOf(q), walk)
	}
	return breakdownMerged(q, t, bucketsOf(q), walk)
}

// FillGroups builds a breakdown's result from each group's hourly cells,
// as Breakdown does from a walk over them in value order.
func FillGroups(q Query, groups map[string]map[Hour]*Cell) (*Result, error) {
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	sort.Strings(names)
	return Breakdown(q, func(visit func(string, map[Hour]*Cell) error) error {
		for _, g := range names {
			if err := visit(g, groups[g]); err != nil {
				return err
			}
		}
		return nil
	})
}

// topOf is how many groups q shows.
func topOf(q Query) int {
	if q.Top <= 0 {
		return DefaultTop
	}
	return q.Top
}

// breakdownAdditive ranks and fills a count or a sum in one walk.
func breakdownAdditive(q Query, b buckets, walk GroupWalk) (*Result, error) {
	all := make([]float64, b.len())
	rest := make([]float64, b.len())
	restUsed, folded := false, false
	top := board{size: topOf(q)}
	var spare *ranked
	var cur ranked
	var hours []Hour
	from, to := q.Hours()
	round := rounder(q.Measure)
	toRest := func(g *ranked) {
		restUsed = true
		for j, i := range g.idx {
			rest[i] += g.vals[j]
		}
	}
	err := walk(func(group string, hourly map[Hour]*Cell) error {
		hours = hours[:0]
		seen := false
		for h := range hourly {
			seen = seen || h >= from && h < to
			if b.index(h) >= 0 {
				hours = append(hours, h)
			}
		}
		if !seen {
			return nil
		}
		slices.Sort(hours) // hour order, as Fill adds them up
		cur.value, cur.total, cur.idx, cur.vals = group, 0, cur.idx[:0], cur.vals[:0]
		for _, h := range hours {
			i, v := b.index(h), hourly[h].Value()
			all[i] += v
			if n := len(cur.idx); n > 0 && cur.idx[n-1] == i {
				cur.vals[n-1] += v
			} else {
				cur.idx, cur.vals = append(cur.idx, i), append(cur.vals, v)
			}
		}
		for _, v := range cur.vals {
			cur.total += v
		}
		cur.total = round(cur.total)
		cur.rank = cur.total
		if group == OtherGroup {
			folded = folded || cur.total > 0
			toRest(&cur)
			return nil
		}
		if out := top.offer(&cur, &spare); out != nil {
			toRest(out)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res := &Result{Query: q, Folded: folded}
	res.Points, res.Total = b.points(q.Measure, all)
	dense := make([]float64, b.len())
	for _, g := range top.sorted() {
		clear(dense)
		for j, i := range g.idx {
			dense[i] = g.vals[j]
		}
		pts, total := b.points(q.Measure, dense)
		res.Groups = append(res.Groups, Group{Value: g.value, Points: pts, Total: total})
	}
	if restUsed {
		if pts, total := b.points(q.Measure, rest); total != 0 {
			res.Groups = append(res.Groups, Group{Value: OtherGroup, Points: pts, Total: total})
		}
	}
	return res, nil
}

// aggRow is one aggregate per bucket, made when a bucket first gets one,
// and how a merged aggregate finalises to a value (see valuer).
type aggRow struct {
	t     MeasureType
	aggs  []Aggregate
	value func(Aggregate) float64
}

// merge adds c into bucket i.
func (r aggRow) merge(i int, c *Cell) error {
	if r.aggs[i] == nil {
		n, err := r.t.New()
		if err != nil {
			return err
		}
		r.aggs[i] = n
	}
	return r.aggs[i].Merge(c.agg)
}

// values returns each bucket's value (that of an empty aggregate where a
// bucket has none: 0 for unique, NaN for an average), the value of all of
// them merged, and the weight of all of them merged.
func (r aggRow) values() (vals []float64, total, weight float64, err error) {
	vals = make([]float64, len(r.aggs))
	all, err := r.t.New()
	if err != nil {
		return nil, 0, 0, err
	}
	empty := r.value(all)
	for i, a := range r.aggs {
		if a == nil {
			vals[i] = empty
			continue
		}
		vals[i] = r.value(a)
		if err := all.Merge(a); err != nil {
			return nil, 0, 0, err
		}
	}
	return vals, r.value(all), all.Weight(), nil
}

// gapPoints returns one point per bucket with the values of vals, an
// undefined value (NaN) a gap, as FillCells makes them.
func (b buckets) gapPoints(vals []float64) []Point {
	out := make([]Point, len(b.times))
	for i, t := range b.times {
		v, gap := gapOf(vals[i])
		out[i] = Point{Time: t, Value: v, Gap: gap}
	}
	return out
}

// breakdownMerged ranks a measure whose aggregates merge but do not add
// (unique) in one walk and fills it in a second: aggregates do not
// subtract, so the rest is merged from the groups that are not shown.
func breakdownMerged(q Query, t MeasureType, b buckets, walk GroupWalk) (*Result, error) {
	value := valuer(t)
	row := aggRow{t, make([]Aggregate, b.len()), value}
	top := board{size: topOf(q)}
	var spare *ranked
	var cur ranked
	restUsed, folded := false, false
	from, to := q.Hours()
	err := walk(func(group string, hourly map[Hour]*Cell) error {
		var gs Aggregate
		seen := false
		for h, c := range hourly {
			seen = seen || h >= from && h < to
			i := b.index(h)
			if i < 0 || c.Empty() {
				continue
			}
			if err := row.merge(i, c); err != nil {
				return err
			}
			if gs == nil {
				var err error
				if gs, err = t.New(); err != nil {
					return err
				}
			}
			if err := gs.Merge(c.agg); err != nil {
				return err
			}
		}
		if !seen {
			return nil
		}
		cur.value, cur.total, cur.rank = group, 0, 0
		if gs != nil {
			cur.total, cur.rank = value(gs), gs.Weight()
		} else if empty, err := t.New(); err == nil {
			cur.total = value(empty) // only empty cells in range: an average's is a gap
		}
		if group == OtherGroup {
			folded = folded || cur.rank > 0
			restUsed = true
			return nil
		}
		if top.offer(&cur, &spare) != nil {
			restUsed = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res := &Result{Query: q, Folded: folded}
	vals, total, _, err := row.values()
	if err != nil {
		return nil, err
	}
	res.Points = b.gapPoints(vals)
	res.Total, res.TotalGap = gapOf(total)
	kept := top.sorted()
	if len(kept) == 0 && !restUsed {
		return res, nil
	}
	// The second walk: the kept groups' buckets, and the rest.
	shown := make(map[string][]float64, len(kept))
	for _, g := range kept {
		shown[g.value] = nil
	}
	clear(row.aggs)
	groupRow := aggRow{t, make([]Aggregate, b.len()), value}
	err = walk(func(group string, hourly map[Hour]*Cell) error {
		_, keep := shown[group]
		target := row
		if keep {
			clear(groupRow.aggs)
			target = groupRow
		}
		for h, c := range hourly {
			if i := b.index(h); i >= 0 && !c.Empty() {
				if err := target.merge(i, c); err != nil {
					return err
				}
			}
		}
		if keep {
			vals, _, _, err := groupRow.values()
			shown[group] = vals
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, g := range kept {
		vals := shown[g.value]
		if vals == nil {
			empty, err := t.New()
			if err != nil {
				return nil, err
			}
			vals = make([]float64, b.len())
			for i := range vals {
				vals[i] = value(empty)
			}
		}
		total, gap := gapOf(g.total)
		res.Groups = append(res.Groups, Group{Value: g.value, Points: b.gapPoints(vals), Total: total, TotalGap: gap})
	}
	if restUsed {
		vals, total, weight, err := row.values()
		if err != nil {
			return nil, err
		}
		if weight > 0 {
			total, gap := gapOf(total)
			res.Groups = append(res.Groups, Group{Value: OtherGroup, Points: b.gapPoints(vals), Total: total, TotalGap: gap})
		}
	}
	return res, nil
}
