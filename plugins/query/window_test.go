package query

import (
	"math"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// TestRolling: the first buckets of a rolling query are full windows,
// read from before the range; the totals stay the range's.
func TestRolling(t *testing.T) {
	st := shop(t, orders...)
	p, err := run(t, st, nil, map[string]build.QuerySpec{
		"orders":  {Event: "Order Completed", Range: "last 7 days", Rolling: "3 days", Compare: "previous period"},
		"revenue": {Event: "Order Completed", Measure: "sum(revenue)", Range: "last 7 days", Rolling: "72 hours"},
		"plans":   {Event: "Order Completed", By: "plan", Range: "last 7 days", Rolling: "2 days"},
		"hourly":  {Event: "Order Completed", Every: "hour", Range: "today", Rolling: "2 hours"},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Daily orders from 02-24: 0 0 | 3 1 0 2 0 0 1 (the range starts 02-26).
	o := p.Data["orders"]
	if got, want := show(o.Points), "1 1.33333333333 1.33333333333 1 0.666666666667 0.666666666667 0.333333333333"; got != want {
		t.Fatalf("orders %s, want %s", got, want)
	}
	if o.Total != 7 || o.Query.Rolling != 3 || o.Query.From.Format("2006-01-02") != "2026-02-26" {
		t.Fatalf("orders %+v", o)
	}
	// The previous period rolls the same way: daily from 02-17:
	// 0 0 | 2 0 1 0 0 0 0.
	if got, want := show(o.Previous.Points), "0.666666666667 0.666666666667 1 0.333333333333 0.333333333333 0 0"; got != want {
		t.Fatalf("previous %s, want %s", got, want)
	}
	if o.Previous.Total != 3 || o.Previous.Query.From.Format("2006-01-02") != "2026-02-19" {
		t.Fatalf("previous %+v", o.Previous)
	}
	// Revenue by day from 02-24: 0 0 | 120 45 0 30.3 0 0 5.
	r := p.Data["revenue"]
	if got, want := show(r.Points), "40 55 55 25.1 10.1 10.1 1.66666666667"; got != want {
		t.Fatalf("revenue %s, want %s", got, want)
	}
	if r.Total != 200.3 {
		t.Fatalf("revenue total %v", r.Total)
	}
	// A breakdown's groups roll too. pro by day from 02-25: 0 | 1 1 0 2 0 0 0;
	// free: 0 | 2 0 0 0 0 0 1.
	pl := p.Data["plans"]
	if len(pl.Groups) != 2 || pl.Groups[0].Value != "pro" || pl.Groups[1].Value != "free" {
		t.Fatalf("groups %+v", pl.Groups)
	}
	if got, want := show(pl.Groups[0].Points), "0.5 1 0.5 1 1 0 0"; got != want {
		t.Fatalf("pro %s, want %s", got, want)
	}
	if got, want := show(pl.Groups[1].Points), "1 1 0 0 0 0 0.5"; got != want {
		t.Fatalf("free %s, want %s", got, want)
	}
	if pl.Groups[0].Total != 4 || pl.Groups[1].Total != 3 || pl.Total != 7 {
		t.Fatalf("totals %v %v %v", pl.Groups[0].Total, pl.Groups[1].Total, pl.Total)
	}
	// Hours: today is 03-04, one order at 01:00; the window reaches 23:00
	// of the day before.
	h := p.Data["hourly"]
	if len(h.Points) != 24 || h.Points[0].Value != 0 || h.Points[1].Value != 0.5 || h.Points[2].Value != 0.5 || h.Points[3].Value != 0 {
		t.Fatalf("hourly %s", show(h.Points))
	}
	if !h.Points[0].Time.Equal(time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("hourly starts %v", h.Points[0].Time)
	}
	// The store was asked for each range with the window before it, and
	// for the range itself (its totals), in the order of the names.
	var from []string
	for _, q := range st.asked {
		if q.Rolling != 0 || q.Cumulative {
			t.Fatalf("the store was asked for %+v", q)
		}
		from = append(from, q.From.Format("01-02T15"))
	}
	if got, want := join(from), "03-03T23,03-04T00,02-24T00,02-26T00,02-17T00,02-19T00,02-25T00,02-26T00,02-24T00,02-26T00"; got != want {
		t.Fatalf("asked from %s, want %s", got, want)
	}
}

// TestRoll: gaps are left out of a window's mean; a window of gaps only
// is a gap; a window longer than the data reads what there is.
func TestRoll(t *testing.T) {
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	pts := func(vals ...float64) []build.Point {
		out := make([]build.Point, len(vals))
		for i, v := range vals {
			out[i] = build.Point{Time: at.AddDate(0, 0, i), Value: v, Gap: math.IsNaN(v)}
			if out[i].Gap {
				out[i].Value = 0
			}
		}
		return out
	}
	nan := math.NaN()
	for _, tc := range []struct {
		in   []build.Point
		lead int
		w    int
		want string
	}{
		{pts(1, 2, 3, 4, 5), 2, 3, "2 3 4"},
		{pts(nan, 2, nan, 4, nan, nan, nan), 2, 3, "2 3 4 4 -"},
		{pts(nan, nan, 6), 0, 2, "- - 6"},
		{pts(1, 2), 0, 5, "1 1.5"},
		{pts(0.1, 0.2, 0.3, 0.4), 1, 2, "0.15 0.25 0.35"},
		{pts(1e16, 1, -1e16, 1, 1), 2, 2, "-5e+15 -5e+15 1"},
	} {
		got := roll(tc.in, tc.lead, tc.w)
		if s := show(got); s != tc.want {
			t.Errorf("roll %v lead %d w %d: %s, want %s", show(tc.in), tc.lead, tc.w, s, tc.want)
		}
		if len(got) > 0 && !got[0].Time.Equal(tc.in[tc.lead].Time) {
			t.Errorf("starts %v", got[0].Time)
		}
	}
	// A long slide over values of all sizes ends where a fresh sum of the
	// last window does.
	var vals []float64
	for i := range 5000 {
		vals = append(vals, math.Pow(10, float64(i%13))*1.1+0.01*float64(i))
	}
	got := roll(pts(vals...), 0, 7)
	var fresh float64
	for _, v := range vals[len(vals)-7:] {
		fresh += v
	}
	if last := got[len(got)-1].Value; last != build.RoundSum(fresh/7) {
		t.Fatalf("last window %v, a fresh sum gives %v", last, build.RoundSum(fresh/7))
	}
}

func TestCumulative(t *testing.T) {
	st := shop(t, orders...)
	p, err := run(t, st, nil, map[string]build.QuerySpec{
		"orders":  {Event: "Order Completed", Range: "last 7 days", Cumulative: true, Compare: "previous period"},
		"revenue": {Event: "Order Completed", Measure: "sum(revenue)", Range: "last 7 days", Cumulative: true},
		"plans":   {Event: "Order Completed", By: "plan", Range: "last 7 days", Cumulative: true},
		"plain":   {Event: "Order Completed", Range: "last 7 days"},
	})
	if err != nil {
		t.Fatal(err)
	}
	o := p.Data["orders"]
	if got, want := show(o.Points), "3 4 4 6 6 6 7"; got != want || o.Total != 7 || !o.Query.Cumulative {
		t.Fatalf("orders %s %v, want %s", got, o.Total, want)
	}
	if got, want := show(o.Previous.Points), "2 2 3 3 3 3 3"; got != want || o.Previous.Total != 3 {
		t.Fatalf("previous %s, want %s", got, want)
	}
	if got, want := show(p.Data["revenue"].Points), "120 165 165 195.3 195.3 195.3 200.3"; got != want {
		t.Fatalf("revenue %s, want %s", got, want)
	}
	pl := p.Data["plans"]
	if got, want := show(pl.Groups[0].Points)+" / "+show(pl.Groups[1].Points), "1 2 2 4 4 4 4 / 2 2 2 2 2 2 3"; got != want {
		t.Fatalf("plans %s, want %s", got, want)
	}
	// The store's answer, shared by the cache, is left as it was.
	if got, want := show(p.Data["plain"].Points), "3 1 0 2 0 0 1"; got != want {
		t.Fatalf("plain %s, want %s", got, want)
	}
}

// TestRolling_Ranking: the window before the range may rank another group
// first; each group's total is still its sum over the range.
func TestRolling_Ranking(t *testing.T) {
	st := shop(t, append([]order{{"2026-02-24T01", "free", 1}, {"2026-02-24T02", "free", 1}, {"2026-02-24T03", "free", 1}}, orders...)...)
	p, err := run(t, st, nil, map[string]build.QuerySpec{
		"plans": {Event: "Order Completed", By: "plan", Top: 1, Range: "last 7 days", Rolling: "3 days"},
	})
	if err != nil {
		t.Fatal(err)
	}
	pl := p.Data["plans"]
	if len(pl.Groups) != 2 || pl.Groups[0].Value != "free" || pl.Groups[1].Value != build.OtherGroup {
		t.Fatalf("groups %+v", pl.Groups)
	}
	// free by day from 02-24: 3 0 | 2 0 0 0 0 0 1; pro is (other).
	if got, want := show(pl.Groups[0].Points), "1.66666666667 0.666666666667 0.666666666667 0 0 0 0.333333333333"; got != want {
		t.Fatalf("free %s, want %s", got, want)
	}
	if pl.Groups[0].Total != 3 || pl.Groups[1].Total != 4 || pl.Total != 7 || pl.Groups[0].TotalGap || pl.Groups[1].TotalGap {
		t.Fatalf("totals %+v", pl.Groups)
	}
}
