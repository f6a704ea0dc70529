package dynamostore

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// walked answers the breakdown q by walking every group of its rollup, as
// the store did before it kept group totals.
func walked(t *testing.T, st *Store, q build.Query) *build.Result {
	t.Helper()
	from, to := q.Hours()
	res, err := build.Breakdown(q, func(visit func(string, map[build.Hour]*build.Cell) error) error {
		return st.walkGroups(ctx, q.Rollup(), from, to, visit)
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// queried answers q and returns how many Query requests it made.
func queried(t *testing.T, st *Store, m *meter, q build.Query) (*build.Result, int64) {
	t.Helper()
	s0 := m.snap()
	res, err := st.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	return res, m.snap().sub(s0).reqs["Query"]
}

// TestGroupTotals ingests two days of the demo's events (dedupe on, one
// file delivered twice) and asks every count and sum breakdown for its top
// 1, 2, 3 and 10 groups, every hour, day, week and month: over whole UTC
// days the answer comes from the group totals, a Query per day (plus the
// series of all groups and one read of OtherGroup, and per group shown
// one of its series for hours), and equals the walk over every group;
// over days of another timezone it walks.
func TestGroupTotals(t *testing.T) {
	m := &meter{}
	st := meteredTest(t, m)
	src, end := e2eEvents(t)
	if err := ingest(st, src); err != nil {
		t.Fatal(err)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range e2eRollups {
		if !keepsTotals(r) {
			continue
		}
		groups := 0
		if err := st.partition(ctx, groupPK(r), func(item) { groups++ }); err != nil {
			t.Fatal(err)
		}
		for _, every := range []build.Interval{build.Hourly, build.Daily, build.Weekly, build.Monthly} {
			for _, top := range []int{1, 2, 3, 10} {
				from := build.Truncate(end.AddDate(0, 0, -3), every, time.UTC)
				to := build.Next(build.Truncate(end.Add(-time.Hour), every, time.UTC), every, time.UTC)
				q := build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Top: top, Every: every, From: from, To: to, Loc: time.UTC}
				got, n := queried(t, st, m, q)
				shown := 0
				for _, g := range got.Groups {
					if g.Value != build.OtherGroup {
						shown++
					}
				}
				days := int64(to.Sub(from) / (24 * time.Hour))
				want := days + 2 // the days' totals, all groups, OtherGroup
				if every == build.Hourly {
					want += int64(shown) // the series of each group shown
				}
				if n != want {
					t.Errorf("%s top %d every %s: %d Query requests, want %d (%d days, %d groups shown)", r.ID(), top, every, n, want, days, shown)
				}
				if shown == 0 {
					t.Errorf("%s top %d: no groups; the test data should hold some", r.ID(), top)
				}
				if d := diff(walked(t, st, q), got); d != "" {
					t.Errorf("%s top %d every %s: the walk (first) and the totals differ: %s", r.ID(), top, every, d)
				}
				checked++
			}
		}
		// Days of New York are not UTC days: the totals cannot rank them.
		q := build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Top: 3, Every: build.Daily,
			From: time.Date(2026, 4, 30, 0, 0, 0, 0, ny), To: time.Date(2026, 5, 3, 0, 0, 0, 0, ny), Loc: ny}
		got, n := queried(t, st, m, q)
		if n < int64(groups) {
			t.Errorf("%s in New York: %d Query requests for %d groups; it should walk them", r.ID(), n, groups)
		}
		if d := diff(walked(t, st, q), got); d != "" {
			t.Errorf("%s in New York: %s", r.ID(), d)
		}
	}
	if checked == 0 {
		t.Fatal("no breakdown of a count or a sum among the rollups")
	}
}

// TestGroupTotals_Cap checks that a value the cardinality cap folds adds
// to no group total: the top groups and "(other)" are those of the walk,
// and the folded values' totals are not written.
func TestGroupTotals_Cap(t *testing.T) {
	m := &meter{}
	st := meteredTest(t, m)
	r := build.Rollup{Event: "install", Measure: build.CountMeasure, By: "pod"}
	if err := st.Declare(ctx, []build.Rollup{r}); err != nil {
		t.Fatal(err)
	}
	day := build.HourOf(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	file := func(id string, counts map[string]int64) *build.Batch {
		b := build.NewBatch(id, build.BaseRollup, r)
		b.Cardinality = 2
		for g, n := range counts {
			b.Counts[build.EventHour{Event: "install", Hour: day + 5}] += n
			b.Cells[build.CellKey{Rollup: r, Group: g, Hour: day + 5}] = storetest.Cell(r.Measure, n, 0)
		}
		return b
	}
	if err := st.Apply(ctx, file("a", map[string]int64{"Alamo": 5, "Bolts": 3, "Cider": 2, "Dune": 1})); err != nil {
		t.Fatal(err)
	}
	if err := st.Apply(ctx, file("b", map[string]int64{"Alamo": 1, "Eel": 10})); err != nil {
		t.Fatal(err)
	}
	q := build.Query{Event: "install", Measure: r.Measure, By: r.By, Top: 5, Every: build.Daily,
		From: day.Time(), To: day.Time().Add(24 * time.Hour), Loc: time.UTC}
	got, n := queried(t, st, m, q)
	if n != 3 {
		t.Errorf("%d Query requests, want 3: the day's totals, all groups, OtherGroup", n)
	}
	if s := groupsOf(got); s != "Alamo=6 Bolts=3 (other)=13 folded=true" {
		t.Errorf("got %s", s)
	}
	if d := diff(walked(t, st, q), got); d != "" {
		t.Errorf("the walk (first) and the totals differ: %s", d)
	}
	for _, g := range []string{"Cider", "Dune", "Eel", build.OtherGroup} {
		if it, err := st.getItem(ctx, totalKey(r, dayOfHour(int64(day)), g)); err != nil || it != nil {
			t.Errorf("folded %s has a total: %v, %v", g, it, err)
		}
	}
}

// groupsOf writes a breakdown's groups with their totals and its folded flag.
func groupsOf(res *build.Result) string {
	s := ""
	for _, g := range res.Groups {
		s += fmt.Sprintf("%s=%g ", g.Value, g.Total)
	}
	return s + fmt.Sprintf("folded=%v", res.Folded)
}

// TestGroupTotals_Before checks that a rollup declared by a store that
// kept no group totals (its ID not in the rollups item's tot) walks its
// groups, whatever totals were written since, and answers as before.
func TestGroupTotals_Before(t *testing.T) {
	st := openTest(t)
	r := build.Rollup{Event: "install", Measure: build.CountMeasure, By: "pod"}
	if err := st.Declare(ctx, []build.Rollup{r}); err != nil {
		t.Fatal(err)
	}
	// What the store of before left: the rollup declared, no tot.
	if _, err := st.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &st.table, Key: rollupsKey().av(),
		UpdateExpression: aws.String("REMOVE #t"), ExpressionAttributeNames: map[string]string{"#t": attrTotals}}); err != nil {
		t.Fatal(err)
	}
	m := &meter{}
	old := reopen(t, st)
	old.db = dynamodb.New(old.db.Options(), func(o *dynamodb.Options) { o.APIOptions = append(o.APIOptions, m.add) })
	day := build.HourOf(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	b := build.NewBatch("a", build.BaseRollup, r)
	for i, g := range []string{"Alamo", "Bolts", "Cider", "Dune", "Eel", "Fig", "Gum"} {
		b.Counts[build.EventHour{Event: "install", Hour: day + 3}] += int64(i + 1)
		b.Cells[build.CellKey{Rollup: r, Group: g, Hour: day + 3}] = storetest.Cell(r.Measure, int64(i+1), 0)
	}
	if err := old.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	q := build.Query{Event: "install", Measure: r.Measure, By: r.By, Top: 2, Every: build.Daily,
		From: day.Time(), To: day.Time().Add(24 * time.Hour), Loc: time.UTC}
	got, n := queried(t, old, m, q)
	if n < 7 {
		t.Errorf("%d Query requests for 7 groups: a rollup without complete totals must walk its groups", n)
	}
	if s := groupsOf(got); s != "Gum=7 Fig=6 (other)=15 folded=false" {
		t.Errorf("got %s", s)
	}
}

// TestApply_DayCapConcurrent has eight Lambdas apply files of different
// hours of one day to a rollup of UTC days at once: the day ends with
// exactly the cap's groups (counted in its k# item, a group kept when its
// cell exists), nothing lost, and the k# item holds no set of hashes.
func TestApply_DayCapConcurrent(t *testing.T) {
	st := openTest(t)
	r := byPlan
	r.Resolution = build.Daily
	if err := st.Declare(ctx, []build.Rollup{r}); err != nil {
		t.Fatal(err)
	}
	const limit = 25
	var wg sync.WaitGroup
	errs := make([]error, 8)
	var mu sync.Mutex
	var folded int64
	var total float64
	for i := range errs {
		var bs []*build.Batch
		for f := range 2 {
			b := build.NewBatch(fmt.Sprintf("l%d-f%d.gz", i, f), build.BaseRollup, r)
			b.Cardinality = limit
			for g := range 10 {
				n := int64((2*i+f)*10 + g + 1)
				b.Counts[build.EventHour{Event: r.Event, Hour: h0 + build.Hour(2*i+f)}] += n
				b.Cells[build.CellKey{Rollup: r, Group: fmt.Sprintf("user-%04d", n-1), Hour: h0}] = storetest.Cell(r.Measure, n, 0)
				total += float64(n)
			}
			b.Stats.Accepted, b.Stats.Lines, b.Stats.Day = 1, 1, "2026-05-01"
			bs = append(bs, b)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = reopen(t, st).ApplyAll(ctx, bs)
			mu.Lock()
			defer mu.Unlock()
			for _, b := range bs {
				folded += b.Stats.Folded
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	res, err := st.Query(ctx, build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Top: 100, Every: build.Daily,
		From: h0.Time(), To: h0.Time().Add(24 * time.Hour), Loc: time.UTC, Resolution: build.Daily})
	if err != nil {
		t.Fatal(err)
	}
	kept, all, other := 0, 0.0, 0.0
	for _, g := range res.Groups {
		if g.Value == build.OtherGroup {
			other = g.Total
		} else {
			kept++
		}
		all += g.Total
	}
	if kept != limit || all != total || float64(folded) != other {
		t.Errorf("%d groups kept (want %d), %v events (want %v), (other) %v (Stats.Folded %d)", kept, limit, all, total, other, folded)
	}
	it, err := st.getItem(ctx, keptKey(r, int64(h0)))
	if err != nil {
		t.Fatal(err)
	}
	if n := keptCount(it); n != limit || it[attrKeep] != nil {
		t.Errorf("the day's k# item counts %d groups (want %d) and holds a set: %v", n, limit, it[attrKeep] != nil)
	}
}

// TestGroupTotals_TooMany checks that a breakdown with more day totals in
// range than it may hold walks its groups, and answers as the totals do.
func TestGroupTotals_TooMany(t *testing.T) {
	m := &meter{}
	st := meteredTest(t, m)
	r := build.Rollup{Event: "install", Measure: build.CountMeasure, By: "pod"}
	if err := st.Declare(ctx, []build.Rollup{r}); err != nil {
		t.Fatal(err)
	}
	day := build.HourOf(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	b := build.NewBatch("a", build.BaseRollup, r)
	for i, g := range []string{"Alamo", "Bolts", "Cider", "Dune", "Eel", "Fig", "Gum"} {
		b.Counts[build.EventHour{Event: "install", Hour: day + 3}] += int64(i + 1)
		b.Cells[build.CellKey{Rollup: r, Group: g, Hour: day + 3}] = storetest.Cell(r.Measure, int64(i+1), 0)
	}
	if err := st.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	q := build.Query{Event: "install", Measure: r.Measure, By: r.By, Top: 2, Every: build.Daily,
		From: day.Time(), To: day.Time().Add(24 * time.Hour), Loc: time.UTC}
	ranked, n := queried(t, st, m, q)
	if n != 3 {
		t.Fatalf("%d Query requests from the totals, want 3", n)
	}
	defer func(was int) { maxTotals = was }(maxTotals)
	maxTotals = 5
	walked, n := queried(t, st, m, q)
	if n < 7 {
		t.Errorf("%d Query requests past maxTotals: it should walk the 7 groups", n)
	}
	if d := diff(ranked, walked); d != "" || groupsOf(walked) != "Gum=7 Fig=6 (other)=15 folded=false" {
		t.Errorf("the totals (first) and the walk differ: %s %s", d, groupsOf(walked))
	}
}
