package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// kindOf is an event's group value of the property kind (the kind of x):
// NoneGroup when x is missing or null, as the tsv decoder gives kind
// only when x is there.
func kindOf(e oracleEv) string {
	if e.kind == "" {
		return build.NoneGroup
	}
	return e.kind
}

// whereCase is one where query of testWhere.
type whereCase struct {
	where []build.Cond
	by    string
}

// matches reports whether the event passes every condition of the where.
func (c whereCase) matches(e oracleEv) bool {
	for _, w := range c.where {
		v := planOf(e)
		if w.Prop == "kind" {
			v = kindOf(e)
		}
		if v != w.Value {
			return false
		}
	}
	return true
}

// testWhere ingests the oracle's events, first with only a breakdown by
// plan declared and then with the rollups over the combination of kind
// and plan (which the second ingest backfills from the same files), and
// checks where queries of one and two properties, a missing property's
// (none) part, and a where with a by, against the events recomputed;
// with and without dedupe. Then a third ingest under a cardinality cap
// of 3 shows the combinations beyond it folded into (other).
func testWhere(t *testing.T, open func(t *testing.T) build.Store) {
	for _, dedupe := range []bool{false, true} {
		t.Run(fmt.Sprint("dedupe=", dedupe), func(t *testing.T) {
			st := openStore(t, open)
			declarer(t, st)
			runWhere(t, st, dedupe)
		})
	}
	t.Run("cap", func(t *testing.T) {
		st := openStore(t, open)
		declarer(t, st)
		evs := oracleGen()
		sum := build.Measure{Kind: build.Sum, Prop: "x"}
		rs := []build.Rollup{{Event: oracleEvent, Measure: build.CountMeasure, By: "kind,plan"}, {Event: oracleEvent, Measure: sum, By: "kind,plan"}}
		parse := build.NewParser(tsvDecoder{}, build.FoldOptions{Cardinality: 3})
		rep, err := build.Ingest(context.Background(), oracleSource(evs, false), st, parse, build.IngestOptions{Rollups: build.SortRollups(rs), Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Folded == 0 {
			t.Fatalf("ingest under a cap of 3 folded no combination of kind and plan: %+v", rep)
		}
		from := at(oracleStart)
		q := build.Query{Event: oracleEvent, Measure: build.CountMeasure, By: "plan", Top: 10, Where: []build.Cond{{Prop: "kind", Value: "n"}},
			Every: build.Daily, Loc: time.UTC, From: from, To: from.Add(oracleDays * 24 * time.Hour)}
		res := askQuery(t, st, q)
		if !res.Folded {
			t.Errorf("where+by over a rollup with folded combinations: Result.Folded is false")
		}
		// A kept group holds its events of the hours it was kept in, at
		// most all of them; (other) holds every folded combination, of
		// any kind, as it cannot be told apart.
		want := map[string]float64{}
		for _, e := range evs {
			if kindOf(e) == "n" {
				want[planOf(e)]++
			}
		}
		var held float64
		for _, g := range res.Groups {
			held += g.Total
			if g.Value != build.OtherGroup && g.Total > want[g.Value] {
				t.Errorf("where kind=n by plan: group %s holds %v events, the events of kind n and that plan are %v", g.Value, g.Total, want[g.Value])
			}
		}
		if res.Total != held {
			t.Errorf("where kind=n by plan: total %v, the groups hold %v", res.Total, held)
		}
		if i := slices.IndexFunc(res.Groups, func(g build.Group) bool { return g.Value == build.OtherGroup }); i < 0 {
			t.Errorf("where kind=n by plan under a cap of 3: no (other) group in %v", groups(res))
		}
		// One combination alone reads one series; it says too that some
		// combinations were folded, so it may miss some of its events.
		one := q
		one.By, one.Top, one.Where = "", 0, []build.Cond{{Prop: "kind", Value: "n"}, {Prop: "plan", Value: planOf(evs[0])}}
		if res := askQuery(t, st, one); !res.Folded {
			t.Errorf("where kind and plan over a rollup with folded combinations: Result.Folded is false")
		}
	})
}

func runWhere(t *testing.T, st build.Store, dedupe bool) {
	evs := oracleGen()
	opt := build.IngestOptions{Rollups: []build.Rollup{byPlanOracle()}, Workers: 2}
	if dedupe {
		opt.Dedupe = 24 * time.Hour
	}
	parse := build.NewParser(tsvDecoder{}, build.FoldOptions{})
	src := oracleSource(evs, dedupe)
	if _, err := build.Ingest(context.Background(), src, st, parse, opt); err != nil {
		t.Fatal(err)
	}
	measures := []build.Measure{build.CountMeasure, {Kind: build.Sum, Prop: "x"}}
	if m, err := build.ParseMeasure("avg(x)"); err == nil {
		measures = append(measures, m)
	}
	rs := []build.Rollup{byPlanOracle()}
	for _, m := range measures {
		for _, by := range []string{"plan", "kind,plan"} {
			rs = append(rs, build.Rollup{Event: oracleEvent, Measure: m.Stored(), By: by})
		}
	}
	opt.Rollups = build.SortRollups(rs)
	if _, err := build.Ingest(context.Background(), src, st, parse, opt); err != nil { // backfills the new rollups
		t.Fatal(err)
	}
	cases := []whereCase{
		{where: []build.Cond{{Prop: "plan", Value: "pro"}}},
		{where: []build.Cond{{Prop: "kind", Value: "n"}, {Prop: "plan", Value: "pro"}}},
		{where: []build.Cond{{Prop: "kind", Value: "s"}, {Prop: "plan", Value: build.NoneGroup}}},
		{where: []build.Cond{{Prop: "kind", Value: build.NoneGroup}, {Prop: "plan", Value: "team"}}},
		{where: []build.Cond{{Prop: "kind", Value: "n"}}, by: "plan"},
		{where: []build.Cond{{Prop: "kind", Value: "nothing"}}, by: "plan"},
	}
	from := at(oracleStart)
	for _, m := range measures {
		for _, c := range cases {
			var sel []oracleEv
			for _, e := range evs {
				if c.matches(e) {
					sel = append(sel, e)
				}
			}
			for _, every := range []build.Interval{build.Hourly, build.Daily} {
				q := build.Query{Event: oracleEvent, Measure: m, By: c.by, Top: 10, Where: c.where, Every: every, Loc: time.UTC,
					From: from, To: from.Add((oracleDays + 1) * 24 * time.Hour)}
				what := fmt.Sprintf("%s where %v by %q every %s", m, c.where, c.by, every)
				res := askQuery(t, st, q)
				checkOracle(t, what, res, sel)
				if c.by == "" && res.Groups != nil {
					t.Fatalf("%s: a where without by has groups %v", what, groups(res))
				}
			}
		}
	}
}

// byPlanOracle is the oracle event's count by plan.
func byPlanOracle() build.Rollup {
	return build.Rollup{Event: oracleEvent, Measure: build.CountMeasure, By: "plan"}
}
