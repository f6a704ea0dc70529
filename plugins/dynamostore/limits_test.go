package dynamostore

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// The tests here ask what only a real DynamoDB answers: its size limits,
// a transaction cancelled midway, writers racing each other. They run
// against AWS's DynamoDB Local; the first checks that the server enforces
// the limits, so that the others mean something.

// putBytes writes an item of key k holding an attribute of n bytes.
func putBytes(st *Store, k key, n int) error {
	it := k.av()
	it["b"] = &types.AttributeValueMemberB{Value: bytes.Repeat([]byte{7}, n)}
	_, err := st.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &st.table, Item: it})
	return err
}

func wantValidation(t *testing.T, what string, err error, says string) {
	t.Helper()
	var invalid interface{ ErrorCode() string }
	if err == nil || !errors.As(err, &invalid) || invalid.ErrorCode() != "ValidationException" || !strings.Contains(err.Error(), says) {
		t.Errorf("%s: %v, want a ValidationException that says %q: the server does not enforce DynamoDB's limit", what, err, says)
	}
}

func TestServer_EnforcesLimits(t *testing.T) {
	st := openTest(t)
	// 400 KB an item, key and attribute names included.
	if err := putBytes(st, key{"big", 1}, 400<<10-16); err != nil {
		t.Errorf("an item of just under 400 KB: %v", err)
	}
	wantValidation(t, "an item of 401 KB", putBytes(st, key{"big", 2}, 401<<10), "Item size has exceeded")

	// 100 items a transaction.
	var items []types.TransactWriteItem
	for i := range 101 {
		items = append(items, types.TransactWriteItem{Put: &types.Put{TableName: &st.table, Item: key{"t", int64(i)}.av()}})
	}
	_, err := st.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	wantValidation(t, "a transaction of 101 items", err, "100")
	if _, err := st.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items[:100]}); err != nil {
		t.Errorf("a transaction of 100 items: %v", err)
	}

	// 4 MB a transaction.
	items = nil
	for i := range 11 {
		it := key{"t4", int64(i)}.av()
		it["b"] = &types.AttributeValueMemberB{Value: bytes.Repeat([]byte{7}, 390<<10)}
		items = append(items, types.TransactWriteItem{Put: &types.Put{TableName: &st.table, Item: it}})
	}
	_, err = st.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	wantValidation(t, "a transaction of 11 items of 390 KB", err, "4MB")
	if _, err := st.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items[:10]}); err != nil {
		t.Errorf("a transaction of 10 items of 390 KB (3.9 MB): %v", err)
	}
}

func TestTransaction_CancelledMidway(t *testing.T) {
	// Three updates, the second on a condition that fails: none is
	// written, the reasons say which item failed, and the store reads
	// that as a conflict to plan again, naming the item.
	st := openTest(t)
	if _, err := st.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &st.table, Item: item{attrPK: str("f#a.gz"), attrSK: num(0), attrDone: strSet([]string{"count"})}}); err != nil {
		t.Fatal(err)
	}
	add := func(k key) types.TransactWriteItem {
		return types.TransactWriteItem{Update: &types.Update{TableName: &st.table, Key: k.av(),
			UpdateExpression: aws.String("ADD n :one"), ExpressionAttributeValues: item{":one": num(1)}}}
	}
	marker := types.TransactWriteItem{Update: &types.Update{TableName: &st.table, Key: markerKey("a.gz").av(),
		UpdateExpression:          aws.String("ADD done :c"),
		ConditionExpression:       aws.String("NOT contains(done, :id)"),
		ExpressionAttributeValues: item{":c": strSet([]string{"count"}), ":id": str("count")}}}
	items := []types.TransactWriteItem{add(seriesKey("A", h0)), marker, add(seriesKey("B", h0))}
	what := []string{"s#A", "the marker of a.gz", "s#B"}
	_, err := st.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) {
		t.Fatalf("a transaction whose second condition fails: %v, want TransactionCanceledException", err)
	}
	var codes []string
	for _, r := range tce.CancellationReasons {
		codes = append(codes, aws.ToString(r.Code))
	}
	if fmt.Sprint(codes) != "[None ConditionalCheckFailed None]" {
		t.Errorf("cancellation reasons %q, want [None ConditionalCheckFailed None]", codes)
	}
	for _, k := range []key{seriesKey("A", h0), seriesKey("B", h0)} {
		if it, err := st.getItem(ctx, k); err != nil || it != nil {
			t.Errorf("%s after the cancelled transaction: %v %v, want nothing written", k.pk, it, err)
		}
	}
	if err := cancelled(err, what); !errors.Is(err, errConflict) || !strings.Contains(err.Error(), "the marker of a.gz") || strings.Contains(err.Error(), "s#A") {
		t.Errorf("the store reads it as %v, want a conflict at the marker of a.gz alone", err)
	}

	// An item the transaction would make too big: refused, not retried.
	if err := putBytes(st, key{"s#C", int64(h0)}, 399<<10); err != nil {
		t.Fatal(err)
	}
	grow := types.TransactWriteItem{Update: &types.Update{TableName: &st.table, Key: seriesKey("C", h0).av(),
		UpdateExpression: aws.String("SET x = :p"), ExpressionAttributeValues: item{":p": str(strings.Repeat("x", 4<<10))}}}
	_, err = st.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{add(seriesKey("A", h0)), grow}})
	err = cancelled(err, []string{"s#A", "s#C"})
	if err == nil || errors.Is(err, errConflict) || !strings.Contains(err.Error(), "refused at s#C") {
		t.Errorf("a transaction that grows an item past 400 KB: %v, want an error, not a conflict, that names s#C", err)
	}
	if it, _ := st.getItem(ctx, seriesKey("A", h0)); it != nil {
		t.Errorf("s#A after the refused transaction: %v, want nothing written", it)
	}
}

// countAt is the total of a count (and the events' base count) over the
// hour h.
func countAt(t *testing.T, st *Store, r build.Rollup, h build.Hour) float64 {
	t.Helper()
	res, err := st.Query(ctx, build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Top: 10, Every: build.Hourly, From: h.Time(), To: (h + 1).Time()})
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

func TestApply_CancelledMidway(t *testing.T) {
	// Two files in one transaction; another process applies the second
	// between this one's read and its commit. The transaction is
	// cancelled at that file's marker: nothing of the first file lands
	// with it, and the next try applies the first file alone.
	st := openTest(t)
	other, err := New(ctx, Options{Table: st.table, Client: testClient(t)})
	if err != nil {
		t.Fatal(err)
	}
	file := func(id string, n int64) *build.Batch {
		b := build.NewBatch(id, build.BaseRollup)
		b.Counts[build.EventHour{Event: "Signup", Hour: h0}] = n
		return b
	}
	signup := build.Rollup{Event: "Signup"}
	var sizes []int
	var seen []float64
	st.beforeCommit = func(n int) {
		sizes = append(sizes, n)
		seen = append(seen, countAt(t, st, signup, h0))
		if len(sizes) == 1 {
			if err := other.Apply(ctx, file("b.gz", 10)); err != nil {
				t.Errorf("the other process: %v", err)
			}
		}
	}
	if err := st.ApplyAll(ctx, []*build.Batch{file("a.gz", 1), file("b.gz", 10)}); err != nil {
		t.Fatal(err)
	}
	if len(sizes) != 2 || sizes[1] >= sizes[0] {
		t.Fatalf("transactions of %v items, want two: both files, then a.gz alone", sizes)
	}
	if seen[1] != 10 {
		t.Errorf("before the second try the hour holds %v, want b.gz's 10 alone: the cancelled transaction left a write", seen[1])
	}
	if got := countAt(t, st, signup, h0); got != 11 {
		t.Errorf("Signup at h0 = %v, want 11: each file once", got)
	}
	for _, id := range []string{"a.gz", "b.gz"} {
		if done, _ := st.Applied(ctx, id); fmt.Sprint(done) != "[count]" {
			t.Errorf("Applied(%s) = %q, want [count]", id, done)
		}
	}
}

// raceBatch is file f of the race: in hours h0 and h0+1, f+1 sign-ups,
// an order of revenue 10 by plan p<f%3> and p<f+3>, and 5 buyers of its
// own.
func raceBatch(f int) *build.Batch {
	b := build.NewBatch(fmt.Sprintf("race-%d.gz", f), build.BaseRollup, revenue, byPlan, buyers)
	for h := range build.Hour(2) {
		b.Counts[build.EventHour{Event: "Signup", Hour: h0 + h}] = int64(f + 1)
		b.Counts[build.EventHour{Event: revenue.Event, Hour: h0 + h}] = 2
		addCell(b, revenue, "", h0+h, 2, 20)
		addCell(b, byPlan, fmt.Sprint("p", f%3), h0+h, 1, 0)
		addCell(b, byPlan, fmt.Sprint("p", f+3), h0+h, 1, 0)
		var users []string
		for u := range 5 {
			users = append(users, fmt.Sprintf("user-%d-%d", f, u))
		}
		b.Cells[build.CellKey{Rollup: buyers, Hour: h0 + h}] = storetest.TextCell(buyers.Measure, users...)
	}
	b.Stats.Accepted, b.Stats.Lines, b.Stats.Day = 4, 4, "2026-05-01"
	return b
}

func TestApply_RacingProcesses(t *testing.T) {
	// Four processes, each with its own client, apply overlapping sets
	// of six files to the same two hours at once: each file is delivered
	// twice or three times, and every item (counts, sums, the buyers'
	// sketch, the plans' groups and the hours' kept groups) is written by
	// several at once. Each file counts exactly once.
	st := openTest(t)
	declareBig(t, st)
	const files, procs = 6, 4
	errs := make(chan error, procs)
	var sent, committed atomic.Int64
	for p := range procs {
		s, err := New(ctx, Options{Table: st.table, Client: testClient(t)})
		if err != nil {
			t.Fatal(err)
		}
		s.beforeCommit = func(int) { sent.Add(1) }
		s.afterCommit = func(int) error { committed.Add(1); return nil }
		go func() {
			var bs []*build.Batch
			for f := p; f < p+3; f++ {
				bs = append(bs, raceBatch(f%files))
			}
			errs <- s.ApplyAll(ctx, bs)
		}()
	}
	for range procs {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	t.Logf("%d transactions sent, %d committed", sent.Load(), committed.Load())
	for h := range build.Hour(2) {
		if got := countAt(t, st, build.Rollup{Event: "Signup"}, h0+h); got != 21 {
			t.Errorf("Signup at hour %d = %v, want 21 (1+2+...+6)", h, got)
		}
		if got := countAt(t, st, revenue, h0+h); got != 120 {
			t.Errorf("sum(revenue) at hour %d = %v, want 120", h, got)
		}
		if got := countAt(t, st, buyers, h0+h); got != 30 {
			t.Errorf("unique(userId) at hour %d = %v, want 30", h, got)
		}
		res, err := st.Query(ctx, build.Query{Event: byPlan.Event, Measure: byPlan.Measure, By: byPlan.By, Top: 20, Every: build.Hourly, From: (h0 + h).Time(), To: (h0 + h + 1).Time()})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 12 || len(res.Groups) != 9 || res.Groups[0].Total != 2 {
			t.Errorf("count by plan at hour %d = %v over %+v, want 12 over 9 plans, p0..p2 with 2", h, res.Total, res.Groups)
		}
		it, err := st.getItem(ctx, keptKey(byPlan, int64(h0+h)))
		if err != nil {
			t.Fatal(err)
		}
		if n := len(getNS(it, attrKeep)); n != 9 {
			t.Errorf("the hour %d keeps %d groups, want 9", h, n)
		}
	}
	for f := range files {
		if done, _ := st.Applied(ctx, fmt.Sprintf("race-%d.gz", f)); len(done) != 4 {
			t.Errorf("Applied(race-%d.gz) = %q, want its 4 rollups", f, done)
		}
	}
}

// longRollup is a breakdown whose ID is about 1.2 KB, so that its parts'
// tokens fill a marker in a few hundred parts.
var longRollup = build.Rollup{Event: strings.Repeat("E", 1000), Measure: build.CountMeasure, By: strings.Repeat("p", 200)}

// spread is a file of n cells of longRollup, each in an hour and a group
// of its own: three items a cell, 31 cells a part.
func spread(id string, n int) *build.Batch {
	b := build.NewBatch(id, longRollup)
	for i := range n {
		addCell(b, longRollup, fmt.Sprint("g", i), h0+build.Hour(i), 1, 0)
	}
	return b
}

func TestApply_MarkerLimit(t *testing.T) {
	// A file cut into so many parts that its marker, a token per part,
	// would pass 400 KB is refused before anything is written. It used to
	// be applied part after part until the marker's update was refused:
	// 31,584 items written, and the file never complete.
	st := openTest(t)
	err := st.Apply(ctx, spread("long.gz", 11000))
	if err == nil || !strings.Contains(err.Error(), "400 KB") || !strings.Contains(err.Error(), "long.gz") {
		t.Fatalf("Apply of a file whose marker outgrows 400 KB: %v, want an error that names the file and the limit", err)
	}
	if st.Writes() != 0 {
		t.Errorf("the refused file wrote %d items, want none", st.Writes())
	}
}

func TestCheckMarker_Bound(t *testing.T) {
	// The largest marker checkMarker lets through is one DynamoDB takes:
	// every token of the file, at once.
	st := openTest(t)
	lo, hi := 100, 11000 // accepted, refused
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if checkMarker(spread("edge.gz", mid)) == nil {
			lo = mid
		} else {
			hi = mid
		}
	}
	b := spread("edge.gz", lo)
	var tokens []string
	for _, u := range units(b, longRollup, nil) {
		tokens = append(tokens, u.token)
	}
	var e expr
	e.Add(attrParts, strSet(tokens))
	e.Set(attrDecided, num(0))
	if _, err := st.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{*e.updateItem(st.table, markerKey(b.ID))}}); err != nil {
		t.Fatalf("the marker of the largest file checkMarker accepts (%d cells, %d parts): %v", lo, len(tokens), err)
	}
	t.Logf("the largest file accepted: %d cells of a rollup whose ID is %d bytes, %d parts", lo, len(longRollup.ID()), len(tokens))
}

func TestApply_KeptAtMaxCardinality(t *testing.T) {
	// An hour that fills up to the most groups a cap allows (10,000): its
	// k# item, the item the store grows with its groups, is read and
	// written at its largest within 400 KB. The hour holds 9,950 groups
	// of earlier files; a file brings 60 more, of which 50 are kept and
	// 10 fold into (other).
	st := openTest(t)
	if err := st.Declare(ctx, []build.Rollup{byPlan}); err != nil {
		t.Fatal(err)
	}
	const had = build.MaxCardinality - 50
	kk := keptKey(byPlan, int64(h0))
	var e expr
	hashes := make([]string, had)
	for i := range hashes {
		hashes[i] = strconv.FormatInt(hash(fmt.Sprint("earlier-", i)), 10)
	}
	e.Add(attrKeep, numSet(hashes))
	e.Set(attrVersion, num(1))
	if _, err := st.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{*e.updateItem(st.table, kk)}}); err != nil {
		t.Fatal(err)
	}
	b := build.NewBatch("wide.gz", byPlan)
	b.Cardinality = build.MaxCardinality
	for g := range 60 {
		addCell(b, byPlan, fmt.Sprintf("user-%02d", g), h0, int64(100-g), 0)
	}
	if err := st.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	kept, n, other := cappedAt(t, st, byPlan, h0)
	if kept != 50 || n != 50*(100+51)/2 || other != 10*(41+50)/2 {
		t.Errorf("count by plan at h0: %d groups, %v events, %v in (other); want the 50 heaviest, %d, and %d", kept, n, other, 50*(100+51)/2, 10*(41+50)/2)
	}
	it, err := st.getItem(ctx, kk)
	if err != nil {
		t.Fatal(err)
	}
	digits := 0
	for _, s := range getNS(it, attrKeep) {
		digits += len(s)
	}
	if got := len(getNS(it, attrKeep)); got != build.MaxCardinality {
		t.Errorf("the k# item holds %d groups, want %d", got, build.MaxCardinality)
	}
	t.Logf("the k# item of a full hour: %d hashes, %d digits", len(getNS(it, attrKeep)), digits)
}

func TestRecordDups_Most(t *testing.T) {
	// The most duplicates a file may record (12 items of 40,000 IDs,
	// 320 KB each) go in one transaction, within 400 KB an item and 4 MB,
	// and read back whole.
	st := openTest(t)
	dups := make([]uint64, maxDupChunks*dupsPerChunk)
	for i := range dups {
		dups[i] = rand.Uint64()
	}
	if err := st.recordDups(ctx, "dups.gz", dups); err != nil {
		t.Fatalf("record %d duplicates: %v", len(dups), err)
	}
	got, err := st.readDups(ctx, "dups.gz", maxDupChunks)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range dups {
		if !got[id] {
			t.Fatalf("duplicate %s is not read back", strconv.FormatUint(id, 16))
		}
	}
	if err := st.recordDups(ctx, "more.gz", make([]uint64, len(dups)+1)); err == nil || !strings.Contains(err.Error(), "split it") {
		t.Errorf("one duplicate more: %v, want an error that says to split the file", err)
	}
}
