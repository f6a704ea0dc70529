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
func (f *fakeStore) Applied(context.Context, string) ([]string, error) { return nil, nil }
func (f *fakeStore) Events(context.Context) ([]build.EventInfo, error) { return nil, nil }
func (f *fakeStore) Health(context.Context) ([]build.HealthDay, error) { return nil, nil }
func (f *fakeStore) Declare(context.Context, []build.Rollup) error     { return nil }
func (f *fakeStore) Declared(context.Context) ([]build.Rollup, error)  { return nil, nil }
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
		hourly := func(salt int64) map[build.Hour]float64 {
			m := map[build.Hour]float64{}
			for hr := from; hr < to; hr++ {
				m[hr] = float64((seed + salt + int64(hr)*7) % 53)
			}
			return m
		}
		if q.By == "" {
			return build.Fill(q, hourly(0)), nil
		}
		// A breakdown: three made-up groups, the largest first.
		all := map[build.Hour]float64{}
		r := &build.Result{Query: q}
		groups := []string{"pro", "free", "team"}
		if q.By == "xss" { // hostile property values
			groups = []string{"</script><script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, "=cmd|' /C calc'!A0"}
		}
		for i, g := range groups {
			part := build.Fill(q, hourly(int64(i*11)))
			r.Groups = append(r.Groups, build.Group{Value: g, Points: part.Points, Total: part.Total})
			for h, v := range hourly(int64(i * 11)) {
				all[h] += v
			}
		}
		whole := build.Fill(q, all)
		r.Points, r.Total = whole.Points, whole.Total
		return r, nil
	}}
}
