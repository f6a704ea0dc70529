package hll

import (
	"fmt"
	"math"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func TestSketch(t *testing.T) {
	t.Run("small counts are exact", func(t *testing.T) {
		s := New()
		for i := 0; i < 100; i++ {
			s.Insert([]byte(fmt.Sprintf("user-%d", i%40)))
		}
		if got := s.Estimate(); got != 40 {
			t.Errorf("estimate %d, want 40", got)
		}
	})
	t.Run("large counts within 2%", func(t *testing.T) {
		a, b := New(), New()
		for i := 0; i < 200000; i++ {
			a.Insert([]byte(fmt.Sprintf("u%d", i)))
			b.Insert([]byte(fmt.Sprintf("u%d", i+100000))) // half overlap
		}
		if err := a.Merge(b); err != nil {
			t.Fatal(err)
		}
		got := float64(a.Estimate())
		if math.Abs(got-300000)/300000 > 0.02 {
			t.Errorf("merged estimate %v, want 300000 ±2%%", got)
		}
	})
	t.Run("round trip", func(t *testing.T) {
		s := New()
		s.Insert([]byte("a"))
		s.Insert([]byte("b"))
		data, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		back, err := build.UnmarshalSketch(data)
		if err != nil {
			t.Fatal(err)
		}
		if back.Estimate() != 2 {
			t.Errorf("estimate after round trip %d, want 2", back.Estimate())
		}
		if _, err := Unmarshal([]byte{0xff, 1, 2}); err == nil {
			t.Error("garbage unmarshalled without error")
		}
	})
}
