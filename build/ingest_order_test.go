package build_test

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
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

// gateStore is the in-memory store whose first ApplyAll closes started
// and then waits for gate, recording the size of each commit.
type gateStore struct {
	orderStore
	started, gate chan struct{}
	groups        []int
}

func (g *gateStore) ApplyAll(ctx context.Context, bs []*Batch) error {
	g.mu.Lock()
	first := len(g.groups) == 0
	g.groups = append(g.groups, len(bs))
	g.mu.Unlock()
	if first {
		close(g.started)
		<-g.gate
	}
	return g.orderStore.ApplyAll(ctx, bs)
}

// afterFirst is a source whose files other than f000 open once after is
// closed.
type afterFirst struct {
	memSource
	after  chan struct{}
	opened atomic.Int64
}

func (s *afterFirst) List(ctx context.Context) ([]FileInfo, error) {
	fs, err := s.memSource.List(ctx)
	sort.Slice(fs, func(i, j int) bool { return fs[i].Key < fs[j].Key })
	return fs, err
}

func (s *afterFirst) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if key != "f000" {
		<-s.after
	}
	s.opened.Add(1)
	return s.memSource.Open(ctx, key)
}

// TestIngest_CommitOverlapsParse: while the store commits a group (the
// first file alone), the ingest goes on parsing the files after it, and
// once that commit is done it commits what was parsed meanwhile as one
// group, not a group per GroupFor.
func TestIngest_CommitOverlapsParse(t *testing.T) {
	st := &gateStore{orderStore: orderStore{Memory: storetest.NewMemory()}, started: make(chan struct{}), gate: make(chan struct{})}
	src := &afterFirst{memSource: memSource{}, after: st.started}
	var want []string
	for i := range 100 {
		k := fmt.Sprintf("f%03d", i)
		src.memSource[k] = "x\n"
		want = append(want, k)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Ingest(context.Background(), src, st, parseWords, IngestOptions{Workers: 2, GroupFor: time.Millisecond})
		done <- err
	}()
	deadline := time.Now().Add(10 * time.Second)
	for src.opened.Load() < 100 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := src.opened.Load(); n < 100 {
		t.Errorf("%d of 100 files opened while the first commit ran; want them all", n)
	}
	time.Sleep(50 * time.Millisecond) // the last files parse; timers fire meanwhile
	close(st.gate)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(st.order, want) {
		t.Fatalf("applied in the order %v, want the listing's", st.order)
	}
	if len(st.groups) < 2 || st.groups[0] != 1 || st.groups[1] < 90 {
		t.Errorf("committed in groups of %v; want the first file, then (most of) the 99 parsed while it ran", st.groups)
	}
}

// groupStore is the in-memory store, recording the counters of each
// commit.
type groupStore struct {
	*storetest.Memory
	mu     sync.Mutex
	groups []int
}

func (g *groupStore) ApplyAll(ctx context.Context, bs []*Batch) error {
	n := 0
	for _, b := range bs {
		n += b.Counters()
	}
	g.mu.Lock()
	g.groups = append(g.groups, n)
	g.mu.Unlock()
	return g.Memory.ApplyAll(ctx, bs)
}

// TestIngest_GroupBound: a commit closes once its files hold half of
// MaxGroupCounters, since the next group gathers while it commits; a file
// over that closes its group.
func TestIngest_GroupBound(t *testing.T) {
	src := memSource{}
	per := MaxGroupCounters / 8 // counters of each of most files
	for i := range 20 {
		n := per
		if i == 10 {
			n = MaxGroupCounters // one file over the bound
		}
		var words strings.Builder
		for w := range n {
			fmt.Fprintf(&words, "f%02d-w%06d\n", i, w)
		}
		src[fmt.Sprintf("f%02d", i)] = words.String()
	}
	st := &groupStore{Memory: storetest.NewMemory()}
	if _, err := Ingest(context.Background(), src, st, parseWords, IngestOptions{Workers: 2, MaxEventNames: 1_000_000}); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, n := range st.groups {
		total += n
		big := n >= MaxGroupCounters // the group of the big file
		if (!big && n >= MaxGroupCounters/2+per) || (big && n >= MaxGroupCounters/2+MaxGroupCounters) {
			t.Errorf("a commit of %d counters; want less than half of %d and the file that closed it", n, MaxGroupCounters)
		}
	}
	if total != 19*per+MaxGroupCounters {
		t.Errorf("commits of %v: %d counters in all, want %d", st.groups, total, 19*per+MaxGroupCounters)
	}
}
