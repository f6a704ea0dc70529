package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// testDayResolution ingests the oracle's events through the real path
// into rollups of UTC days (resolution: day) beside the hourly ones, with
// and without dedupe, and checks every day, week and month bucket in UTC
// and every group of every measure against the raw events, a filter of
// the top group against its breakdown's, and that a query the day rollup
// cannot answer (hours, or days of a timezone with an offset) is
// an error that says why.
func testDayResolution(t *testing.T, open func(t *testing.T) build.Store) {
	for _, dedupe := range []bool{false, true} {
		t.Run(fmt.Sprint("dedupe=", dedupe), func(t *testing.T) {
			st := openStore(t, open)
			declarer(t, st)
			evs := oracleGen()
			var rollups []build.Rollup
			for _, m := range oracleMeasures() {
				for _, by := range []string{"", "plan"} {
					r := build.Rollup{Event: oracleEvent, Measure: m.Stored(), By: by}
					rollups = append(rollups, r)
					r.Resolution = build.Daily
					rollups = append(rollups, r)
				}
			}
			opt := build.IngestOptions{Rollups: build.SortRollups(rollups), Workers: 2}
			if dedupe {
				opt.Dedupe = 24 * time.Hour
			}
			parse := build.NewParser(tsvDecoder{}, build.FoldOptions{})
			if _, err := build.Ingest(context.Background(), oracleSource(evs, dedupe), st, parse, opt); err != nil {
				t.Fatal(err)
			}
			from := at(oracleStart)
			to := from.Add((oracleDays + 1) * 24 * time.Hour)
			for _, m := range oracleMeasures() {
				for _, every := range []build.Interval{build.Daily, build.Weekly, build.Monthly} {
					for _, by := range []string{"", "plan"} {
						q := build.Query{Event: oracleEvent, Measure: m, By: by, Top: 10, Every: every, Loc: time.UTC,
							From: build.Truncate(from, every, time.UTC), To: build.Next(build.Truncate(to, every, time.UTC), every, time.UTC),
							Resolution: build.Daily}
						what := fmt.Sprintf("%s by %q every %s at day resolution", m, by, every)
						res := askQuery(t, st, q)
						checkOracle(t, what, res, evs)
						// A filter reads one group's series.
						if by != "" && len(res.Groups) > 0 && res.Groups[0].Value != build.OtherGroup {
							f := q
							f.Top, f.Filter = 0, res.Groups[0].Value
							one := askQuery(t, st, f)
							if fmt.Sprint(one.Points) != fmt.Sprint(res.Groups[0].Points) {
								t.Fatalf("%s: filter %s gives %v, the breakdown's group %v", what, f.Filter, one.Points, res.Groups[0].Points)
							}
						}
					}
				}
			}
			// Hours, and days cut at another offset, are refused.
			ny := zone(t, "America/New_York")
			count := build.Rollup{Event: oracleEvent, Measure: build.CountMeasure, By: "plan", Resolution: build.Daily}
			for _, c := range []struct {
				every build.Interval
				loc   *time.Location
				want  string
			}{{build.Hourly, time.UTC, "cannot show hours"}, {build.Daily, ny, "America/New_York cuts its days"}} {
				q := build.Query{Event: oracleEvent, Measure: count.Measure, By: count.By, Top: 5, Every: c.every, Loc: c.loc,
					From: build.Truncate(from, c.every, c.loc), To: to, Resolution: build.Daily}
				if _, err := st.Query(context.Background(), q); err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("a query every %s in %s of a day rollup: %v, want an error saying %q", c.every, c.loc, err, c.want)
				}
			}
		})
	}
}

// testDayCardinality checks that the cardinality cap of a rollup of UTC
// days holds per day across files of different hours: a group new to a
// full day folds into OtherGroup, a group the day keeps stays kept, and
// when only some of a file's new groups fit, the heaviest are kept. A
// file's cells of such a rollup are at the day's first hour, as the fold
// leaves them.
func testDayCardinality(t *testing.T, st build.Store) {
	d := hour(day)
	plans, revenue := byPlan, revenueByPlan
	plans.Resolution, revenue.Resolution = build.Daily, build.Daily
	declare(t, st, plans, revenue)
	rollups := []build.Rollup{build.BaseRollup, plans, revenue}
	file := func(id string, h build.Hour, n int64) *build.Batch {
		b := newBatch(id, count{"Order Completed", h, n})
		b.Rollups, b.Cardinality = rollups, 2
		return b
	}
	b1 := file("d1.gz", d+3, 8) // 03:00
	addCell(b1, plans, "a", d, 5, 0)
	addCell(b1, plans, "b", d, 3, 0)
	addCell(b1, revenue, "a", d, 2, 20)
	addCell(b1, revenue, "b", d, 1, 5)
	b2 := file("d2.gz", d+9, 13)                  // 09:00: the day is full
	addCell(b2, plans, "c", d, 10, 0)             // new: folds
	addCell(b2, plans, "a", d, 1, 0)              // kept: stays
	addCell(b2, plans, build.OtherGroup, d, 2, 0) // folded by the parser
	addCell(b2, revenue, "c", d, 1, 30)
	b3 := file("d3.gz", d+24+2, 7) // the next day has room for two
	addCell(b3, plans, "c", d+24, 1, 0)
	addCell(b3, plans, "d", d+24, 4, 0)
	addCell(b3, plans, "e", d+24, 2, 0)
	for _, b := range []*build.Batch{b1, b2, b3} {
		apply(t, st, b)
	}
	q := func(r build.Rollup) *build.Result {
		return askQuery(t, st, build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Top: 10, Every: build.Daily,
			From: at(day), To: at(day).Add(48 * time.Hour), Loc: time.UTC, Resolution: build.Daily})
	}
	wantString(t, "count by plan per day, capped at 2 a day", groups(q(plans)), ""+
		"all [21 7] = 28\n"+
		"a [6 0] = 6\n"+
		"d [0 4] = 4\n"+
		"b [3 0] = 3\n"+
		"e [0 2] = 2\n"+
		"(other) [12 1] = 13\n"+
		"folded=true")
	wantString(t, "sum(revenue) by plan per day, capped at 2 a day", groups(q(revenue)), ""+
		"all [55 0] = 55\n"+
		"a [20 0] = 20\n"+
		"b [5 0] = 5\n"+
		"(other) [30 0] = 30\n"+
		"folded=true")
	// The filter of a kept group, and of one folded that day.
	f := build.Query{Event: plans.Event, Measure: plans.Measure, By: plans.By, Filter: "c", Every: build.Daily,
		From: at(day), To: at(day).Add(48 * time.Hour), Loc: time.UTC, Resolution: build.Daily}
	wantString(t, "filter c", points(askQuery(t, st, f).Points, askQuery(t, st, f).Total), "[0 0] = 0")
}
