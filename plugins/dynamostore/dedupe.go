package dynamostore

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dashsmith/dashsmith/build"
)

// Dedupe's limits: message IDs per item of a file's duplicates (8 bytes
// each, 320 KB), such items per file (one transaction), and puts at once.
const (
	dupsPerChunk = 40_000
	maxDupChunks = 12
	putWorkers   = 16
)

// cross returns the file's first sightings that are duplicates of other
// files. The decision is made once per file, when its base counts are
// applied (live), and recorded with its marker; a retry, a concurrent
// delivery and a backfill all read it back, so that every part and every
// rollup takes out the same messages. A backfill of a file never decided
// takes out repeats within the file only.
func (s *Store) cross(ctx context.Context, b *build.Batch, m *marker, live bool) (map[uint64]bool, error) {
	if m.decided {
		return s.readDups(ctx, b.ID, m.chunks)
	}
	if !live {
		return nil, nil
	}
	dups, err := s.storeIDs(ctx, b)
	if err != nil {
		return nil, err
	}
	if err := s.recordDups(ctx, b.ID, dups); err != nil {
		return nil, err
	}
	it, err := s.getItem(ctx, markerKey(b.ID))
	if err != nil {
		return nil, err
	}
	m2 := readMarker(it) // ours, or a concurrent delivery's that came first
	return s.readDups(ctx, b.ID, m2.chunks)
}

// storeIDs stores the file's first sightings, one conditional put per
// message ID: the put fails when another file holds the ID within the
// window, and that message is a duplicate. A put of an ID the file itself
// stored (an earlier try) succeeds, and so does one over an ID stored
// outside the window: the condition is build.Within's, made by DynamoDB
// atomically with the put. Each ID expires (time to live) an hour after the
// window past the later of its hour and now.
func (s *Store) storeIDs(ctx context.Context, b *build.Batch) ([]uint64, error) {
	w := b.Window()
	now := build.HourOf(time.Now())
	first := build.FirstSightings(b.Msgs)
	file := str(esc(b.ID))
	cond := "attribute_not_exists(#pk) OR #f = :f OR #h < :lo OR #h > :hi"
	names := map[string]string{"#pk": attrPK, "#f": attrFile, "#h": attrHour}
	var mu sync.Mutex
	var dups []uint64
	err := parallel(ctx, len(first), putWorkers, func(i int) error {
		m := first[i]
		k := msgKey(m.ID).av()
		k[attrHour], k[attrFile], k[attrTTL] = num(int64(m.Hour)), file, num(int64(max(m.Hour, now)+w+1)*3600)
		s.writes.Add(1)
		_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{
			TableName: &s.table, Item: k, ConditionExpression: &cond, ExpressionAttributeNames: names,
			ExpressionAttributeValues: item{":f": file, ":lo": num(int64(m.Hour - w)), ":hi": num(int64(m.Hour + w))},
		})
		var failed *types.ConditionalCheckFailedException
		if errors.As(err, &failed) {
			mu.Lock()
			dups = append(dups, m.ID)
			mu.Unlock()
			return nil
		}
		return err
	})
	slices.Sort(dups)
	return dups, err
}

// recordDups records the file's decision on its marker, with the IDs in
// items of their own, in one transaction on the condition that no
// decision is there yet. When one is (a concurrent delivery), that one
// stands.
func (s *Store) recordDups(ctx context.Context, file string, dups []uint64) error {
	chunks := (len(dups) + dupsPerChunk - 1) / dupsPerChunk
	if chunks > maxDupChunks {
		return fmt.Errorf("file %s repeats %d messages of other files, more than the %d a file may; split it", file, len(dups), maxDupChunks*dupsPerChunk)
	}
	var e expr
	e.Set(attrDecided, num(int64(chunks)))
	e.cond = append(e.cond, "attribute_not_exists("+e.name(attrDecided)+")")
	items := []types.TransactWriteItem{*e.updateItem(s.table, markerKey(file))}
	for c := 0; c < chunks; c++ {
		part := dups[c*dupsPerChunk : min(len(dups), (c+1)*dupsPerChunk)]
		buf := make([]byte, 0, 8*len(part))
		for _, id := range part {
			buf = binary.BigEndian.AppendUint64(buf, id)
		}
		it := dupsKey(file, c+1).av()
		it[attrIDs] = &types.AttributeValueMemberB{Value: buf}
		items = append(items, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: it}})
	}
	s.writes.Add(int64(len(items)))
	_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	var cancelled *types.TransactionCanceledException
	if errors.As(err, &cancelled) && len(cancelled.CancellationReasons) > 0 && aws.ToString(cancelled.CancellationReasons[0].Code) == "ConditionalCheckFailed" {
		return nil
	}
	return err
}

// readDups reads the IDs a file's decision recorded.
func (s *Store) readDups(ctx context.Context, file string, chunks int) (map[uint64]bool, error) {
	out := map[uint64]bool{}
	if chunks == 0 {
		return out, nil
	}
	keys := make([]key, chunks)
	for c := range keys {
		keys[c] = dupsKey(file, c+1)
	}
	items, err := s.getItems(ctx, keys)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		it, ok := items[k]
		if !ok {
			return nil, fmt.Errorf("the dedupe record of %s lacks its part %d; delete the table and ingest again", file, k.sk)
		}
		b := getB(it, attrIDs)
		for i := 0; i+8 <= len(b); i += 8 {
			out[binary.BigEndian.Uint64(b[i:])] = true
		}
	}
	return out, nil
}

// parallel calls fn(0) .. fn(n-1) on up to workers goroutines and returns
// the first error; after one, the calls not started are skipped.
func parallel(ctx context.Context, n, workers int, fn func(i int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
		next  = make(chan int)
	)
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(i); err != nil {
					once.Do(func() { first = err; cancel() })
				}
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		select {
		case next <- i:
		case <-ctx.Done():
		}
	}
	close(next)
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	return first
}
