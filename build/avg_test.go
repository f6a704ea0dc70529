package build

import (
	"math"
	"testing"
	"time"
)

func TestAvg_ReadsSum(t *testing.T) {
	m, err := ParseMeasure("avg(revenue)")
	if err != nil || m.String() != "avg(revenue)" {
		t.Fatalf("ParseMeasure(avg(revenue)) = %v, %v", m, err)
	}
	if got := m.Stored(); got != (Measure{Kind: Sum, Prop: "revenue"}) {
		t.Errorf("avg(revenue) is stored as %v, want sum(revenue)", got)
	}
	q := Query{Event: "Order", Measure: m, By: "plan"}
	if got := q.Rollup().ID(); got != `"Order" sum(revenue) by "plan"` {
		t.Errorf("an avg query reads %s, want the sum rollup", got)
	}
	r, err := ParseRollupID(`"Order" avg(revenue)`)
	if err != nil || r.ID() != `"Order" sum(revenue)` {
		t.Errorf("ParseRollupID of an avg = %v, %v, want the sum rollup", r, err)
	}
	rs, err := RollupSpec{Event: "Order", Measures: []string{"avg(revenue)", "sum(revenue)"}}.Expand()
	if err != nil || len(rs) != 1 || rs[0].ID() != `"Order" sum(revenue)` {
		t.Errorf("rollups: avg and sum of one property = %v, %v, want the one sum rollup", rs, err)
	}
}

func TestAvg_BucketsAndGaps(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	m := Measure{Kind: "avg", Prop: "x"}
	cell := func(vals ...float64) *Cell {
		c, err := NewCell(m.Stored())
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			c.Add(Value{Num: v})
		}
		return c
	}
	h0 := HourOf(day)
	hourly := map[Hour]*Cell{h0: cell(1, 2), h0 + 5: cell(6), h0 + 48: cell(-3, 0.1)}
	q := Query{Event: "E", Measure: m, Every: Daily, From: day, To: day.Add(72 * time.Hour)}
	r, err := FillCells(q, hourly)
	if err != nil {
		t.Fatal(err)
	}
	// Day 1: (1+2+6)/3; day 2: no events, a gap; day 3: (-3+0.1)/2.
	want := []Point{{Time: day, Value: 3}, {Time: day.Add(24 * time.Hour), Gap: true}, {Time: day.Add(48 * time.Hour), Value: -1.45}}
	for i, p := range r.Points {
		if p != want[i] {
			t.Errorf("point %d = %+v, want %+v", i, p, want[i])
		}
	}
	if r.Total != RoundSum((9-2.9)/5) || r.TotalGap {
		t.Errorf("total = %v (gap %v), want the mean of all five events, %v", r.Total, r.TotalGap, (9-2.9)/5)
	}
	empty, err := FillCells(q, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !empty.TotalGap || empty.Total != 0 || !empty.Points[0].Gap {
		t.Errorf("an average of no events = %+v, want gaps and a gap total", empty)
	}
	if v := (avgType{}).Of(&sumAgg{}); !math.IsNaN(v) {
		t.Errorf("the average of no events = %v, want NaN", v)
	}
}

func TestAvg_BreakdownRanksByEvents(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	m := Measure{Kind: "avg", Prop: "x"}
	h0 := HourOf(day)
	mk := func(vals ...float64) map[Hour]*Cell {
		c, _ := NewCell(m.Stored())
		for _, v := range vals {
			c.Add(Value{Num: v})
		}
		return map[Hour]*Cell{h0: c}
	}
	// big has the most events and the smallest mean: it ranks first.
	groups := map[string]map[Hour]*Cell{"big": mk(1, 1, 1, 1), "rich": mk(100), "mid": mk(10, 20)}
	q := Query{Event: "E", Measure: m, By: "plan", Top: 2, Every: Daily, From: day, To: day.Add(48 * time.Hour)}
	r, err := FillGroups(q, groups)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 3 || r.Groups[0].Value != "big" || r.Groups[1].Value != "mid" || r.Groups[2].Value != OtherGroup {
		t.Fatalf("groups = %+v, want big, mid, then the rest", r.Groups)
	}
	if r.Groups[0].Total != 1 || r.Groups[1].Total != 15 || r.Groups[2].Total != 100 {
		t.Errorf("group totals = %v %v %v, want each group's mean", r.Groups[0].Total, r.Groups[1].Total, r.Groups[2].Total)
	}
	if !r.Groups[0].Points[1].Gap || r.Total != RoundSum(134.0/7) {
		t.Errorf("day 2 should be a gap and the total the mean of all: %+v", r)
	}
}
