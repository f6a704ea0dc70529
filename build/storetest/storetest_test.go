package storetest_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// memStore is the plainest correct store: it checks the suite itself.
type memStore struct {
	mu      sync.Mutex
	counts  map[build.EventHour]int64
	applied map[string]bool
}

func (m *memStore) Apply(ctx context.Context, b *build.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.applied[b.ID] {
		return nil
	}
	for k, n := range b.Counts {
		if n != 0 {
			m.counts[k] += n
		}
	}
	m.applied[b.ID] = true
	return nil
}

func (m *memStore) Applied(_ context.Context, id string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.applied[id], nil
}

func (m *memStore) Query(_ context.Context, q build.Query) (*build.Result, error) {
	if q.Measure != build.MeasureCount {
		return nil, fmt.Errorf("mem: unknown measure %q", q.Measure)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	from, to := q.Hours()
	hourly := map[build.Hour]float64{}
	for h := from; h < to; h++ {
		hourly[h] = float64(m.counts[build.EventHour{Event: q.Event, Hour: h}])
	}
	return build.Fill(q, hourly), nil
}

func (m *memStore) Events(context.Context) ([]build.EventInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	by := map[string]*build.EventInfo{}
	for k, n := range m.counts {
		e := by[k.Event]
		if e == nil {
			e = &build.EventInfo{Event: k.Event, First: k.Hour, Last: k.Hour}
			by[k.Event] = e
		}
		e.Total += n
		e.First, e.Last = min(e.First, k.Hour), max(e.Last, k.Hour)
	}
	var out []build.EventInfo
	for _, e := range by {
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Event < out[j].Event })
	return out, nil
}

func (m *memStore) Close() error { return nil }

func TestRun(t *testing.T) {
	storetest.Run(t, func(t *testing.T) build.Store {
		return &memStore{counts: map[build.EventHour]int64{}, applied: map[string]bool{}}
	})
}
