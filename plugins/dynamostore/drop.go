package dynamostore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dashsmith/dashsmith/build"
)

// Drop removes each rollup's declaration and everything kept for it (see
// build.Dropper), in three steps:
//
//  1. one UpdateItem takes the IDs out of the declared rollups (and of
//     those with complete totals), so an ingest or a Lambda that starts
//     after it no longer writes them;
//  2. one paginated Scan of the whole table finds the rollups' items (the
//     series s#, group entries g#, kept groups k# and day totals t# under
//     each one's prefix) and the file markers that list them; the items
//     are deleted with BatchWriteItem, 25 a call, unprocessed ones asked
//     again after a pause;
//  3. each marker loses the rollups' IDs (done) and part tokens (parts),
//     so that declaring one again backfills it from every file.
//
// The Scan reads the whole table: a drop costs a read of every item, once
// for all the rollups of the call. A Lambda applying a file while the drop
// runs may write a few of the rollup's cells after the Scan passed them;
// the drop is idempotent, and running it again deletes them.
func (s *Store) Drop(ctx context.Context, rollups []build.Rollup) (int64, error) {
	if err := s.check(ctx); err != nil {
		return 0, err
	}
	ids := map[string]bool{}
	var prefixes []string
	for _, r := range rollups {
		if !r.Needed() {
			return 0, fmt.Errorf("dynamostore: drop: %s is read from the base counts, which every query needs: it cannot be dropped", r.ID())
		}
		ids[r.ID()] = true
		p := esc(r.SeriesPrefix())
		prefixes = append(prefixes, "s#"+p, "g#"+p, "k#"+p, "t#"+p+"#")
	}
	if len(ids) == 0 {
		return 0, nil
	}
	set := strSet(sortedKeys(ids))
	s.writes.Add(1)
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: rollupsKey().av(),
		UpdateExpression:          aws.String("DELETE #r :ids, #t :ids"),
		ExpressionAttributeNames:  map[string]string{"#r": attrRollups, "#t": attrTotals},
		ExpressionAttributeValues: map[string]types.AttributeValue{":ids": set},
	})
	if err != nil {
		return 0, s.wrap("drop the declarations of rollups in", err)
	}
	s.known.Clear()

	var deleted int64
	var doomed []map[string]types.AttributeValue
	var markers []item
	in := &dynamodb.ScanInput{
		TableName:                &s.table,
		ProjectionExpression:     aws.String("#pk, #sk, #done, #parts"),
		ExpressionAttributeNames: map[string]string{"#pk": attrPK, "#sk": attrSK, "#done": attrDone, "#parts": attrParts},
		ConsistentRead:           aws.Bool(true),
	}
	for p := dynamodb.NewScanPaginator(s.db, in); p.HasMorePages(); {
		page, err := p.NextPage(ctx)
		if err != nil {
			return deleted, s.wrap("scan for the rollups' items in", err)
		}
		for _, it := range page.Items {
			k := keyOf(it)
			switch {
			case hasAnyPrefix(k.pk, prefixes):
				doomed = append(doomed, k.av())
			case strings.HasPrefix(k.pk, "f#") && k.sk == 0:
				if d, p := markerTokens(it, ids); len(d)+len(p) > 0 {
					markers = append(markers, it)
				}
			}
		}
		if len(doomed) >= 25 {
			n, err := s.deleteItems(ctx, doomed)
			deleted += n
			if err != nil {
				return deleted, err
			}
			doomed = doomed[:0]
		}
	}
	n, err := s.deleteItems(ctx, doomed)
	deleted += n
	if err != nil {
		return deleted, err
	}
	for _, it := range markers {
		d, p := markerTokens(it, ids)
		if err := s.forgetTokens(ctx, keyOf(it), d, p); err != nil {
			return deleted, err
		}
	}
	return deleted, nil
}

// markerTokens returns the tokens of a file marker that belong to the
// rollups ids: each ID in done, and each "i/n ID" part token in parts.
func markerTokens(it item, ids map[string]bool) (done, parts []string) {
	for _, id := range getSS(it, attrDone) {
		if ids[id] {
			done = append(done, id)
		}
	}
	for _, tok := range getSS(it, attrParts) {
		if _, id, ok := strings.Cut(tok, " "); ok && ids[id] {
			parts = append(parts, tok)
		}
	}
	return done, parts
}

// forgetTokens takes done and parts tokens out of the marker k.
func (s *Store) forgetTokens(ctx context.Context, k key, done, parts []string) error {
	var del []string
	values := map[string]types.AttributeValue{}
	names := map[string]string{}
	if len(done) > 0 {
		del, names["#d"], values[":d"] = append(del, "#d :d"), attrDone, strSet(done)
	}
	if len(parts) > 0 {
		del, names["#p"], values[":p"] = append(del, "#p :p"), attrParts, strSet(parts)
	}
	s.writes.Add(1)
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: k.av(),
		UpdateExpression:          aws.String("DELETE " + strings.Join(del, ", ")),
		ExpressionAttributeNames:  names,
		ExpressionAttributeValues: values,
	})
	if err != nil {
		return s.wrap("take the dropped rollups out of a file's marker in", err)
	}
	return nil
}

// maxDeleteRetries bounds how often deleteItems sends again what
// DynamoDB left unprocessed before it gives up.
const maxDeleteRetries = 20

// deleteItems deletes the items of keys, 25 a BatchWriteItem; items
// DynamoDB leaves unprocessed (throttling) are sent again after a pause,
// at most maxDeleteRetries times.
// It returns how many it deleted.
func (s *Store) deleteItems(ctx context.Context, keys []map[string]types.AttributeValue) (int64, error) {
	var done int64
	todo := make([]types.WriteRequest, len(keys))
	for i, k := range keys {
		todo[i] = types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: k}}
	}
	pause := 50 * time.Millisecond
	for tries := 0; len(todo) > 0; {
		n := min(len(todo), 25)
		s.writes.Add(int64(n))
		res, err := s.db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{s.table: todo[:n]}})
		if err != nil {
			return done, s.wrap("delete the dropped rollups' items from", err)
		}
		left := res.UnprocessedItems[s.table]
		done += int64(n - len(left))
		todo = append(todo[n:], left...)
		if len(left) > 0 {
			if tries++; tries > maxDeleteRetries {
				return done, fmt.Errorf("dynamostore: drop: %s left %d items undeleted after %d retries (throttled): run the drop again", s.table, len(todo), maxDeleteRetries)
			}
			if err := sleep(ctx, pause); err != nil {
				return done, err
			}
			pause = min(2*pause, 5*time.Second)
		}
	}
	return done, nil
}

// hasAnyPrefix reports whether s starts with one of prefixes.
func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

var _ build.Dropper = (*Store)(nil)
