package build

import (
	"math"
	"testing"
)

func TestSeconds(t *testing.T) {
	for _, tc := range []struct {
		s    float64
		want string
	}{
		{0, "0 s"},
		{0.04, "0 s"},
		{0.4, "0.4 s"},
		{2.5, "2.5 s"},
		{45, "45 s"},
		{59.94, "59.9 s"},
		{59.96, "1 min"},
		{60, "1 min"},
		{90, "1 min 30 s"},
		{720, "12 min"},
		{3599.4, "59 min 59 s"},
		{3599.6, "1 h"},
		{3600, "1 h"},
		{7230, "2 h 1 min"},
		{120000, "33 h 20 min"},
		{3600*1500 + 60*5, "1,500 h 5 min"},
		{-90, "-1 min 30 s"},
		{-0.01, "0 s"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "+Inf"},
		{1e300, "2.78e+296 h"},
	} {
		if got := Seconds(tc.s); got != tc.want {
			t.Errorf("Seconds(%v) = %q, want %q", tc.s, got, tc.want)
		}
	}
}
