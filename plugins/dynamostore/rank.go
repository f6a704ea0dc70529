package dynamostore

import (
	"context"
	"math"
	"sort"
	"strings"
	"sync"

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

// rankByTotals answers the breakdown q of rollup r from its group totals:
// one paginated Query of each UTC day's totals in range (a page is up to
// 1 MB, some 15,000 groups), added up per group and ranked (largest
// first, ties by value, as build.Breakdown ranks); then one Query of
// each of the top q.Top groups' series and one of the series of all the
// groups, whose difference is "(other)". One anyCell read says whether
// values folded at ingest hold some of the events. What it holds is the
// totals of the groups with events in range, and the top groups' cells.
func (s *Store) rankByTotals(ctx context.Context, q build.Query, r build.Rollup, from, to build.Hour) (*build.Result, error) {
	v := r.Measure.Vector()
	fields := v.Fields()
	first, last := dayOfHour(int64(from)), dayOfHour(int64(to)) // [first, last)
	var mu sync.Mutex
	sums := map[string][]float64{}
	err := parallel(ctx, int(last-first), queryWorkers, func(i int) error {
		return s.totalPages(ctx, totalPK(r, first+int64(i)), fields, func(items []item) {
			mu.Lock()
			defer mu.Unlock()
			for _, it := range items {
				g := unesc(getS(it, attrName))
				nums := sums[g]
				if nums == nil {
					nums = make([]float64, len(fields))
					sums[g] = nums
				}
				for j, f := range fields {
					nums[j] += getF(it, f)
				}
			}
		})
	})
	if err != nil {
		return nil, err
	}
	type ranked struct {
		value string
		total float64
	}
	list := make([]ranked, 0, len(sums))
	for g, nums := range sums {
		total := build.CellOf(v.FromNumbers(nums)).Value()
		list = append(list, ranked{g, build.RoundSum(total)})
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
	names := make([]string, len(list)+1)
	for i, g := range list {
		names[i] = g.value
	}
	names[len(list)] = allGroup
	cells := make([]map[build.Hour]*build.Cell, len(names))
	err = parallel(ctx, len(names), queryWorkers, func(i int) error {
		var err error
		cells[i], err = s.series(ctx, r.Series(names[i]), r.Measure, from, to)
		return err
	})
	if err != nil {
		return nil, err
	}
	rest := restCells(v, cells[len(list)], cells[:len(list)])
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
func (s *Store) totalPages(ctx context.Context, pk string, fields []string, fn func([]item)) error {
	names := map[string]string{"#pk": attrPK, "#name": attrName}
	proj := []string{"#name"}
	for i, f := range fields {
		p := "#f" + string(rune('0'+i))
		names[p] = f
		proj = append(proj, p)
	}
	p := dynamodb.NewQueryPaginator(s.db, &dynamodb.QueryInput{
		TableName:                 &s.table,
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  names,
		ExpressionAttributeValues: item{":pk": str(pk)},
		ProjectionExpression:      aws.String(strings.Join(proj, ", ")),
		ConsistentRead:            aws.Bool(true),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		fn(page.Items)
	}
	return nil
}
