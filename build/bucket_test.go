package build

import (
	"math"
	"testing"
	"time"
)

func TestFill(t *testing.T) {
	at := func(s string) Hour {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return HourOf(tm)
	}
	t.Run("hours with zeros", func(t *testing.T) {
		q := Query{Every: Hourly, From: at("2026-11-25T13:00:00Z").Time(), To: at("2026-11-25T17:00:00Z").Time(), Loc: time.UTC}
		r := Fill(q, map[Hour]float64{at("2026-11-25T14:00:00Z"): 2, at("2026-11-25T16:00:00Z"): 2, at("2026-11-25T17:00:00Z"): 99})
		want := []float64{0, 2, 0, 2}
		if len(r.Points) != len(want) {
			t.Fatalf("%d points, want %d", len(r.Points), len(want))
		}
		for i, p := range r.Points {
			if p.Value != want[i] {
				t.Errorf("point %d = %v, want %v", i, p.Value, want[i])
			}
		}
		if r.Total != 4 {
			t.Errorf("total %v, want 4", r.Total)
		}
	})
	t.Run("days across DST in New York", func(t *testing.T) {
		ny, _ := time.LoadLocation("America/New_York")
		from := time.Date(2026, 10, 31, 0, 0, 0, 0, ny)
		to := time.Date(2026, 11, 3, 0, 0, 0, 0, ny)
		hourly := map[Hour]float64{}
		for h := HourOf(from); h < HourOf(to); h++ {
			hourly[h] = 1 // one event every hour
		}
		r := Fill(Query{Every: Daily, From: from, To: to, Loc: ny}, hourly)
		want := []float64{24, 25, 24} // November 1 has 25 hours
		for i, p := range r.Points {
			if p.Value != want[i] {
				t.Errorf("day %s = %v, want %v", p.Time.Format(time.RFC3339), p.Value, want[i])
			}
		}
		if got := r.Points[2].Time.Format(time.RFC3339); got != "2026-11-02T00:00:00-05:00" {
			t.Errorf("third bucket starts %s", got)
		}
	})
	t.Run("half-hour zone counts each hour once", func(t *testing.T) {
		india, _ := time.LoadLocation("Asia/Kolkata")
		from := time.Date(2026, 11, 1, 0, 0, 0, 0, india)
		to := time.Date(2026, 11, 4, 0, 0, 0, 0, india)
		hourly := map[Hour]float64{}
		for h := HourOf(from) - 2; h < HourOf(to)+2; h++ {
			hourly[h] = 1
		}
		r := Fill(Query{Every: Daily, From: from, To: to, Loc: india}, hourly)
		if r.Total != 72 {
			t.Errorf("total %v over three days, want 72", r.Total)
		}
	})
	t.Run("weeks start on Monday", func(t *testing.T) {
		got := Truncate(time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC), Weekly, time.UTC) // a Sunday
		if got.Format("2006-01-02 Mon") != "2026-11-23 Mon" {
			t.Errorf("week of Sunday 2026-11-29 starts %s", got.Format("2006-01-02 Mon"))
		}
	})
}

func TestHourOf(t *testing.T) {
	if h := HourOf(time.Date(2026, 11, 25, 14, 59, 59, 990e6, time.UTC)); h.Time().Hour() != 14 {
		t.Errorf("14:59:59.990 is in hour %d", h.Time().Hour())
	}
	if h := HourOf(time.Unix(-1, 0)); h != -1 {
		t.Errorf("HourOf(-1s) = %d, want -1", h)
	}
}

func TestFill_SumRounding(t *testing.T) {
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	h := func(d, hour int) Hour { return HourOf(day.AddDate(0, 0, d).Add(time.Duration(hour) * time.Hour)) }
	revenue := Measure{Kind: Sum, Prop: "revenue"}
	tenth := func(d int) map[Hour]*Cell { // ten events of 0.1, an hour apart
		m := map[Hour]*Cell{}
		for i := 0; i < 10; i++ {
			m[h(d, i)] = sCell(0.1, 1)
		}
		return m
	}
	t.Run("points and total", func(t *testing.T) {
		q := Query{Measure: revenue, Every: Daily, From: day, To: day.AddDate(0, 0, 3), Loc: time.UTC}
		hourly := tenth(0)
		hourly[h(1, 1)] = sCell(25206.4, 1)
		hourly[h(1, 2)] = sCell(0.2, 1)
		hourly[h(2, 1)] = sCell(0.30000000000000004, 3) // noise from ingest, in one cell
		r, err := FillCells(q, hourly)
		if err != nil {
			t.Fatal(err)
		}
		if r.Points[0].Value != 1 || r.Points[1].Value != 25206.6 || r.Points[2].Value != 0.3 || r.Total != 25207.9 {
			t.Errorf("points %v total %v, want 1, 25206.6, 0.3 and 25207.9", r.Points, r.Total)
		}
	})
	t.Run("hourly points", func(t *testing.T) {
		q := Query{Measure: revenue, Every: Hourly, From: h(0, 0).Time(), To: h(0, 2).Time(), Loc: time.UTC}
		r := Fill(q, map[Hour]float64{h(0, 1): 0.30000000000000004})
		if r.Points[1].Value != 0.3 || r.Total != 0.3 {
			t.Errorf("points %v total %v, want 0.3", r.Points, r.Total)
		}
	})
	t.Run("groups", func(t *testing.T) {
		q := Query{Measure: revenue, By: "plan", Top: 1, Every: Daily, From: day, To: day.AddDate(0, 0, 1), Loc: time.UTC}
		r, err := FillGroups(q, map[string]map[Hour]*Cell{
			"pro":  tenth(0),
			"free": {h(0, 1): sCell(0.1, 1), h(0, 2): sCell(0.2, 1)},
			"team": {h(0, 3): sCell(0.1, 1)},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Groups) != 2 || r.Groups[0].Value != "pro" || r.Groups[1].Value != OtherGroup {
			t.Fatalf("groups %+v", r.Groups)
		}
		if g := r.Groups[0]; g.Total != 1 || g.Points[0].Value != 1 {
			t.Errorf("pro: points %v total %v, want 1", g.Points, g.Total)
		}
		if g := r.Groups[1]; g.Total != 0.4 || g.Points[0].Value != 0.4 {
			t.Errorf("(other): points %v total %v, want 0.4", g.Points, g.Total)
		}
		if r.Total != 1.4 || r.Points[0].Value != 1.4 {
			t.Errorf("all: points %v total %v, want 1.4", r.Points, r.Total)
		}
	})
	t.Run("counts are left alone", func(t *testing.T) {
		q := Query{Measure: CountMeasure, Every: Hourly, From: h(0, 0).Time(), To: h(0, 1).Time(), Loc: time.UTC}
		if r := Fill(q, map[Hour]float64{h(0, 0): 0.30000000000000004}); r.Points[0].Value != 0.30000000000000004 {
			t.Errorf("a count was rounded: %v", r.Points[0].Value)
		}
	})
	t.Run("whole sums are exact", func(t *testing.T) {
		q := Query{Measure: Measure{Kind: Sum, Prop: "bytes"}, Every: Daily, From: day, To: day.AddDate(0, 0, 1), Loc: time.UTC}
		r := Fill(q, map[Hour]float64{h(0, 0): 1234567890000, h(0, 1): 123})
		if r.Total != 1234567890123 {
			t.Errorf("total %v, want 1234567890123", r.Total)
		}
	})
}

func TestRoundSum(t *testing.T) {
	for in, want := range map[float64]float64{
		0.9999999999999999: 1, 25206.600000000002: 25206.6, 0.30000000000000004: 0.3, -3.3000000000000003: -3.3,
		114.99: 114.99, 1e-20 / 3: 3.33333333333e-21, 0: 0, 1 << 60: 1 << 60,
	} {
		if got := RoundSum(in); got != want {
			t.Errorf("RoundSum(%v) = %v, want %v", in, got, want)
		}
	}
	if got := RoundSum(math.Inf(1)); !math.IsInf(got, 1) {
		t.Errorf("RoundSum(+Inf) = %v", got)
	}
	if got := RoundSum(math.NaN()); !math.IsNaN(got) {
		t.Errorf("RoundSum(NaN) = %v", got)
	}
}
