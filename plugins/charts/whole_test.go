package charts

import (
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// TestWholeValues: counts are whole, so their axis has no fractions; sums,
// formulas (ratios) and rolling means are not.
func TestWholeValues(t *testing.T) {
	for _, tc := range []struct {
		q    build.Query
		want bool
	}{
		{build.Query{Measure: build.CountMeasure}, true},
		{build.Query{Measure: build.CountMeasure, Cumulative: true}, true},
		{build.Query{Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}}, false},
		{build.Query{Measure: build.CountMeasure, Formula: "orders / visits"}, false},
		{build.Query{Measure: build.CountMeasure, Rolling: 7}, false},
	} {
		if got := wholeValues(tc.q); got != tc.want {
			t.Errorf("%+v: %v, want %v", tc.q, got, tc.want)
		}
	}
}
