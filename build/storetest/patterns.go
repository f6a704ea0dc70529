package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// patternLine is one event of testPatterns in the oracle's format: at
// minute m of 2026-11-25T14, with plan and x.
func patternLine(event string, m int, id, plan string, x float64) string {
	return fmt.Sprintf("%s\t2026-11-25T14:%02d:00Z\t%s\t%s\tn\t%v\n", event, m, id, plan, x)
}

// testPatterns runs build.Ingest with rollup patterns (event "*", see
// build.AnyEvent) over the store, through the core's fold: a pattern is
// declared and listed under its ID; a file read for it keeps the rollup
// of every event it holds, which a query of that event reads; a rollup
// of one event applied from a file before the pattern is not applied
// twice by it; and an event name first seen in a later file, ingested
// with the declared rollups alone (as the Lambda does), gets the rollup
// without a new declaration, the files before it not read again. Under
// dedupe, a message repeated in a later file counts once in the rollups
// the pattern made too.
func testPatterns(t *testing.T, open func(t *testing.T) build.Store) {
	for _, dedupe := range []bool{false, true} {
		t.Run(fmt.Sprint("dedupe=", dedupe), func(t *testing.T) { runPatterns(t, openStore(t, open), dedupe) })
	}
}

func runPatterns(t *testing.T, st build.Store, dedupe bool) {
	declarer(t, st)
	ctx := context.Background()
	parse := build.NewParser(tsvDecoder{}, build.FoldOptions{})
	var window time.Duration
	if dedupe {
		window = 24 * time.Hour
	}
	ingest := func(files tsvSource, rollups ...build.Rollup) *build.IngestReport {
		t.Helper()
		rep, err := build.Ingest(ctx, files, st, parse, build.IngestOptions{Rollups: rollups, Workers: 2, Dedupe: window})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Failed > 0 {
			t.Fatalf("ingest: %+v", rep.Errors)
		}
		return rep
	}
	sumA := build.Rollup{Event: "a", Measure: build.Measure{Kind: build.Sum, Prop: "x"}}
	sums := sumA.Pattern()
	byPlan := build.Rollup{Event: build.AnyEvent, Measure: build.CountMeasure, By: "plan"}

	files := tsvSource{"1": patternLine("a", 1, "m1", "pro", 2) + patternLine("a", 2, "m2", "free", 3) + patternLine("b", 3, "m3", "pro", 5)}
	ingest(files, sumA) // a's sum before any pattern
	files["2"] = patternLine("a", 4, "m4", "pro", 7) + patternLine("c", 5, "m5", "team", 11) + patternLine("c", 6, "m6", "team", 13)
	ingest(files, sumA, sums, byPlan)

	got, err := declarer(t, st).Declared(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID())
	}
	wantString(t, "Declared()", strings.Join(ids, " | "), `"*" count by "plan" | "*" sum(x) | "a" sum(x)`)
	if !slices.ContainsFunc(got, build.Rollup.IsPattern) {
		t.Fatalf("Declared() = %v: no pattern", got)
	}

	// A file with an event never seen, ingested with the declared
	// rollups alone: it keeps them for its new event; the others are
	// not read again.
	files["3"] = patternLine("d", 7, "m7", "pro", 17) + patternLine("a", 8, "m8", "", 19) + patternLine("c", 6, "m6", "team", 13)
	rep := ingest(files, got...)
	if rep.Skipped != 2 || rep.Applied != 1 {
		t.Errorf("ingest of a new file with the declared rollups: %d skipped, %d applied; want 2 and 1", rep.Skipped, rep.Applied)
	}

	from, to := "2026-11-25T14:00:00Z", "2026-11-25T16:00:00Z"
	cSum, cPlans := "[37 0] = 37", "all [3 0] = 3\nteam [3 0] = 3\nfolded=false" // m6 twice
	if dedupe {
		cSum, cPlans = "[24 0] = 24", "all [2 0] = 2\nteam [2 0] = 2\nfolded=false"
	}
	for _, c := range []struct {
		event, sum, plans string
	}{
		{"a", "[31 0] = 31", "all [4 0] = 4\npro [2 0] = 2\n(none) [1 0] = 1\nfree [1 0] = 1\nfolded=false"},
		{"b", "[5 0] = 5", "all [1 0] = 1\npro [1 0] = 1\nfolded=false"},
		{"c", cSum, cPlans},
		{"d", "[17 0] = 17", "all [1 0] = 1\npro [1 0] = 1\nfolded=false"},
	} {
		sum := ask(t, st, sumA.For(c.event), 0, build.Hourly, from, to)
		wantString(t, c.event+" sum(x)", points(sum.Points, sum.Total), c.sum)
		wantString(t, c.event+" count by plan", groups(ask(t, st, byPlan.For(c.event), 10, build.Hourly, from, to)), c.plans)
	}
	unique := build.Rollup{Event: "d", Measure: build.Measure{Kind: build.Unique, Prop: "x"}}
	if _, err := st.Query(ctx, build.Query{Event: "d", Measure: unique.Measure, Every: build.Hourly, From: at(from), To: at(to)}); !errors.Is(err, build.ErrNoRollup) {
		t.Errorf("Query(%s), whose pattern is not declared: %v, want build.ErrNoRollup", unique.ID(), err)
	}
	if done := appliedIDs(t, st, "3"); !slices.Contains(done, sums.ID()) || !slices.Contains(done, sumA.For("d").ID()) {
		t.Errorf("Applied(3) = %v, want the pattern %s and the rollup it made of d", done, sums.ID())
	}
}
