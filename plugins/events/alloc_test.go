package events

import (
	"bytes"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// TestLine_NoAllocs checks that a common line, once its event, groups and
// cells exist, allocates nothing: with the base counts, property paths, a
// sum, a unique and a breakdown, and with escapes to decode.
func TestLine_NoAllocs(t *testing.T) {
	lines := []string{
		benchLine(1, "2026-11-25T14:03:11.555Z"),
		`{"type":"page","name":"Pric\u0069ng","properties":{"plan":"pro","revenue":"19.99","userId":"x"},` +
			`"userId":"u\u005f1","timestamp":"2026-11-25T14:03:11Z","receivedAt":"2026-11-25T14:03:12Z"}`,
		`{"type":"identify","traits":{"a":[1,2,{"b":null}]},"originalTimestamp":"2026-11-25T09:03:11.5-05:00"}`,
	}
	b := build.NewBatch("allocs", build.BaseRollup,
		rollup(t, "Order Completed", "sum(revenue)", "plan"),
		rollup(t, "Order Completed", "unique(userId)", ""),
		rollup(t, "Order Completed", "count", "context.library.name"),
		rollup(t, "Viewed Pricing Page", "sum(revenue)", "plan"))
	f, err := newFile(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		line := []byte(l)
		f.line(line) // first sight: the event, its groups and cells
		if allocs := testing.AllocsPerRun(100, func() { f.line(line) }); allocs != 0 {
			t.Errorf("%d allocations per line for %s", int(allocs), l)
		}
	}
	if b.Stats.Accepted != 3*101+3 || len(b.Stats.Rejected) != 0 {
		t.Errorf("stats = %+v", b.Stats)
	}
}

// TestParse_AllocsPerFile checks that Parse allocates per file, not per
// line: lines are read in place, not copied.
func TestParse_AllocsPerFile(t *testing.T) {
	allocs := func(n int) float64 {
		var data []byte
		for range n {
			data = append(data, benchLine(1, "2026-11-25T14:03:11.555Z")+"\n"...)
		}
		return testing.AllocsPerRun(10, func() {
			if err := Parse(bytes.NewReader(data), build.NewBatch("allocs")); err != nil {
				t.Fatal(err)
			}
		})
	}
	if few, many := allocs(10), allocs(2000); many > few+2 {
		t.Errorf("%v allocations for 10 lines, %v for 2000", few, many)
	}
}
