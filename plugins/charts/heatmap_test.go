package charts

import (
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

func TestHeat_SumRounding(t *testing.T) {
	q, err := build.QuerySpec{Event: "Order Completed", Measure: "sum(revenue)", Every: "hour", Range: "2026-02-16..2026-03-02"}.Resolve("h", now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	monday := build.HourOf(time.Date(2026, 2, 16, 9, 0, 0, 0, time.UTC))
	r := build.Fill(q, map[build.Hour]float64{monday: 0.1, monday + 7*24: 0.2}) // Monday 09:00 twice
	cells := heat(r, completenessOf(&build.Site{}, r))
	if got := cells[0][9]; got != 0.3 {
		t.Fatalf("Monday 09:00 = %v, want 0.3", got)
	}
}
