package health

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// apply applies batches to st.
func apply(t *testing.T, st *storetest.Memory, bs ...*build.Batch) {
	t.Helper()
	for _, b := range bs {
		if err := st.Apply(context.Background(), b); err != nil {
			t.Fatal(err)
		}
	}
}

// day is a batch of one file that arrived on day, with no events.
func day(id, day string) *build.Batch {
	b := build.NewBatch(id)
	b.Stats.Day = day
	return b
}

func TestRun(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 30, 0, 0, time.UTC)
	st := storetest.NewMemory()
	// 2026-11-24: 24 files, 2 MB, 1000 events, 4 rejected; 2026-11-25: 12
	// files, 500 events, 2 rejected.
	first := day("24-00.gz", "2026-11-24")
	first.Size, first.Stats.Accepted, first.Stats.LagSum, first.Stats.LagN, first.Stats.LagMax = 2e6, 1000, 100, 50, 9
	first.Stats.Rejected = map[string]int64{"bad json": 3, "no usable time": 1}
	// Events every hour for four weeks, except Tuesday 2026-11-24 03:00.
	gap := build.HourOf(time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC))
	for h := build.HourOf(now) - 28*24; h < build.HourOf(now); h++ {
		if h != gap {
			first.Counts[build.EventHour{Event: "e", Hour: h}] = 5
		}
	}
	apply(t, st, first)
	for i := 1; i < 24; i++ {
		apply(t, st, day(fmt.Sprintf("24-%02d.gz", i), "2026-11-24"))
	}
	late := day("25-00.gz", "2026-11-25")
	late.Stats.Accepted, late.Stats.Rejected = 500, map[string]int64{"bad json": 2}
	apply(t, st, late)
	for i := 1; i < 12; i++ {
		apply(t, st, day(fmt.Sprintf("25-%02d.gz", i), "2026-11-25"))
	}
	s := &build.Site{Store: st, Now: now}
	if err := New(30).Run(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	if len(s.Pages) != 1 || s.Pages[0].URL != URL {
		t.Fatalf("pages %v", s.Pages)
	}
	p := s.Pages[0]
	if got := p.Data["files"].Total; got != 36 {
		t.Errorf("files total %v, want 36", got)
	}
	rej := p.Data["rejected"]
	if rej.Total != 6 || len(rej.Groups) != 2 || rej.Groups[0].Value != "bad json" || rej.Groups[0].Total != 5 {
		t.Errorf("rejected %v groups %+v", rej.Total, rej.Groups)
	}
	if got := p.Data["lag"].Points[28].Value; got != 2 {
		t.Errorf("mean lag on 2026-11-24 = %v, want 2", got)
	}
	body := string(p.Body)
	for _, q := range []string{"lag", "maxlag"} {
		// The lags are seconds, drawn and tabled as durations (33 h 20 min).
		_, block, _ := strings.Cut(body, "query: "+q+"\n")
		block, _, _ = strings.Cut(block, "```")
		if !strings.HasSuffix(block, "format: duration\n") {
			t.Errorf("the %s chart is not written as a duration:\n%s", q, body)
		}
	}
	if strings.Contains(body, "(seconds)") {
		t.Errorf("a chart still names seconds:\n%s", body)
	}
	if !strings.Contains(body, "- Tue 2026-11-24 03:00 UTC") || strings.Count(body, "\n- ") != 1 {
		t.Errorf("gaps section:\n%s", body[strings.Index(body, "## Gaps"):])
	}

	t.Run("no store, or the site's own page", func(t *testing.T) {
		s := &build.Site{Now: now}
		if err := New(0).Run(context.Background(), s); err != nil || len(s.Pages) != 0 {
			t.Errorf("without a store: %v, %d pages", err, len(s.Pages))
		}
		s = &build.Site{Store: st, Now: now, Pages: []*build.Page{{URL: URL}}}
		if err := New(0).Run(context.Background(), s); err != nil || len(s.Pages) != 1 {
			t.Errorf("with content/ingestion.md: %v, %d pages", err, len(s.Pages))
		}
	})
	t.Run("a store that keeps no ingestion record", func(t *testing.T) {
		s := &build.Site{Store: struct{ build.Reader }{st}, Now: now}
		if err := New(30).Run(context.Background(), s); err != nil || len(s.Pages) != 1 {
			t.Fatalf("%v, %d pages", err, len(s.Pages))
		}
		p := s.Pages[0]
		if p.Data["files"].Total != 0 || p.Data["events"].Total != 0 || !strings.Contains(string(p.Body), "- Tue 2026-11-24 03:00 UTC") {
			t.Errorf("files %v, events %v, want none, and the gap all the same", p.Data["files"].Total, p.Data["events"].Total)
		}
	})
}

// countingStore is the in-memory store that answers the gap finder in
// one pass (build.HourCounter); listing or querying events fails the test.
type countingStore struct {
	*storetest.Memory
	t      *testing.T
	counts map[build.Hour]int64
	calls  int
}

func (c *countingStore) Events(context.Context) ([]build.EventInfo, error) {
	c.t.Fatal("the gap finder listed the events of a store that counts hours in one pass")
	return nil, nil
}
func (c *countingStore) Query(context.Context, build.Query) (*build.Result, error) {
	c.t.Fatal("the gap finder queried an event of a store that counts hours in one pass")
	return nil, nil
}
func (c *countingStore) HourCounts(_ context.Context, from, to build.Hour) (map[build.Hour]int64, error) {
	c.calls++
	out := map[build.Hour]int64{}
	for h, n := range c.counts {
		if h >= from && h < to {
			out[h] = n
		}
	}
	return out, nil
}

func TestGapsOnePass(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 30, 0, 0, time.UTC)
	st := &countingStore{Memory: storetest.NewMemory(), t: t, counts: map[build.Hour]int64{}}
	gap := build.HourOf(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	for h := build.HourOf(now) - 28*24; h < build.HourOf(now); h++ {
		if h != gap {
			st.counts[h] = 3
		}
	}
	s := &build.Site{Store: st, Now: now}
	if err := New(30).Run(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	if st.calls != 1 {
		t.Errorf("HourCounts called %d times, want 1", st.calls)
	}
	body := string(s.Pages[0].Body)
	if !strings.Contains(body, "- Mon 2026-11-23 09:00 UTC") || strings.Count(body, "\n- ") != 1 {
		t.Errorf("gaps section:\n%s", body[strings.Index(body, "## Gaps"):])
	}
}
