package build

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
	"time"
)

// naiveGroups is the breakdown as it was first written: every group's
// whole series, sorted, then the top N kept and the rest merged. It is the
// reference Breakdown must agree with.
func naiveGroups(q Query, groups map[string]map[Hour]*Cell) (*Result, error) {
	type one struct {
		value string
		res   *Result
	}
	var list []one
	merged := map[Hour]*Cell{}
	merge := func(dst, src map[Hour]*Cell) error {
		for h, c := range src {
			if dst[h] == nil {
				n, err := NewCell(q.Measure)
				if err != nil {
					return err
				}
				dst[h] = n
			}
			if err := dst[h].Merge(c); err != nil {
				return err
			}
		}
		return nil
	}
	for g, hourly := range groups {
		res, err := FillCells(q, hourly)
		if err != nil {
			return nil, err
		}
		list = append(list, one{g, res})
		if err := merge(merged, hourly); err != nil {
			return nil, err
		}
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if (a.value == OtherGroup) != (b.value == OtherGroup) {
			return b.value == OtherGroup
		}
		if a.res.Total != b.res.Total {
			return a.res.Total > b.res.Total
		}
		return a.value < b.value
	})
	out, err := FillCells(q, merged)
	if err != nil {
		return nil, err
	}
	rest, restUsed := map[Hour]*Cell{}, false
	for i, g := range list {
		if g.value == OtherGroup && g.res.Total > 0 {
			out.Folded = true
		}
		if i < topOf(q) && g.value != OtherGroup {
			out.Groups = append(out.Groups, Group{Value: g.value, Points: g.res.Points, Total: g.res.Total})
			continue
		}
		restUsed = true
		if err := merge(rest, groups[g.value]); err != nil {
			return nil, err
		}
	}
	if restUsed {
		res, err := FillCells(q, rest)
		if err != nil {
			return nil, err
		}
		if res.Total != 0 {
			out.Groups = append(out.Groups, Group{Value: OtherGroup, Points: res.Points, Total: res.Total})
		}
	}
	return out, nil
}

// randomGroups makes n groups with cells in some of the hours of [from,
// from+hours), as a store reads them for a query, values drawn from few numbers so that totals tie often.
func randomGroups(rng *rand.Rand, kind MeasureKind, n int, from Hour, hours int) map[string]map[Hour]*Cell {
	out := map[string]map[Hour]*Cell{}
	for g := range n {
		name := fmt.Sprintf("g%03d", g)
		switch g {
		case 0:
			name = OtherGroup
		case 1:
			name = NoneGroup
		}
		hourly := map[Hour]*Cell{}
		for range 1 + rng.IntN(6) {
			h := from + Hour(rng.IntN(hours)) // the hours a store reads (Query.Hours)
			n, sum := int64(rng.IntN(4)), float64(rng.IntN(9)-2)*0.25
			c := nCell(n)
			switch kind {
			case Sum:
				c = sCell(sum, n)
			case Unique:
				s := setSketch{}
				for range rng.IntN(4) {
					s.Insert(fmt.Appendf(nil, "u%d", rng.IntN(30)))
				}
				c = uCell(s)
			}
			hourly[h] = c
		}
		if len(hourly) > 0 {
			out[name] = hourly
		}
	}
	return out
}

func TestBreakdown(t *testing.T) {
	RegisterSketch(func() Sketch { return setSketch{} }, func([]byte) (Sketch, error) { return setSketch{}, nil })
	india, err := time.LoadLocation("Asia/Kolkata") // days start on the half hour
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, india)
	rng := rand.New(rand.NewPCG(11, 4))
	for _, kind := range []MeasureKind{Count, Sum, Unique} {
		for _, every := range []Interval{Hourly, Daily} {
			for _, top := range []int{1, 3, 17, 100} { // 17: a heap of kept groups five deep, with groups dropping out
				name := fmt.Sprintf("%s every %s top %d", kind, every, top)
				t.Run(name, func(t *testing.T) {
					q := Query{Measure: Measure{Kind: kind, Prop: "x"}, By: "plan", Top: top, Every: every,
						From: day, To: day.AddDate(0, 0, 3), Loc: india}
					if kind == Count {
						q.Measure = CountMeasure
					}
					from, to := q.Hours()
					for round := range 20 {
						groups := randomGroups(rng, kind, 2+rng.IntN(40), from, int(to-from))
						want, err := naiveGroups(q, groups)
						if err != nil {
							t.Fatal(err)
						}
						got, err := FillGroups(q, groups)
						if err != nil {
							t.Fatal(err)
						}
						if !reflect.DeepEqual(got, want) {
							t.Fatalf("round %d:\n got %s\nwant %s", round, describe(got), describe(want))
						}
						// Any walk order gives the same result (quarters add up exactly in any order).
						{
							names := make([]string, 0, len(groups))
							for g := range groups {
								names = append(names, g)
							}
							rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
							again, err := Breakdown(q, func(visit func(string, map[Hour]*Cell) error) error {
								for _, g := range names {
									if err := visit(g, groups[g]); err != nil {
										return err
									}
								}
								return nil
							})
							if err != nil {
								t.Fatal(err)
							}
							if !reflect.DeepEqual(again, want) {
								t.Fatalf("round %d, shuffled walk:\n got %s\nwant %s", round, describe(again), describe(want))
							}
						}
					}
				})
			}
		}
	}
	t.Run("a group that ties the last place goes by value", func(t *testing.T) {
		q := Query{Measure: CountMeasure, By: "plan", Top: 2, Every: Daily, From: day, To: day.AddDate(0, 0, 1), Loc: india}
		h := HourOf(day) + 1 // the day's first whole hour
		r, err := FillGroups(q, map[string]map[Hour]*Cell{"b": {h: nCell(5)}, "c": {h: nCell(5)}, "a": {h: nCell(5)}, "z": {h: nCell(9)}})
		if err != nil {
			t.Fatal(err)
		}
		if got := describe(r); got != "all [24] = 24; z [9] = 9; a [5] = 5; (other) [10] = 10; folded=false" {
			t.Errorf("got %s", got)
		}
	})
}

// describe writes a result on one line, for messages.
func describe(r *Result) string {
	s := "all " + fmt.Sprint(values(r.Points)) + " = " + fmt.Sprint(r.Total)
	for _, g := range r.Groups {
		s += "; " + g.Value + " " + fmt.Sprint(values(g.Points)) + " = " + fmt.Sprint(g.Total)
	}
	return s + fmt.Sprintf("; folded=%v", r.Folded)
}

func values(ps []Point) []float64 {
	out := make([]float64, len(ps))
	for i, p := range ps {
		out[i] = p.Value
	}
	return out
}
