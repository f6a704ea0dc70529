package storetest

import (
	"bufio"
	"context"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// wordSource is a build.Source of files of one event name a line.
type wordSource map[string]string

func (w wordSource) List(context.Context) ([]build.FileInfo, error) {
	var out []build.FileInfo
	for k, v := range w {
		out = append(out, build.FileInfo{Key: k, Size: int64(len(v))})
	}
	slices.SortFunc(out, func(a, b build.FileInfo) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}

func (w wordSource) Open(_ context.Context, key string) (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader(w[key])), nil
}

// parseWords counts each line as an event of that name in the suite's
// hour, with a property path, as a parser does that holds no more names
// than the batch's build.Names leaves room for.
func parseWords(r io.Reader, b *build.Batch) error {
	sc := bufio.NewScanner(r)
	fresh := map[string]bool{}
	for sc.Scan() {
		name := sc.Text()
		b.Stats.Lines++
		if n := b.Names; n != nil && !n.Known(name) && !fresh[name] {
			if len(fresh) >= n.Room() {
				b.Stats.Reject(build.RejectTooManyNames)
				continue
			}
			fresh[name] = true
		}
		b.Stats.Accepted++
		b.Counts[build.EventHour{Event: name, Hour: hour("2026-11-25T14:00:00Z")}]++
		b.Props[build.EventProp{Event: name, Path: "plan"}] = true
	}
	return sc.Err()
}

// testEventNames runs build.Ingest over the store with a cap on event
// names: the store's own names stay admitted, a new name takes a place
// while there is one (the most frequent of a file first), the rest are
// rejected and counted, and a name a rollup asks for passes the cap.
func testEventNames(t *testing.T, st build.Store) {
	ctx := context.Background()
	ingest := func(limit int, files wordSource, rollups ...build.Rollup) *build.IngestReport {
		t.Helper()
		rep, err := build.Ingest(ctx, files, st, parseWords, build.IngestOptions{MaxEventNames: limit, Rollups: rollups, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	names := func() []string {
		t.Helper()
		var out []string
		for _, e := range mustEvents(t, st) {
			out = append(out, e.Event)
		}
		return out
	}
	// A parser keeps the first names of a file that the cap had room for
	// when the ingest started.
	rep := ingest(2, wordSource{"a": "x1\nx2\nx1\nx3\nx3\nx1\n"})
	if got := rep.Rejected[build.RejectTooManyNames]; got != 2 || rep.Accepted != 4 {
		t.Errorf("first file: accepted %d, rejected %v; want 4, and x3's 2 lines as %q", rep.Accepted, rep.Rejected, build.RejectTooManyNames)
	}
	if got := names(); !slices.Equal(got, []string{"x1", "x2"}) {
		t.Errorf("names %v, want x1 and x2", got)
	}
	rep = ingest(2, wordSource{"b": "x3\nx1\nx4\nx4\n", "c": "x2\nx5\n"})
	if got := rep.Rejected[build.RejectTooManyNames]; got != 4 || rep.Accepted != 2 {
		t.Errorf("a full store: accepted %d, rejected %v; want x1 and x2 kept, 4 lines rejected", rep.Accepted, rep.Rejected)
	}
	// Files are admitted in the listing's order: b takes a place, and of
	// c's two new names the more frequent takes the last.
	wanted := build.Rollup{Event: "asked", Measure: build.CountMeasure, By: "plan"}
	rep = ingest(4, wordSource{"d": "x6\n", "e": "x3\nx5\nx5\nasked\n"}, wanted)
	if got := rep.Rejected[build.RejectTooManyNames]; got != 1 || rep.Accepted != 4 {
		t.Errorf("two more places: accepted %d, rejected %v; want x6, x5 (the more frequent) and asked kept, x3 rejected", rep.Accepted, rep.Rejected)
	}
	if got := names(); !slices.Equal(got, []string{"asked", "x1", "x2", "x5", "x6"}) {
		t.Errorf("names %v, want asked, x1, x2, x5, x6", got)
	}
	for _, e := range mustEvents(t, st) {
		if !slices.Equal(e.Props, []string{"plan"}) {
			t.Errorf("%s: properties %v, want [plan]", e.Event, e.Props)
		}
	}
}

func mustEvents(t *testing.T, st build.Store) []build.EventInfo {
	t.Helper()
	infos, err := st.Events(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return infos
}
