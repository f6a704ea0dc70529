package storetest

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// The oracle's events: oracleEvents of one event name over oracleDays
// days from oracleStart, in oracleFiles files.
const (
	oracleEvent  = "Order"
	oracleEvents = 700
	oracleDays   = 3
	oracleFiles  = 4
	oracleStart  = "2026-03-07T00:00:00Z" // America/New_York moves its clocks on 03-08
)

// quantiles maps the percentile measures to their quantile: the value of
// rank floor(q·(n−1)) among a bucket's n numbers in ascending order. A
// stored percentiles(x) shows the median.
var quantiles = map[string]float64{"percentiles": 0.5, "p25": 0.25, "p50": 0.5, "p75": 0.75, "p90": 0.9, "p95": 0.95, "p99": 0.99}

// oracleEv is one generated event and what each measure reads of it.
type oracleEv struct {
	at              time.Time
	id, plan        string
	kind, x         string
	num             float64
	usable, hasText bool
}

// oracleGen generates the events: values of every kind the fold reads
// (numbers, negative, zero, strings that read as numbers, words, true,
// null, missing, out of range), plans with some missing.
func oracleGen() []oracleEv {
	r := rand.New(rand.NewPCG(13, 42))
	start := at(oracleStart)
	plans := []string{"free", "pro", "team", ""}
	out := make([]oracleEv, oracleEvents)
	for i := range out {
		e := oracleEv{
			at:   start.Add(time.Duration(r.Int64N(int64(oracleDays * 24 * time.Hour)))).Truncate(time.Second),
			id:   fmt.Sprint("m", i),
			plan: plans[r.IntN(len(plans))],
		}
		switch k := r.IntN(100); {
		case k < 8:
			e.kind = "" // missing
		case k < 12:
			e.kind = "null"
		case k < 16:
			e.kind, e.x = "b", "true"
		case k < 20:
			e.kind, e.x = "s", "abc"
		case k < 23:
			e.kind, e.x = "n", "1e300" // out of range: skipped
		case k < 33:
			e.kind, e.x = "n", "0"
		case k < 48:
			e.kind, e.x = "s", strconv.FormatFloat(float64(r.IntN(40000)-10000)/100, 'f', -1, 64)
		case k < 70:
			e.kind, e.x = "n", strconv.Itoa(r.IntN(250)-50)
		case k < 90:
			e.kind, e.x = "n", strconv.FormatFloat(float64(r.IntN(200000)-100000)/100, 'f', -1, 64)
		default:
			e.kind, e.x = "n", strconv.FormatFloat(r.Float64()*1e6*math.Pow(10, float64(r.IntN(5)-4)), 'g', 6, 64)
		}
		e.hasText = e.kind != "" && e.kind != "null"
		if e.kind == "n" || e.kind == "s" {
			if v, err := strconv.ParseFloat(e.x, 64); err == nil && math.Abs(v) <= build.MaxSumValue {
				e.num, e.usable = v, true
			}
		}
		out[i] = e
	}
	return out
}

// oracleSource writes the events into files, each a random share of
// them; under dedupe, the last file repeats some messages of the others.
func oracleSource(evs []oracleEv, dedupe bool) tsvSource {
	files := make([]strings.Builder, oracleFiles)
	line := func(f int, e oracleEv) {
		fmt.Fprintf(&files[f], "%s\t%s\t%s\t%s\t%s\t%s\n", oracleEvent, e.at.Format(time.RFC3339), e.id, e.plan, e.kind, e.x)
	}
	for i, e := range evs {
		line(i%oracleFiles, e)
		if dedupe && i%9 == 0 && i%oracleFiles != oracleFiles-1 {
			line(oracleFiles-1, e)
		}
	}
	src := tsvSource{}
	for i := range files {
		src[fmt.Sprintf("oracle/%d.tsv", i)] = files[i].String()
	}
	return src
}

// oracleMeasures are the measures the oracle checks: the core's, and the
// percentiles when a plugin registered them.
func oracleMeasures() []build.Measure {
	var out []build.Measure
	for _, s := range []string{"count", "sum(x)", "unique(x)", "avg(x)", "percentiles(x)", "p25(x)", "p50(x)", "p75(x)", "p90(x)", "p95(x)", "p99(x)"} {
		if m, err := build.ParseMeasure(s); err == nil {
			out = append(out, m)
		}
	}
	return out
}

// testOracle ingests generated events through the real path (a decoder,
// the core's fold, build.Ingest) and checks every bucket and total of
// every measure, hourly and daily (in UTC and across a daylight-saving
// change), with and without a breakdown, against a plain recomputation
// from the raw events: exact for counts, to 1e-9 for sums and averages,
// to 1% for percentiles (the sketch's relative accuracy) and 2% for
// unique counts (a HyperLogLog's estimate). A bucket with no number to
// average is a gap in both.
func testOracle(t *testing.T, open func(t *testing.T) build.Store) {
	for _, dedupe := range []bool{false, true} {
		t.Run(fmt.Sprint("dedupe=", dedupe), func(t *testing.T) {
			st := openStore(t, open)
			declarer(t, st)
			runOracle(t, st, dedupe)
		})
	}
}

func runOracle(t *testing.T, st build.Store, dedupe bool) {
	evs := oracleGen()
	var rollups []build.Rollup
	for _, m := range oracleMeasures() {
		for _, by := range []string{"", "plan"} {
			rollups = append(rollups, build.Rollup{Event: oracleEvent, Measure: m.Stored(), By: by})
		}
	}
	opt := build.IngestOptions{Rollups: build.SortRollups(rollups), Workers: 2}
	if dedupe {
		opt.Dedupe = 24 * time.Hour
	}
	parse := build.NewParser(tsvDecoder{}, build.FoldOptions{})
	rep, err := build.Ingest(context.Background(), oracleSource(evs, dedupe), st, parse, opt)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Accepted < oracleEvents {
		t.Fatalf("ingest accepted %d events, want at least %d: %+v", rep.Accepted, oracleEvents, rep)
	}
	ny := zone(t, "America/New_York")
	from := at(oracleStart)
	for _, m := range oracleMeasures() {
		for _, c := range []struct {
			every build.Interval
			loc   *time.Location
		}{{build.Hourly, time.UTC}, {build.Daily, time.UTC}, {build.Daily, ny}} {
			for _, by := range []string{"", "plan"} {
				q := build.Query{Event: oracleEvent, Measure: m, By: by, Top: 10, Every: c.every, Loc: c.loc,
					From: build.Truncate(from, c.every, c.loc), To: from.Add((oracleDays + 1) * 24 * time.Hour)}
				what := fmt.Sprintf("%s by %q every %s in %s", m, by, c.every, c.loc)
				checkOracle(t, what, askQuery(t, st, q), evs)
			}
		}
	}
}

// checkOracle compares a result with the events recomputed.
func checkOracle(t *testing.T, what string, res *build.Result, evs []oracleEv) {
	t.Helper()
	q := res.Query
	loc := q.Loc
	in := func(e oracleEv, from time.Time, group string) bool {
		to := build.Next(from, q.Every, loc)
		return !e.at.Before(from) && e.at.Before(to) && (group == "*" || group == planOf(e))
	}
	check := func(group string, pts []build.Point, total float64, totalGap bool) {
		t.Helper()
		var all []oracleEv
		for i, p := range pts {
			var sel []oracleEv
			for _, e := range evs {
				if in(e, p.Time, group) {
					sel = append(sel, e)
				}
			}
			all = append(all, sel...)
			want, gap := oracleValue(q.Measure, sel)
			if !near(q.Measure, p.Value, p.Gap, want, gap) {
				t.Fatalf("%s: group %s bucket %d (%s): got %v (gap %v), the events give %v (gap %v)",
					what, group, i, p.Time.Format(time.RFC3339), p.Value, p.Gap, want, gap)
			}
		}
		want, gap := oracleValue(q.Measure, all)
		if !near(q.Measure, total, totalGap, want, gap) {
			t.Fatalf("%s: group %s total: got %v (gap %v), the events give %v (gap %v)", what, group, total, totalGap, want, gap)
		}
	}
	check("*", res.Points, res.Total, res.TotalGap)
	if q.By == "" {
		return
	}
	// Every group the measure has data of is shown, ranked by its total
	// (count) or its events (avg, percentiles).
	weight := map[string]float64{}
	for _, e := range evs {
		if !e.at.Before(q.From) && e.at.Before(q.To) && feeds(q.Measure, e) {
			weight[planOf(e)]++
		}
	}
	var got, want []string
	for _, g := range res.Groups {
		got = append(got, g.Value)
		check(g.Value, g.Points, g.Total, g.TotalGap)
	}
	for g := range weight {
		want = append(want, g)
	}
	kind := q.Measure.Stored().Kind
	if kind == "count" || kind == "percentiles" || q.Measure.Kind == "avg" {
		sort.Slice(want, func(i, j int) bool {
			if weight[want[i]] != weight[want[j]] {
				return weight[want[i]] > weight[want[j]]
			}
			return want[i] < want[j]
		})
	} else {
		slices.Sort(got)
		slices.Sort(want)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s: groups %q, want %q", what, got, want)
	}
}

// planOf is an event's breakdown group.
func planOf(e oracleEv) string {
	if e.plan == "" {
		return build.NoneGroup
	}
	return e.plan
}

// feeds reports whether the event adds to the measure's stored rollup.
func feeds(m build.Measure, e oracleEv) bool {
	switch m.Stored().Kind {
	case "count":
		return true
	case "unique":
		return e.hasText
	}
	return e.usable
}

// oracleValue recomputes a measure from raw events: the value, or a gap.
func oracleValue(m build.Measure, evs []oracleEv) (float64, bool) {
	var nums []float64
	texts := map[string]bool{}
	var sum float64
	for _, e := range evs {
		if e.usable {
			nums = append(nums, e.num)
			sum += e.num
		}
		if e.hasText {
			texts[e.x] = true
		}
	}
	switch m.Kind {
	case "count":
		return float64(len(evs)), false
	case "sum":
		return sum, false
	case "unique":
		return float64(len(texts)), false
	case "avg":
		if len(nums) == 0 {
			return 0, true
		}
		return sum / float64(len(nums)), false
	}
	q, ok := quantiles[string(m.Kind)]
	if !ok {
		panic("storetest: no oracle for " + m.String())
	}
	if len(nums) == 0 {
		return 0, true
	}
	slices.Sort(nums)
	return nums[int(math.Floor(q*float64(len(nums)-1)))], false
}

// near compares a store's value with the oracle's, within the measure's
// error, gaps alike.
func near(m build.Measure, got float64, gotGap bool, want float64, wantGap bool) bool {
	if gotGap || wantGap {
		return gotGap == wantGap && got == 0
	}
	d := math.Abs(got - want)
	switch {
	case m.Kind == "count":
		return d == 0
	case m.Kind == "unique":
		return d <= 0.02*want
	case m.Kind == "sum" || m.Kind == "avg":
		return d <= 1e-9*math.Max(1, math.Abs(want))
	}
	// A percentile is within the sketch's 1% of the raw value, and then
	// rounded to the 6 significant digits a store answers with.
	return d <= (0.01+1e-5)*math.Abs(want)
}
