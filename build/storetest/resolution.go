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
