package dynamostore

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// item is one item as read, by attribute name.
type item = map[string]types.AttributeValue

// getItem reads one item with a consistent read; nil when it is missing.
func (s *Store) getItem(ctx context.Context, k key) (item, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: k.av(), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, err
	}
	return out.Item, nil
}

// getItems reads the items of keys with consistent reads, 100 keys a
// request, and returns those that exist. Keys DynamoDB leaves unprocessed
// (throttling) are asked again after a pause.
func (s *Store) getItems(ctx context.Context, keys []key) (map[key]item, error) {
	out := make(map[key]item, len(keys))
	seen := make(map[key]bool, len(keys))
	var todo []map[string]types.AttributeValue
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			todo = append(todo, k.av())
		}
	}
	pause := 50 * time.Millisecond
	for len(todo) > 0 {
		n := min(len(todo), 100)
		res, err := s.db.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
			s.table: {Keys: todo[:n], ConsistentRead: aws.Bool(true)},
		}})
		if err != nil {
			return nil, err
		}
		todo = todo[n:]
		for _, it := range res.Responses[s.table] {
			out[keyOf(it)] = it
		}
		if left := res.UnprocessedKeys[s.table].Keys; len(left) > 0 {
			todo = append(todo, left...)
			if err := sleep(ctx, pause); err != nil {
				return nil, err
			}
			pause = min(2*pause, 5*time.Second)
		}
	}
	return out, nil
}

// keyOf reads an item's key.
func keyOf(it item) key {
	sk, _ := getN(it, attrSK)
	return key{getS(it, attrPK), sk}
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
