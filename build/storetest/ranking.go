package storetest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// buyersByPlan is the unique count by plan that the ranking test keeps.
var buyersByPlan = build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: build.Unique, Prop: "userId"}, By: "plan"}

// rankingData is what testBreakdownRanking stores: per group, per hour of
// the day, a count and a set of user IDs.
type rankingData map[string]map[int]rankingCell

type rankingCell struct {
	n     int64
	users []string
}

// makeRanking spreads 30 groups over 6 hours so that totals tie in
// threes: g00..g02 have 30 events each, g03..g05 27, and so on; and gives
// each group a few users per hour, some shared with other groups.
func makeRanking() rankingData {
	data := rankingData{}
	for i := range 30 {
		g := fmt.Sprintf("g%02d", (i*7)%30) // the values' order is not the totals' order
		hours := map[int]rankingCell{}
		total := int64(30 - 3*(i/3))
		for k := 0; total > 0; k = (k + 1) % 6 {
			c := hours[k]
			n := min(total, int64(1+(i+k)%4))
			c.n += n
			total -= n
			hours[k] = c
		}
		for k, c := range hours {
			for u := range 1 + (i+k)%3 {
				c.users = append(c.users, fmt.Sprintf("user-%d", (i*5+k*3+u)%23))
			}
			hours[k] = c
		}
		data[g] = hours
	}
	data[build.OtherGroup] = map[int]rankingCell{2: {4, []string{"user-99"}}} // folded at ingest
	return data
}

// testBreakdownRanking checks a breakdown over more groups than it shows
// against a reference computed here: the top N by total, ties by value,
// (other) as the sum (or, for unique counts, the union) of the rest bucket
// by bucket, and a filter that reads one group.
func testBreakdownRanking(t *testing.T, st build.Store) {
	h := hour(day)
	declare(t, st, byPlan, buyersByPlan)
	data := makeRanking()
	b := newBatch("ranking.gz")
	b.Rollups = []build.Rollup{build.BaseRollup, byPlan, buyersByPlan}
	for g, hours := range data {
		for k, c := range hours {
			b.Counts[build.EventHour{Event: "Order Completed", Hour: h + build.Hour(k)}] += c.n
			addCell(b, byPlan, g, h+build.Hour(k), c.n, 0)
			addValues(t, b, buyersByPlan, g, h+build.Hour(k), c.users...)
		}
	}
	apply(t, st, b)

	const to = "2026-05-01T06:00:00Z"
	for _, top := range []int{1, 4, 5, 100} {
		wantString(t, fmt.Sprintf("count by plan, top %d", top), groups(ask(t, st, byPlan, top, build.Hourly, day, to)), rankingWant(data, build.Count, top))
		wantString(t, fmt.Sprintf("unique(userId) by plan, top %d", top), groups(ask(t, st, buyersByPlan, top, build.Hourly, day, to)), rankingWant(data, build.Unique, top))
	}
	for _, r := range []build.Rollup{byPlan, buyersByPlan} {
		for _, g := range []string{"g07", "nobody"} {
			q := build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Filter: g, Every: build.Hourly, From: at(day), To: at(to)}
			res, err := st.Query(context.Background(), q)
			if err != nil {
				t.Fatalf("Query(%s, filter %q): %v", r.ID(), g, err)
			}
			one := rankingData{g: data[g]}
			want := strings.SplitN(rankingWant(one, r.Measure.Kind, 1), "\n", 2)[0] // "all ..." is the one group
			// The data has values folded at ingest, which may hold some of
			// the group's events: the filter says so, as the breakdown does.
			wantString(t, fmt.Sprintf("%s, filter %q", r.ID(), g), groups(res), want+"\nfolded=true")
		}
	}
}

// rankingWant is what groups() writes for a breakdown of data over its
// 6 hours, computed the plain way.
func rankingWant(data rankingData, kind build.MeasureKind, top int) string {
	type series struct {
		value string
		vals  [6]float64
		total float64
	}
	measure := func(gs []string) series {
		var s series
		all := map[string]bool{}
		for k := range 6 {
			hour := map[string]bool{}
			var n int64
			for _, g := range gs {
				n += data[g][k].n
				for _, u := range data[g][k].users {
					hour[u], all[u] = true, true
				}
			}
			s.vals[k] = float64(n)
			if kind == build.Unique {
				s.vals[k] = float64(len(hour))
			}
			s.total += s.vals[k]
		}
		if kind == build.Unique {
			s.total = float64(len(all))
		}
		return s
	}
	var names, rest []string
	var ranked []series
	for g := range data {
		names = append(names, g)
		if g == build.OtherGroup {
			rest = append(rest, g)
			continue
		}
		s := measure([]string{g})
		s.value = g
		ranked = append(ranked, s)
	}
	sort.Slice(ranked, func(i, j int) bool {
		if ranked[i].total != ranked[j].total {
			return ranked[i].total > ranked[j].total
		}
		return ranked[i].value < ranked[j].value
	})
	for _, s := range ranked[min(top, len(ranked)):] {
		rest = append(rest, s.value)
	}
	line := func(name string, s series) string { return "\n" + name + " " + points(rankingPoints(s.vals), s.total) }
	out := strings.TrimPrefix(line("all", measure(names)), "\n")
	for _, s := range ranked[:min(top, len(ranked))] {
		out += line(s.value, s)
	}
	if other := measure(rest); other.total != 0 {
		out += line(build.OtherGroup, other)
	}
	_, folded := data[build.OtherGroup]
	return out + fmt.Sprintf("\nfolded=%v", folded)
}

func rankingPoints(vals [6]float64) []build.Point {
	out := make([]build.Point, len(vals))
	for i, v := range vals {
		out[i].Value = v
	}
	return out
}
