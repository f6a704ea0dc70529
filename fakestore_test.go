package dashsmith_test

import (
	"context"
	"errors"
	"hash/fnv"

	"github.com/dashsmith/dashsmith/build"
)

// fakeStore is a build.Store of function fields; nil fields are not used.
type fakeStore struct {
	QueryFn func(ctx context.Context, q build.Query) (*build.Result, error)
}

func (f *fakeStore) Apply(context.Context, *build.Batch) error {
	return errors.New("fake store: read only")
}
func (f *fakeStore) Applied(context.Context, string) (bool, error)     { return false, nil }
func (f *fakeStore) Events(context.Context) ([]build.EventInfo, error) { return nil, nil }
func (f *fakeStore) Close() error                                      { return nil }
func (f *fakeStore) Query(ctx context.Context, q build.Query) (*build.Result, error) {
	return f.QueryFn(ctx, q)
}

var _ build.Store = (*fakeStore)(nil)

// patterned answers every query with made-up but stable counts: a value per
// hour that depends on the event name and the hour only.
func patterned() *fakeStore {
	return &fakeStore{QueryFn: func(_ context.Context, q build.Query) (*build.Result, error) {
		h := fnv.New32a()
		h.Write([]byte(q.Event))
		seed := int64(h.Sum32() % 97)
		from, to := q.Hours()
		hourly := map[build.Hour]float64{}
		for hr := from; hr < to; hr++ {
			hourly[hr] = float64((seed + int64(hr)*7) % 53)
		}
		return build.Fill(q, hourly), nil
	}}
}
