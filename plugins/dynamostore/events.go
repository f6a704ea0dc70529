package dynamostore

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/dashsmith/dashsmith/build"
)

// Events lists every event name with its total, first and last hours and
// the property paths seen on it, sorted by name (byte order): one Query of
// the event entries, then per event two one-item Queries of its series,
// from each end, for its first and last hours.
func (s *Store) Events(ctx context.Context) ([]build.EventInfo, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	var infos []build.EventInfo
	err := s.partition(ctx, pkEvents, func(it item) {
		e := build.EventInfo{Event: unesc(getS(it, attrName)), Props: getSS(it, attrProps)}
		e.Total, _ = getN(it, attrTotal)
		sort.Strings(e.Props)
		infos = append(infos, e)
	})
	if err != nil {
		return nil, s.wrap("list the events of", err)
	}
	seen := make([]bool, len(infos))
	err = parallel(ctx, len(infos), queryWorkers, func(i int) error {
		e := &infos[i]
		first, ok, err := s.end(ctx, e.Event, true)
		if err != nil || !ok {
			return err
		}
		last, _, err := s.end(ctx, e.Event, false)
		e.First, e.Last, seen[i] = first, last, true
		return err
	})
	if err != nil {
		return nil, s.wrap("list the events of", err)
	}
	out := make([]build.EventInfo, 0, len(infos))
	for i, e := range infos {
		if seen[i] { // an entry whose counts were all taken out by dedupe has none
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Event < out[j].Event })
	return out, nil
}

// EventNames lists every event name in one Query of the event entries,
// for the ingest's cap on names (build.Names); Events reads far more.
func (s *Store) EventNames(ctx context.Context) ([]string, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	var names []string
	err := s.partition(ctx, pkEvents, func(it item) { names = append(names, unesc(getS(it, attrName))) })
	if err != nil {
		return nil, s.wrap("list the event names of", err)
	}
	return names, nil
}

var _ build.EventNamer = (*Store)(nil)

// end returns the first (or last) hour of an event's base counts.
func (s *Store) end(ctx context.Context, event string, first bool) (build.Hour, bool, error) {
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{
		TableName:                 &s.table,
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": attrPK, "#sk": attrSK},
		ExpressionAttributeValues: item{":pk": str(seriesKey(event, 0).pk)},
		ProjectionExpression:      aws.String("#sk"),
		ScanIndexForward:          aws.Bool(first),
		Limit:                     aws.Int32(1),
		ConsistentRead:            aws.Bool(true),
	})
	if err != nil || len(out.Items) == 0 {
		return 0, false, err
	}
	h, _ := getN(out.Items[0], attrSK)
	return build.Hour(h), true, nil
}
