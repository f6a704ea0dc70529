package health

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// fakeStore answers Health, Events and Query from fields.
type fakeStore struct {
	build.Store // nil: other methods are not called
	health      []build.HealthDay
	hourly      map[build.Hour]float64 // one event, "e"
}

func (f *fakeStore) Health(context.Context) ([]build.HealthDay, error) { return f.health, nil }
func (f *fakeStore) Events(context.Context) ([]build.EventInfo, error) {
	var first, last build.Hour
	for h := range f.hourly {
		if first == 0 || h < first {
			first = h
		}
		last = max(last, h)
	}
	return []build.EventInfo{{Event: "e", First: first, Last: last}}, nil
}
func (f *fakeStore) Query(_ context.Context, q build.Query) (*build.Result, error) {
	return build.Fill(q, f.hourly), nil
}

func TestRun(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 30, 0, 0, time.UTC)
	st := &fakeStore{
		health: []build.HealthDay{
			{Day: "2026-11-24", Files: 24, Bytes: 2e6, Events: 1000, Rejected: map[string]int64{"bad json": 3, "no usable time": 1}, LagSum: 100, LagN: 50, LagMax: 9},
			{Day: "2026-11-25", Files: 12, Events: 500, Rejected: map[string]int64{"bad json": 2}},
		},
		hourly: map[build.Hour]float64{},
	}
	// Events every hour for four weeks, except Tuesday 2026-11-24 03:00.
	gap := build.HourOf(time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC))
	for h := build.HourOf(now) - 28*24; h < build.HourOf(now); h++ {
		if h != gap {
			st.hourly[h] = 5
		}
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
}

// countingStore answers the gap finder in one pass (build.HourCounter);
// listing or querying events fails the test.
type countingStore struct {
	build.Store
	t      *testing.T
	counts map[build.Hour]int64
	calls  int
}

func (c *countingStore) Health(context.Context) ([]build.HealthDay, error) { return nil, nil }
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
	st := &countingStore{t: t, counts: map[build.Hour]int64{}}
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
