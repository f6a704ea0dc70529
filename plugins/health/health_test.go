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
	return []build.EventInfo{{Event: "e"}}, nil
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
