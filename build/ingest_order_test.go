package build_test

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	. "github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// orderStore is the in-memory store, recording the order batches are
// applied in.
type orderStore struct {
	*storetest.Memory
	mu    sync.Mutex
	order []string
}

func (o *orderStore) Apply(ctx context.Context, b *Batch) error {
	o.mu.Lock()
	o.order = append(o.order, b.ID)
	o.mu.Unlock()
	return o.Memory.Apply(ctx, b)
}

// ApplyAll records the batches in the order it applies them.
func (o *orderStore) ApplyAll(ctx context.Context, bs []*Batch) error {
	o.mu.Lock()
	for _, b := range bs {
		o.order = append(o.order, b.ID)
	}
	o.mu.Unlock()
	return o.Memory.ApplyAll(ctx, bs)
}

// slowFirst holds back the first file of its sorted listing until gate
// closes, and counts the files opened.
type slowFirst struct {
	memSource
	gate   chan struct{}
	opened atomic.Int64
}

func (s *slowFirst) List(ctx context.Context) ([]FileInfo, error) {
	fs, err := s.memSource.List(ctx)
	sort.Slice(fs, func(i, j int) bool { return fs[i].Key < fs[j].Key })
	return fs, err
}

func (s *slowFirst) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	s.opened.Add(1)
	if key == "f000" {
		select {
		case <-s.gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return s.memSource.Open(ctx, key)
}

// TestIngest_Order: files are applied in the order of the listing however
// the parsers race (which groups the cardinality cap keeps depends on it),
// and a slow file holds at most a window of others parsed ahead of it.
func TestIngest_Order(t *testing.T) {
	src := &slowFirst{memSource: memSource{}, gate: make(chan struct{})}
	var want []string
	for i := range 100 {
		k := fmt.Sprintf("f%03d", i)
		src.memSource[k] = "x\n"
		want = append(want, k)
	}
	st := &orderStore{Memory: storetest.NewMemory()}
	const workers = 2
	done := make(chan error, 1)
	go func() {
		_, err := Ingest(context.Background(), src, st, parseWords, IngestOptions{Workers: workers, GroupFor: time.Millisecond})
		done <- err
	}()
	for src.opened.Load() < 8*workers {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // a run that ignores the window opens more meanwhile
	if n := src.opened.Load(); n != 8*workers {
		t.Errorf("%d files opened while the first was held back; want the window, %d", n, 8*workers)
	}
	close(src.gate)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(st.order, want) {
		t.Fatalf("applied in the order %v, want the listing's", st.order)
	}
}
