package build

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkBreakdownWide ranks a count broken down by 20,000 (and
// 200,000) groups, each with a few hours of a 30-day range, and keeps
// every one of them (Top = the number of groups, as a template's list of
// values asks), with daily buckets. The board of kept groups is what it
// measures: each group offered is placed among the best so far.
func BenchmarkBreakdownWide(b *testing.B) {
	for _, n := range []int{20000, 200000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchmarkWide(b, n) })
	}
}

func benchmarkWide(b *testing.B, groups int) {
	const days = 30
	from := time.Date(2026, 10, 28, 0, 0, 0, 0, time.UTC)
	q := Query{Event: "install", Measure: CountMeasure, By: "dependency.name", Top: groups,
		Every: Daily, From: from, To: from.AddDate(0, 0, days), Loc: time.UTC}
	rng := rand.New(rand.NewPCG(1, 2))
	type group struct {
		name   string
		hourly map[Hour]*Cell
	}
	list := make([]group, groups)
	first := HourOf(from)
	for g := range list {
		hourly := map[Hour]*Cell{}
		for range 1 + rng.IntN(4) {
			hourly[first+Hour(rng.IntN(days*24))] = nCell(int64(1 + rng.IntN(1000)))
		}
		list[g] = group{fmt.Sprintf("pod-%05d", g), hourly}
	}
	walk := func(visit func(string, map[Hour]*Cell) error) error {
		for _, g := range list {
			if err := visit(g.name, g.hourly); err != nil {
				return err
			}
		}
		return nil
	}
	b.ReportAllocs()
	for b.Loop() {
		r, err := Breakdown(q, walk)
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Groups) != groups {
			b.Fatalf("%d groups", len(r.Groups))
		}
	}
}
