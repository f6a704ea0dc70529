package build

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkFoldPattern folds a file of 20,000 events of 50 names (a
// Segment file of a busy hour) with sum(revenue) kept for every name:
// declared once as a pattern (event "*"), or once per name, as a site
// had to before patterns. The pattern makes the same rollups, once per
// name the file holds, so it should cost what the 50 declarations cost.
func BenchmarkFoldPattern(b *testing.B) {
	const names, events = 50, 20000
	var sb strings.Builder
	for i := range events {
		fmt.Fprintf(&sb, "Event%02d %d revenue=%d plan=p%d\n", i%names, i%60, i%97, i%3)
	}
	lines := sb.String()
	sums := foldRollup(b, AnyEvent, "sum(revenue)", "")
	each := []Rollup{BaseRollup}
	for n := range names {
		each = append(each, sums.For(fmt.Sprintf("Event%02d", n)))
	}
	for _, c := range []struct {
		name    string
		rollups []Rollup
	}{{"pattern", []Rollup{BaseRollup, sums}}, {"declared", each}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(lines)))
			for b.Loop() {
				batch := fold(b, lines, FoldOptions{}, 0, c.rollups...)
				if len(batch.Cells) != names { // one hour of each name's sum
					b.Fatalf("%d cells, want %d", len(batch.Cells), names)
				}
			}
		})
	}
}
