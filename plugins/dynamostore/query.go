package dynamostore

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/dashsmith/dashsmith/build"
)

// queryWorkers is how many series a breakdown or an event listing reads
// at once.
const queryWorkers = 8

// groupChunk is how many groups' cells a breakdown holds at once: it
// reads them queryWorkers at a time, and hands them on in entry order.
const groupChunk = 64

// Query answers a query with one paginated Query of its series' hours (a
// filter's group's alone). A breakdown of a count or a sum over whole UTC
// days, without where, ranks its groups from their totals per day when
// the rollup keeps them (see rankByTotals): a Query per day in range, and
// one per group shown when its buckets are hours. Any other breakdown
// reads its rollup's group entries
// page by page and each group's series, groupChunk groups at a time, and
// ranks them as it goes (build.Breakdown): one Query per group entry
// (every group the rollup ever kept, whatever the range), plus one per
// 1 MB page of group entries; twice that for a unique count, whose
// second walk merges the groups not shown. Memory is groupChunk groups'
// cells and the result. A plain count reads the base counts; any other
// rollup must have been declared, else the error wraps build.ErrNoRollup.
// An event never seen gives zeros.
func (s *Store) Query(ctx context.Context, q build.Query) (*build.Result, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	if _, err := q.Measure.Type(); err != nil {
		return nil, fmt.Errorf("dynamostore: query %s: %w", s.table, err)
	}
	if err := q.CheckResolution(); err != nil {
		return nil, fmt.Errorf("dynamostore: query %s: %w", s.table, err)
	}
	r := q.Rollup()
	totals := false
	if r.Needed() {
		have, tot, err := s.rollupState(ctx, r)
		if err != nil {
			return nil, s.wrap("query", err)
		}
		if !have {
			return nil, &noRollupError{r}
		}
		totals = tot
	}
	from, to := q.Hours()
	if group, one := q.Single(); one {
		hourly, err := s.series(ctx, r.Series(group), r.Measure, from, to)
		if err != nil {
			return nil, s.wrap("query", err)
		}
		res, err := build.FillCells(q, hourly)
		if err != nil || r.By == "" || group == build.OtherGroup {
			return res, err
		}
		// Values folded at ingest may hold some of the group's events:
		// one read of at most one item of (other) says whether there are.
		if res.Folded, err = s.anyCell(ctx, r.Series(build.OtherGroup), from, to); err != nil {
			return nil, s.wrap("query", err)
		}
		return res, nil
	}
	if ranksByTotals(q, r, totals, from, to) {
		res, err := s.rankByTotals(ctx, q, r, from, to)
		if err == nil {
			return res, nil
		}
		if !errors.Is(err, errTooManyTotals) {
			return nil, s.wrap("query", err)
		}
		// Too many to hold: walk the groups, in bounded memory.
	}
	res, err := build.Breakdown(q, func(visit func(string, map[build.Hour]*build.Cell) error) error {
		return s.walkGroups(ctx, r, from, to, visit)
	})
	if err != nil {
		return nil, s.wrap("query", err)
	}
	return res, nil
}

// walkGroups calls visit with each group of the breakdown r that has
// cells in [from, to), in the order of its group entries (by hash).
func (s *Store) walkGroups(ctx context.Context, r build.Rollup, from, to build.Hour, visit func(string, map[build.Hour]*build.Cell) error) error {
	return s.pages(ctx, groupPK(r), func(items []item) error {
		for len(items) > 0 {
			chunk := items[:min(len(items), groupChunk)]
			items = items[len(chunk):]
			names := make([]string, len(chunk))
			cells := make([]map[build.Hour]*build.Cell, len(chunk))
			err := parallel(ctx, len(chunk), queryWorkers, func(i int) error {
				var err error
				names[i] = unesc(getS(chunk[i], attrName))
				cells[i], err = s.series(ctx, r.Series(names[i]), r.Measure, from, to)
				return err
			})
			if err != nil {
				return err
			}
			for i, g := range names {
				if len(cells[i]) > 0 {
					if err := visit(g, cells[i]); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}

// series reads the cells of one series in [from, to): one paginated Query.
func (s *Store) series(ctx context.Context, series string, m build.Measure, from, to build.Hour) (map[build.Hour]*build.Cell, error) {
	out := map[build.Hour]*build.Cell{}
	if from >= to {
		return out, nil
	}
	p := dynamodb.NewQueryPaginator(s.db, &dynamodb.QueryInput{
		TableName:                 &s.table,
		KeyConditionExpression:    aws.String("#pk = :pk AND #sk BETWEEN :from AND :to"),
		ExpressionAttributeNames:  map[string]string{"#pk": attrPK, "#sk": attrSK},
		ExpressionAttributeValues: item{":pk": str(seriesKey(series, 0).pk), ":from": num(int64(from)), ":to": num(int64(to - 1))},
		ConsistentRead:            aws.Bool(true),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, it := range page.Items {
			h, _ := getN(it, attrSK)
			c, err := itemCell(m, it)
			if err != nil {
				return nil, fmt.Errorf("the aggregate of %q at %s is unreadable: %w", series, build.Hour(h).Time().Format("2006-01-02T15Z"), err)
			}
			out[build.Hour(h)] = c
		}
	}
	return out, nil
}

// anyCell reports whether the series holds a cell in [from, to).
func (s *Store) anyCell(ctx context.Context, series string, from, to build.Hour) (bool, error) {
	if from >= to {
		return false, nil
	}
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{
		TableName:                 &s.table,
		KeyConditionExpression:    aws.String("#pk = :pk AND #sk BETWEEN :from AND :to"),
		ExpressionAttributeNames:  map[string]string{"#pk": attrPK, "#sk": attrSK},
		ExpressionAttributeValues: item{":pk": str(seriesKey(series, 0).pk), ":from": num(int64(from)), ":to": num(int64(to - 1))},
		ProjectionExpression:      aws.String("#pk"),
		Limit:                     aws.Int32(1),
		ConsistentRead:            aws.Bool(true),
	})
	if err != nil {
		return false, err
	}
	return len(out.Items) > 0, nil
}

// partition calls fn for every item of the partition pk.
func (s *Store) partition(ctx context.Context, pk string, fn func(item)) error {
	return s.pages(ctx, pk, func(items []item) error {
		for _, it := range items {
			fn(it)
		}
		return nil
	})
}

// pages calls fn with each page of the partition pk (at most 1 MB), in
// sort key order, and stops at its first error.
func (s *Store) pages(ctx context.Context, pk string, fn func([]item) error) error {
	return s.query(ctx, &dynamodb.QueryInput{
		TableName:                 &s.table,
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": attrPK},
		ExpressionAttributeValues: item{":pk": str(pk)},
		ConsistentRead:            aws.Bool(true),
	}, fn)
}

// query calls fn with each page of in's answer, and stops at its first
// error.
func (s *Store) query(ctx context.Context, in *dynamodb.QueryInput, fn func([]item) error) error {
	p := dynamodb.NewQueryPaginator(s.db, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		if err := fn(page.Items); err != nil {
			return err
		}
	}
	return nil
}

// itemCell reads a cell of the measure m from its item: the numbers named
// by the type's fields for a measure whose aggregate is numbers that add,
// else the aggregate in hll (an empty one when the item has none).
func itemCell(m build.Measure, it item) (*build.Cell, error) {
	if v := m.Vector(); v != nil {
		fields := v.Fields()
		nums := make([]float64, len(fields))
		for i, f := range fields {
			nums[i] = getF(it, f)
		}
		return build.CellOf(v.FromNumbers(nums)), nil
	}
	if b := getB(it, attrHLL); b != nil {
		return build.DecodeCell(m, b)
	}
	return build.NewCell(m)
}
