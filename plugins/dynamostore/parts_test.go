package dynamostore

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

var (
	h0      = build.HourOf(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
	buyers  = build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: build.Unique, Prop: "userId"}}
	revenue = build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}}
	byPlan  = build.Rollup{Event: "Order Completed", Measure: build.CountMeasure, By: "plan"}
)

// bigBatch is a file too big for one transaction: 3 events over 150
// hours (450 counts), a sum and a breakdown of 2 groups over 100 hours,
// and a sketch over 50.
func bigBatch(id string) *build.Batch {
	b := build.NewBatch(id, build.BaseRollup, revenue, byPlan, buyers)
	for e := range 3 {
		for h := range build.Hour(150) {
			b.Counts[build.EventHour{Event: fmt.Sprint("Event ", e), Hour: h0 + h}] = int64(e + 1)
		}
	}
	for h := range build.Hour(100) {
		b.Cells[build.CellKey{Rollup: revenue, Hour: h0 + h}] = storetest.Cell(revenue.Measure, 2, 10.5)
		b.Cells[build.CellKey{Rollup: byPlan, Group: "pro", Hour: h0 + h}] = storetest.Cell(byPlan.Measure, 3, 0)
		b.Cells[build.CellKey{Rollup: byPlan, Group: "free", Hour: h0 + h}] = storetest.Cell(byPlan.Measure, 1, 0)
	}
	for h := range build.Hour(50) {
		b.Cells[build.CellKey{Rollup: buyers, Hour: h0 + h}] = storetest.TextCell(buyers.Measure, id, fmt.Sprintf("user-%d", h))
	}
	b.Stats.Accepted, b.Stats.Lines, b.Stats.Day = 900, 900, "2026-05-01"
	return b
}

// wantBig checks that the big batches named were each counted once.
func wantBig(t *testing.T, st build.Store, ids ...string) {
	t.Helper()
	n := float64(len(ids))
	month := func(r build.Rollup) *build.Result {
		t.Helper()
		q := build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Top: 5, Every: build.Monthly,
			From: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
		res, err := st.Query(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	for e := range 3 {
		if got, want := month(build.Rollup{Event: fmt.Sprint("Event ", e)}).Total, n*150*float64(e+1); got != want {
			t.Errorf("Event %d: total %v, want %v", e, got, want)
		}
	}
	if got := month(revenue).Total; got != n*1050 {
		t.Errorf("sum(revenue) = %v, want %v", got, n*1050)
	}
	if got := month(byPlan); got.Total != n*400 || len(got.Groups) != 2 || got.Groups[0].Total != n*300 {
		t.Errorf("count by plan = %v %+v, want %v: pro %v, free %v", got.Total, got.Groups, n*400, n*300, n*100)
	}
	if got := month(buyers).Total; got != 50+n {
		t.Errorf("unique(userId) = %v, want %v", got, 50+n)
	}
	for _, id := range ids {
		done, err := st.Applied(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{buyers.ID(), revenue.ID(), byPlan.ID(), "count"}
		slices.Sort(want)
		if fmt.Sprint(done) != fmt.Sprint(want) {
			t.Errorf("Applied(%s) = %q, want %q", id, done, want)
		}
	}
}

func declareBig(t *testing.T, st build.Store) {
	t.Helper()
	if err := build.Declare(ctx, st, []build.Rollup{revenue, byPlan, buyers}); err != nil {
		t.Fatal(err)
	}
}

// errCrash stands for a process that died between two transactions.
var errCrash = errors.New("crash")

func TestApply_PartsCrash(t *testing.T) {
	st := openTest(t)
	declareBig(t, st)
	commits := 0
	st.afterCommit = func(int) error {
		if commits++; commits == 2 {
			return errCrash
		}
		return nil
	}
	if err := st.Apply(ctx, bigBatch("big.gz")); !errors.Is(err, errCrash) {
		t.Fatalf("Apply with a crash after the second transaction: %v", err)
	}
	if done, _ := st.Applied(ctx, "big.gz"); slices.Contains(done, "count") {
		t.Fatalf("Applied after a crash half way = %q: the base counts are not all in", done)
	}
	firstTry := st.Writes()

	again := reopen(t, st) // the retry: another process
	if err := again.Apply(ctx, bigBatch("big.gz")); err != nil {
		t.Fatal(err)
	}
	wantBig(t, again, "big.gz")
	all := openTest(t) // the same file in one go, for its cost
	declareBig(t, all)
	if err := all.Apply(ctx, bigBatch("big.gz")); err != nil {
		t.Fatal(err)
	}
	if firstTry+again.Writes() != all.Writes() {
		t.Errorf("the crashed try wrote %d items and the retry %d; the file in one go writes %d: a part was written twice or lost",
			firstTry, again.Writes(), all.Writes())
	}
	t.Logf("the file in one go: %d writes; the try that crashed after %d transactions: %d", all.Writes(), commits, firstTry)
	before := again.Writes()
	if err := again.Apply(ctx, bigBatch("big.gz")); err != nil {
		t.Fatal(err)
	}
	if again.Writes() != before {
		t.Errorf("applying a file already applied wrote %d items", again.Writes()-before)
	}
	wantBig(t, again, "big.gz")
}

func TestApply_ConcurrentDelivery(t *testing.T) {
	// Four Lambdas get the same two files at once: each counts once.
	st := openTest(t)
	declareBig(t, st)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := reopen(t, st)
			errs[i] = s.ApplyAll(ctx, []*build.Batch{bigBatch("a.gz"), bigBatch("b.gz")})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("delivery %d: %v", i, err)
		}
	}
	wantBig(t, st, "a.gz", "b.gz")
}

func TestApply_RetriedDelivery(t *testing.T) {
	// A Lambda retried after it applied the file (its answer was lost).
	st := openTest(t)
	declareBig(t, st)
	if err := st.Apply(ctx, bigBatch("a.gz")); err != nil {
		t.Fatal(err)
	}
	retry := reopen(t, st)
	if err := retry.Apply(ctx, bigBatch("a.gz")); err != nil {
		t.Fatal(err)
	}
	if retry.Writes() != 0 {
		t.Errorf("the retried delivery wrote %d items, want none", retry.Writes())
	}
	wantBig(t, st, "a.gz")
}

func TestApply_SketchConflict(t *testing.T) {
	// Another writer merges into the same sketch between this store's read
	// and its write: the version no longer matches, the transaction fails,
	// and the store plans again from a fresh read, keeping both merges.
	st := openTest(t)
	declareBig(t, st)
	other := reopen(t, st)
	sketchBatch := func(id string, users ...string) *build.Batch {
		b := build.NewBatch(id, buyers)
		b.Cells[build.CellKey{Rollup: buyers, Hour: h0}] = storetest.TextCell(buyers.Measure, users...)
		return b
	}
	if err := st.Apply(ctx, sketchBatch("0.gz", "a")); err != nil {
		t.Fatal(err)
	}
	tries := 0
	st.beforeCommit = func(int) {
		if tries++; tries == 1 {
			if err := other.Apply(ctx, sketchBatch("2.gz", "c", "d")); err != nil {
				t.Errorf("the other writer: %v", err)
			}
		}
	}
	if err := st.Apply(ctx, sketchBatch("1.gz", "b")); err != nil {
		t.Fatal(err)
	}
	if tries != 2 {
		t.Errorf("the store sent %d transactions, want 2: one that lost to the other writer, one that won", tries)
	}
	q := build.Query{Event: buyers.Event, Measure: buyers.Measure, Every: build.Hourly, From: h0.Time(), To: (h0 + 1).Time()}
	res, err := st.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 4 {
		t.Errorf("unique(userId) = %v, want 4 (a, b, c, d)", res.Total)
	}
}
