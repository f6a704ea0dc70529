package serve

import (
	"context"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// hourStore counts hours in one pass (build.HourCounter); listing or
// querying its events fails the test.
type hourStore struct {
	*storetest.Memory
	t     *testing.T
	calls int
}

func (h *hourStore) Events(context.Context) ([]build.EventInfo, error) {
	h.t.Fatal("the gap finder listed the events of a store that counts hours in one pass")
	return nil, nil
}

func (h *hourStore) Query(context.Context, build.Query) (*build.Result, error) {
	h.t.Fatal("the gap finder queried an event of a store that counts hours in one pass")
	return nil, nil
}

func (h *hourStore) HourCounts(_ context.Context, from, _ build.Hour) (map[build.Hour]int64, error) {
	h.calls++
	return map[build.Hour]int64{from: 3}, nil
}

// TestCachedStore_HourCounts: the preview's caching store keeps the
// store's one-pass hour counts, so the ingestion page in serve does not
// fall back to one query per event name.
func TestCachedStore_HourCounts(t *testing.T) {
	inner := &hourStore{Memory: storetest.NewMemory(), t: t}
	st := build.Reader(cachedStore{inner, &cache{results: map[string]*build.Result{}}})
	got, err := build.HourCounts(context.Background(), st, 100, 200)
	if err != nil {
		t.Fatal(err)
	}
	if inner.calls != 1 || got[100] != 3 {
		t.Errorf("%d calls, counts %v; want the store's one pass", inner.calls, got)
	}
}

// TestCachedStore_HourCountsCached: a rebuild with the store unchanged
// asks it for the hour counts once.
func TestCachedStore_HourCountsCached(t *testing.T) {
	inner := &hourStore{Memory: storetest.NewMemory(), t: t}
	c := &cache{}
	c.check("stamp")
	st := cachedStore{inner, c}
	for range 3 {
		if _, err := st.HourCounts(context.Background(), 100, 200); err != nil {
			t.Fatal(err)
		}
	}
	if inner.calls != 1 {
		t.Errorf("%d calls to the store; want 1", inner.calls)
	}
	c.check("another stamp")
	if _, err := st.HourCounts(context.Background(), 100, 200); err != nil || inner.calls != 2 {
		t.Errorf("after the store changed: %d calls, %v; want 2", inner.calls, err)
	}
}
