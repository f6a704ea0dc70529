package storetest

import (
	"context"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// wantEvents checks Events against infos, in any order given here; Events
// itself must sort by name in byte order.
func wantEvents(t *testing.T, st build.Store, infos ...build.EventInfo) {
	t.Helper()
	got, err := st.Events(context.Background())
	if err != nil {
		t.Fatalf("Events: %v", err)
	}
	infos = append([]build.EventInfo(nil), infos...)
	sort.Slice(infos, func(i, j int) bool { return infos[i].Event < infos[j].Event })
	if g, w := showEvents(got), showEvents(infos); g != w {
		t.Fatalf("Events:\n got %s\nwant %s", g, w)
	}
}

func showEvents(infos []build.EventInfo) string {
	var b strings.Builder
	for _, e := range infos {
		fmt.Fprintf(&b, "\n  %q total=%d first=%s last=%s", e.Event, e.Total,
			e.First.Time().Format(time.RFC3339), e.Last.Time().Format(time.RFC3339))
		if len(e.Props) > 0 {
			fmt.Fprintf(&b, " props=%q", e.Props)
		}
	}
	return b.String()
}

func testEvents(t *testing.T, st build.Store) {
	wantEvents(t, st) // an empty store has none
	apply(t, st, newBatch("1.gz",
		count{"Zeta", hour("2026-01-01T00:00:00Z"), 1},
		count{"Zeta", hour("2026-01-03T05:00:00Z"), 2},
		count{"alpha", hour("2026-02-01T00:00:00Z"), 5},
		count{"Order Completed", hour("2025-12-31T23:00:00Z"), 3},
		count{"Order Completed", hour("2026-06-01T12:00:00Z"), 4}))
	apply(t, st, newBatch("2.gz",
		count{"Order Completed", hour("2026-03-01T00:00:00Z"), 10},
		count{"Order Completed 2", hour("2026-03-01T00:00:00Z"), 1}))
	apply(t, st, newBatch("1.gz", count{"Zeta", hour("2027-01-01T00:00:00Z"), 50})) // already applied
	wantEvents(t, st,
		build.EventInfo{Event: "Order Completed", Total: 17, First: hour("2025-12-31T23:00:00Z"), Last: hour("2026-06-01T12:00:00Z")},
		build.EventInfo{Event: "Order Completed 2", Total: 1, First: hour("2026-03-01T00:00:00Z"), Last: hour("2026-03-01T00:00:00Z")},
		build.EventInfo{Event: "Zeta", Total: 3, First: hour("2026-01-01T00:00:00Z"), Last: hour("2026-01-03T05:00:00Z")},
		build.EventInfo{Event: "alpha", Total: 5, First: hour("2026-02-01T00:00:00Z"), Last: hour("2026-02-01T00:00:00Z")},
	)
}

func testOddNames(t *testing.T, st build.Store) {
	// Event names are untrusted: JSON may carry NUL (\u0000), markup and
	// separators. Each name stays its own event. The last name looks, to a
	// store that joins name, NUL and hour into one key, like "a" at the
	// hour after h.
	h := hour(day)
	next := binary.BigEndian.AppendUint64(nil, uint64(h+1))
	names := []string{
		"a", "a\x00", "a\x00b", "a\x00\x00\x00\x00\x00\x00\x00\x00\x00", "a b", "a/b", "a#b",
		"ä", "日本語 Event", "<script>alert(1)</script>", "\u2028", "a\x00" + string(next),
	}
	var cs []count
	var infos []build.EventInfo
	for i, name := range names {
		n := int64(i + 1)
		cs = append(cs, count{name, h, n}, count{name, h + 1, 100 * n})
		infos = append(infos, build.EventInfo{Event: name, Total: 101 * n, First: h, Last: h + 1})
	}
	apply(t, st, newBatch("odd.gz", cs...))
	for i, name := range names {
		n := float64(i + 1)
		want(t, query(t, st, name, build.Hourly, "2026-04-30T23:00:00Z", "2026-05-01T03:00:00Z", nil),
			pt{"2026-04-30T23:00:00Z", 0}, pt{"2026-05-01T00:00:00Z", n},
			pt{"2026-05-01T01:00:00Z", 100 * n}, pt{"2026-05-01T02:00:00Z", 0})
	}
	wantEvents(t, st, infos...)
}
