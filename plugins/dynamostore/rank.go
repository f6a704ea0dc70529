package dynamostore

import (
	"context"
	"errors"
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/dashsmith/dashsmith/build"
)

// ranksByTotals reports whether the breakdown q of rollup r, over the
// hours [from, to), can be ranked from its group totals (see totals.go):
// the totals are complete, the measure adds up (count, sum), the query
// has no where (whose groups are combinations to match), and the range is
// whole UTC days, the totals' own.
func ranksByTotals(q build.Query, r build.Rollup, totals bool, from, to build.Hour) bool {
	if !totals || len(q.Where) > 0 || !keepsTotals(r) || from%24 != 0 || to%24 != 0 {
		return false
	}
	t, err := q.Measure.Type()
	if err != nil {
		return false
	}
	_, ok := t.(build.Additive)
	return ok
}

// maxTotals bounds the group totals a breakdown holds while it ranks
// (rankByTotals): a range whose day totals are more (a year of a breakdown
// whose values clients make up faster than the cap folds them) is walked
// group by group instead, in bounded memory. 2,000,000 day totals are
// some 200 MB; 20,000 pods over 30 days are a few hundred thousand. (A
// variable, for tests.)
var maxTotals = 2_000_000

// errTooManyTotals stops rankByTotals past maxTotals.
var errTooManyTotals = errors.New("too many group totals to hold")

// rankByTotals answers the breakdown q of rollup r from its group totals:
// one paginated Query of each UTC day's totals in range (a page is up to
// 1 MB, some 15,000 groups), added up per group and ranked (largest
// first, ties by value, as build.Breakdown ranks); then one Query of the
// series of all the groups, whose difference from the groups shown is
// "(other)", and one read of one item of OtherGroup, which says whether
// values folded at ingest hold some of the events. When every bucket is
// whole UTC days (every day, week or month in UTC), the groups shown are
// filled from their totals too, so that the requests do not grow with
// q.Top; else (hours) with one Query of each one's series. What it holds
// is the totals of the groups with events in range, day by day when they
// fill the buckets.
func (s *Store) rankByTotals(ctx context.Context, q build.Query, r build.Rollup, from, to build.Hour) (*build.Result, error) {
	v := r.Measure.Vector()
	fields := v.Fields()
	first, last := dayOfHour(int64(from)), dayOfHour(int64(to)) // [first, last)
	byDay := dayBuckets(q)
	var mu sync.Mutex
	groups := map[string]*groupDays{}
	held := 0
	err := parallel(ctx, int(last-first), queryWorkers, func(i int) error {
		day := first + int64(i)
		return s.totalPages(ctx, totalPK(r, day), fields, func(items []item) error {
			mu.Lock()
			defer mu.Unlock()
			if held += len(items); held > maxTotals {
				return errTooManyTotals
			}
			for _, it := range items {
				name := unesc(getS(it, attrName))
				g := groups[name]
				if g == nil {
					g = &groupDays{total: make([]float64, len(fields))}
					groups[name] = g
				}
				nums := make([]float64, len(fields))
				for j, f := range fields {
					nums[j] = getF(it, f)
					g.total[j] += nums[j]
				}
				if byDay {
					g.days = append(g.days, dayNums{build.Hour(day * 24), nums})
				}
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	type ranked struct {
		value string
		total float64
	}
	list := make([]ranked, 0, len(groups))
	for name, g := range groups {
		total := build.CellOf(v.FromNumbers(g.total)).Value()
		list = append(list, ranked{name, build.RoundSum(total)})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].total != list[j].total {
			return list[i].total > list[j].total
		}
		return list[i].value < list[j].value
	})
	top := q.Top
	if top <= 0 {
		top = build.DefaultTop
	}
	list = list[:min(len(list), top)]
	// The cells of the groups shown (by day, or by hour from their
	// series), then those of all groups, last.
	names := make([]string, 0, len(list)+1)
	if !byDay {
		for _, g := range list {
			names = append(names, g.value)
		}
	}
	names = append(names, allGroup)
	read := make([]map[build.Hour]*build.Cell, len(names))
	err = parallel(ctx, len(names), queryWorkers, func(i int) error {
		var err error
		read[i], err = s.series(ctx, r.Series(names[i]), r.Measure, from, to)
		return err
	})
	if err != nil {
		return nil, err
	}
	all := read[len(read)-1]
	cells := make([]map[build.Hour]*build.Cell, len(list))
	for i, g := range list {
		if !byDay {
			cells[i] = read[i]
			continue
		}
		cells[i] = make(map[build.Hour]*build.Cell, len(groups[g.value].days))
		for _, d := range groups[g.value].days {
			cells[i][d.h] = build.CellOf(v.FromNumbers(d.nums))
		}
	}
	if byDay {
		all = daysOf(v, all)
	}
	rest := restCells(v, all, cells)
	res, err := build.Breakdown(q, func(visit func(string, map[build.Hour]*build.Cell) error) error {
		for i, g := range list {
			if err := visit(g.value, cells[i]); err != nil {
				return err
			}
		}
		return visit(build.OtherGroup, rest)
	})
	if err != nil {
		return nil, err
	}
	// Breakdown takes the rest for folded values: ask OtherGroup itself.
	if res.Folded, err = s.anyCell(ctx, r.Series(build.OtherGroup), from, to); err != nil {
		return nil, err
	}
	return res, nil
}

// groupDays is a group's totals over a breakdown's range: added up, and
// day by day when they fill its buckets.
type groupDays struct {
	total []float64
	days  []dayNums
}

// dayNums is a group's total of one UTC day, at the day's first hour.
type dayNums struct {
	h    build.Hour
	nums []float64
}

// dayBuckets reports whether every bucket of q is whole UTC days: a day,
// a week or a month whose every boundary is a UTC midnight.
func dayBuckets(q build.Query) bool {
	if q.Every == build.Hourly {
		return false
	}
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	for t := q.From; t.Before(q.To); t = build.Next(t, q.Every, loc) {
		if t.Unix()%86400 != 0 {
			return false
		}
	}
	return q.To.Unix()%86400 == 0
}

// daysOf adds up hourly cells of numbers that add into one cell per UTC
// day, at the day's first hour.
func daysOf(v build.Vector, hourly map[build.Hour]*build.Cell) map[build.Hour]*build.Cell {
	sums := map[build.Hour][]float64{}
	for h, c := range hourly {
		d := build.Hour(dayOfHour(int64(h)) * 24)
		nums := v.Numbers(c.Aggregate())
		if sums[d] == nil {
			sums[d] = make([]float64, len(nums))
		}
		for j, x := range nums {
			sums[d][j] += x
		}
	}
	out := make(map[build.Hour]*build.Cell, len(sums))
	for d, nums := range sums {
		out[d] = build.CellOf(v.FromNumbers(nums))
	}
	return out
}

// restCells returns, hour by hour, the cell of all groups less the cells
// of the groups shown: what "(other)" holds. A difference that is the
// noise of adding decimals (below 1e-9 of the whole) is 0.
func restCells(v build.Vector, all map[build.Hour]*build.Cell, shown []map[build.Hour]*build.Cell) map[build.Hour]*build.Cell {
	out := make(map[build.Hour]*build.Cell, len(all))
	for h, c := range all {
		whole := v.Numbers(c.Aggregate())
		nums := append([]float64(nil), whole...)
		for _, g := range shown {
			if gc := g[h]; gc != nil {
				for j, x := range v.Numbers(gc.Aggregate()) {
					nums[j] -= x
				}
			}
		}
		for j := range nums {
			if math.Abs(nums[j]) <= 1e-9*math.Max(1, math.Abs(whole[j])) {
				nums[j] = 0
			}
		}
		out[h] = build.CellOf(v.FromNumbers(nums))
	}
	return out
}

// totalPages calls fn with each page of the group totals partition pk,
// reading only the group's name and the measure's numbers.
func (s *Store) totalPages(ctx context.Context, pk string, fields []string, fn func([]item) error) error {
	names := map[string]string{"#pk": attrPK, "#name": attrName}
	proj := []string{"#name"}
	for i, f := range fields {
		p := "#f" + string(rune('0'+i))
		names[p] = f
		proj = append(proj, p)
	}
	return s.query(ctx, &dynamodb.QueryInput{
		TableName:                 &s.table,
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  names,
		ExpressionAttributeValues: item{":pk": str(pk)},
		ProjectionExpression:      aws.String(strings.Join(proj, ", ")),
		ConsistentRead:            aws.Bool(true),
	}, fn)
}
