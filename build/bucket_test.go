package build

import (
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
