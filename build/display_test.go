package build

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDisplay(t *testing.T) {
	t.Run("EveryControl", func(t *testing.T) {
		for _, rng := range [][2]rune{{0x202A, 0x202E}, {0x2066, 0x2069}} {
			for r := rng[0]; r <= rng[1]; r++ {
				in := "a" + string(r) + "b" + string(r)
				want := fmt.Sprintf("a<U+%04X>b<U+%04X>", r, r)
				if got := Display(in); got != want {
					t.Errorf("Display(%+q) = %+q, want %+q", in, got, want)
				}
				if !IsBidiControl(r) {
					t.Errorf("IsBidiControl(%U) = false", r)
				}
			}
		}
	})
	t.Run("Neighbours", func(t *testing.T) {
		// The code points around the ranges, the marks, and the
		// separators are kept as they are.
		for _, r := range []rune{0x2029, 0x2028, 0x202F, 0x2065, 0x206A, 0x200E, 0x200F, 0x061C, 0xFFFD, 'a', 'ש'} {
			in := "x" + string(r) + "y"
			if got := Display(in); got != in {
				t.Errorf("Display(%+q) = %+q, want it kept", in, got)
			}
			if IsBidiControl(r) {
				t.Errorf("IsBidiControl(%U) = true", r)
			}
		}
	})
	t.Run("NoneLeft", func(t *testing.T) {
		// Every code point (surrogates aside): none survives that
		// IsBidiControl names, and Display is idempotent.
		var b strings.Builder
		for r := rune(0); r <= utf8.MaxRune; r++ {
			if utf8.ValidRune(r) {
				b.WriteRune(r)
			}
		}
		all := b.String()
		got := Display(all)
		if strings.ContainsFunc(got, IsBidiControl) {
			t.Fatal("Display left a bidirectional control character")
		}
		if Display(got) != got {
			t.Error("Display(Display(s)) != Display(s)")
		}
		if want := utf8.RuneCountInString(all) - 9 + 9*len("<U+202A>"); utf8.RuneCountInString(got) != want {
			t.Errorf("Display of every code point has %d runes, want %d: only the 9 controls change", utf8.RuneCountInString(got), want)
		}
	})
	t.Run("Unchanged", func(t *testing.T) {
		in := "Order Completed"
		if got := Display(in); got != in {
			t.Errorf("Display(%q) = %q", in, got)
		}
		if n := testing.AllocsPerRun(10, func() { _ = Display(in) }); n != 0 {
			t.Errorf("Display of a plain name allocates %v times, want 0", n)
		}
	})
}
