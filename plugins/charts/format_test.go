package charts

import (
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func TestFormatValue(t *testing.T) {
	for _, tc := range []struct {
		v      float64
		format string
		want   string
	}{
		{1234.5, "number", "1,234.5"},
		{0.1234, "percent", "12.3%"},
		{0.5, "percent", "50%"},
		{-0.004, "percent", "-0.4%"},
		{1234.5, "currency", "$1,234.50"},
		{19.99, "currency", "$19.99"},
		{-3, "currency", "-$3.00"},
		{-0.001, "currency", "$0.00"},
		{999, "compact", "999"},
		{12.34, "compact", "12.3"},
		{1234, "compact", "1.2K"},
		{12345, "compact", "12.3K"},
		{123456, "compact", "123K"},
		{999999, "compact", "1M"},
		{-2500000, "compact", "-2.5M"},
		{7.2e9, "compact", "7.2B"},
		{3e15, "compact", "3000T"},
		{45, "duration", "45 s"},
		{720, "duration", "12 min"},
		{120000, "duration", "33 h 20 min"},
	} {
		if got := formatValue(tc.v, tc.format); got != tc.want {
			t.Errorf("formatValue(%v, %s) = %q, want %q", tc.v, tc.format, got, tc.want)
		}
	}
}

func TestChange(t *testing.T) {
	for _, tc := range []struct {
		cur, prev float64
		want      string
	}{
		{412, 368, "up 12%"},
		{97, 100, "down 3%"},
		{1000, 1001, "down 0.1%"},
		{100000, 100001, "no change"},
		{5, 5, "no change"},
		{0, 0, "no change"},
		{7, 0, "up from 0"},
		{0, 7, "down 100%"},
		{300, 100, "up 200%"},
		{-5, -10, "up 50%"},
	} {
		c, ok := changeOf(&build.Result{Total: tc.cur, Previous: &build.Result{Total: tc.prev}})
		if !ok || c.words() != tc.want {
			t.Errorf("%v vs %v: %q, want %q", tc.cur, tc.prev, c.words(), tc.want)
		}
	}
	if _, ok := changeOf(&build.Result{Total: 1}); ok {
		t.Error("a change without a comparison period")
	}
}
