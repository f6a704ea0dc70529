package dynamostore

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/dashsmith/dashsmith/build"
)

// queryWorkers is how many series a breakdown or an event listing reads
// at once.
const queryWorkers = 8

// Query answers a query with one paginated Query of its series' hours; a
// breakdown reads its rollup's group entries, then each group's series. A
// plain count reads the base counts; any other rollup must have been
// declared, else the error wraps build.ErrNoRollup. An event never seen
// gives zeros.
func (s *Store) Query(ctx context.Context, q build.Query) (*build.Result, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	switch q.Measure.Kind {
	case "", build.Count, build.Sum, build.Unique:
	default:
		return nil, fmt.Errorf("dynamostore: query %s: unknown measure %q: use count, sum(property) or unique(property)", s.table, q.Measure)
	}
	r := q.Rollup()
	if r.Needed() {
		have, err := s.declared(ctx)
		if err != nil {
			return nil, s.wrap("query", err)
		}
		if !have[r.ID()] {
			return nil, &noRollupError{r}
		}
	}
	from, to := q.Hours()
	if r.By == "" {
		hourly, err := s.series(ctx, r.Series(""), r.Measure.Kind, from, to)
		if err != nil {
			return nil, s.wrap("query", err)
		}
		return build.FillCells(q, hourly)
	}
	groups, err := s.groups(ctx, r)
	if err != nil {
		return nil, s.wrap("query", err)
	}
	cells := make([]map[build.Hour]*build.Cell, len(groups))
	err = parallel(ctx, len(groups), queryWorkers, func(i int) error {
		var err error
		cells[i], err = s.series(ctx, r.Series(groups[i]), r.Measure.Kind, from, to)
		return err
	})
	if err != nil {
		return nil, s.wrap("query", err)
	}
	byGroup := make(map[string]map[build.Hour]*build.Cell, len(groups))
	for i, g := range groups {
		if len(cells[i]) > 0 {
			byGroup[g] = cells[i]
		}
	}
	return build.FillGroups(q, byGroup)
}

// series reads the cells of one series in [from, to): one paginated Query.
func (s *Store) series(ctx context.Context, series string, kind build.MeasureKind, from, to build.Hour) (map[build.Hour]*build.Cell, error) {
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
			c := &build.Cell{Sum: getF(it, attrSum)}
			c.N, _ = getN(it, attrN)
			if b := getB(it, attrHLL); kind == build.Unique && b != nil {
				sk, err := build.UnmarshalSketch(b)
				if err != nil {
					return nil, fmt.Errorf("the sketch of %q at %s is unreadable: %w", series, build.Hour(h).Time().Format("2006-01-02T15Z"), err)
				}
				c.Sketch = sk
			}
			out[build.Hour(h)] = c
		}
	}
	return out, nil
}

// groups returns the group values of a breakdown: one paginated Query of
// its group entries.
func (s *Store) groups(ctx context.Context, r build.Rollup) ([]string, error) {
	var out []string
	err := s.partition(ctx, groupPK(r), func(it item) {
		out = append(out, unesc(getS(it, attrName)))
	})
	return out, err
}

// partition calls fn for every item of the partition pk.
func (s *Store) partition(ctx context.Context, pk string, fn func(item)) error {
	p := dynamodb.NewQueryPaginator(s.db, &dynamodb.QueryInput{
		TableName:                 &s.table,
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": attrPK},
		ExpressionAttributeValues: item{":pk": str(pk)},
		ConsistentRead:            aws.Bool(true),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, it := range page.Items {
			fn(it)
		}
	}
	return nil
}
